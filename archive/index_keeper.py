"""Keeps the Whoosh index equal to SQLite and answers searches with it.

The index is a cache: opened if it is there, replayed from the outbox when it is behind,
rebuilt beside the old one and swapped in when it is missing, damaged or stale, or built
in a temp folder for read-only media. Whoosh itself stays in `archive.index`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from archive.errors import ArchiveError
from archive.faults import crash_point
from archive.index import IndexDamaged, SearchIndex, phrase_in_text
from archive.progress import CancelToken, Progress, ProgressCallback
from archive.records import DocumentId, SearchHit, SearchResult
from archive.store import Store

SEARCH_SORTS = ("relevance", "date", "date_asc")


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

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            self.sync()
        assert self._index is not None
        return self._index

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None

    def sync(self, on_progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None) -> None:
        """Make the index equal to the database: replay the outbox, or rebuild if needed."""
        if self._index is None:
            try:
                self._index = SearchIndex.open(self._dir)
            except IndexDamaged:
                self._index = None
        if self.readonly or not self._can_write():
            if self._index is None or self._is_stale():
                self._rebuild_into_temp()
            return
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
        tmp = Path(tempfile.mkdtemp(prefix="takedown-atlas-index-"))
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
        res = self.index.search(query, limit=limit + 10 if offset == 0 else limit,
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
            snippet = self.index.snippet(row["text"], res.terms) if snippets else ""
            hits.append(SearchHit(DocumentId(h.id), row["title"] or row["file"],
                                  row["published"], snippet, h.score))
            if len(hits) >= limit:
                break
        return SearchResult(query=query, total=max(total, len(hits)), hits=hits,
                            notice=res.notice)

    def search_all(self, query: str) -> tuple[list[str], str | None]:
        """Every matching id, most relevant first, and the notice of a rewritten query."""
        res = self.index.search(query, limit=1_000_000, sort="relevance")
        return [h.id for h in res.hits], res.notice

    def search_ids(self, query: str) -> list[str]:
        return self.search_all(query)[0]
