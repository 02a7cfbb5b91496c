"""Keeps the Whoosh index equal to SQLite and answers searches with it.

The index is a cache: opened if it is there, replayed from the outbox when it is behind,
rebuilt beside the old one and swapped in when it is missing, damaged or stale, or built
in a temp folder for read-only media. Whoosh itself stays in `archive.index`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from archive.errors import ArchiveError, StorageError
from archive.faults import crash_point
from archive.index import IndexDamaged, SearchIndex, phrase_in_text
from archive.progress import CancelToken, Progress, ProgressCallback
from archive.records import DocumentId, SearchHit, SearchResult
from archive.store import Store

SEARCH_SORTS = ("relevance", "date", "date_asc")
PRIVATE_PREFIX = "takedown-atlas-index-"
PRIVATE_MAX_AGE_S = 24 * 3600


def _disk_full(exc: BaseException) -> bool:
    return getattr(exc, "errno", None) == errno.ENOSPC or "full" in str(exc).lower()


def _clean_old_private_indexes() -> None:
    """Private indexes a killed process left in the temp folder, older than a day."""
    now = time.time()
    for p in Path(tempfile.gettempdir()).glob(PRIVATE_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if p.is_dir() and now - p.stat().st_mtime > PRIVATE_MAX_AGE_S:
                shutil.rmtree(p, ignore_errors=True)


OPEN_RETRY_S = 0.5
RANKED_IDS = 1000  # search_all: this many in order of relevance, then the rest
INDEX_BUSY_NOTICE = ("The search index is being built by another window of this archive; "
                     "search again in a moment.")


def _open_beside_writer(path: Path) -> SearchIndex | None:
    deadline = time.monotonic() + OPEN_RETRY_S
    while True:
        try:
            return SearchIndex.open(path)
        except IndexDamaged:
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)


class IndexKeeper:
    """The archive's search index. *can_write* says whether this process may write it."""

    def __init__(self, store: Store, root: Path, *, readonly: bool,
                 can_write: Callable[[], bool]) -> None:
        self.store = store
        self.root = root
        self.readonly = readonly
        self._can_write = can_write
        self._index: SearchIndex | None = None
        self._dir = root / "index"
        self._private: Path | None = None  # a temp folder of our own (read-only archives)

    @property
    def index(self) -> SearchIndex:
        found = self._searchable()
        if found is None:
            raise ArchiveError(INDEX_BUSY_NOTICE)
        return found

    def _searchable(self) -> SearchIndex | None:
        """The index to search; None only while another process builds it."""
        if self._index is None:
            try:
                self.sync()
            except StorageError:
                if self._index is None:
                    raise
                # (a full disk stops the catch-up, not the search: the index as it was answers,
                # and the outbox keeps what it lacks for the next catch-up)
        return self._index

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None
        if self._private is not None:  # the private index of a read-only archive goes too
            shutil.rmtree(self._private, ignore_errors=True)
            self._private = None
            self._dir = self.root / "index"

    def sync(self, on_progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None) -> None:
        """Make the index equal to the database: replay the outbox, or rebuild if needed."""
        if self._index is None:
            try:
                self._index = SearchIndex.open(self._dir)
            except IndexDamaged:
                self._index = None
        if self.readonly:
            # Read-only media: a stale index is never brought up to date, so build a private one.
            if self._index is None or self._is_stale():
                self._rebuild_into_temp()
            return
        if not self._can_write():
            # Another process writes: its index is what it has committed, at most a moment
            # behind; open it as it is, never a private copy (33 s at 10k). Caught between
            # its commit and its clean-up, or its rebuild's swap, try again briefly; still
            # unopenable (being built), searches say so until it is there.
            if self._index is None:
                self._index = _open_beside_writer(self._dir)
            return
        try:
            self._catch_up(on_progress, cancel)
        except (OSError, sqlite3.OperationalError) as exc:
            if not _disk_full(exc):
                raise
            if self._index is None:  # a rebuild that failed: open what is on disk, if anything
                with contextlib.suppress(IndexDamaged):
                    self._index = SearchIndex.open(self._dir)
            raise StorageError("Not enough disk space to update the search index; the documents "
                               "are safe and are indexed once space is freed.") from None

    def _catch_up(self, on_progress: ProgressCallback | None, cancel: CancelToken | None) -> None:
        if self._index is None:
            self.rebuild(on_progress, cancel)
            return
        pending = self.store.outbox()
        if pending:
            have = self._index.generation()
            if have is None or have < pending[0]["generation"] - 1:
                self.rebuild(on_progress, cancel)
                return
            self._drain_outbox(on_progress, cancel)
        elif self._is_stale():
            self.rebuild(on_progress, cancel)

    def _is_stale(self) -> bool:
        assert self._index is not None
        if self._index.generation() != self.store.generation():
            return True
        return self._index.doc_count() != self.store.count("document")

    def _drain_outbox(self, on_progress: ProgressCallback | None,
                      cancel: CancelToken | None) -> None:
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

    def rebuild(self, on_progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> None:
        self.close()
        # Build beside the old index and swap, so a cancelled rebuild leaves a usable folder.
        tmp = self.root / ".index-rebuild"
        new = SearchIndex.create(tmp)
        gen = self.store.generation()
        new.rebuild(self.store.iter_index_docs(), self.store.count("document"), gen,
                    on_progress=on_progress, cancel=cancel)
        new.close()
        self.store.clear_outbox_through(gen)
        if self._dir.exists():
            shutil.rmtree(self._dir)
        os.replace(tmp, self._dir)
        self._index = SearchIndex.open(self._dir)

    def _rebuild_into_temp(self) -> None:
        """Read-only archive with an unusable index: build a private one in a temp folder."""
        _clean_old_private_indexes()
        if self._private is not None:
            shutil.rmtree(self._private, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix=PRIVATE_PREFIX))
        self._private = tmp
        self._dir = tmp / "index"
        new = SearchIndex.create(self._dir)
        new.rebuild(self.store.iter_index_docs(), self.store.count("document"),
                    self.store.generation())
        self._index = new

    # --- searching --------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, *, sort: str = "relevance",
               offset: int = 0, snippets: bool = True) -> SearchResult:
        """Full-text search (Whoosh syntax); a rejected query falls back to plain words."""
        if sort not in SEARCH_SORTS:
            raise ArchiveError(f"unknown sort {sort!r} (relevance, date or date_asc)")
        index = self._searchable()
        if index is None:
            return SearchResult(query=query, total=0, hits=[], notice=INDEX_BUSY_NOTICE)
        res = index.search(query, limit=limit + 10 if offset == 0 else limit,
                           offset=offset, sort=sort)
        hits: list[SearchHit] = []
        total = res.total
        for h in res.hits:
            row = self.store.hit_row(h.id)
            if row is None:
                continue
            if res.phrases and not all(phrase_in_text(p, row["text"] + " " + (row["title"] or ""))
                                       for p in res.phrases):
                total -= 1  # the word-pair index matched, the exact phrase did not
                continue
            snippet = index.snippet(row["text"], res.terms) if snippets else ""
            hits.append(SearchHit(DocumentId(h.id), row["title"] or row["file"],
                                  row["published"], snippet, h.score))
            if len(hits) >= limit:
                break
        return SearchResult(query=query, total=max(total, len(hits)), hits=hits,
                            notice=res.notice)

    def search_all(self, query: str) -> tuple[list[str], str | None]:
        """Every matching id, most relevant first, and the notice of a rewritten query."""
        index = self._searchable()
        if index is None:
            return [], INDEX_BUSY_NOTICE
        return index.matching_ids(query, ranked=RANKED_IDS)

    def search_ids(self, query: str) -> list[str]:
        """Every matching id, in no particular order (exports, pages: no ranking needed)."""
        index = self._searchable()
        if index is None:
            raise ArchiveError(INDEX_BUSY_NOTICE)
        return index.matching_ids(query)[0]
