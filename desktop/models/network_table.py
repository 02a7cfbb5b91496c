"""Networks on a country or actor page: a small in-memory list, sorted in place.

The list is already complete (one page's networks), so sorting here is fine; the big
document table sorts in the archive instead.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from archive.entity import NetworkRow
from desktop import labels
from desktop.safe_text import literal

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    DOCUMENT_ID = Qt.ItemDataRole.UserRole + 1
    SORT = Qt.ItemDataRole.UserRole + 2


COLUMNS: tuple[tuple[str, Callable[[NetworkRow], Any], Callable[[NetworkRow], Any]], ...] = (
    ("Published", lambda n: n.published or "", lambda n: n.published or ""),
    ("Network", lambda n: n.name, lambda n: n.name.lower()),
    ("Role", lambda n: ", ".join(labels.ROLE_LABELS.get(r, r) for r in n.roles),
     lambda n: ",".join(n.roles)),
    ("Origin", lambda n: ", ".join(n.origins), lambda n: ",".join(n.origins)),
    ("Target", lambda n: ", ".join(n.targets), lambda n: ",".join(n.targets)),
    ("Assets", lambda n: labels.number(n.assets) if n.assets else "", lambda n: n.assets),
    ("Publisher", lambda n: n.publisher or "", lambda n: (n.publisher or "").lower()),
    ("Report", lambda n: n.title, lambda n: n.title.lower()),
)


class NetworkTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[NetworkRow] = []

    def set_rows(self, rows: list[NetworkRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self.checkIndex(index):
            return None
        net = self._rows[index.row()]
        title, text, key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(text(net))
        if role == Qt.ItemDataRole.ToolTipRole:  # tooltips guess rich text: a label is not
            return literal(str(text(net)))
        if role == Role.DOCUMENT_ID:
            return net.document_id
        if role == Role.SORT:
            return key(net)
        if role == Qt.ItemDataRole.TextAlignmentRole and title == "Assets":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section][0]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][2]
        self.layoutAboutToBeChanged.emit()
        order_ = sorted(range(len(self._rows)), key=lambda i: key(self._rows[i]),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        new_row = {old: new for new, old in enumerate(order_)}
        self._rows = [self._rows[i] for i in order_]
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(new_row[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()
