"""The exported shape of documents and networks (DESIGN §5) as plain JSON, and the scope.

What a network "says" is decided once, in `archive.read_model`; this module only turns it
into the dicts JSON, tables, STIX and briefings read, so they never disagree.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from archive.read_model import SCHEMA_ID, read_document, read_network
from archive.store import Store

__all__ = ["SCHEMA_ID", "Scope", "document_view", "network_view"]


def document_view(store: Store, doc_id: str, *, with_text: bool = False) -> dict[str, Any]:
    """One document as in the JSON export (`archive.read_model`, DESIGN §5)."""
    return read_document(store, doc_id, with_text=with_text).to_json()


def network_view(store: Store, net: sqlite3.Row) -> dict[str, Any]:
    return read_network(store, net).to_json()


class Scope:
    """What an export covers, as the user asked for it (for titles, covers and file names)."""

    def __init__(self, *, country: str | None = None, actor: str | None = None,
                 query: str | None = None, since: str | None = None,
                 ids: list[str] | None = None) -> None:
        self.country = country.upper() if country else None
        self.actor = actor
        self.query = query
        self.since = since
        self.ids = ids

    def describe(self) -> str:
        parts = []
        if self.country:
            parts.append(f"country {self.country}")
        if self.actor:
            parts.append(f"actor “{self.actor}”")
        if self.query:
            parts.append(f"search “{self.query}”")
        if self.ids:
            parts.append(f"{len(self.ids)} selected documents")
        if self.since:
            parts.append(f"since {self.since}")
        return ", ".join(parts) or "whole archive"
