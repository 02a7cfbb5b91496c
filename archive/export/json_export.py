"""The JSON export: a stable contract others build on (DESIGN §5). Fields may be added, never changed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from archive.export.atomic import atomic_output
from archive.export.model import SCHEMA_ID, document_view
from archive.progress import CancelToken, Progress, ProgressCallback
from archive.store import Store


def build(store: Store, doc_ids: Iterable[str], *, with_text: bool = False,
          on_progress: ProgressCallback | None = None,
          cancel: CancelToken | None = None) -> dict[str, object]:
    ids = list(doc_ids)
    docs = []
    for n, doc_id in enumerate(ids, start=1):
        if cancel:
            cancel.raise_if_cancelled()
        docs.append(document_view(store, doc_id, with_text=with_text))
        if on_progress:
            on_progress(Progress("export", n, len(ids)))
    return {"schema": SCHEMA_ID, "documents": docs}


def write(store: Store, doc_ids: Iterable[str], target: str | Path, **kwargs: object) -> int:
    data = build(store, doc_ids, **kwargs)  # type: ignore[arg-type]
    with atomic_output(target) as fh:
        fh.write(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
        fh.write(b"\n")
    return len(data["documents"])  # type: ignore[arg-type]


def export(archive: object, doc_ids: list[str], target: str | Path, *, scope: object = None,
           on_progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
           **_: object) -> int:
    """The Archive.export entry point for this format."""
    store = archive.store  # type: ignore[attr-defined]
    return write(store, doc_ids, target, on_progress=on_progress, cancel=cancel)
