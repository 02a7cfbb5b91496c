"""Screenshots for docs/screenshots/: the main window, the reader with facts, a country page.

Builds the sample archive (resources/samples) in a temp folder, opens the real window
and grabs it with QWidget.grab(). Run under Xvfb for real fonts and decorations:

    Xvfb :99 & DISPLAY=:99 .venv/bin/python bench/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SIZE = (1440, 900)


def main() -> int:
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer

    from archive.api import Archive
    from desktop import app as app_mod
    from desktop.models.fact_tree import Role

    tmp = Path(tempfile.mkdtemp(prefix="atlas-shots-"))
    with Archive.open(tmp / "archive") as a:
        a.import_paths([ROOT / "resources" / "samples"])
    args = app_mod.parse_args(["--archive", str(tmp / "archive"), "--settings", str(tmp / "ui.ini")])
    app = app_mod.make_application()
    window = app_mod.build_window(args, app)
    window.resize(*SIZE)
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)

    def pick_document() -> str:
        archive = window.session.archive
        best, score = "", -1
        for doc_id in window.library.table.ids:
            doc = archive.document(doc_id, with_text=False)
            n = sum(len(net["evidence"]) for net in doc["networks"])
            if doc.get("publisher") and n > score:
                best, score = doc_id, n
        return best

    def main_window() -> None:
        window.table.select_document(pick_document())
        QTimer.singleShot(700, grab_main)

    def grab_main() -> None:
        window.grab().save(str(OUT / "main-window.png"))
        reader = window.reader
        model = reader.facts_model
        index = model.index_of_fact(lambda f: f.kind == "count" and f.quote)
        if index is not None:
            reader.facts.setCurrentIndex(index)
            reader.facts.scrollTo(index)
            reader.select_fact(index.data(Role.FACT))
        window.library_splitter.setSizes([160, 740])
        QTimer.singleShot(500, grab_reader)

    def grab_reader() -> None:
        window.grab().save(str(OUT / "reader-with-facts.png"))
        window.library_splitter.setSizes([330, 570])
        window.open_entity("country", "RU")
        QTimer.singleShot(900, grab_country)

    def grab_country() -> None:
        window.grab().save(str(OUT / "country-page.png"))
        window.close()
        app.quit()

    QTimer.singleShot(1200, main_window)
    app.exec()
    for name in ("main-window.png", "reader-with-facts.png", "country-page.png"):
        print(OUT / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
