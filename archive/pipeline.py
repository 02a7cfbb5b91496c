"""Import: discover sources, parse, extract facts, store each file in one transaction, index.

Per file: blob first, then one SQLite transaction (document, networks, facts, outbox
row), then the index catches up from the outbox. A crash anywhere leaves at worst an
orphan blob or a pending outbox row. Plain synchronous code with progress and cancel.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from archive.blobs import sha256_bytes
from archive.errors import ArchiveError, Cancelled, ParseError, StorageError, UnsupportedFormat
from archive.facts import DocumentFacts
from archive.faults import crash_point
from archive.parts import ImportParts
from archive.paths import provenance_name
from archive.progress import CancelToken, Progress, ProgressCallback, throttle
from archive.records import (
    DocumentId,
    Duplicate,
    ImportResult,
    RawDocument,
    Rejected,
    SourceFile,
)
from archive.safe_text import printable

log = logging.getLogger(__name__)


def document_id_for(sha: str) -> DocumentId:
    """Ids are derived from content, so the same report has the same id in every archive."""
    return DocumentId(sha[:16])


def import_sources(parts: ImportParts, sources: Iterable[SourceFile | Rejected], *,
                   total: int | None = None, on_progress: ProgressCallback | None = None,
                   cancel: CancelToken | None = None, keep_paths: bool = False) -> ImportResult:
    """Import each source; the archive records each file's name only, or the path it was
    given under with *keep_paths* (`archive.paths.provenance_name`)."""
    report = throttle(on_progress)
    cancel = cancel or CancelToken()
    result = ImportResult()
    n = 0
    try:
        for item in sources:
            cancel.raise_if_cancelled()
            n += 1
            if isinstance(item, Rejected):
                result.rejected.append(item)
                continue
            report(Progress("import", n - 1, total, item.name))
            _import_one(parts, item, result, keep_paths)
            report(Progress("import", n, total, item.name))
    except Cancelled:
        result.cancelled = True
    except StorageError as exc:
        # (the disk filled up part-way: say what was added before, and never let the index
        # catch-up, which needs the disk too, hide the message)
        _make_printable(result)
        _log_result(result)
        raise StorageError(_stopped_message(str(exc), result, _catch_up_quietly(
            parts, on_progress, result))) from None
    except BaseException:
        _make_printable(result)
        _catch_up_quietly(parts, on_progress, result)
        raise
    _make_printable(result)
    # Whatever reached the database must reach the index too, even after a cancel.
    if result.added:
        try:
            parts.catch_up(on_progress)
        except (StorageError, OSError, sqlite3.OperationalError) as exc:
            raise StorageError(_stopped_message(
                "Not enough disk space to update the search index" if _disk_full(exc)
                else f"Could not update the search index ({exc})", result, False)) from None
    _log_result(result)
    return result


def _catch_up_quietly(parts: ImportParts, on_progress: ProgressCallback | None,
                      result: ImportResult) -> bool:
    """The index catch-up after an import that stopped on an error; False if it failed too
    (the outbox keeps every change: the index catches up on the next open)."""
    if not result.added:
        return True
    try:
        parts.catch_up(on_progress)
    except Exception:  # the error being raised matters more; the outbox is still there
        log.warning("index catch-up after a failed import did not finish", exc_info=True)
        return False
    return True


def _stopped_message(cause: str, result: ImportResult, indexed: bool) -> str:
    cause = cause.rstrip(".")
    added = len(result.added)
    if not added:
        return cause + (" (the archive is unchanged)." if cause.startswith("Not enough") else ".")
    done = f"{added} file{'s were' if added != 1 else ' was'} added before it stopped"
    index = "" if indexed else "; the search index catches up once space is freed"
    return f"{cause}; {done} and {'are' if added != 1 else 'is'} safe{index}."


def _disk_full(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "full" in text or "no space" in text or getattr(exc, "errno", None) == 28


def _log_result(result: ImportResult) -> None:
    log.info("import: %d added, %d duplicates, %d rejected%s%s", len(result.added),
             len(result.duplicates), len(result.rejected),
             f", {len(result.restored)} originals restored" if result.restored else "",
             " (cancelled)" if result.cancelled else "")
    for r in result.rejected:
        log.info("rejected %s: %s", r.file, r.reason)


def import_paths(parts: ImportParts, paths: Iterable[Path | str], *,
                 on_progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None, keep_paths: bool = False) -> ImportResult:
    from archive.importers.bundle import iter_sources

    path_list = [Path(p) for p in paths]
    total = _count_files(path_list)
    sources = iter_sources(path_list, parts.limits)
    return import_sources(parts, sources, total=total, on_progress=on_progress, cancel=cancel,
                          keep_paths=keep_paths)


def _import_one(parts: ImportParts, source: SourceFile, result: ImportResult,
                keep_paths: bool) -> None:
    store = parts.store
    sha = sha256_bytes(source.data)
    recorded = source.name if keep_paths else provenance_name(source.name, source.folder)
    existing = store.id_for_sha(sha)
    if existing is not None:
        restored = _heal_original(parts, source.data, sha)
        with parts.transaction():
            store.add_provenance(existing, recorded)
        result.duplicates.append(Duplicate(source.name, existing))
        if restored:
            result.restored.append(Duplicate(source.name, existing))
        return
    try:
        raw = parts.parser.parse(source)
    except UnsupportedFormat as exc:
        result.rejected.append(Rejected(source.name, str(exc)))
        return
    except ParseError as exc:
        # The format is ours but the file is not readable: keep the original, say why.
        raw = RawDocument(text="", media_type="application/octet-stream", importer="unreadable",
                          warnings=[str(exc)], flags=["unreadable"])
        result.rejected.append(Rejected(
            source.name, f"{exc}; the original was kept as {document_id_for(sha)}"))
    doc_id = document_id_for(sha)
    had_blob = parts.blobs.has(sha)  # (an orphan from before is never ours to remove)
    file = printable(source.display or _display_name(source.name), one_line=True)
    try:
        crash_point("import.after_parse")
        facts = extract_document(raw, source.name)
        parts.blobs.put(source.data, sha)
        crash_point("import.after_blob")
        with parts.transaction():
            store.insert_document(doc_id=doc_id, sha=sha, file=file,
                                  size=len(source.data), raw=raw, facts=facts,
                                  extractor_version=parts.extractor_version)
            if recorded != file:
                store.add_provenance(doc_id, recorded)
            crash_point("import.in_transaction")
            from archive.corrections import apply_corrections

            apply_corrections(store, doc_id)
            store.queue_index(doc_id)
            crash_point("import.before_commit")
    except (OSError, sqlite3.OperationalError) as exc:
        if not had_blob and store.id_for_sha(sha) is None:
            # (the row did not get in: the blob this import just wrote goes with it)
            with contextlib.suppress(OSError):
                parts.blobs.delete(sha)
        raise StorageError(_storage_message(exc)) from None
    if "unreadable" not in raw.flags:
        result.added.append(doc_id)
    result.warnings.extend(f"{source.name}: {w}" for w in raw.warnings)
    try:
        crash_point("import.after_commit")
    except OSError as exc:  # committed: counted above as added, and safe
        raise StorageError(_storage_message(exc)) from None


def _make_printable(result: ImportResult) -> None:
    """Names and reasons as the report shows them (GUI, CLI, JSON): a zip entry or file name
    holding escapes, bidi overrides or newlines is shown, never obeyed (`archive.safe_text`)."""
    result.rejected = [Rejected(printable(r.file, one_line=True), printable(r.reason, one_line=True))
                       for r in result.rejected]
    result.duplicates = [Duplicate(printable(d.file, one_line=True), d.id) for d in result.duplicates]
    result.warnings = [printable(w, one_line=True) for w in result.warnings]


def _heal_original(parts: ImportParts, data: bytes, sha: str) -> bool:
    """The same bytes again: if the stored original is missing or damaged (check says
    "re-import the file"), write it back. True when it was restored."""
    if parts.blobs.verify(sha):
        return False
    try:
        parts.blobs.put(data, sha, replace=True)
    except OSError as exc:
        raise StorageError(_storage_message(exc)) from None
    log.warning("original %s was missing or damaged; restored from the file imported again", sha)
    return True


def extract_document(raw: RawDocument, name: str) -> DocumentFacts:
    """The facts of one parsed file; an extractor failure costs the facts, never the file."""
    if not raw.text.strip():
        return DocumentFacts(publisher=raw.publisher, published=raw.published,
                             language=raw.language)
    from archive.extract import extract_facts

    try:
        facts = extract_facts(raw.text, title=raw.title, publisher=raw.publisher,
                              published=raw.published, filename=name,
                              media_type=raw.media_type, language=raw.language)
        raw.warnings.extend(w for w in facts.warnings if w not in raw.warnings)
        return facts
    except ArchiveError:
        raise
    except RecursionError:
        raw.warnings.append("fact extraction gave up on this text (too deeply nested)")
        return DocumentFacts(publisher=raw.publisher, published=raw.published)
    except Exception as exc:  # an extractor bug must not cost the user the document
        log.exception("fact extraction failed on %s", name)
        raw.warnings.append(f"fact extraction failed ({type(exc).__name__}); "
                            "the document was kept without facts — please report this")
        return DocumentFacts(publisher=raw.publisher, published=raw.published)


def _display_name(name: str) -> str:
    """The file name people recognise: the last path component (a `!` is part of it; bundle
    entries carry their own `SourceFile.display`)."""
    return name.replace("\\", "/").rsplit("/", 1)[-1] or name


def _storage_message(exc: BaseException) -> str:
    text = str(exc).lower()
    if _disk_full(exc):
        return "Not enough disk space; the file being imported was not added"
    if "read-only" in text or "readonly" in text or getattr(exc, "errno", None) in (13, 30):
        return "The archive cannot be written (read-only media or no permission); nothing was imported."
    return f"Could not write to the archive: {exc}"


def _count_files(paths: list[Path]) -> int | None:
    n = 0
    for p in paths:
        if p.is_dir():
            n += sum(1 for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            n += 1
        if n > 1_000_000:
            return None
    return n
