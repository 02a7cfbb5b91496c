"""`takedown-atlas info`: counts, sizes and versions of an open archive, as plain data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archive.about import __version__
from archive.index import whoosh_version
from archive.schema import SCHEMA_VERSION
from archive.store import Store, sqlite_version


def archive_info(store: Store, root: Path, readonly: bool,
                 extractor_version: str) -> dict[str, Any]:
    size = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
    return {
        "documents": store.count("document"), "networks": store.count("network"),
        "countries": store.distinct_keys("country"), "actors": store.distinct_keys("actor"),
        "facts": store.count("fact"), "corrections": store.count("correction"),
        "schema_version": SCHEMA_VERSION, "archive": str(root),
        "size_bytes": size, "generation": store.generation(),
        "index_pending": store.count("outbox"), "readonly": readonly,
        "version": __version__, "sqlite_version": sqlite_version(),
        "whoosh_version": whoosh_version(), "extractor_version": extractor_version,
    }
