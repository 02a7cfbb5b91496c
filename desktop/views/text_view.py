"""A text browser that fetches nothing: no images, no files, no links followed.

Documents are shown as plain text; facts are painted over their sentences with
character formats. Offsets from the archive count code points; Qt counts UTF-16 units.
Should markup ever reach it, every resource (file:, absolute, UNC, remote) is a blank.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

LIGHT = {"count": "#fff1b8", "country": "#d6ecff", "actor": "#ffd9e8", "other": "#e4f5d4",
         "selected": "#ffb347"}
DARK = {"count": "#5c4d12", "country": "#1c3f5e", "actor": "#5a2440", "other": "#2f4a22",
        "selected": "#a0620f"}


_BLANK = QImage(1, 1, QImage.Format.Format_ARGB32)
_BLANK.fill(0)


def utf16_offsets(text: str) -> list[int]:
    """Map each code-point offset (0..len) to its UTF-16 position, for QTextCursor."""
    out = [0] * (len(text) + 1)
    pos = 0
    for i, ch in enumerate(text):
        out[i] = pos
        pos += 2 if ord(ch) > 0xFFFF else 1
    out[len(text)] = pos
    return out


class SafeTextBrowser(QTextBrowser):
    """Signals:
    link_copied(str): a link was clicked and its address copied (never followed).
    """

    link_copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self._offsets: list[int] = [0]
        self.anchorClicked.connect(self._on_self_anchor_clicked)

    def loadResource(self, type: int, name: QUrl | str) -> Any:  # noqa: A002 - Qt's name
        # Nothing is read: no images, style sheets or files. Returning nothing is not enough:
        # Qt's image handler then loads the name itself (QImage::load), so images get a blank.
        if type == QTextDocument.ResourceType.ImageResource.value:
            return _BLANK
        return ""

    def show_text(self, text: str) -> None:
        self.setPlainText(text)
        self._offsets = utf16_offsets(text)

    def _pos(self, offset: int) -> int:
        return self._offsets[max(0, min(offset, len(self._offsets) - 1))]

    def highlight(self, spans: list[tuple[int, int, str]]) -> None:
        """Paint each (start, end, kind) span; later spans win where they overlap."""
        colours = DARK if self.palette().color(QPalette.ColorRole.Base).lightness() < 128 else LIGHT
        selections = []
        for start, end, kind in spans:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._pos(start))
            cursor.setPosition(self._pos(end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(colours.get(kind, colours["other"])))
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor  # type: ignore[attr-defined]
            sel.format = fmt  # type: ignore[attr-defined]
            selections.append(sel)
        self.setExtraSelections(selections)

    def select_span(self, start: int, end: int) -> str:
        """Select [start, end) (code points), scroll it into view, return the selection."""
        cursor = self.textCursor()
        cursor.setPosition(self._pos(end))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        cursor.setPosition(self._pos(start))
        cursor.setPosition(self._pos(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return self.selected_text()

    def selected_text(self) -> str:
        return self.textCursor().selectedText().replace("\u2029", "\n").replace("\u2028", "\n")

    def _on_self_anchor_clicked(self, url: QUrl) -> None:
        QGuiApplication.clipboard().setText(url.toString())
        self.link_copied.emit(url.toString())
