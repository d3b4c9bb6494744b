"""Benchmark the desktop app's main window on a year-long vault, offscreen, with the real runner.

    PYTHONPATH=desktop python bench/gui_scale.py [--scale 1.0] [--dir DIR] [--part all|window|grid]
                                                 [--grid-items N]

Uses the vault bench/scale.py builds (once per DIR and scale, through the services, cheap KDF:
10,000 cases, 100,000 evidence items in 400 cases, one case topped up to 1,000 items), then in a
child process with QT_QPA_PLATFORM=offscreen times, best of three: unlocking the vault and painting
the case list (the KDF is the cheap test one, timed apart), filtering the list, a search, and
opening the case of 1,000 items (every tab's first page loaded and painted). The vault's key slot
uses the cheap test KDF, so the unlock figure is net of Argon2id's cost. Prints the targets
beside the figures and the child's peak RSS.

The evidence workspace (`--part grid`): one more case is topped up (once, kept in DIR) with small
JPEGs made with Pillow, so each has thumbnails: 5,000 at scale 1, 500 at `--scale 0.1`, or
`--grid-items`. A second child opens it and times, best of three, the first paint of the grid and
of the table with rows, and how long until every thumbnail on screen is shown; then scrolls the grid
a page at a time to the end (waiting at each page for its thumbnails, as someone looking would),
checks that the thumbnail cache decrypted only items that were on screen, and prints the slowest
and median scroll step and the resident memory before and after the scroll, and again after a
second full scroll (flat: the cache is bounded).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402 - the same vault as the CLI bench

CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from sanad.gui import app as app_module
from sanad.gui.main_window import StartWith
from sanad.gui.preferences import Preferences
from sanad.services import access

vault_path, passphrase, case_ref, word, runs = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
FILTER = sys.argv[6]
app = app_module.make_application()
ticker = QTimer()  # wakes pump() at least every 2 ms, to check what it waits for
ticker.start(2)

def pump():
    # Wait for the next event, as the app's own event loop does. A loop calling processEvents()
    # without waiting keeps the GIL from the workers (the database driver lets go of it at every
    # step, then waits to get it back) and slows their reads a hundredfold.
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
window = app_module.build(app, Preferences(), StartWith(vault=vault_path), kdf=access.TEST_KDF)
window.resize(1440, 900)
window.show()
session, runner = window._session, window._runner

def settle(done, seconds=120):
    deadline = time.monotonic() + seconds
    while runner.busy or not done():
        pump()
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

GRID_ITEMS = 5000  # items of the evidence workspace's case at scale 1

GRID_TOP_UP_CHILD = r"""
import io, random, shutil, sys, time
from pathlib import Path
from PIL import Image, ImageDraw
from sanad.services.intake import ingest
from sanad.vault.vault import Vault
root, work, ref, first, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(15 + first)
with Vault.open(root, sys.argv[6]) as vault:
    for start in range(first, first + count, 500):
        folder = work / f"photos-{start}"
        folder.mkdir()
        for n in range(start, min(first + count, start + 500)):
            picture = Image.new("RGB", (160, 120), tuple(rng.randrange(256) for _ in range(3)))
            draw = ImageDraw.Draw(picture)
            for _ in range(3):
                x, y = rng.randrange(140), rng.randrange(100)
                draw.rectangle((x, y, x + rng.randrange(10, 60), y + rng.randrange(10, 40)),
                               fill=tuple(rng.randrange(256) for _ in range(3)))
            draw.text((8, 8), f"{n:05d}", fill=(255, 255, 255))
            buffer = io.BytesIO()
            picture.save(buffer, "JPEG", quality=80)
            (folder / f"photo-{n:05d}.jpg").write_bytes(buffer.getvalue())
        began = time.perf_counter()
        summary = ingest(vault, ref, [folder])
        assert summary.ok, summary.to_json()
        shutil.rmtree(folder)
        done = min(first + count, start + 500)
        rate = (done - start) / (time.perf_counter() - began)
        print(f"  {done - first}/{count} photos: {rate:.0f} files/s", flush=True)
"""

GRID_CHILD = r"""
import json, resource, statistics, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from sanad.gui import app as app_module
from sanad.gui.evidence_tab import VIEW_PROPERTY
from sanad.gui.main_window import StartWith
from sanad.gui.preferences import Preferences
from sanad.services import access

vault_path, passphrase, case_ref, other_ref = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
runs = int(sys.argv[5])
app = app_module.make_application()
ticker = QTimer()  # wakes pump() at least every 2 ms, to check what it waits for
ticker.start(2)

