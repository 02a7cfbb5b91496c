"""The report at the end of an import: what was added, skipped as duplicate, or rejected."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive.records import ImportResult
from desktop.safe_text import literal, plain_label


def summary_line(result: ImportResult) -> str:
    n = len(result.added)
    parts = [f"{n} report{'s' if n != 1 else ''} added"]
    if result.duplicates:
        parts.append(f"{len(result.duplicates)} already in the archive")
    if result.restored:
        k = len(result.restored)
        parts.append(f"{k} missing or damaged original{'s' if k != 1 else ''} restored")
    if result.rejected:
        parts.append(f"{len(result.rejected)} rejected")
    text = ", ".join(parts) + "."
    if result.cancelled:
        text = "Import cancelled: " + text[0].lower() + text[1:] + " Nothing half-imported was kept."
    return text


class ImportReportDialog(QDialog):
    """Lists every file by outcome; rejected files carry their reason."""

    def __init__(self, result: ImportResult, titles: dict[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import finished" if not result.cancelled else "Import cancelled")
        self.resize(640, 420)
        self.summary = plain_label(QLabel(summary_line(result), self))
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["File", "Outcome"])
        self.tree.setColumnWidth(0, 340)
        titles = titles or {}
        groups = (
            ("Added", [(titles.get(i, i), "added") for i in result.added]),
            ("Already in the archive", [(d.file, f"same as {d.id[:12]}") for d in result.duplicates]),
            ("Original restored", [(d.file, f"was missing or damaged in {d.id[:12]}")
                                   for d in result.restored]),
            ("Rejected", [(r.file, r.reason) for r in result.rejected]),
            ("Warnings", [(w.split(": ", 1)[0], w.split(": ", 1)[-1]) for w in result.warnings]),
        )
        for title, rows in groups:
            if not rows:
                continue
            head = QTreeWidgetItem([f"{title} ({len(rows)})", ""])
            for name, outcome in rows:
                item = QTreeWidgetItem([name, outcome])
                item.setToolTip(0, literal(name))
                item.setToolTip(1, literal(outcome))
                head.addChild(item)
            self.tree.addTopLevelItem(head)
            head.setExpanded(title != "Added" or len(rows) <= 20)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
