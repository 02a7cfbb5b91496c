"""The reader: a document's clean text with its facts highlighted and listed beside it.

Clicking a fact selects its sentence. Corrections, tags, notes and stars are asked for
through signals; the window runs them on the writer thread and reloads the document.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.models.fact_tree import FactRow, FactTreeModel, Role
from desktop.views.text_view import SafeTextBrowser

SPAN_KIND = {"count": "count", "audience": "count", "ad_spend": "count", "country": "country",
             "region": "country", "actor": "actor", "operation": "actor"}
PAINT_ORDER = ("other", "country", "actor", "count")  # later kinds are painted on top


class ReaderPane(QWidget):
    """Signals:
    correction_requested(str, dict): document id and Archive.correct() keyword arguments.
    undo_requested(str, int): document id and correction id.
    annotation_requested(str, str, str, dict): doc id, target type, target id, changes
        (any of tags: list, note: str, starred: bool).
    entity_requested(str, str): open a country or actor page.
    original_requested(str, str): document id and "open" or "save".
    edit_requested(str, object, str): doc id, the FactRow or None, and "edit" / "add" / "tags"
        / "note" — the window asks the user with a dialog and answers with the signals above.
    """

    correction_requested = Signal(str, dict)
    undo_requested = Signal(str, int)
    annotation_requested = Signal(str, str, str, dict)
    entity_requested = Signal(str, str)
    original_requested = Signal(str, str)
    edit_requested = Signal(str, object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: dict[str, Any] | None = None
        self.title = QLabel(self)
        self.title.setObjectName("readerTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel(self)
        self.meta.setObjectName("readerMeta")
        self.meta.setWordWrap(True)
        self.star_button = QToolButton(self)
        self.star_button.setCheckable(True)
        self.star_button.setText("☆")
        self.star_button.setToolTip("Star this report")
        self.tags_button = QToolButton(self)
        self.tags_button.setText("Tags…")
        self.note_button = QToolButton(self)
        self.note_button.setText("Note…")
        self.original_button = QToolButton(self)
        self.original_button.setText("Original")
        self.original_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.original_button)
        self._open_action = menu.addAction("Open in default application")
        self._save_action = menu.addAction("Save a copy…")
        self.original_button.setMenu(menu)

        self.text = SafeTextBrowser(self)
        self.text.setObjectName("readerText")
        self.facts_model = FactTreeModel(self)
        self.facts = QTreeView(self)
        self.facts.setObjectName("factList")
        self.facts.setModel(self.facts_model)
        self.facts.setHeaderHidden(True)
        self.facts.setWordWrap(True)
        self.facts.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.edit_button = QPushButton("Edit…", self)
        self.delete_button = QPushButton("Delete", self)
        self.add_button = QPushButton("Add fact…", self)
        self.undo_button = QPushButton("Undo correction", self)
        for b in (self.edit_button, self.delete_button, self.undo_button):
            b.setEnabled(False)

        head = QHBoxLayout()
        texts = QVBoxLayout()
        texts.addWidget(self.title)
        texts.addWidget(self.meta)
        head.addLayout(texts, 1)
        head_buttons: tuple[QWidget, ...] = (self.star_button, self.tags_button,
                                             self.note_button, self.original_button)
        for w in head_buttons:
            head.addWidget(w, 0, Qt.AlignmentFlag.AlignTop)
        fact_side = QWidget(self)
        side = QVBoxLayout(fact_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(QLabel("<b>Facts</b> — click one to see its sentence"))
        side.addWidget(self.facts, 1)
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.delete_button, self.add_button):
            buttons.addWidget(b)
        side.addLayout(buttons)
        side.addWidget(self.undo_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("readerSplitter")
        self.splitter.addWidget(self.text)
        self.splitter.addWidget(fact_side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addWidget(self.splitter, 1)

        self.facts.clicked.connect(self._on_facts_clicked)
        self.facts.doubleClicked.connect(self._on_facts_double_clicked)
        self.facts.customContextMenuRequested.connect(self._on_facts_custom_context_menu_requested)
        self.facts.selectionModel().currentChanged.connect(self._on_facts_current_changed)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        self.star_button.clicked.connect(self._on_star_button_clicked)
        self.tags_button.clicked.connect(self._on_tags_button_clicked)
        self.note_button.clicked.connect(self._on_note_button_clicked)
        self._open_action.triggered.connect(self._on_open_action_triggered)
        self._save_action.triggered.connect(self._on_save_action_triggered)
        self.clear()

    # What the window calls

    @property
    def document_id(self) -> str | None:
        return self.document["id"] if self.document else None

    def clear(self) -> None:
        self.document = None
        self.title.setText("<span style='font-size:13pt'>No report selected</span>")
        self.meta.setText("Select a report in the list to read it with its facts.")
        self.text.show_text("")
        self.facts_model.set_document({}, [])
        for w in (self.star_button, self.tags_button, self.note_button, self.original_button,
                  self.add_button):
            w.setEnabled(False)
        self._on_facts_current_changed(QModelIndex(), QModelIndex())

    def show_document(self, doc: dict[str, Any], corrections: list[dict[str, Any]]) -> None:
        same = self.document is not None and self.document["id"] == doc["id"]
        scroll = self.text.verticalScrollBar().value() if same else 0
        self.document = doc
        title = _escape(doc.get("title") or doc.get("file") or "")
        self.title.setText(f"<span style='font-size:13pt; font-weight:600'>{title}</span>")
        bits = [doc.get("publisher"), doc.get("published"),
                labels.SOURCE_TYPES.get(doc.get("source_type") or "", None), doc.get("file")]
        meta = " · ".join(_escape(str(b)) for b in bits if b)
        if doc.get("tags"):
            meta += " · tags: " + ", ".join(_escape(t) for t in doc["tags"])
        if doc.get("note"):
            meta += f"<br><i>Note: {_escape(doc['note'])}</i>"
        self.meta.setText(meta)
        self.star_button.setChecked(bool(doc.get("starred")))
        self.star_button.setText("★" if doc.get("starred") else "☆")
        for w in (self.star_button, self.tags_button, self.note_button, self.original_button,
                  self.add_button):
            w.setEnabled(True)
        self.text.show_text(doc.get("text") or "")
        self.facts_model.set_document(doc, corrections)
        self.facts.expandAll()
        spans = [(f.start, f.end, SPAN_KIND.get(f.kind, "other"))
                 for f in self.facts_model.facts() if f.start is not None and f.end is not None]
        # Where sentences carry several facts, counts show, then actors, then countries.
        spans.sort(key=lambda s: PAINT_ORDER.index(s[2]))
        self.text.highlight(spans)  # type: ignore[arg-type]
        self.text.verticalScrollBar().setValue(scroll)
        self._on_facts_current_changed(QModelIndex(), QModelIndex())

    def select_fact(self, fact: FactRow) -> str:
        """Scroll to and select the fact's sentence; return the selected text."""
        if fact.start is None or fact.end is None:
            return ""
        return self.text.select_span(fact.start, fact.end)

    def current_fact(self) -> FactRow | None:
        index = self.facts.currentIndex()
        return index.data(Role.FACT) if index.isValid() else None

    def request_correction(self, fact: FactRow | None, action: str, **fields: Any) -> None:
        """Ask for a correction of *fact* (set / delete), or an added fact (fact may be None)."""
        if not self.document:
            return
        if fact is not None:
            args: dict[str, Any] = {"network": fact.network, "action": action, "kind": fact.kind,
                                    "key": fact.key, "role": fact.role}
        else:
            args = {"network": 1, "action": action}
        args.update(fields)
        self.correction_requested.emit(self.document["id"], args)

    # Slots

    def _on_facts_clicked(self, index: QModelIndex) -> None:
        fact = index.data(Role.FACT)
        if fact is not None:
            self.select_fact(fact)

    def _on_facts_double_clicked(self, index: QModelIndex) -> None:
        fact = index.data(Role.FACT)
        if fact is not None and fact.entity:
            self.entity_requested.emit(*fact.entity)

    def _on_facts_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        fact = current.data(Role.FACT) if current.isValid() else None
        correction = current.data(Role.CORRECTION) if current.isValid() else None
        writable = self.document is not None
        self.edit_button.setEnabled(writable and fact is not None)
        self.delete_button.setEnabled(writable and fact is not None)
        self.undo_button.setEnabled(writable and correction is not None)

    def _on_facts_custom_context_menu_requested(self, pos: QPoint) -> None:
        index = self.facts.indexAt(pos)
        if not index.isValid() or not self.document:
            return
        fact, net = index.data(Role.FACT), index.data(Role.NETWORK)
        menu = QMenu(self)
        chosen: dict[Any, Any] = {}
        if fact is not None:
            chosen[menu.addAction("Edit…")] = self._on_edit_button_clicked
            chosen[menu.addAction("Delete")] = self._on_delete_button_clicked
            if fact.quote:
                chosen[menu.addAction("Copy sentence")] = self._copy_quote
            if fact.entity:
                chosen[menu.addAction(f"Open {fact.entity[0]} page")] = self._open_entity
        if net is not None:
            star = "Remove star" if net.get("starred") else "Star network"
            chosen[menu.addAction(star)] = self._toggle_network_star
            chosen[menu.addAction("Network tags…")] = self._edit_network_tags
            chosen[menu.addAction("Network note…")] = self._edit_network_note
        if index.data(Role.CORRECTION) is not None:
            chosen[menu.addAction("Undo correction")] = self._on_undo_button_clicked
        picked = menu.exec(self.facts.viewport().mapToGlobal(pos))
        if picked in chosen:
            chosen[picked]()

    def _copy_quote(self) -> None:
        from PySide6.QtGui import QGuiApplication

        fact = self.current_fact()
        if fact and fact.quote:
            QGuiApplication.clipboard().setText(fact.quote)

    def _open_entity(self) -> None:
        fact = self.current_fact()
        if fact and fact.entity:
            self.entity_requested.emit(*fact.entity)

    def _current_network(self) -> dict[str, Any] | None:
        index = self.facts.currentIndex()
        return index.data(Role.NETWORK) if index.isValid() else None

    def _toggle_network_star(self) -> None:
        net = self._current_network()
        if net and self.document:
            self.annotation_requested.emit(self.document["id"], "network", net["id"],
                                           {"starred": not net.get("starred")})

    def _edit_network_tags(self) -> None:
        net = self._current_network()
        if net and self.document:
            self.edit_requested.emit(self.document["id"], net, "network_tags")

    def _edit_network_note(self) -> None:
        net = self._current_network()
        if net and self.document:
            self.edit_requested.emit(self.document["id"], net, "network_note")

    def _on_edit_button_clicked(self) -> None:
        fact = self.current_fact()
        if fact is not None and self.document:
            self.edit_requested.emit(self.document["id"], fact, "edit")

    def _on_delete_button_clicked(self) -> None:
        fact = self.current_fact()
        if fact is not None:
            self.request_correction(fact, "delete", note="deleted in the reader")

    def _on_add_button_clicked(self) -> None:
        if self.document:
            self.edit_requested.emit(self.document["id"], None, "add")

    def _on_undo_button_clicked(self) -> None:
        index = self.facts.currentIndex()
        correction = index.data(Role.CORRECTION) if index.isValid() else None
        if correction is not None and self.document:
            self.undo_requested.emit(self.document["id"], int(correction["id"]))

    def _on_star_button_clicked(self, checked: bool) -> None:
        if self.document:
            self.annotation_requested.emit(self.document["id"], "document", self.document["id"],
                                           {"starred": checked})

    def _on_tags_button_clicked(self) -> None:
        if self.document:
            self.edit_requested.emit(self.document["id"], self.document, "tags")

    def _on_note_button_clicked(self) -> None:
        if self.document:
            self.edit_requested.emit(self.document["id"], self.document, "note")

    def _on_open_action_triggered(self) -> None:
        if self.document:
            self.original_requested.emit(self.document["id"], "open")

    def _on_save_action_triggered(self) -> None:
        if self.document:
            self.original_requested.emit(self.document["id"], "save")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