def pump():
    # Wait for the next event, as the app's own event loop does. A loop calling processEvents()
    # without waiting keeps the GIL from the workers (the database driver lets go of it at every
    # step, then waits to get it back) and slows their reads a hundredfold.
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
window = app_module.build(app, Preferences(), StartWith(vault=vault_path), kdf=access.TEST_KDF)
window.resize(1440, 900)
window.show()
session, runner = window._session, window._runner

def rss_mib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

def settle(done, seconds=120):
    deadline = time.monotonic() + seconds
    while runner.busy or not done():
        pump()
        if time.monotonic() > deadline:
            raise SystemExit("the window did not get there within two minutes")

class Paints(QObject):
    # Counts paint events of a view's viewport that happened while it had rows.
    def __init__(self):
        super().__init__()
        self.count = 0
        self.view = None
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.view is not None and self.view.model().rowCount() > 0:
            self.count += 1
        return False

paints = Paints()

def painted_after(action, view_of):
    # Seconds from action() until the view (view_of(result)) has painted rows.
    paints.count = 0
    began = time.perf_counter()
    result = action()
    view = view_of(result)
    paints.view = view
    view.viewport().installEventFilter(paints)
    while paints.count == 0:
        pump()
        if time.perf_counter() - began > 60:
            raise SystemExit("no paint within a minute")
    return time.perf_counter() - began, result

def on_screen(tab):
    # The ERNs the grid shows now: a scan from near the first row shown last time.
    grid, model = tab.grid, tab.model
    area = grid.viewport().rect()
    shown = []
    start = max(0, on_screen.start - 200)
    for row in range(start, model.rowCount()):
        rect = grid.visualRect(model.index(row, 0))
        if rect.intersects(area):
            shown.append(model.item(row).ern)
        elif rect.top() > area.bottom():
            break
    if shown:
        on_screen.start = model.row_of(shown[0])
    return shown
on_screen.start = 0

def away(view):
    # Another case open (the one measured closed), the evidence view chosen, everything settled.
    session.setProperty(VIEW_PROPERTY, view)
    window.open_case(other_ref)
    settle(lambda: True)

def open_on():
    workspace = window.open_case(case_ref)
    workspace.tabs.setCurrentWidget(workspace.evidence)
    return workspace.evidence

window.unlock.passphrase_edit.setText(passphrase)
window.unlock.unlock()
settle(lambda: session.is_open and window.cases.model.rowCount() > 0)
def reloaded(tab):
    tab.reload()  # what a change of filter or sort does: the rows read again, from the first page
    return tab

results = {"grid": [], "table": [], "thumbnails": [], "grid_reload": [], "table_reload": []}
for _ in range(runs):
    away("grid")
    seconds, tab = painted_after(open_on, lambda tab: tab.grid)
    results["grid"].append(seconds)
    began = time.perf_counter()
    settle(lambda: tab.model.rowCount() > 0 and all(tab.cache.known(ern) for ern in on_screen(tab)))
    pump()
    results["thumbnails"].append(seconds + time.perf_counter() - began)
    results["grid_reload"].append(painted_after(lambda: reloaded(tab), lambda tab: tab.grid)[0])
    settle(lambda: True)
    away("table")
    seconds, tab = painted_after(open_on, lambda tab: tab.table)
    results["table"].append(seconds)
    settle(lambda: True)
    results["table_reload"].append(painted_after(lambda: reloaded(tab), lambda tab: tab.table)[0])
    settle(lambda: True)
away("grid")
tab = open_on()
settle(lambda: tab.model.rowCount() > 0 and all(tab.cache.known(ern) for ern in on_screen(tab)))
total = tab.model.total
bar = tab.grid.verticalScrollBar()

def full_scroll():
    # Page by page to the end, waiting at each page for its thumbnails; returns the steps' seconds.
    seen, steps = set(on_screen(tab)), []
    on_screen.start = 0
    while True:
        began = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        pump()
        steps.append(time.perf_counter() - began)
        settle(lambda: all(tab.cache.known(ern) for ern in on_screen(tab)))
        seen.update(on_screen(tab))
        if bar.value() >= bar.maximum() and tab.model.rowCount() >= total:
            return seen, steps

rss_before = rss_mib()
seen, steps = full_scroll()
rss_after = rss_mib()
asked, decrypted, calls = set(tab.cache.asked), tab.cache.decrypted, tab.cache.calls
bar.setValue(0)
settle(lambda: True)
on_screen.start = 0
_seen, steps_again = full_scroll()
rss_again = rss_mib()

away("grid")  # a fresh case: the scroll bar dragged straight to the end, without waiting anywhere
tab = open_on()
settle(lambda: tab.model.rowCount() > 0 and all(tab.cache.known(ern) for ern in on_screen(tab)))
bar, began = tab.grid.verticalScrollBar(), time.perf_counter()
while tab.model.rowCount() < total or bar.value() < bar.maximum():
    bar.setValue(bar.maximum())
    pump()
