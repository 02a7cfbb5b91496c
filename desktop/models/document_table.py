"""The result table: holds the ids of the current result, loads rows lazily in pages.

Sorting is done by the archive (SQL / Whoosh): clicking a header asks for a new query
through `sort_requested`; no proxy model sorts or filters here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop import labels
from desktop.safe_text import literal

PAGE = 64
Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    DOCUMENT_ID = Qt.ItemDataRole.UserRole + 1


def _codes(codes: list[str]) -> str:
    return ", ".join(codes[:4]) + (" …" if len(codes) > 4 else "")


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    text: Callable[[dict[str, Any]], str]
    sort: str | None = None  # the archive's sort name; None: not sortable
    numeric: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("starred", "★", lambda r: "★" if r["starred"] else ""),
    Column("published", "Published", lambda r: r["published"] or "", "date"),
    Column("title", "Title", lambda r: r["title"] or r["file"], "title"),
    Column("publisher", "Publisher", lambda r: r["publisher"] or "", "publisher"),
    Column("origins", "Origin", lambda r: _codes(r["origins"])),
    Column("targets", "Target", lambda r: _codes(r["targets"])),
    Column("networks", "Networks", lambda r: str(r["networks"] or ""), numeric=True),
    Column("assets", "Assets removed", lambda r: labels.number(r["assets"]) if r["assets"] else "",
           "assets", True),
)
MISSING = {"starred": False, "published": "", "title": "(removed)", "file": "", "publisher": "",
           "origins": [], "targets": [], "networks": 0, "assets": 0}


class DocumentTableModel(QAbstractTableModel):
    """Signals:
    sort_requested(str, bool): the archive sort name, and whether to reverse it.
    """

    sort_requested = Signal(str, bool)

    def __init__(self, load_rows: Callable[[list[str]], dict[str, dict[str, Any]]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._load_rows = load_rows  # Archive.document_rows of the GUI thread's connection
        self._ids: list[str] = []
        self._rows: dict[str, dict[str, Any]] = {}

    # What the rest of the UI calls

    def show_ids(self, ids: Iterable[str], rows: dict[str, dict[str, Any]] | None = None) -> None:
        """Replace the listed documents, e.g. after a new search or filter; *rows*: cells
        already read (the first page, by the query's worker), so painting reads nothing."""
        self.beginResetModel()
        self._ids = list(ids)
        self._rows.clear()
        if rows:
            self._rows.update(rows)
        self.endResetModel()

    def refresh(self, changed: Iterable[str]) -> None:
        """Forget cached rows the archive reports as changed, then repaint them."""
        changed = set(changed)
        last = len(COLUMNS) - 1
        for row, doc_id in enumerate(self._ids):
            if doc_id in changed and self._rows.pop(doc_id, None) is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def document_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, doc_id: str) -> int:
        try:
            return self._ids.index(doc_id)
        except ValueError:
            return -1

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    # QAbstractTableModel

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self.checkIndex(index):
            return None
        doc_id = self._ids[index.row()]
        if role == Role.DOCUMENT_ID:
            return doc_id
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(self._row(index.row()))
        if role == Qt.ItemDataRole.ToolTipRole:  # tooltips guess rich text: a title is not
            return literal(column.text(self._row(index.row())))
        if role == Qt.ItemDataRole.TextAlignmentRole and (column.numeric or column.key == "starred"):
            align = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignHCenter
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].key == "starred":
            return "Starred"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the archive for a new order; columns it cannot sort by are ignored."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort is None:
            return
        name = COLUMNS[column].sort or "date"
        descending = order == Qt.SortOrder.DescendingOrder
        if name == "date":
            self.sort_requested.emit("date" if descending else "date_asc", False)
        elif name == "assets":  # the archive lists the most assets first
            self.sort_requested.emit("assets", not descending)
        else:  # title and publisher come A to Z
            self.sort_requested.emit(name, descending)

    # Lazy rows

    def _row(self, row: int) -> dict[str, Any]:
        doc_id = self._ids[row]
        cached = self._rows.get(doc_id)
        if cached is None:
            # Load the page around this row in one query: a screenful costs one round trip.
            start = max(0, row - row % PAGE)
            page = [i for i in self._ids[start:start + PAGE] if i not in self._rows]
            loaded = self._load_rows(page)
            for i in page:
                self._rows[i] = loaded.get(i) or dict(MISSING, id=i)
            cached = self._rows[doc_id]
        return cached
