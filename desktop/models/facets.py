"""The facet sidebar's model: one group per facet, its values with counts, checkable.

A small in-memory tree (QStandardItemModel). Several checked values of one facet mean
"any of them"; checked values of different facets must all hold (the archive decides).
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from desktop import labels
from desktop.safe_text import literal

FACETS = ("origin", "target", "topic", "actor", "operation", "platform", "publisher", "year",
          "type", "language", "tag", "starred")
ENTITY_FACETS = {"origin": "country", "target": "country", "topic": "country", "actor": "actor",
                 "operation": "actor"}
MAX_VALUES = 200  # per facet; the rest are reached by searching


class Role(IntEnum):
    FACET = Qt.ItemDataRole.UserRole + 1
    VALUE = Qt.ItemDataRole.UserRole + 2


class FacetModel(QStandardItemModel):
    """Signals:
    filters_changed(dict): facet -> checked values, after the user (un)checks one.
    """

    filters_changed = Signal(dict)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 2, parent)
        self._selected: dict[str, list[str]] = {}
        self._updating = False
        self._groups: dict[str, QStandardItem] = {}
        bold = QFont()
        bold.setBold(True)
        for name in FACETS:
            group = QStandardItem(labels.FACET_TITLES[name])
            group.setData(name, Role.FACET)
            group.setFont(bold)
            group.setEditable(False)
            group.setSelectable(False)
            spacer = QStandardItem("")
            spacer.setEditable(False)
            spacer.setSelectable(False)
            self.appendRow([group, spacer])
            self._groups[name] = group
        self.itemChanged.connect(self._on_self_item_changed)

    @property
    def filters(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self._selected.items() if v}

    def group_row(self, facet: str) -> int:
        return FACETS.index(facet)

    def set_counts(self, counts: dict[str, list[tuple[str, int, str]]]) -> None:
        """Replace the values shown; checked values stay listed even when their count is 0."""
        self._updating = True
        try:
            for name in FACETS:
                group = self._groups[name]
                values = list(counts.get(name, []))
                if name == "year":
                    values.sort(key=lambda v: v[0], reverse=True)
                values = values[:MAX_VALUES]
                shown = {v for v, _, _ in values}
                for value in self._selected.get(name, []):
                    if value not in shown:
                        values.append((value, 0, labels.facet_value_label(name, value)))
                if group.rowCount():
                    group.removeRows(0, group.rowCount())
                group.setText(f"{labels.FACET_TITLES[name]}")
                rows = []
                for value, count, label in values:
                    item = QStandardItem(label)
                    item.setData(name, Role.FACET)
                    item.setData(value, Role.VALUE)
                    item.setToolTip(literal(label))
                    item.setEditable(False)
                    item.setCheckable(True)
                    checked = value in self._selected.get(name, [])
                    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                    number = QStandardItem(f"{count:,}")
                    number.setEditable(False)
                    number.setData(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                                   Qt.ItemDataRole.TextAlignmentRole)
                    number.setData(name, Role.FACET)
                    number.setData(value, Role.VALUE)
                    rows.append([item, number])
                for row in rows:
                    group.appendRow(row)
        finally:
            self._updating = False

    def set_checked(self, facet: str, value: str, checked: bool) -> None:
        """Check or uncheck one value as if the user clicked it (emits filters_changed)."""
        group = self._groups[facet]
        for row in range(group.rowCount()):
            item = group.child(row, 0)
            if item.data(Role.VALUE) == value:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        # Not listed (e.g. beyond MAX_VALUES): change the selection directly.
        self._toggle(facet, value, checked)

    def clear_checks(self) -> None:
        self._selected.clear()
        self._updating = True
        try:
            for group in self._groups.values():
                for row in range(group.rowCount()):
                    group.child(row, 0).setCheckState(Qt.CheckState.Unchecked)
        finally:
            self._updating = False
        self.filters_changed.emit(self.filters)

    def _toggle(self, facet: str, value: str, checked: bool) -> None:
        chosen = self._selected.setdefault(facet, [])
        if checked and value not in chosen:
            chosen.append(value)
        elif not checked and value in chosen:
            chosen.remove(value)
        self.filters_changed.emit(self.filters)

    def _on_self_item_changed(self, item: QStandardItem) -> None:
        if self._updating or not item.isCheckable():
            return
        self._toggle(item.data(Role.FACET), item.data(Role.VALUE),
                     item.checkState() == Qt.CheckState.Checked)
