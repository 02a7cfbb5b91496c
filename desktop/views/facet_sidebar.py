"""The facet sidebar: groups of values with counts; check several to filter.

Double-clicking a country or actor opens its page; everything else is a filter.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.facets import ENTITY_FACETS, FacetModel, Role


class FacetSidebar(QWidget):
    """Signals:
    entity_requested(str, str): open the page of a country or actor (kind, key).
    """

    entity_requested = Signal(str, str)

    def __init__(self, model: FacetModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.tree = QTreeView(self)
        self.tree.setObjectName("facetTree")
        self.tree.setModel(model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAnimated(False)
        self.tree.setIndentation(12)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for facet in ("origin", "target", "actor", "platform", "year"):
            self.tree.setExpanded(model.index(model.group_row(facet), 0), True)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear filters")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setEnabled(False)
        title = QLabel("<b>Browse</b>")
        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 0)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        self.tree.doubleClicked.connect(self._on_tree_double_clicked)
        self.tree.customContextMenuRequested.connect(self._on_tree_custom_context_menu_requested)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        model.filters_changed.connect(self._on_model_filters_changed)

    def _entity_at(self, index: QModelIndex) -> tuple[str, str] | None:
        facet, value = index.data(Role.FACET), index.data(Role.VALUE)
        if value is None or facet not in ENTITY_FACETS:
            return None
        return ENTITY_FACETS[facet], value

    def _on_tree_double_clicked(self, index: QModelIndex) -> None:
        entity = self._entity_at(index)
        if entity:
            self.entity_requested.emit(*entity)

    def _on_tree_custom_context_menu_requested(self, pos: QPoint) -> None:
        entity = self._entity_at(self.tree.indexAt(pos))
        if not entity:
            return
        menu = QMenu(self)
        action = menu.addAction(f"Open {entity[0]} page")
        if menu.exec(self.tree.viewport().mapToGlobal(pos)) is action:
            self.entity_requested.emit(*entity)

    def _on_clear_button_clicked(self) -> None:
        self.model.clear_checks()

    def _on_model_filters_changed(self, filters: dict) -> None:
        self.clear_button.setEnabled(bool(filters))