on_screen.start = 0
settle(lambda: all(tab.cache.known(ern) for ern in on_screen(tab)))
fling = {"fling_seconds": time.perf_counter() - began, "fling_asked": len(tab.cache.asked)}
print(json.dumps({**fling,
    **results, "total": total, "seen": len(seen), "asked": len(asked), "outside": len(asked - seen),
    "decrypted": decrypted, "calls": calls, "held": len(tab.cache), "steps": len(steps),
    "step_max": max(steps + steps_again), "step_median": statistics.median(steps + steps_again),
    "rss_before": rss_before, "rss_after": rss_after, "rss_again": rss_again,
    "rss_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def grid_top_up(root: Path, ref: str, items: int) -> None:
    """Bring `ref` to `items` small photos with thumbnails (once; more later if asked)."""
    marker = root / "bench-plan.json"
    built = json.loads(marker.read_text())
    held = built.get("grid_case", {}).get("items", 0) if built.get("grid_case", {}).get("ref") == ref else 0
    if held >= items:
        return
    print(f"adding {items - held} photos to {ref} for the evidence workspace ...", flush=True)
    work = Path(tempfile.mkdtemp(prefix="scale-src-", dir=root.parent))
    try:
        scale.run(GRID_TOP_UP_CHILD, str(root / "vault"), str(work), ref, str(held), str(items - held),
                  scale.PASSPHRASE, echo=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    marker.write_text(json.dumps({**json.loads(marker.read_text()), "grid_case": {"ref": ref, "items": items}}))


def grid_bench(root: Path, refs: list[str], plan: dict, items: int) -> None:
    grid_case = refs[-plan["item_cases"] - 1]  # no records of its own besides these photos
    grid_top_up(root, grid_case, items)
    env = dict(scale.env_for(root), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", GRID_CHILD, str(root / "vault"), scale.PASSPHRASE, grid_case,
                          scale.SMALL_CASE, str(scale.RUNS)], env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"the evidence workspace bench failed:\n{out.stderr}")
    r = json.loads(out.stdout.splitlines()[-1])
    print(f"\nevidence workspace: a case of {r['total']:,} photos; best of {scale.RUNS}, offscreen, 1440x900")
    print(f"{'operation':48} {'best s':>7}  target")
    for key, label, target in (
        ("grid", "open the case on its grid: first paint with rows", "< 0.3 s"),
        ("table", "open the case on its table: first paint with rows", "< 0.3 s"),
        ("grid_reload", "the grid read again (a filter): first paint", "< 0.3 s"),
        ("table_reload", "the table read again (a filter): first paint", "< 0.3 s"),
        ("thumbnails", "open the case until the thumbnails on screen show", "reference"),
    ):
        print(f"{label:48} {min(r[key]):7.3f}  {target}")
    print(f"scrolling the grid to the end, a page at a time ({r['steps']} pages, twice): slowest step "
          f"{r['step_max'] * 1000:.0f} ms, median {r['step_median'] * 1000:.0f} ms (the next page of rows included)")
    verdict = "only items that were on screen" if r["outside"] == 0 else f"{r['outside']} items never on screen"
    print(f"thumbnails decrypted: {r['asked']:,} items asked in {r['calls']} calls ({r['decrypted']:,} pictures) "
          f"of {r['seen']:,} on screen at some point: {verdict}; {r['held']} held at the end (bound 400)")
    print(f"resident memory: {r['rss_before']:.0f} MiB before the scroll, {r['rss_after']:.0f} MiB after it, "
          f"{r['rss_again']:.0f} MiB after a second full scroll; peak {r['rss_peak']:.0f} MiB")
    print(f"the scroll bar dragged straight to the end: all rows read and the last screen's thumbnails shown in "
          f"{r['fling_seconds']:.2f} s, {r['fling_asked']:,} thumbnails decrypted on the way")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "sanad-bench-scale")
    parser.add_argument("--part", choices=("all", "window", "grid"), default="all")
    parser.add_argument("--grid-items", type=int, default=None,
                        help=f"photos in the evidence workspace's case (default {GRID_ITEMS:,} x scale, at least 500)")
    args = parser.parse_args()
    plan = scale.plan_for(args.scale)
    root = args.dir / f"scale-{args.scale:g}"
    root.parent.mkdir(parents=True, exist_ok=True)
    scale.build(root, plan)
    refs = scale.refs_of(plan)
    scale.top_up(root, refs[-1], plan)
    if args.part in ("all", "window"):
        window_bench(root, refs, plan)
    if args.part in ("all", "grid"):
        grid_bench(root, refs, plan, args.grid_items or max(500, round(GRID_ITEMS * args.scale)))


def window_bench(root: Path, refs: list[str], plan: dict) -> None:
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
