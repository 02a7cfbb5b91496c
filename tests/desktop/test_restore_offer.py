"""A window opened on a folder whose database went missing offers the newest useful backup,
says what it holds, and opens the restored archive (issue 15, the archive knows itself)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from archive.api import Archive
from desktop import app as desktop_app


def _lost_database(tmp_path: Path) -> Path:
    path = tmp_path / "a"
    with Archive.open(path) as a:
        a.import_text("Meta removed 12 Facebook accounts run from Peru.", "one.txt")
        a.import_text("Twitter suspended 40 accounts in Serbia.", "two.txt")
    (path / "archive.sqlite").unlink()
    return path


def test_a_lost_database_is_offered_back_and_the_window_opens_on_it(tmp_path, monkeypatch, qtbot):
    path = _lost_database(tmp_path)
    asked: list[str] = []
    told: list[str] = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    args = desktop_app.parse_args(["--archive", str(path), "--settings", str(tmp_path / "ui.ini")])
    window = desktop_app.build_window(args, QApplication.instance())
    assert window is not None
    qtbot.addWidget(window)
    (text,) = asked
    assert "database is missing" in text and "2 documents" in text
    assert told and "2 documents" in told[0]
    assert window.session.archive.store.count("document") == 2
    window.close()


def test_saying_no_changes_nothing(tmp_path, monkeypatch):
    path = _lost_database(tmp_path)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    args = desktop_app.parse_args(["--archive", str(path), "--settings", str(tmp_path / "ui.ini")])
    assert desktop_app.build_window(args, QApplication.instance()) is None
    assert not (path / "archive.sqlite").exists()
    assert sum(1 for f in (path / "blobs").glob("??/*") if f.is_file()) == 2
