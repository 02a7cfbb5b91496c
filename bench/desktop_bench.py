"""Desktop benchmark: cold start to an interactive, filled table, and the longest GUI stall.

Builds (or reuses) an archive from bench/corpus.py (or takes the one given), then
1. starts the app in a fresh process N times and times, from process start: the first
   paint of the window, and the moment the result table is interactive: the first query's
   ids are in the table, its visible rows are loaded and painted, and the event loop is
   free again (what a journalist waits for before the first click);
2. in one process, runs a QTimer heartbeat (5 ms) while scrolling the result table,
   checking facets and typing searches, and reports the longest gap between beats.

    python bench/desktop_bench.py [--archive DIR] [--docs 2000] [--runs 5] [--no-stalls]

Reference in the same run: a bare PySide6 process that opens the same SQLite file, reads
the newest 64 rows into a QTableWidget and paints it (the floor for a Qt table on this
machine). Uses QT_QPA_PLATFORM=offscreen unless a DISPLAY is set. Prints; no asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import resource, sys, time
from desktop import app as app_mod
from PySide6.QtCore import QEvent, QObject, QTimer
args = app_mod.parse_args(["--archive", sys.argv[1], "--settings", sys.argv[2]])
app = app_mod.make_application()
window = app_mod.build_window(args, app)
table = window.table
state = {"painted": False, "answered": False}


def done():
    model = table.model()
    first = model.index(0, 2)
    title = model.data(first) if model.rowCount() else ""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"INTERACTIVE {time.time():.6f} {model.rowCount()} {rss:.0f} {title!r}", flush=True)
    app.quit()


class Spy(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            if obj is window and not state["painted"]:
                state["painted"] = True
                print(f"PAINT {time.time():.6f}", flush=True)
            elif obj is table.viewport() and state["answered"]:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, done)  # the event loop is free again after this paint
        return False


def answered(_outcome):
    state["answered"] = True
    table.viewport().update()  # (an empty result paints too)


spy = Spy()
window.installEventFilter(spy)
table.viewport().installEventFilter(spy)
window.library.query_finished.connect(answered)
window.show()
app.exec()
window.close()
"""

REFERENCE = r"""
import sqlite3, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
app = QApplication([])
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = conn.execute("SELECT coalesce(published, ''), coalesce(title, file), coalesce(publisher, '') "
                    "FROM document ORDER BY published DESC, id LIMIT 64").fetchall()
total = conn.execute("SELECT count(*) FROM document").fetchone()[0]
table = QTableWidget(len(rows), 3)
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        table.setItem(r, c, QTableWidgetItem(value))
table.resize(1280, 820)


class Spy(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print(f"INTERACTIVE {time.time():.6f} {total}", flush=True),
                                          app.quit()))
        return False


spy = Spy()
table.viewport().installEventFilter(spy)
table.show()
app.exec()
"""


def build_archive(path: Path, docs: int) -> None:
    from archive.api import Archive
    from bench.corpus import write_corpus

    if (path / "archive.sqlite").exists():
        with Archive.open(path) as a:
            if a.store.count("document") >= docs:
                return
    with tempfile.TemporaryDirectory() as tmp:
        print(f"building a {docs}-document archive in {path} (once) …", flush=True)
        write_corpus(Path(tmp), docs)
        t = time.perf_counter()
        with Archive.open(path) as a:
            a.import_paths([tmp])
            a.sync_index()
        print(f"  imported in {time.perf_counter() - t:.1f} s", flush=True)


