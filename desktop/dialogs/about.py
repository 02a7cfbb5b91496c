"""The About box: what this is, and the versions that matter in a bug report."""

from __future__ import annotations

import platform
import sqlite3

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from archive import APP_NAME, __version__


def versions(extractor: str | None = None) -> list[tuple[str, str]]:
    import whoosh

    rows = [(APP_NAME, __version__), ("Python", platform.python_version()),
            ("Qt", qVersion()), ("PySide6", PySide6.__version__),
            ("SQLite", sqlite3.sqlite_version), ("Whoosh", whoosh.versionstring())]
    if extractor:
        rows.append(("Fact extractor", extractor))
    return rows


def about_html(extractor: str | None = None) -> str:
    rows = "".join(f"<tr><td>{k}</td><td>&nbsp;&nbsp;{v}</td></tr>" for k, v in versions(extractor))
    return (f"<h3>{APP_NAME}</h3><p>An offline archive of platform takedown disclosures: "
            "search them, read them with their facts, and see every network by country and "
            "actor. Nothing leaves this computer; nothing is fetched from the network.</p>"
            f"<table>{rows}</table>")


def show_about(parent: QWidget, extractor: str | None = None) -> None:
    QMessageBox.about(parent, f"About {APP_NAME}", about_html(extractor))
