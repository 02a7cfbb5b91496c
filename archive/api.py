"""The Archive facade: one archive folder, opened once, used by the CLI, the desktop and tests.

It owns the SQLite store, the blob store, the writer lock and the Whoosh index (a cache
it rebuilds whenever it is missing, damaged or behind). Long operations take
`on_progress` and `cancel`; nothing here knows about threads or Qt.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.blobs import BlobStore
from archive.errors import ArchiveError, CorruptArchive, ReadOnlyArchive, StorageError
from archive.faults import crash_point
from archive.index import IndexDamaged, SearchIndex, phrase_in_text
from archive.limits import DEFAULT_LIMITS, Limits
from archive.lock import WriterLock, read_lock_info
from archive.progress import CancelToken, ProgressCallback
from archive.records import DocumentId, ImportResult, SearchHit, SearchResult, SourceFile
from archive.schema import SCHEMA_VERSION, migrate
from archive.store import DB_NAME, Store, connect

if TYPE_CHECKING:
    from archive.browse import BrowseResult
    from archive.entity import EntitySummary

SORTS = ("relevance", "date", "date_asc", "title", "publisher", "assets")


@dataclass(slots=True)
class CheckReport:
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": self.problems, "repaired": self.repaired,
                "checked": self.checked}


class Archive:
    """An open archive folder. Use `Archive.open(path)`; close it (or use `with`)."""

    def __init__(self, root: Path, store: Store, *, lock: WriterLock | None,
                 readonly: bool, limits: Limits) -> None:
        self.root = root
        self.store = store
        self.blobs = BlobStore(root / "blobs")
        self.limits = limits
        self.readonly = readonly
        self._lock = lock
        self._index: SearchIndex | None = None
        self._index_dir = root / "index"
        self._parser: Any = None
        self._backup_due = False  # set by imports; a verified backup is made on close
        self.notices: list[str] = []

    # --- opening and closing ----------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = True, write: bool = True,
             limits: Limits | None = None, wait_lock_s: float = 0.0) -> Archive:
        """Open (or create) the archive folder at *path*.

        write=True takes the single-writer lock (ArchiveLocked if another process has it).
        A folder on read-only media opens read-only whatever *write* says.
        """
        root = Path(path).expanduser()
        db_path = root / DB_NAME
        if not db_path.exists():
            if not create:
                raise ArchiveError(f"no archive at {root} (use import to create one)")
            try:
                root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"cannot create the archive folder {root}: {exc.strerror}") from None
        readonly = not os.access(root, os.W_OK) or (
            db_path.exists() and not os.access(db_path, os.W_OK))
        lock = None
        unclean = False
        if write and not readonly:
            lock = WriterLock(root / ".lock")
            # A holder that exits cleanly empties the file: a PID left in it means a crash.
            unclean = db_path.exists() and read_lock_info(root / ".lock")[0] is not None
            lock.acquire(wait_s=wait_lock_s)
        try:
            if readonly:
                wal = Path(str(db_path) + "-wal")
                conn = connect(db_path, readonly=True, immutable=not wal.exists())
            else:
                conn = connect(db_path)
            if not readonly:
                found = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if 0 < found < SCHEMA_VERSION:
                    from archive.backup import backup_database

                    backup_database(conn, root, reason="before-upgrade")
                migrate(conn)
            elif int(conn.execute("PRAGMA user_version").fetchone()[0]) != SCHEMA_VERSION:
                raise ArchiveError("this read-only archive needs an upgrade that cannot be written")
        except sqlite3.DatabaseError as exc:
            if lock:
                lock.release()
            from archive.check import DAMAGED_HINT

            raise CorruptArchive(f"{DAMAGED_HINT} ({exc})") from None
        except BaseException:
            if lock:
                lock.release()
            raise
        archive = cls(root, Store(conn), lock=lock, readonly=readonly,
                      limits=limits or DEFAULT_LIMITS)
        if readonly:
            archive.notices.append("This archive is on read-only media: browsing only.")
        elif lock is not None:
            archive.blobs.clean_temp_files()
            if unclean:
                from archive.check import recover_after_crash

                try:
                    archive.notices.extend(recover_after_crash(archive))
                except BaseException:
                    archive.close()
                    raise
        return archive

    def close(self) -> None:
        if self._backup_due and self.writable:
            from archive.backup import backup_database

            self._backup_due = False
            try:
                backup_database(self.store.conn, self.root, reason="after-import")
            except ArchiveError as exc:  # the import itself is safe; say so, do not fail
                self.notices.append(f"No automatic backup was made: {exc}")
        if self._parser is not None:
            self._parser.close()
            self._parser = None
        if self._index is not None:
            self._index.close()
            self._index = None
        self.store.conn.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def writable(self) -> bool:
        return self._lock is not None and self._lock.owned

    def _require_writer(self) -> None:
        if self.readonly:
            raise ReadOnlyArchive()
        if not self.writable:
            assert self._lock is None
            self._lock = WriterLock(self.root / ".lock")
            self._lock.acquire()

    @contextlib.contextmanager
    def write_transaction(self) -> Iterator[Store]:
        """One SQLite transaction (BEGIN IMMEDIATE ... COMMIT) under the writer lock."""
        self._require_writer()
        self.store.begin()
        try:
            yield self.store
        except BaseException:
            self.store.rollback()
            raise
        self.store.commit()

    @property
    def parser(self) -> Any:
        if self._parser is None:
            from archive.parsing import InProcessParser

            try:
                from archive.sandbox import IsolatedParser
            except ImportError:
                self._parser = InProcessParser(self.limits)
            else:
                self._parser = IsolatedParser(self.limits)
        return self._parser

    @property
    def extractor_version(self) -> str:
        from archive.extract import EXTRACTOR_VERSION

        return str(EXTRACTOR_VERSION)

    # --- import -----------------------------------------------------------------------

    def import_paths(self, paths: Iterable[str | os.PathLike[str]], *,
                     on_progress: ProgressCallback | None = None,
                     cancel: CancelToken | None = None) -> ImportResult:
        """Import files, folders and .zip bundles; returns what was added, duplicated, rejected."""
        from archive.pipeline import import_paths

        self._require_writer()
        result = import_paths(self, [Path(p) for p in paths], on_progress=on_progress,
                              cancel=cancel)
        self._backup_due = self._backup_due or bool(result.added)
        return result

    def import_text(self, text: str, name: str = "pasted text.txt", *,
                    on_progress: ProgressCallback | None = None) -> ImportResult:
        """Import text pasted from the clipboard as if it were a UTF-8 text file."""
        from archive.pipeline import import_sources

        self._require_writer()
        src = SourceFile(name=name, data=text.encode("utf-8"))
        return import_sources(self, [src], total=1, on_progress=on_progress)

    # --- index ------------------------------------------------------------------------

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            self.sync_index()
        assert self._index is not None
        return self._index

    def sync_index(self, *, on_progress: ProgressCallback | None = None,
                   cancel: CancelToken | None = None) -> None:
        """Make the index equal to the database: replay the outbox, or rebuild if needed."""
        if self._index is None:
            try:
                self._index = SearchIndex.open(self._index_dir)
            except IndexDamaged:
                self._index = None
        if self.readonly or not self._can_write_index():
            if self._index is None or self._index_is_stale():
                self._rebuild_into_temp()
            return
        if self._index is None:
            self._rebuild(on_progress, cancel)
            return
        pending = self.store.outbox()
        if pending:
            have = self._index.generation()
            if have is None or have < pending[0]["generation"] - 1:
                self._rebuild(on_progress, cancel)
                return
            self._drain_outbox(on_progress, cancel)
        elif self._index_is_stale():
            self._rebuild(on_progress, cancel)

    def _can_write_index(self) -> bool:
        if self.writable:
            return True
        try:
            self._require_writer()
            return True
        except ArchiveError:
            return False

    def _index_is_stale(self) -> bool:
        assert self._index is not None
        if self._index.generation() != self.store.generation():
            return True
        return self._index.doc_count() != self.store.count("document")

    def _drain_outbox(self, on_progress: ProgressCallback | None,
                      cancel: CancelToken | None) -> None:
        from archive.progress import Progress

        assert self._index is not None
        total = self.store.count("outbox")
        done = 0
        while True:
            rows = self.store.outbox(limit=200)
            if not rows:
                break
            ids = list(dict.fromkeys(r["document_id"] for r in rows))
            docs = [d for d in (self.store.index_doc(i) for i in ids) if d is not None]
            gone = [i for i in ids if not any(d.id == i for d in docs)]
            self._index.apply(docs, delete_ids=gone, crash_point=crash_point)
            crash_point("index.after_commit")
            self._index.set_generation(max(r["generation"] for r in rows))
            crash_point("index.after_generation")
            self.store.clear_outbox(rows[-1]["id"])
            done += len(rows)
            if on_progress:
                on_progress(Progress("index", min(done, total), total, "updating the search index"))
            if cancel and cancel.cancelled:
                break  # the rest stays in the outbox and is replayed next time

    def _rebuild(self, on_progress: ProgressCallback | None, cancel: CancelToken | None) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None
        # Build beside the old index and swap, so a cancelled rebuild leaves a usable folder.
        tmp = self.root / ".index-rebuild"
        new = SearchIndex.create(tmp)
        gen = self.store.generation()
        new.rebuild(self.store.iter_index_docs(), self.store.count("document"), gen,
                    on_progress=on_progress, cancel=cancel)
        new.close()
        self.store.conn.execute("BEGIN IMMEDIATE")
        self.store.conn.execute("DELETE FROM outbox WHERE generation <= ?", (gen,))
        self.store.conn.execute("COMMIT")
        if self._index_dir.exists():
            shutil.rmtree(self._index_dir)
        os.replace(tmp, self._index_dir)
        self._index = SearchIndex.open(self._index_dir)

    def _rebuild_into_temp(self) -> None:
        """Read-only archive with an unusable index: build a private one in a temp folder."""
        tmp = Path(tempfile.mkdtemp(prefix="takedown-atlas-index-"))
        self._index_dir = tmp / "index"
        new = SearchIndex.create(self._index_dir)
        new.rebuild(self.store.iter_index_docs(), self.store.count("document"),
                    self.store.generation())
        self._index = new

    def reindex(self, *, on_progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> int:
        """Rebuild the search index from SQLite; return the number of documents indexed."""
        self._require_writer()
        self._rebuild(on_progress, cancel)
        return self.store.count("document")

    # --- reading ----------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, *, sort: str = "relevance",
               offset: int = 0, snippets: bool = True) -> SearchResult:
        """Full-text search (Whoosh syntax); a rejected query falls back to plain words."""
        if sort not in ("relevance", "date", "date_asc"):
            raise ArchiveError(f"unknown sort {sort!r} (relevance, date or date_asc)")
        res = self.index.search(query, limit=limit + 10 if offset == 0 else limit,
                                offset=offset, sort=sort)
        hits: list[SearchHit] = []
        total = res.total
        for h in res.hits:
            row = self.store.conn.execute(
                "SELECT title, file, published, text FROM document WHERE id = ?", (h.id,)).fetchone()
            if row is None:
                continue
            if res.phrases and not all(phrase_in_text(p, row["text"] + " " + (row["title"] or ""))
                                       for p in res.phrases):
                total -= 1  # the word-pair index matched, the exact phrase did not
                continue
            snippet = self.index.snippet(row["text"], res.terms) if snippets else ""
            hits.append(SearchHit(DocumentId(h.id), row["title"] or row["file"],
                                  row["published"], snippet, h.score))
            if len(hits) >= limit:
                break
        return SearchResult(query=query, total=max(total, len(hits)), hits=hits,
                            notice=res.notice)

    def _search_all(self, query: str) -> tuple[list[str], str | None]:
        res = self.index.search(query, limit=1_000_000, sort="relevance")
        return [h.id for h in res.hits], res.notice

    def _search_ids(self, query: str) -> list[str]:
        return self._search_all(query)[0]

    def query_ids(self, query: str = "", filters: dict[str, list[str]] | None = None,
                  sort: str = "date") -> tuple[list[DocumentId], str | None]:
        """All matching document ids for a browser view: search text plus facet filters."""
        from archive.browse import query_ids

        return query_ids(self.store, self._search_all, query, filters, sort)

    def browse(self, query: str = "", filters: dict[str, list[str]] | None = None,
               sort: str = "date", *, cancel: CancelToken | None = None) -> BrowseResult:
        """Ids and facet counts for a browser view; a facet with a selection counts without
        its own filter, so its other values can be added."""
        from archive.browse import browse

        return browse(self.store, self._search_all, query, filters, sort, cancel=cancel)

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
        row = self.store.document_row(self.store.resolve_id(doc_id))
        return row["file"], self.blobs.read(row["sha256"])

    def original_for_viewer(self, doc_id: str) -> tuple[str, bytes] | None:
        """The original as (safe file name, bytes) if the system's viewer may open it (only
        PDFs and plain text, judged from the stored media type); None otherwise."""
        from archive.originals import viewer_copy

        row = self.store.document_row(self.store.resolve_id(doc_id))
        return viewer_copy(row["file"], row["media_type"], self.blobs.read(row["sha256"]))

    def networks(self, *, country: str | None = None, role: str | None = None,
                 actor: str | None = None) -> list[dict[str, Any]]:
        """Networks involving the country (in *role*) and/or actor (`archive.rules`)."""
        from archive.browse import networks

        return networks(self.store, self._search_ids, country=country, role=role, actor=actor)

    def facets(self, doc_ids: Iterable[str] | None = None) -> dict[str, list[tuple[str, int]]]:
        from archive.browse import facets

        return facets(self.store, doc_ids)

    def document_rows(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Result-table cells (title, date, publisher, networks, assets, countries) by id."""
        from archive.browse import document_rows

        return document_rows(self.store, doc_ids)

    def select(self, *, country: str | None = None, actor: str | None = None,
               query: str | None = None, since: str | None = None,
               ids: Iterable[str] | None = None) -> list[DocumentId]:
        """Documents for an export: every filter given must hold."""
        from archive.browse import select_documents

        return select_documents(self.store, self._search_ids, country=country, actor=actor,
                                query=query, since=since, ids=ids)

    # --- exports ----------------------------------------------------------------------

    def export_json(self, target: str | os.PathLike[str], doc_ids: Iterable[str] | None = None,
                    *, with_text: bool = False) -> int:
        from archive.export import json_export

        ids = list(doc_ids) if doc_ids is not None else self.store.document_ids()
        return json_export.write(self.store, ids, str(target), with_text=with_text)

    def export(self, fmt: str, target: str | os.PathLike[str], *, country: str | None = None,
               actor: str | None = None, query: str | None = None, since: str | None = None,
               ids: Iterable[str] | None = None, on_progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None) -> int:
        """Export the selected documents in a registered format; return how many."""
        from archive.export import registry
        from archive.export.model import Scope

        write = registry.get(fmt).load()
        id_list = list(ids) if ids is not None else None
        doc_ids = self.select(country=country, actor=actor, query=query, since=since, ids=id_list)
        scope = Scope(country=country, actor=actor, query=query, since=since, ids=id_list)
        parts = registry.ExportParts(self.store, self.root.name)
        return write(parts, doc_ids, target, scope=scope, fmt=fmt, on_progress=on_progress,
                     cancel=cancel)

    # --- corrections, tags, notes -----------------------------------------------------

    def correct(self, doc_id: str, *, network: int = 1, action: str, kind: str, key: str,
                role: str | None = None, value: Any = None, qualifier: str | None = None,
                new_key: str | None = None, new_role: str | None = None,
                note: str | None = None) -> int:
        """Correct, add or delete one fact; stored apart and re-applied after re-extraction."""
        from archive import corrections

        full = self.store.resolve_id(doc_id)
        c = corrections.Correction(full, network, action, kind, key, role, value, qualifier,
                                   new_key, new_role, note)
        with self.write_transaction() as store:
            cid = corrections.record(store, c)
            store.queue_index(full)
        self.sync_index()
        return cid

    def undo_correction(self, correction_id: int) -> None:
        from archive import corrections

        with self.write_transaction() as store:
            doc_id = corrections.undo(store, correction_id)
            store.queue_index(doc_id)
        self.sync_index()

    def corrections(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        from archive import corrections

        return corrections.list_corrections(
            self.store, self.store.resolve_id(doc_id) if doc_id else None)

    def reextract(self, *, on_progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None, reparse: bool = True) -> int:
        """Run the current extractor (and importers) over every original again; keep corrections."""
        from archive.reextract import reextract_all

        self._require_writer()
        return reextract_all(self, on_progress=on_progress, cancel=cancel, reparse=reparse)

    def set_tags(self, target_type: str, target_id: str, tags: Iterable[str]) -> None:
        if target_type not in ("document", "network"):
            raise ArchiveError("tags go on documents or networks")
        clean = sorted({t.strip() for t in tags if t.strip()})
        doc_id = target_id.split("-n")[0] if target_type == "network" else target_id
        with self.write_transaction() as store:
            store.conn.execute("DELETE FROM tag WHERE target_type = ? AND target_id = ?",
                               (target_type, target_id))
            store.conn.executemany(
                "INSERT INTO tag(target_type, target_id, tag) VALUES (?, ?, ?)",
                [(target_type, target_id, t) for t in clean])
            store.queue_index(doc_id)
        self.sync_index()

    def set_note(self, target_type: str, target_id: str, note: str | None,
                 starred: bool | None = None) -> None:
        table = {"document": "document", "network": "network"}.get(target_type)
        if table is None:
            raise ArchiveError("notes go on documents or networks")
        doc_id = target_id.split("-n")[0] if target_type == "network" else target_id
        with self.write_transaction() as store:
            store.conn.execute(f"UPDATE {table} SET note = ? WHERE id = ?", (note, target_id))
            if starred is not None:
                store.conn.execute(f"UPDATE {table} SET starred = ? WHERE id = ?",
                                   (int(starred), target_id))
            store.queue_index(doc_id)
        self.sync_index()

    # --- maintenance ------------------------------------------------------------------

    def check(self, *, repair: bool = False, verify_hashes: bool = True) -> CheckReport:
        """Integrity of SQLite, blobs against rows, and the index against the database."""
        from archive.check import check_archive

        if repair:
            self._require_writer()
        return check_archive(self, repair=repair, verify_hashes=verify_hashes)

    def backup(self) -> Path:
        """A verified copy of the database in backups/ (SQLite backup API); N are kept."""
        from archive.backup import backup_database

        return backup_database(self.store.conn, self.root, reason="manual")

    def export_bundle(self, target: str | os.PathLike[str]) -> int:
        """A portable zip: every original plus manifest.json; re-imports into a fresh archive."""
        from archive.backup import export_bundle

        return export_bundle(self, target)

    def import_bundle(self, path: str | os.PathLike[str]) -> tuple[ImportResult, int]:
        """Import a portable bundle as untrusted files, then re-apply its corrections."""
        from archive.backup import import_bundle

        self._require_writer()
        result, applied = import_bundle(self, path)
        self._backup_due = self._backup_due or bool(result.added)
        return result, applied

    def info(self) -> dict[str, Any]:
        from archive import __version__

        s = self.store
        size = sum(f.stat().st_size for f in self.root.rglob("*") if f.is_file())
        countries = s.conn.execute(
            "SELECT count(DISTINCT key) FROM live_fact WHERE kind = 'country'").fetchone()[0]
        actors = s.conn.execute(
            "SELECT count(DISTINCT key) FROM live_fact WHERE kind = 'actor'").fetchone()[0]
        import sqlite3

        import whoosh

        return {
            "documents": s.count("document"), "networks": s.count("network"),
            "countries": int(countries), "actors": int(actors),
            "facts": s.count("fact"), "corrections": s.count("correction"),
            "schema_version": SCHEMA_VERSION, "archive": str(self.root),
            "size_bytes": size, "generation": s.generation(),
            "index_pending": s.count("outbox"), "readonly": self.readonly,
            "version": __version__, "sqlite_version": sqlite3.sqlite_version,
            "whoosh_version": ".".join(map(str, whoosh.versionstring().split(".")[:3])),
            "extractor_version": self.extractor_version,
        }

    def settings_json(self) -> dict[str, Any]:
        rows = self.store.conn.execute("SELECT key, value FROM settings").fetchall()
        return {r[0]: json.loads(r[1]) if r[1][:1] in "[{" else r[1] for r in rows}
