"""A bug's details: what went wrong, the traceback, and a button that copies both.

Shown by the excepthook and by the task runner for anything that is not an ArchiveError
(those are the user's environment and get a plain message where they happen). The dialog
is not modal, so a bug in a background task never blocks the window that reports it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from archive import APP_NAME, __version__

log = logging.getLogger(__name__)
_open: list[BugDialog] = []  # shown dialogs, kept alive until closed


def details_of(exc: BaseException, context: str = "") -> str:
    lines = [f"{APP_NAME} {__version__}, Python {sys.version.split()[0]}"]
    if context:
        lines.append(f"While: {context}")
    lines.append("")
    lines += traceback.format_exception(type(exc), exc, exc.__traceback__)
    return "\n".join(line.rstrip("\n") for line in lines)


class BugDialog(QDialog):
    """Internal error: a one-line summary, the details, Copy details and Close."""

    def __init__(self, exc: BaseException, context: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: internal error")
        self.details = details_of(exc, context)
        summary = QLabel(f"Something went wrong inside {APP_NAME} ({type(exc).__name__}). "
                         "Your archive is safe: each change is saved whole or not at all. "
                         "Please send the details below with your report.", self)
        summary.setWordWrap(True)
        self.text = QPlainTextEdit(self.details, self)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMinimumSize(560, 240)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton("Copy details",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.finished.connect(self._on_self_finished)

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")

    def _on_self_finished(self, _result: int) -> None:
        if self in _open:
            _open.remove(self)


def report_bug(exc: BaseException, context: str = "",
               parent: QWidget | None = None) -> BugDialog | None:
    """Log *exc* with its traceback and show the details dialog (if there is an app)."""
    log.error("internal error%s", f" while {context}" if context else "",
              exc_info=(type(exc), exc, exc.__traceback__))
    if QApplication.instance() is None:
        return None
    dialog = BugDialog(exc, context, parent)
    _open.append(dialog)
    dialog.show()
    return dialog


def _excepthook(kind: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    report_bug(exc, "handling an event")


def install_excepthook() -> None:
    """Unhandled exceptions (in slots, too) become a details dialog instead of stderr."""
    sys.excepthook = _excepthook
