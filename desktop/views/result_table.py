"""The result table view: header state, selection -> reader, Enter -> open, context menu."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from desktop.models.document_table import COLUMNS, DocumentTableModel, Role


class ResultTableView(QTableView):
    """Signals:
    current_document_changed(str): the selected document (empty string: none).
    document_activated(str): Enter or double-click on a document.
    annotate_requested(str, str): document id and "star" / "tags" / "note".
    """

    current_document_changed = Signal(str)
    document_activated = Signal(str)
    annotate_requested = Signal(str, str)

    def __init__(self, model: DocumentTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        model.blockSignals(True)  # enabling sorting calls sort(): no query from here
        self.setSortingEnabled(True)
        model.blockSignals(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        widths = {"starred": 28, "published": 92, "title": 360, "publisher": 130, "origins": 70,
                  "targets": 70, "networks": 70, "assets": 110}
        for i, col in enumerate(COLUMNS):
            self.setColumnWidth(i, widths.get(col.key, 100))
        # The title takes whatever width is left, so the table always fills its pane.
        header.setSectionResizeMode([c.key for c in COLUMNS].index("title"),
                                    QHeaderView.ResizeMode.Stretch)
        self.selectionModel().selectionChanged.connect(self._on_selection_model_selection_changed)
        self.doubleClicked.connect(self._on_self_double_clicked)
        self.customContextMenuRequested.connect(self._on_self_custom_context_menu_requested)

    def document_model(self) -> DocumentTableModel:
        model = self.model()
        assert isinstance(model, DocumentTableModel)
        return model

    def current_document(self) -> str | None:
        index = self.currentIndex()
        return index.data(Role.DOCUMENT_ID) if index.isValid() else None

    def select_row(self, row: int) -> None:
        model = self.document_model()
        if not 0 <= row < model.rowCount():
            return
        index = model.index(row, 2)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def select_document(self, doc_id: str) -> bool:
        row = self.document_model().row_of(doc_id)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    def step(self, delta: int) -> None:
        """Move the selection by *delta* rows (J/K)."""
        current = self.currentIndex().row() if self.currentIndex().isValid() else -1
        self.select_row(max(0, min(self.document_model().rowCount() - 1, current + delta)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            doc_id = self.current_document()
            if doc_id:
                self.document_activated.emit(doc_id)
            return
        super().keyPressEvent(event)

    def _on_selection_model_selection_changed(self, _sel: QItemSelection, _des: QItemSelection) -> None:
        rows = self.selectionModel().selectedRows()
        doc_id = rows[0].data(Role.DOCUMENT_ID) if rows else ""
        self.current_document_changed.emit(doc_id or "")

    def _on_self_double_clicked(self, index: QModelIndex) -> None:
        doc_id = index.data(Role.DOCUMENT_ID)
        if doc_id:
            self.document_activated.emit(doc_id)

    def _on_self_custom_context_menu_requested(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        doc_id = index.data(Role.DOCUMENT_ID) if index.isValid() else None
        if not doc_id:
            return
        menu = QMenu(self)
        actions = {menu.addAction("Star / unstar"): "star", menu.addAction("Tags…"): "tags",
                   menu.addAction("Note…"): "note"}
        picked = menu.exec(self.viewport().mapToGlobal(pos))
        if picked in actions:
            self.annotate_requested.emit(doc_id, actions[picked])
