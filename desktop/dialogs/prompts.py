"""Small questions the window asks before a write: fact edits, tags, notes, originals, export.

Each asks with a standard dialog and hands the answer to the controller; none decides
anything about the data itself.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from archive import APP_NAME
from archive.api import Archive
from archive.originals import REFUSED
from desktop.dialogs.fact_dialog import FactDialog
from desktop.temp_copies import SessionTemp


def ask_edit(parent: QWidget, library: Any, doc_id: str, target: Any, what: str,
             networks: int) -> None:
    """what: "edit" / "add" a fact, or "tags" / "note" / "network_tags" / "network_note"."""
    if what in ("edit", "add"):
        dialog = FactDialog(target, networks, parent)
        if dialog.exec():
            library.correct(doc_id, dialog.correction())
        return
    kind = "network" if what.startswith("network_") else "document"
    if what.endswith("tags"):
        text, ok = QInputDialog.getText(parent, "Tags", "Tags, separated by commas:",
                                        text=", ".join(target.get("tags", [])))
        if ok:
            library.annotate(doc_id, kind, target["id"], {"tags": text.split(",")})
    else:
        text, ok = QInputDialog.getMultiLineText(parent, "Note", "Your note:", target.get("note") or "")
        if ok:
            library.annotate(doc_id, kind, target["id"], {"note": text.strip() or None})


def handle_original(parent: QWidget, archive: Archive, doc_id: str, mode: str,
                    temp: SessionTemp) -> None:
    """Save a copy of the original file, or open it (never a web page: it could fetch).

    The copy handed to the system's viewer goes into the session's temp folder (*temp*),
    which the app removes when it exits."""
    name, data = archive.original(doc_id)
    name = Path(name).name or "original"  # the stored name is already the file's own
    if mode == "save":
        target, _ = QFileDialog.getSaveFileName(parent, "Save the original", name)
        if target:
            Path(target).write_bytes(data)
        return
    viewable = archive.original_for_viewer(doc_id)  # the core decides, from the media type
    if viewable is None:
        QMessageBox.information(parent, APP_NAME, REFUSED)
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(temp.write_copy(*viewable))))


def run_export_hook(parent: QWidget, archive: Archive, ids: list[str], query: str) -> bool:
    """Open the export dialog if this build has one (desktop/dialogs/export_dialog.py).

    Its contract: show_export_dialog(parent, archive, ids, query).
    """
    if importlib.util.find_spec("desktop.dialogs.export_dialog") is None:
        return False
    module = importlib.import_module("desktop.dialogs.export_dialog")
    show = getattr(module, "show_export_dialog", None)
    if show is None:
        return False
    show(parent, archive, ids, query)
    return True


def extractor_version(archive: Archive) -> str | None:
    try:
        return archive.extractor_version
    except (ImportError, AttributeError):
        return None
