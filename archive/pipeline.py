"""Import: discover sources, parse and extract (in the readers), store many files per
transaction, index.

Readers parse and extract the next files while this process writes the current ones, in
input order. Per file: blob first, then its rows (document, networks, facts, outbox row)
under a savepoint of a transaction that holds many files; the blobs are made durable, then
the transaction commits (every BATCH_FILES files or BATCH_SECONDS). A crash anywhere loses
at worst the files of the open transaction, whole: their blobs are orphans (moved aside on
the next open) and no row of them is left; then the index catches up from the outbox.
Plain synchronous code with progress and cancel.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future, wait
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from archive.blobs import BlobSync, sha256_bytes
from archive.errors import Cancelled, ParseError, StorageError, UnsupportedFormat
from archive.facts import DocumentFacts
from archive.faults import crash_point
from archive.parsing import ParsedFile, extract_document
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
from archive.store import Store

__all__ = ["document_id_for", "extract_document", "import_paths", "import_sources"]

log = logging.getLogger(__name__)

BATCH_FILES = 250  # files per transaction at most ...
BATCH_SECONDS = 0.5  # ... and at most this long before they are browsable
READ_AHEAD = 8  # files handed to the readers before the writer needs them ...
READ_AHEAD_BYTES = 64 * 1024 * 1024  # ... holding at most this much of their bytes


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
    batch = _Batch(parts, result)
    ahead = _read_ahead(parts, sources, cancel)
    n = 0
    try:
        try:
            for item in ahead:
                n += 1
                if isinstance(item, Rejected):
                    result.rejected.append(item)
                    continue
                report(Progress("import", n - 1, total, item.source.name))
                batch.add(item, keep_paths)
                report(Progress("import", n, total, item.source.name))
                if batch.due():
                    batch.commit()
        except Cancelled:
            result.cancelled = True
        finally:
            ahead.close()  # (files handed to the readers and not needed are dropped)
            batch.commit()  # what was written before an error or a cancel is kept
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


@dataclass(slots=True)
class _Item:
    """One file on its way: its hash, and its reading if a reader was asked for one."""

    source: SourceFile
    sha: str
    reading: Future[ParsedFile] | None


def _read_ahead(parts: ImportParts, sources: Iterable[SourceFile | Rejected],
                cancel: CancelToken) -> Generator[_Item | Rejected, None, None]:
    """The sources in their order, each file already handed to a reader: while the writer
    stores one, the readers parse and extract the next READ_AHEAD. A file whose bytes are
    already stored, or already on their way, is not read again (the writer sees it as a
    duplicate)."""
    window: deque[_Item | Rejected] = deque()
    held = 0
    on_the_way: set[str] = set()
    it = iter(sources)
    try:
        while True:
            while len(window) < READ_AHEAD and held < READ_AHEAD_BYTES:
                nxt = next(it, None)
                if nxt is None:
                    break
                if isinstance(nxt, Rejected):
                    window.append(nxt)
                    continue
                sha = sha256_bytes(nxt.data)
                reading = None
                if sha not in on_the_way and parts.store.id_for_sha(sha) is None:
                    reading = parts.parser.submit(nxt)
                    on_the_way.add(sha)
                window.append(_Item(nxt, sha, reading))
                held += len(nxt.data)
            if not window:
                return
            cancel.raise_if_cancelled()  # once per file, before the writer takes it
            head = window.popleft()
            if isinstance(head, _Item):
                held -= len(head.source.data)
            yield head
    finally:
        # Files not started are dropped; those being read are waited for, so no reader
        # works for an import that has returned (a reader that failed to start is reaped).
        readings = [x.reading for x in window if isinstance(x, _Item) and x.reading is not None]
        wait([r for r in readings if not r.cancel()])


@dataclass
class _Batch:
    """The open transaction of an import: many files, each whole or not at all."""

    parts: ImportParts
    result: ImportResult
    added: list[DocumentId] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # blobs this batch wrote (shas)
    stored: int = 0  # files stored, the unreadable ones kept as originals too
    sync: BlobSync = field(default_factory=BlobSync)
    started: float = 0.0
    tx: AbstractContextManager[Store] | None = None

    def due(self) -> bool:
        return len(self.added) >= BATCH_FILES or (
            self.tx is not None and time.monotonic() - self.started >= BATCH_SECONDS)

    def _begin(self) -> Store:
        if self.tx is None:
            tx = self.parts.transaction()
            store = tx.__enter__()
            self.tx, self.started = tx, time.monotonic()
            return store
        return self.parts.store

    def add(self, item: _Item, keep_paths: bool) -> None:
        parts, source, sha = self.parts, item.source, item.sha
        recorded = source.name if keep_paths else provenance_name(source.name, source.folder)
        existing = parts.store.id_for_sha(sha)  # (this batch's rows count too)
        if existing is not None:
            restored = _heal_original(parts, source.data, sha)
            try:
                self._begin().add_provenance(existing, recorded)
            except sqlite3.OperationalError as exc:
                raise StorageError(_storage_message(exc)) from None
            self.result.duplicates.append(Duplicate(source.name, existing))
            if restored:
                self.result.restored.append(Duplicate(source.name, existing))
            return
        try:
            reading = item.reading or parts.parser.submit(source)
            parsed = reading.result()
            raw, facts = parsed.raw, parsed.facts
        except UnsupportedFormat as exc:
            self.result.rejected.append(Rejected(source.name, str(exc)))
            return
        except ParseError as exc:
            # The format is ours but the file is not readable: keep the original, say why.
            raw, facts = RawDocument(
                text="", media_type="application/octet-stream", importer="unreadable",
                warnings=[str(exc)], flags=["unreadable"]), None
            self.result.rejected.append(Rejected(
                source.name, f"{exc}; the original was kept as {document_id_for(sha)}"))
        self._store(source, sha, recorded, raw, facts)

    def _store(self, source: SourceFile, sha: str, recorded: str, raw: RawDocument,
               facts: DocumentFacts | None) -> None:
        parts, store = self.parts, self.parts.store
        doc_id = document_id_for(sha)
        had_blob = parts.blobs.has(sha)  # (an orphan from before is never ours to remove)
        file = printable(source.display or _display_name(source.name), one_line=True)
        in_savepoint = False
        try:
            crash_point("import.after_parse")
            if facts is None:  # (a reader that could not extract it, or a file kept unreadable)
                facts = extract_document(raw, source.name)
            parts.blobs.put(source.data, sha, sync=self.sync)
            if not had_blob:
                self.written.append(sha)
            crash_point("import.after_blob")
            self._begin()
            store.savepoint()
            in_savepoint = True
            store.insert_document(doc_id=doc_id, sha=sha, file=file, size=len(source.data),
                                  raw=raw, facts=facts, extractor_version=parts.extractor_version)
            if recorded != file:
                store.add_provenance(doc_id, recorded)
            crash_point("import.in_transaction")
            from archive.corrections import apply_corrections

            apply_corrections(store, doc_id)
            store.queue_index(doc_id)
            crash_point("import.before_commit")
            store.release_savepoint()
        except BaseException as exc:
            if in_savepoint:
                with contextlib.suppress(sqlite3.Error):
                    store.rollback_savepoint()
            if not had_blob and sha in self.written:
                # (the row did not get in: the blob this import just wrote goes with it)
                self.written.remove(sha)
                self.sync.forget(parts.blobs.path_for(sha))
                with contextlib.suppress(OSError):
                    parts.blobs.delete(sha)
            if isinstance(exc, OSError | sqlite3.OperationalError):
                raise StorageError(_storage_message(exc)) from None
            raise
        self.stored += 1
        if "unreadable" not in raw.flags:
            self.added.append(doc_id)
        self.warnings.extend(f"{source.name}: {w}" for w in raw.warnings)

    def commit(self) -> None:
        """Make the blobs durable, then commit the rows: the files become browsable."""
        tx, self.tx = self.tx, None
        if tx is None:
            return
        added, self.added = self.added, []
        warnings, self.warnings = self.warnings, []
        written, self.written = self.written, []
        stored, self.stored = self.stored, 0
        try:
            try:
                self.sync.wait()
            except BaseException as exc:
                tx.__exit__(type(exc), exc, exc.__traceback__)  # (rolls back)
                raise
            tx.__exit__(None, None, None)
        except BaseException as exc:
            self.parts.store.rollback()
            for sha in written:  # none of their rows got in
                with contextlib.suppress(OSError):
                    self.parts.blobs.delete(sha)
            if isinstance(exc, OSError | sqlite3.OperationalError):
                raise StorageError(_storage_message(exc)) from None
            raise
        self.result.added.extend(added)
        self.result.warnings.extend(warnings)
        try:
            for _ in range(stored):
                crash_point("import.after_commit")
        except OSError as exc:  # committed: counted above as added, and safe
            raise StorageError(_storage_message(exc)) from None


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
