"""The search field: Whoosh query syntax, search-as-you-type with a debounce, a help popover.

It only reports what was typed; the archive parses the query and says when it could not
(a gentle notice shown under the field, never an error dialog).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

DEBOUNCE_MS = 250
HELP = """<b>Searching</b><table cellspacing="3">
<tr><td><code>troll farm</code></td><td>both words</td></tr>
<tr><td><code>"troll farm"</code></td><td>the exact phrase</td></tr>
<tr><td><code>a OR b</code>, <code>NOT c</code></td><td>either word; leave one out</td></tr>
<tr><td><code>country:AZ</code></td><td>any role; also <code>origin:</code>, <code>target:</code></td></tr>
<tr><td><code>actor:"Internet Research Agency"</code></td><td>attributed actor</td></tr>
<tr><td><code>year:2020</code>, <code>platform:facebook</code></td><td>by year or platform</td></tr>
<tr><td><code>tag:follow-up</code></td><td>your own tags</td></tr>
</table><p>Facets on the left narrow the results further; a search for one country
or actor offers its page.</p>"""


class HelpPopover(QFrame):
    """A small popup with the query syntax; closes on any click outside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        text = QLabel(HELP)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setMinimumWidth(380)
        layout.addWidget(text)


class SearchBar(QWidget):
    """Signals:
    query_changed(str): the text, once typing pauses (or at once on Enter).
    query_submitted(str): Enter was pressed.
    results_focus_requested(): Down was pressed in the field.
    entity_requested(str, str): the user followed the "open the page" hint (kind, key).
    """

    query_changed = Signal(str)
    query_submitted = Signal(str)
    results_focus_requested = Signal()
    entity_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText('Search reports — words, "phrases", country:AZ, actor:…, year:2020')
        self.field.setClearButtonEnabled(True)
        self.field.setObjectName("searchField")
        self.help_button = QToolButton(self)
        self.help_button.setText("?")
        self.help_button.setToolTip("Search syntax")
        self.notice = QLabel(self)
        self.notice.setObjectName("searchNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.hide()
        self.count = QLabel(self)
        self.count.setObjectName("resultCount")
        self._entity: tuple[str, str] | None = None
        self._popover: HelpPopover | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.field, 1)
        row.addWidget(self.help_button)
        row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.notice)

        self.field.textEdited.connect(self._on_field_text_edited)
        self.field.returnPressed.connect(self._on_field_return_pressed)
        self.field.installEventFilter(self)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.help_button.clicked.connect(self._on_help_button_clicked)
        self.notice.linkActivated.connect(self._on_notice_link_activated)

    @property
    def text(self) -> str:
        return self.field.text()

    def set_text(self, text: str, *, run: bool = True) -> None:
        self.field.setText(text)
        if run:
            self._timer.stop()
            self.query_changed.emit(text)

    def focus_search(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def set_result(self, count: int, notice: str | None, entity: tuple[str, str] | None,
                   entity_title: str | None = None) -> None:
        """Show the result count, a notice about the query, and an entity page hint."""
        self.count.setText(f"{count:,} report{'s' if count != 1 else ''}")
        self._entity = entity
        parts = []
        if notice:
            parts.append(f"<span>ⓘ {_escape(notice)}</span>")
        if entity:
            kind, _ = entity
            parts.append(f'<a href="entity">Open the {kind} page for {_escape(entity_title or entity[1])} →</a>')
        self.notice.setText("&nbsp;&nbsp;".join(parts))
        self.notice.setVisible(bool(parts))

    def show_help(self) -> HelpPopover:
        if self._popover is None:
            self._popover = HelpPopover(self)
        self._popover.adjustSize()
        self._popover.move(self.help_button.mapToGlobal(self.help_button.rect().bottomRight())
                           - self._popover.rect().topRight())
        self._popover.show()
        return self._popover

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down:
                self.results_focus_requested.emit()
                return True
        return super().eventFilter(watched, event)

    def _on_field_text_edited(self, _text: str) -> None:
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self.query_changed.emit(self.field.text())

    def _on_field_return_pressed(self) -> None:
        self._timer.stop()
        self.query_changed.emit(self.field.text())
        self.query_submitted.emit(self.field.text())

    def _on_help_button_clicked(self) -> None:
        self.show_help()

    def _on_notice_link_activated(self, _link: str) -> None:
        if self._entity:
            self.entity_requested.emit(*self._entity)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
