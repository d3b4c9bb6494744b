from sanad.launcher import main

raise SystemExit(main())
