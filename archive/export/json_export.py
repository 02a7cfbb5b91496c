"""The JSON export: a stable contract others build on (DESIGN §5). Fields may be added, never changed."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from archive.export.atomic import atomic_output
from archive.export.model import SCHEMA_ID, Scope, document_view
from archive.export.registry import ExportParts, Warn
from archive.progress import CancelToken, Progress, ProgressCallback
from archive.store import Store


def build(store: Store, doc_ids: Iterable[str], *, with_text: bool = False,
          on_progress: ProgressCallback | None = None,
          cancel: CancelToken | None = None) -> dict[str, Any]:
    ids = list(doc_ids)
    docs = []
    for n, doc_id in enumerate(ids, start=1):
        if cancel:
            cancel.raise_if_cancelled()
        docs.append(document_view(store, doc_id, with_text=with_text))
        if on_progress:
            on_progress(Progress("export", n, len(ids)))
    return {"schema": SCHEMA_ID, "documents": docs}


def write(store: Store, doc_ids: Iterable[str], target: str | os.PathLike[str], *,
          with_text: bool = False, on_progress: ProgressCallback | None = None,
          cancel: CancelToken | None = None, archive_root: Path | None = None) -> int:
    data = build(store, doc_ids, with_text=with_text, on_progress=on_progress, cancel=cancel)
    with atomic_output(target, archive_root=archive_root) as fh:
        # A lone surrogate (a damaged row) is written as its JSON escape, never an exception.
        fh.write(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8", "backslashreplace"))
        fh.write(b"\n")
    return len(data["documents"])


def export(parts: ExportParts, doc_ids: Sequence[str], target: str | os.PathLike[str], *,
           scope: Scope, fmt: str = "json", on_progress: ProgressCallback | None = None,
           cancel: CancelToken | None = None, on_warning: Warn | None = None) -> int:
    """The registry's entry point for "json"."""
    return write(parts.store, doc_ids, target, on_progress=on_progress, cancel=cancel,
                 archive_root=parts.root)
