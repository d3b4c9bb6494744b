"""Benchmark the desktop app's main window on a year-long vault, offscreen, with the real runner.

    PYTHONPATH=desktop python bench/gui_scale.py [--scale 1.0] [--dir DIR]

Uses the vault bench/scale.py builds (once per DIR and scale, through the services, cheap KDF:
10,000 cases, 100,000 evidence items in 400 cases, one case topped up to 1,000 items), then in a
child process with QT_QPA_PLATFORM=offscreen times, best of three: unlocking the vault and painting
the case list (the KDF is the cheap test one, timed apart), filtering the list, a search, and
opening the case of 1,000 items (every tab's first page loaded and painted). The vault's key slot
uses the cheap test KDF, so the unlock figure is net of Argon2id's cost. Prints the targets
beside the figures and the child's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402 - the same vault as the CLI bench

CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from sanad.gui import app as app_module
from sanad.gui.main_window import StartWith
from sanad.gui.preferences import Preferences
from sanad.services import access

vault_path, passphrase, case_ref, word, runs = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
FILTER = sys.argv[6]
app = app_module.make_application()
window = app_module.build(app, Preferences(), StartWith(vault=vault_path), kdf=access.TEST_KDF)
window.resize(1440, 900)
window.show()
session, runner = window._session, window._runner

def settle(done, seconds=120):
    deadline = time.monotonic() + seconds
    while runner.busy or not done():
        app.processEvents()
        if time.monotonic() > deadline:
            raise SystemExit("the window did not get there within two minutes")
    window.grab()  # paint what is shown

def timed(action, done):
    began = time.perf_counter()
    action()
    settle(done)
    return time.perf_counter() - began

results = {"open": [], "kdf": [], "filter": [], "search": [], "case": []}
for _ in range(runs):
    began = time.perf_counter()
    opened = access.unlock(vault_path, passphrase)
    results["kdf"].append(time.perf_counter() - began)
    access.close(opened.vault)
    window.unlock.passphrase_edit.setText(passphrase)
    results["open"].append(timed(window.unlock.unlock, lambda: session.is_open and window.cases.model.rowCount() > 0))
    model = window.cases.model
    window.cases.filter.setText(FILTER)
    results["filter"].append(timed(window.cases._apply_filter, lambda: model.total is not None))
    filtered = model.total
    window.show_search()
    results["search"].append(timed(lambda: window.search.set_query(word), lambda: window.search.first_hit().isValid()))
    workspace = []
    def open_case():
        workspace.append(window.open_case(case_ref))
        for index in range(workspace[0].tabs.count()):
            workspace[0].tabs.setCurrentIndex(index)
    results["case"].append(timed(open_case, lambda: workspace[0].evidence.model.rowCount() > 0))
    items_shown = workspace[0].evidence.model.total
    window.search_dock.hide()
    window.cases.filter.clear()
    session.lock()
    settle(lambda: True)
results["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
results["items_shown"] = items_shown
results["filtered"] = filtered
print(json.dumps(results))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "sanad-bench-scale")
    args = parser.parse_args()
    plan = scale.plan_for(args.scale)
    root = args.dir / f"scale-{args.scale:g}"
    root.parent.mkdir(parents=True, exist_ok=True)
    scale.build(root, plan)
    refs = scale.refs_of(plan)
    scale.top_up(root, refs[-1], plan)
    env = dict(scale.env_for(root), QT_QPA_PLATFORM="offscreen")
    needle = refs[len(refs) // 2][:-1]  # a ref without its last digit: about ten cases
    out = subprocess.run([sys.executable, "-c", CHILD, str(root / "vault"), scale.PASSPHRASE, refs[-1], scale.WORD,
                          str(scale.RUNS), needle], env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"the GUI bench failed:\n{out.stderr}")
    results = json.loads(out.stdout.splitlines()[-1])
    print(f"vault: {plan}; the case opened holds {results['items_shown']} items; best of {scale.RUNS}, offscreen")
    print(f"{'operation':48} {'best s':>7}  target")
    for key, label, target in (
        ("open", "unlock and paint the case list", "< 1 s net of the KDF"),
        ("filter", f"filter the case list ({results['filtered']} of {plan['cases']:,} match)", "< 0.2 s"),
        ("search", f"search {scale.WORD} (first page)", "< 0.2 s"),
        ("case", "open a case of 1,000 items (all tabs)", "< 0.5 s"),
    ):
        print(f"{label:48} {min(results[key]):7.3f}  {target}")
    print(f"of which the unlock alone (cheap test KDF, open and checks): {min(results['kdf']):.3f} s; "
          f"peak RSS of the app: {results['rss_mib']:.0f} MiB")


if __name__ == "__main__":
    main()
