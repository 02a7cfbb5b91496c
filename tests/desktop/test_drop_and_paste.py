"""Files dropped on the window, and clipboard text, are imported and appear at once."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication

from tests.conftest import SAMPLES


def _mime(paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths] + [QUrl("https://example.org/a.html")])
    return mime


def _drag_enter(mime):
    rest = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    try:
        return QDragEnterEvent(QPointF(10, 10), *rest)  # Qt 6.12 on (QPoint is deprecated)
    except TypeError:
        return QDragEnterEvent(QPoint(10, 10), *rest)  # Qt up to 6.11 (the locked one)


def test_drop_files_and_a_folder(empty_window, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.txt").write_text("Meta removed 12 Facebook accounts from Georgia.", encoding="utf-8")
    one = SAMPLES / "01_meta_cib_report_2020_10.txt"
    mime = _mime([one, folder])
    enter = _drag_enter(mime)
    empty_window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    empty_window.dropEvent(drop)
    assert len(empty_window.library.table.ids) == 2
    assert empty_window.stack.currentWidget() is empty_window.main_splitter
    report = empty_window.last_report
    assert report is not None and report.isVisible() and "2 reports added" in report.summary.text()
    again = _mime([one])  # the event does not own its mime data: keep it alive
    empty_window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, again,
                                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert "1 already in the archive" in empty_window.last_report.summary.text()


def test_paste_text_as_a_report(empty_window):
    QGuiApplication.clipboard().setText("Пример: Meta удалила 40 аккаунтов Facebook в Молдове.")
    empty_window.actions_["paste_document"].trigger()
    assert len(empty_window.library.table.ids) == 1
