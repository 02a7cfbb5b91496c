"""Desktop benchmark: window-open time and the longest GUI-thread stall on 2,000 documents.

Builds (or reuses) a 2,000-document archive from bench/corpus.py, then
1. starts the app in a fresh process N times and times process start -> first paint;
2. in one process, runs a QTimer heartbeat (5 ms) while scrolling the result table,
   checking facets and typing searches, and reports the longest gap between beats.

    python bench/desktop_bench.py [--archive DIR] [--docs 2000] [--runs 5]

Uses QT_QPA_PLATFORM=offscreen unless a DISPLAY is set. Prints the figures; no asserts.
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
import sys, time
from desktop import app as app_mod
from PySide6.QtCore import QEvent, QObject, QTimer
args = app_mod.parse_args(["--archive", sys.argv[1], "--settings", sys.argv[2]])
app = app_mod.make_application()
window = app_mod.build_window(args, app)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"PAINT {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False

spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
window.close()
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


def window_open_times(archive: Path, runs: int) -> list[float]:
    times = []
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            settings = Path(tmp) / f"ui{i}.ini"
            t0 = time.time()
            out = subprocess.run([sys.executable, "-c", CHILD, str(archive), str(settings)],
                                 env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
            line = next((ln for ln in out.stdout.splitlines() if ln.startswith("PAINT")), None)
            if line is None:
                raise SystemExit(f"the app did not paint:\n{out.stderr[-2000:]}")
            times.append(float(line.split()[1]) - t0)
    return times


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
    args = p.parse_args()
    archive = Path(args.archive)
    build_archive(archive, args.docs)
    opens = window_open_times(archive, args.runs)
    print(f"window open (process start -> first paint), {args.runs} runs: "
          f"median {statistics.median(opens) * 1000:.0f} ms "
          f"(min {min(opens) * 1000:.0f}, max {max(opens) * 1000:.0f})")
    worst = stalls(archive)
    for name, ms in worst.items():
        print(f"longest GUI-thread stall while {name}: {ms:.0f} ms")
    print(f"longest GUI-thread stall overall: {max(worst.values()):.0f} ms (heartbeat 5 ms)")


if __name__ == "__main__":
    main()
