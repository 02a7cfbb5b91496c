"""What a new, empty archive shows instead of an empty table: how to get reports in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Signals:
    import_requested(): the "Import reports…" button was pressed.
    paste_requested(): the "Paste text as a report" button was pressed.
    """

    import_requested = Signal()
    paste_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("<span style='font-size:18pt; font-weight:600'>This archive is empty</span>")
        text = QLabel(
            "Add takedown reports, threat bulletins and news articles: text, Markdown, HTML, "
            "saved web pages (MHTML), PDF, or a .zip of them. Everything stays on this "
            "computer.<br><br>You can also drop files or folders onto this window.")
        text.setWordWrap(True)
        text.setMaximumWidth(520)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.import_button = QPushButton("Import reports…")
        self.import_button.setDefault(True)
        self.import_button.setMinimumWidth(200)
        self.paste_button = QPushButton("Paste text as a report")
        self.paste_button.setMinimumWidth(200)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for w in (heading, text, self.import_button, self.paste_button):
            layout.addWidget(w, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.paste_button.clicked.connect(self._on_paste_button_clicked)

    def _on_import_button_clicked(self) -> None:
        self.import_requested.emit()

    def _on_paste_button_clicked(self) -> None:
        self.paste_requested.emit()
