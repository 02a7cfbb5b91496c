"""The Archive facade: one archive folder, opened once, used by the CLI, the desktop and tests.

It composes the parts (SQLite store, blob store, writer lock, parser, the index keeper)
and hands them to the services that do the work; it holds no SQL and no Whoosh. Long
operations take `on_progress` and `cancel`; nothing here knows about threads or Qt.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.blobs import BlobStore
from archive.errors import ArchiveError
from archive.folder import open_folder
from archive.index_keeper import IndexKeeper
from archive.limits import DEFAULT_LIMITS, Limits
from archive.lock import WriterLock
from archive.progress import CancelToken, ProgressCallback
from archive.records import DocumentId, ImportResult, SearchResult, SourceFile
from archive.store import Store
from archive.writer import Writer

# The services load when first used: a search (the CLI's most common command) opens the
# store and the index and nothing else (tests/archive/test_cli_imports.py keeps it so).
if TYPE_CHECKING:
    import sqlite3

    from archive.backup import EditBackups, RestoreResult
    from archive.browse import BrowseResult
    from archive.check import CheckReport
    from archive.entity import EntitySummary
    from archive.export.registry import Warn
    from archive.parsing import Parser
    from archive.parts import CheckParts, ImportParts, Transaction

__all__ = ["Archive", "CheckReport"]


def __getattr__(name: str) -> object:
    if name == "CheckReport":  # (re-exported, loaded on first use)
        from archive.check import CheckReport
        return CheckReport
    raise AttributeError(name)


def _before_upgrade(conn: sqlite3.Connection, root: Path) -> object:
    from archive import backup

    return backup.before_upgrade(conn, root)


class Archive:
    """An open archive folder. Use `Archive.open(path)`; close it (or use `with`)."""

    def __init__(self, root: Path, store: Store, *, lock: WriterLock | None,
                 readonly: bool, limits: Limits) -> None:
        self.root = root
        self.store = store
        self.blobs = BlobStore(root / "blobs")
        self.limits = limits
        self.readonly = readonly
        self._writer = Writer(store, root, lock, readonly=readonly)
        self._keeper = IndexKeeper(store, root, readonly=readonly,
                                   can_write=self._writer.can_write)
        self._parser: Parser | None = None
        self._backup_due = False  # set by imports; imports and edits get a backup on close
        self._edits: EditBackups | None = None  # (made when first needed; writable as opened)
        self._edits_writable = self._writer.writable
        self.notices: list[str] = []

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = True, write: bool = True,
             limits: Limits | None = None, wait_lock_s: float = 0.0) -> Archive:
        """Open (or create) the archive folder at *path* (`archive.folder`); write=True takes
        the writer lock. A folder on read-only media opens read-only whatever *write* says."""
        opened = open_folder(path, create=create, write=write, wait_lock_s=wait_lock_s,
                             before_upgrade=_before_upgrade)
        archive = cls(opened.root, Store(opened.conn), lock=opened.lock,
                      readonly=opened.readonly, limits=limits or DEFAULT_LIMITS)
        if opened.readonly:
            archive.notices.append("This archive is on read-only media: browsing only.")
        elif opened.lock is not None and not opened.shared:  # (not a worker thread's second one)
            try:
                from archive import check

                archive.notices.extend(check.after_open(archive._check_parts(), opened.unclean))
            except BaseException:
                archive.close()
                raise
        return archive

    @property
    def edits(self) -> EditBackups:
        """When the journalist's edits get their backup (`archive.backup.EditBackups`)."""
        if self._edits is None:
            from archive.backup import EditBackups
            self._edits = EditBackups(self.store.conn, self.root, writable=self._edits_writable)
        return self._edits

    def close(self) -> None:
        if self._backup_due or self._edits is not None:  # (a search made no backup due)
            self.notices.extend(self.edits.on_close(self._backup_due))  # the last one is due
        self._backup_due = False
        if self._parser is not None:
            self._parser.close()
            self._parser = None
        self._keeper.close()
        self.store.conn.close()
        self._writer.release()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def writable(self) -> bool:
        return self._writer.writable

    @property
    def write_transaction(self) -> Transaction:
        """One SQLite transaction (BEGIN IMMEDIATE ... COMMIT) under the writer lock."""
        return self._writer.transaction

    @property
    def parser(self) -> Parser:
        if self._parser is None:
            from archive.reader_pool import default_parser
            self._parser = default_parser(self.limits)
        return self._parser

    @property
    def extractor_version(self) -> str:
        from archive.extract import EXTRACTOR_VERSION  # (the extractor: imported when used)
        return str(EXTRACTOR_VERSION)

    def _import_parts(self) -> ImportParts:
        from archive.parts import ImportParts
        self._writer.require()
        return ImportParts(self.store, self.blobs, self.parser, self.limits,
                           self.write_transaction, self._keeper.sync, self.extractor_version)

    def _check_parts(self) -> CheckParts:
        from archive import reextract
        from archive.parts import CheckParts
        return CheckParts(self.store, self.blobs, self.root, self.readonly, self.writable,
                          self._keeper.rebuild, self.sync_index,
                          lambda ids: reextract.reextract_all(self._import_parts(), ids=ids))

    def import_paths(self, paths: Iterable[str | os.PathLike[str]], *,
                     on_progress: ProgressCallback | None = None,
                     cancel: CancelToken | None = None, keep_paths: bool = False) -> ImportResult:
        """Import files, folders, .zip bundles (names stored, not folders, unless keep_paths)."""
        from archive import pipeline
        result = pipeline.import_paths(self._import_parts(), [Path(p) for p in paths],
                                       on_progress=on_progress, cancel=cancel, keep_paths=keep_paths)
        self._backup_due = self._backup_due or bool(result.added)
        return result

    def import_text(self, text: str, name: str = "pasted text.txt", *,
                    on_progress: ProgressCallback | None = None) -> ImportResult:
        """Import text pasted from the clipboard as if it were a UTF-8 text file."""
        from archive import pipeline
        result = pipeline.import_sources(self._import_parts(), [SourceFile(
            name=name, data=text.encode("utf-8"))], total=1, on_progress=on_progress)
        self._backup_due = self._backup_due or bool(result.added)  # (pasted text is backed up too)
        return result

    def sync_index(self, *, on_progress: ProgressCallback | None = None,
                   cancel: CancelToken | None = None) -> None:
        """Make the index equal to the database: replay the outbox, or rebuild if needed."""
        self._keeper.sync(on_progress, cancel)

    def reindex(self, *, on_progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> int:
        """Rebuild the search index from SQLite; return the number of documents indexed."""
        self._writer.require()
        self._keeper.rebuild(on_progress, cancel)
        return self.store.count("document")

    def search(self, query: str, limit: int = 20, *, sort: str = "relevance",
               offset: int = 0, snippets: bool = True) -> SearchResult:
        """Full-text search (Whoosh syntax); a rejected query falls back to plain words."""
        return self._keeper.search(query, limit, sort=sort, offset=offset, snippets=snippets)

    def query_ids(self, query: str = "", filters: dict[str, list[str]] | None = None,
                  sort: str = "date") -> tuple[list[DocumentId], str | None]:
        """All matching document ids for a browser view: search text plus facet filters."""
        from archive import browse
        return browse.query_ids(self.store, self._keeper.search_all, query, filters, sort)

    def browse(self, query: str = "", filters: dict[str, list[str]] | None = None,
               sort: str = "date", *, cancel: CancelToken | None = None) -> BrowseResult:
        """Ids and facet counts for a browser view (a facet counts without its own filter)."""
        from archive import browse
        return browse.browse(self.store, self._keeper.search_all, query, filters, sort, cancel=cancel)

    def entity_summary(self, kind: str, key: str) -> EntitySummary:
        """A country ("country", "AZ") or actor page: the networks a briefing of it covers."""
        from archive.entity import summarise
        if kind not in ("country", "actor"):
            raise ArchiveError("a summary is of a country or an actor")
        nets = self.networks(country=key) if kind == "country" else self.networks(actor=key)
        return summarise(kind, key, nets)

    def document(self, doc_id: str, *, with_text: bool = True) -> dict[str, Any]:
        """One document as in the JSON export, plus "text" (what evidence offsets point into)."""
        from archive.export.model import document_view
        return document_view(self.store, self.store.resolve_id(doc_id), with_text=with_text)

    def original(self, doc_id: str) -> tuple[str, bytes]:
        """The original file's name and exact bytes."""
        row = self.store.document_row(self.store.resolve_id(doc_id), with_text=False)
        return row["file"], self.blobs.read(row["sha256"])

    def original_for_viewer(self, doc_id: str) -> tuple[str, bytes] | None:
        """(safe name, bytes) if the system's viewer may open it (`archive.originals`), else None."""
        from archive.originals import viewer_copy
        row = self.store.document_row(self.store.resolve_id(doc_id), with_text=False)
        return viewer_copy(row["file"], row["media_type"], self.blobs.read(row["sha256"]))

    def networks(self, *, country: str | None = None, role: str | None = None,
                 actor: str | None = None) -> list[dict[str, Any]]:
        """Networks involving the country (in *role*) and/or actor (`archive.rules`)."""
        from archive import browse
        return browse.networks(self.store, self._keeper.search_ids, country=country, role=role,
                               actor=actor)

    def facets(self, doc_ids: Iterable[str] | None = None) -> dict[str, list[tuple[str, int]]]:
        from archive import browse
        return browse.facets(self.store, doc_ids)

    def document_rows(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Result-table cells (title, date, publisher, networks, assets, countries) by id."""
        from archive import browse
        return browse.document_rows(self.store, doc_ids)

    def select(self, *, country: str | None = None, actor: str | None = None,
               query: str | None = None, since: str | None = None,
               ids: Iterable[str] | None = None) -> list[DocumentId]:
        """Documents for an export: every filter given must hold."""
        from archive import browse
        return browse.select_documents(self.store, self._keeper.search_ids, country=country,
                                       actor=actor, query=query, since=since, ids=ids)

    def export_json(self, target: str | os.PathLike[str], doc_ids: Iterable[str] | None = None,
                    *, with_text: bool = False) -> int:
        from archive.export import json_export
        ids = self.store.document_ids() if doc_ids is None else list(doc_ids)
        return json_export.write(self.store, ids, target, with_text=with_text, archive_root=self.root)

    def export(self, fmt: str, target: str | os.PathLike[str], *, country: str | None = None,
               actor: str | None = None, query: str | None = None, since: str | None = None,
               ids: Iterable[str] | None = None, on_progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None, on_warning: Warn | None = None) -> int:
        """Export in a registered format; return how many documents (warnings: one line each)."""
        from archive.export import atomic, registry
        from archive.export.model import Scope
        write = registry.get(fmt).load()
        atomic.check_target(target, self.root)  # before rendering; atomic_output checks again
        id_list = list(ids) if ids is not None else None
        doc_ids = self.select(country=country, actor=actor, query=query, since=since, ids=id_list)
        scope = Scope(country=country, actor=actor, query=query, since=since, ids=id_list)
        parts = registry.ExportParts(self.store, self.root.name, self.root)
        return write(parts, doc_ids, target, scope=scope, fmt=fmt, on_progress=on_progress,
                     cancel=cancel, on_warning=on_warning)

    def correct(self, doc_id: str, *, network: int = 1, action: str, kind: str, key: str,
                role: str | None = None, value: Any = None, qualifier: str | None = None,
                new_key: str | None = None, new_role: str | None = None,
                note: str | None = None) -> int:
        """Correct, add or delete one fact; stored apart and re-applied after re-extraction."""
        from archive import corrections, editing
        return int(self._edit(editing.correct, corrections.Correction(
            self.store.resolve_id(doc_id), network, action, kind, key, role, value, qualifier,
            new_key, new_role, note)))

    def undo_correction(self, correction_id: int) -> None:
        from archive import editing
        self._edit(editing.undo_correction, correction_id)

    def corrections(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        from archive import corrections
        return corrections.list_corrections(
            self.store, self.store.resolve_id(doc_id) if doc_id else None)

    def reextract(self, *, on_progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None, reparse: bool = True) -> int:
        """Run the current extractor (and importers) over every original again; keep corrections."""
        from archive import reextract
        return reextract.reextract_all(self._import_parts(), on_progress=on_progress,
                                       cancel=cancel, reparse=reparse)

    def set_tags(self, target_type: str, target_id: str, tags: Iterable[str]) -> None:
        from archive import editing
        self._edit(editing.set_tags, target_type, target_id, tags)

    def set_note(self, target_type: str, target_id: str, note: str | None,
                 starred: bool | None = None) -> None:
        from archive import editing
        self._edit(editing.set_note, target_type, target_id, note, starred)

    def _edit(self, change: Any, *args: Any) -> Any:
        """A journalist's edit: one transaction, then the index and the backup to come."""
        out = change(self.write_transaction, *args)
        self.edits.edited()
        self.sync_index()
        return out

    def check(self, *, repair: bool = False, verify_hashes: bool = True,
              purge_quarantine: bool = False) -> CheckReport:
        """SQLite, blobs against rows, index against database; repairs move orphan originals to
        quarantine/, *purge_quarantine* deletes them."""
        from archive import check
        if repair:
            self._writer.require()
        return check.check_archive(self._check_parts(), repair=repair, verify_hashes=verify_hashes,
                                   purge_quarantine=purge_quarantine)

    def backup(self) -> Path:
        """A verified copy of the database in backups/ (SQLite backup API); N are kept."""
        from archive import backup
        return backup.backup_database(self.store.conn, self.root, reason="manual")

    @staticmethod
    def restore(root: str | os.PathLike[str], source: Path | None = None) -> RestoreResult:
        """Go back to a backup (works on a database too damaged to open); originals stored
        after it are imported again."""
        from archive import backup
        return backup.restore(Path(root), source, readd=Archive._readd_strays)

    @staticmethod
    def _readd_strays(root: Path) -> int:
        from archive import backup
        with Archive.open(root, create=False) as archive:
            return backup.readd_stray_originals(archive._import_parts())

    def export_bundle(self, target: str | os.PathLike[str]) -> int:
        """A portable zip: every original plus manifest.json; re-imports into a fresh archive."""
        from archive import backup
        return backup.export_bundle(self.store, self.blobs, target, archive_root=self.root)

    def import_bundle(self, path: str | os.PathLike[str]) -> tuple[ImportResult, int]:
        """Import a portable bundle as untrusted files, then re-apply its corrections."""
        from archive import backup
        result, applied = backup.import_bundle(self._import_parts(), path)
        self._backup_due = self._backup_due or bool(result.added)
        return result, applied

    def info(self) -> dict[str, Any]:
        from archive.info import archive_info
        return archive_info(self.store, self.root, self.readonly, self.extractor_version)
