"""Report text into Qt widgets without Qt reading it as markup.

Tooltips, message boxes and AutoText labels guess rich text (Qt::mightBeRichText), and rich
text loads `<img src>` from local files and UNC paths even when nothing else is fetched. So
any text that came from a report, a file name, a tag or an error reaches them through here.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from archive.safe_text import printable


def literal(text: str | None) -> str:
    """*text* as rich text that shows exactly that text: escaped, newlines kept.

    For places whose format cannot be set (tooltips, QMessageBox's static functions);
    being rich text on purpose, long tooltips still wrap. Empty stays empty (no tooltip).
    """
    if not text:
        return ""
    # (controls and bidi overrides are shown, not obeyed: `archive.safe_text`)
    return "<p>" + escape(printable(text), quote=False).replace("\n", "<br>") + "</p>"


def plain_label(label: QLabel) -> QLabel:
    """A label that never reads its text as markup (file names, paths, progress, notices)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