def start_times(archive: Path, runs: int) -> tuple[list[float], list[float], list[float], str]:
    """(first paint, interactive filled table, reference table) seconds, and what showed."""
    paints, ready, refs = [], [], []
    shown = ""
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs + 1):  # the first run warms the page cache and is not counted
            settings = Path(tmp) / f"ui{i}.ini"
            t0 = time.time()
            out = subprocess.run([sys.executable, "-c", CHILD, str(archive), str(settings)],
                                 env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
            lines = {ln.split()[0]: ln.split(maxsplit=2)[1:] for ln in out.stdout.splitlines()
                     if ln.startswith(("PAINT", "INTERACTIVE"))}
            if "INTERACTIVE" not in lines:
                raise SystemExit(f"the app did not show its table:\n{out.stderr[-2000:]}")
            t1 = time.time()
            ref = subprocess.run([sys.executable, "-c", REFERENCE, str(archive / "archive.sqlite")],
                                 env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
            ref_line = next((ln for ln in ref.stdout.splitlines() if ln.startswith("INTERACTIVE")), None)
            if ref_line is None:
                raise SystemExit(f"the reference did not paint:\n{ref.stderr[-2000:]}")
            if i:
                paints.append(float(lines["PAINT"][0]) - t0)
                ready.append(float(lines["INTERACTIVE"][0]) - t0)
                refs.append(float(ref_line.split()[1]) - t1)
            shown = lines["INTERACTIVE"][1]
    return paints, ready, refs, shown


def stalls(archive: Path) -> dict[str, float]:
    """Longest gap between 5 ms heartbeats per phase, in milliseconds."""
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer

    from desktop import app as app_mod

    tmp = tempfile.mkdtemp()
    args = app_mod.parse_args(["--archive", str(archive), "--settings", f"{tmp}/ui.ini"])
    app = app_mod.make_application()
    window = app_mod.build_window(args, app)
    window.show()
    phase = {"name": "open", "last": time.perf_counter()}
    worst: dict[str, float] = {}

    def beat() -> None:
        now = time.perf_counter()
        gap = (now - phase["last"]) * 1000
        worst[phase["name"]] = max(worst.get(phase["name"], 0.0), gap)
        phase["last"] = now

    heart = QTimer()
    heart.setInterval(5)
    heart.timeout.connect(beat)
    facets = window.library.facets
    steps: list[tuple[str, object]] = []
    bar = window.table.verticalScrollBar()
    for i in range(60):
        steps.append(("scrolling", lambda i=i: bar.setValue(int(bar.maximum() * i / 59))))
    for i in range(30):
        steps.append(("reading", lambda i=i: window.table.select_row(i * 37)))
    for facet, n in (("origin", 0), ("origin", 1), ("year", 0), ("platform", 0)):
        steps.append(("filtering", lambda f=facet, n=n: _check(facets, f, n)))
        steps += [("filtering", None)] * 8
    steps.append(("filtering", lambda: facets.clear_checks()))
    steps += [("filtering", None)] * 8
    for query in ("troll", "troll farm", '"Internet Research Agency"', "country:AZ", "year:2020",
                  "propaganda OR election", "(broken AND", "kremlin NOT vaccine", ""):
        for k in range(1, len(query) + 1, 3):  # typed a few characters at a time
            steps.append(("searching", lambda q=query[:k]: window.search.field.setText(q)
                          or window.search._on_field_text_edited(q)))
        steps.append(("searching", lambda q=query: window.search.set_text(q)))
        steps += [("searching", None)] * 6
    steps += [("done", None)] * 4

    def run_steps() -> None:
        if not steps:
            heart.stop()
            app.quit()
            return
        name, fn = steps.pop(0)
        phase["name"] = name
        if callable(fn):
            fn()
        QTimer.singleShot(60, run_steps)

    heart.start()
    QTimer.singleShot(1500, run_steps)  # let the first query land
    app.exec()
    window.close()
    worst.pop("done", None)
    return worst


def _check(facets, facet: str, n: int) -> None:  # noqa: ANN001
    from desktop.models.facets import Role

    group = facets.index(facets.group_row(facet), 0)
    index = facets.index(n, 0, group)
    if index.isValid():
        facets.set_checked(facet, index.data(Role.VALUE), True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--archive", default=str(Path(tempfile.gettempdir()) / "takedown-atlas-bench-2000"))
    p.add_argument("--docs", type=int, default=2000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--no-stalls", action="store_true", help="only the start-up figures")
    args = p.parse_args()
    archive = Path(args.archive)
    build_archive(archive, args.docs)
    paints, ready, refs, shown = start_times(archive, args.runs)
    rows, rss, title = (shown.split(maxsplit=2) + ["", "", ""])[:3]
    print(f"{archive}: {rows} documents in the table; first row {title}; peak RSS {rss} MB")
    print(f"cold start, {args.runs} runs (process start -> ...), median (min-max):")
    print(f"  first paint of the window       {_ms(paints)}")
    print(f"  interactive filled table        {_ms(ready)}")
    print(f"  reference: bare Qt table, 64 rows from the same SQLite file  {_ms(refs)}   "
          f"ratio {statistics.median(ready) / statistics.median(refs):.1f}x")
    if args.no_stalls:
        return
    worst = stalls(archive)
    for name, ms in worst.items():
        print(f"longest GUI-thread stall while {name}: {ms:.0f} ms")
    print(f"longest GUI-thread stall overall: {max(worst.values()):.0f} ms (heartbeat 5 ms)")


def _ms(values: list[float]) -> str:
    return (f"{statistics.median(values) * 1000:6.0f} ms ({min(values) * 1000:.0f}-"
            f"{max(values) * 1000:.0f})")


if __name__ == "__main__":
    main()
