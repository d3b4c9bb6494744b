from sanad.cli.main import main

raise SystemExit(main())
