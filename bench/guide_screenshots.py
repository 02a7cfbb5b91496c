"""Screenshots for docs/guide.md: importing, searching, correcting (the rest are reused).

Starts the real app on an empty archive, imports resources/samples through the window
(real background task, real import report), searches, and opens the correction dialog.
Grabs the whole screen, so run it under Xvfb with a window manager (title bars, icon):

    Xvfb :99 -screen 0 1280x800x24 & DISPLAY=:99 openbox & DISPLAY=:99 .venv/bin/python bench/guide_screenshots.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SIZE = (1240, 760)
WIDTH = 1100  # saved width: sharp enough to read, small enough for the repo


def main() -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication

    from desktop import app as app_mod
    from desktop.dialogs.fact_dialog import FactDialog
    from desktop.models.fact_tree import Role

    tmp = Path(tempfile.mkdtemp(prefix="atlas-guide-"))
    reports = tmp / "Takedown reports"  # what a user's folder looks like in the report
    shutil.copytree(ROOT / "resources" / "samples", reports)
    args = app_mod.parse_args(["--archive", str(tmp / "archive"), "--settings", str(tmp / "ui.ini")])
    app = app_mod.make_application()
    window = app_mod.build_window(args, app)
    window.resize(*SIZE)
    window.move(20, 20)
    window.show()
    saved: list[Path] = []

    def shot(name: str) -> None:
        image = QGuiApplication.primaryScreen().grabWindow(0).toImage()
        image = image.copy(0, 0, SIZE[0] + 40, SIZE[1] + 60)
        path = OUT / name
        image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation).save(str(path))
        # 256 colours: a screenshot of widgets loses nothing visible, and half its size
        # (ImageMagick quantises cleanly; Qt's own Indexed8 dithers the greys into grain).
        if shutil.which("convert"):
            subprocess.run(["convert", str(path), "-colors", "256", f"PNG8:{path}"], check=True)
        saved.append(OUT / name)

    def when(ready: Callable[[], bool], then: Callable[[], None], wait_ms: int = 600) -> None:
        QTimer.singleShot(200, lambda: QTimer.singleShot(wait_ms, then) if ready()
                          else when(ready, then, wait_ms))

    def start_import() -> None:
        window.imports.import_paths([str(reports)])
        when(lambda: window.last_report is not None and window.last_report.isVisible(),
             grab_import)

    def grab_import() -> None:
        window.last_report.move(window.x() + 300, window.y() + 170)
        QTimer.singleShot(300, lambda: (shot("guide-import.png"), search()))

    def search() -> None:
        window.last_report.close()
        window.search.set_text('"coordinated inauthentic behavior" AND country:RU')
        QTimer.singleShot(1500, grab_search)

    def grab_search() -> None:
        shot("guide-search.png")
        window.table.select_document(window.library.table.ids[0])
        QTimer.singleShot(1200, correct)

    def correct() -> None:
        reader = window.reader
        index = reader.facts_model.index_of_fact(lambda f: f.kind == "count" and f.quote)
        fact = index.data(Role.FACT)
        reader.facts.setCurrentIndex(index)
        reader.select_fact(fact)
        dialog = FactDialog(fact, fact.network, window)
        dialog.value.setText(str(int(fact.value) + 1))
        dialog.note.setText("the platform's own report says one more")
        dialog.resize(460, dialog.sizeHint().height())
        dialog.show()
        dialog.move(window.x() + 380, window.y() + 200)
        QTimer.singleShot(700, lambda: (shot("guide-correct.png"), dialog.close(), finish()))

    def finish() -> None:
        window.close()
        app.quit()

    QTimer.singleShot(1000, start_import)
    app.exec()
    for path in saved:
        print(path)
    return 0 if len(saved) == 3 else 1


if __name__ == "__main__":
    sys.exit(main())
