"""The work the window hands to `desktop.tasks`: plain functions over an ArchiveSession.

Qt-free and synchronous; each takes `on_progress` and `cancel` (the task contract) and
returns a plain record the GUI refreshes from. Each runs on the thread's own Archive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from archive.entity import EntitySummary, entity_in_query
from archive.progress import CancelToken, ProgressCallback
from archive.records import DocumentId, ImportResult
from desktop import labels
from desktop.session import ArchiveSession

FacetCounts = dict[str, list[tuple[str, int, str]]]  # facet -> (value, count, label)


@dataclass(slots=True)
class QueryOutcome:
    request: int
    ids: list[DocumentId]  # in the order shown
    notice: str | None
    facets: FacetCounts
    entity: tuple[str, str] | None = None  # the query names a country or actor page
    first_rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # the first page's cells


@dataclass(slots=True)
class DocumentOutcome:
    request: int
    document: dict[str, Any]
    corrections: list[dict[str, Any]]


@dataclass(slots=True)
class Changed:
    """What a write changed, so views refresh just that."""

    document_ids: set[str] = field(default_factory=set)
    facets: bool = True


def _labelled(raw: dict[str, list[tuple[str, int]]]) -> FacetCounts:
    return {name: [(v, n, labels.facet_value_label(name, v)) for v, n in values]
            for name, values in raw.items()}


def run_query(session: ArchiveSession, request: int, query: str, filters: dict[str, list[str]],
              sort: str, *, reverse: bool = False, first_page: int = 0,
              on_progress: ProgressCallback | None = None,
              cancel: CancelToken | None = None) -> QueryOutcome:
    """Matching ids (sorted by the store, *reverse*d if asked), facet counts that let
    selections be widened, and the cells of the first *first_page* rows, read here rather
    than on the GUI thread when the table first paints."""
    archive = session.for_thread()
    result = archive.browse(query, filters, sort, cancel=cancel)
    ids = result.ids[::-1] if reverse else result.ids
    rows = archive.document_rows(ids[:first_page]) if first_page else {}
    return QueryOutcome(request, ids, result.notice, _labelled(result.facets),
                        entity_in_query(query), rows)


def load_document(session: ArchiveSession, request: int, doc_id: str, *,
                  on_progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> DocumentOutcome:
    archive = session.for_thread()
    return DocumentOutcome(request, archive.document(doc_id), archive.corrections(doc_id))


def load_entity(session: ArchiveSession, kind: str, key: str, *,
                on_progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> EntitySummary:
    return session.for_thread().entity_summary(kind, key)


def import_paths(session: ArchiveSession, paths: Sequence[str], *,
                 on_progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> ImportResult:
    return session.for_thread().import_paths(paths, on_progress=on_progress, cancel=cancel)


def import_text(session: ArchiveSession, text: str, name: str, *,
                on_progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> ImportResult:
    return session.for_thread().import_text(text, name, on_progress=on_progress)


def correct(session: ArchiveSession, doc_id: str, fields: dict[str, Any], *,
            on_progress: ProgressCallback | None = None,
            cancel: CancelToken | None = None) -> Changed:
    session.for_thread().correct(doc_id, **fields)
    return Changed({doc_id})


def undo_correction(session: ArchiveSession, doc_id: str, correction_id: int, *,
                    on_progress: ProgressCallback | None = None,
                    cancel: CancelToken | None = None) -> Changed:
    session.for_thread().undo_correction(correction_id)
    return Changed({doc_id})


def annotate(session: ArchiveSession, doc_id: str, target_type: str, target_id: str, *,
             tags: list[str] | None = None, note: str | None = None,
             starred: bool | None = None, note_given: bool = False,
             on_progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None) -> Changed:
    """Tags, a note and/or a star on a document or a network."""
    archive = session.for_thread()
    if tags is not None:
        archive.set_tags(target_type, target_id, tags)
    if note_given or starred is not None:
        if not note_given:
            view = archive.document(doc_id, with_text=False)
            if target_type == "document":
                note = view.get("note")
            else:
                note = next((n.get("note") for n in view["networks"] if n["id"] == target_id), None)
        archive.set_note(target_type, target_id, note, starred=starred)
    return Changed({doc_id})


def backup_if_idle(session: ArchiveSession, *, on_progress: ProgressCallback | None = None,
                   cancel: CancelToken | None = None) -> bool:
    """A backup of the journalist's edits once they pause (the writer thread's archive made
    them); True while edits still wait for one."""
    archive = session.for_thread()
    archive.edits.if_idle()
    return archive.edits.waiting
