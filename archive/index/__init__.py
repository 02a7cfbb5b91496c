"""The Whoosh full-text index: a disposable cache of SQLite, and the only package using Whoosh.

Small interface: open/create, apply (index or delete documents), rebuild, search with
snippets and exact totals, generation stamp. Phrases go through a word-pair field (term
lookups instead of positional matching); title keeps positions. Anything Whoosh raises on
open marks the index as damaged, and the caller rebuilds it from SQLite. Inside: analysis
(analyzers, term counts, snippets), parsing (the query box), matching (counts, ranking),
writing (rebuild writer, merge policy).
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import heapq
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# isort: off
from archive.index import offline_load  # noqa: F401  (first: Whoosh loads without urllib)
# isort: on
from whoosh import index, query
from whoosh.analysis import LowercaseFilter
from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.fields import ID, KEYWORD, TEXT, Schema

from archive.index.analysis import (
    _PAIRS,
    _TEXT,
    _WORD,
    _analyse,
    _CountedText,
    _FoldFilter,
    body_terms,
    fold_accents,
    make_snippet,
    pair_terms,
)
from archive.index.matching import (
    _deleted,
    _eval,
    _leaf_matches,
    _Ranker,
    _Unranked,
    best_first,
    count_matches,
)
from archive.index.parsing import (
    _WORD_SPLIT,
    FALLBACK_NOTICE,
    MAX_QUERY_CHARS,
    _clean_query,
    _has_error,
    _looks_malformed,
    _nothing_left_notice,
    _parser,
    _phrases,
    _raw_phrases,
    _rewrite_phrases,
    _terms,
    phrase_in_text,
)
from archive.index.segments import SegmentColumns
from archive.index.writing import (
    REBUILD_WRITER,
    _KeptLengths,
    _rebuild_writer,
    merge_small_segments,
    writer_codec,
)
from archive.progress import CancelToken, Progress, ProgressCallback
from archive.store import IndexDoc

__all__ = ["FALLBACK_NOTICE", "INDEX_FORMAT", "REBUILD_WRITER", "IndexDamaged", "IndexHit",
           "IndexResult", "SearchIndex", "body_terms", "count_matches", "fold_accents",
           "pair_terms", "phrase_in_text", "whoosh_version"]


def whoosh_version() -> str:
    import whoosh

    return ".".join(str(whoosh.versionstring()).split(".")[:3])


GENERATION_FILE = "GENERATION"
INDEX_FORMAT = "4"  # bump when the schema below changes: the index is then rebuilt
SEARCH_SECONDS = 5.0
PROGRESS_EVERY = 250
REBUILD_SEGMENT_DOCS = 4000  # a rebuild commits a segment per this many documents

# Field names a user may type before a colon, and the index field they mean.

def _schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=_TEXT, stored=True, field_boost=2.0),
        body=_CountedText(body_terms, analyzer=_TEXT),
        pairs=_CountedText(pair_terms, analyzer=_PAIRS),
        publisher=TEXT(analyzer=_TEXT, phrase=True),
        actor=TEXT(analyzer=_WORD | LowercaseFilter() | _FoldFilter(), phrase=True),
        country=KEYWORD(lowercase=True, commas=True),
        origin=KEYWORD(lowercase=True, commas=True),
        target=KEYWORD(lowercase=True, commas=True),
        platform=KEYWORD(lowercase=True, commas=True),
        tag=KEYWORD(lowercase=True, commas=True),
        year=ID(),
        type=ID(),
        lang=ID(),
        starred=ID(),
        published=ID(stored=True, sortable=True),
    )


class IndexDamaged(Exception):
    """The index folder is missing, unreadable or from another format; rebuild it."""


@dataclass(slots=True)
class IndexHit:
    id: str
    score: float


@dataclass(slots=True)
class IndexResult:
    total: int
    hits: list[IndexHit]
    notice: str | None
    terms: frozenset[str]  # analysed body terms, for snippets
    phrases: list[list[str]]  # phrases to verify on the text, as lowercased words


class SearchIndex:
    def __init__(self, path: Path, ix: Any, searcher: Any = None) -> None:
        self.path = path
        self._ix = ix
        self._searcher: Any = searcher  # kept between searches, refreshed when a commit lands
        self._columns = SegmentColumns()

    # --- life cycle -----------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> SearchIndex:
        """Open an existing index; raise IndexDamaged if it cannot be trusted."""
        try:
            if (path / "FORMAT").read_text().strip() != INDEX_FORMAT:
                raise IndexDamaged("index format changed")
            ix = index.open_dir(str(path))
            # (this searcher is the first search's: opening one copies every segment file)
            searcher = ix.searcher()
            searcher.doc_count()
        except IndexDamaged:
            raise
        except Exception as exc:  # Whoosh raises EOFError, zlib.error, pickle errors, ...
            raise IndexDamaged(f"{type(exc).__name__}: {exc}") from None
        return cls(path, ix, searcher)

    @classmethod
    def create(cls, path: Path) -> SearchIndex:
        """Start a new, empty index in *path* (anything there is removed)."""
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
        ix = index.create_in(str(path), _schema())
        (path / "FORMAT").write_text(INDEX_FORMAT)
        return cls(path, ix)

    def generation(self) -> int | None:
        try:
            return int((self.path / GENERATION_FILE).read_text().strip())
        except (OSError, ValueError):
            return None

    def set_generation(self, gen: int) -> None:
        tmp = self.path / f".{GENERATION_FILE}.tmp"
        with open(tmp, "w") as fh:
            fh.write(str(gen))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path / GENERATION_FILE)

    def doc_count(self) -> int:
        with self._reading() as s:
            return int(s.doc_count())

    def all_ids(self) -> set[str]:
        with self._ix.searcher() as s:
            return {f["id"] for f in s.all_stored_fields()}

    # --- writing --------------------------------------------------------------------

    def apply(self, docs: Iterable[IndexDoc], delete_ids: Iterable[str] = (),
              crash_point: Callable[[str], None] | None = None) -> None:
        """Index or delete documents in one Whoosh commit (idempotent: keyed by id)."""
        writer = self._ix.writer(timeout=30.0, limitmb=128, codec=writer_codec())
        writer.mergetype = merge_small_segments
        plain = writer.per_document_reader
        writer.per_document_reader = lambda: _KeptLengths(plain())
        try:
            # One searcher of what the writer starts from, for every id: update_document
            # opened one a document (2,000 file opens for 400 documents).
            with writer.searcher() as s:
                for doc_id in delete_ids:
                    writer.delete_by_term("id", doc_id, searcher=s)
                for doc in docs:
                    writer.delete_by_term("id", doc.id, searcher=s)  # (a new version)
                    writer.add_document(**_fields(doc))
            if crash_point:
                crash_point("index.before_commit")
        except BaseException:
            writer.cancel()
            raise
        _commit(writer)

    def rebuild(self, docs: Iterable[IndexDoc], total: int, generation: int,
                on_progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> None:
        """Write every document into this (fresh) index, then stamp it.

        One writer per REBUILD_SEGMENT_DOCS documents, each committed as its own segment
        without merging: batches of small commits were merged over and over (a 43 s stall
        at ~23,000 documents), and one writer for everything spilled its postings to disk
        and merged them back (twice the time).
        """
        done = 0
        writer = None
        # Millions of posting tuples made the cyclic garbage collector rescan them over and
        # over (17% of a rebuild's CPU at 12,000 documents); they hold no cycles.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for doc in docs:
                if writer is None:
                    writer = _rebuild_writer(self._ix)
                if cancel and done % 64 == 0:
                    cancel.raise_if_cancelled()
                writer.add_document(**_fields(doc))
                done += 1
                if done % REBUILD_SEGMENT_DOCS == 0:
                    writer, full = None, writer
                    _commit(full, merge=False)
                if on_progress and done % PROGRESS_EVERY == 0:
                    on_progress(Progress("index", done, total, "rebuilding the search index"))
            if writer is not None:
                writer, last = None, writer
                _commit(last, merge=False)
        except BaseException:
            if writer is not None:
                writer.cancel()
            raise
        finally:
            if collecting:
                gc.enable()
        self.set_generation(generation)
        if on_progress:
            on_progress(Progress("index", done, total, "search index ready"))

    # --- searching ------------------------------------------------------------------

    def search(self, text: str, *, limit: int = 20, offset: int = 0, sort: str = "relevance",
               restrict_ids: Iterable[str] | None = None) -> IndexResult:
        """Run a user query; a query the parser rejects falls back to a plain word search."""
        shortened = len(text) > MAX_QUERY_CHARS
        text = _clean_query(text)
        q, notice = self._parse(text)
        if shortened:
            notice = f"The query was shortened to {MAX_QUERY_CHARS:,} characters."
        if q is None:
            return IndexResult(0, [], notice, frozenset(), [])
        raw = _raw_phrases(text)
        phrases = [raw.get(tuple(p), p) for p in _phrases(q)]
        q = _rewrite_phrases(q, raw)
        terms = frozenset(t for f, t in _terms(q) if f == "body")
        filter_q = None
        if restrict_ids is not None:
            filter_q = query.Or([query.Term("id", i) for i in restrict_ids]) or query.NullQuery
        with self._reading() as s:
            ranked = self._rank(s, q, filter_q, offset + limit) if sort == "relevance" else None
            if ranked is not None:
                total, best = ranked
                return IndexResult(total, best[offset:offset + limit], notice, terms, phrases)
            kwargs: dict[str, Any] = {"limit": offset + limit, "filter": filter_q}
            if sort == "date":
                kwargs["sortedby"] = "published"
                kwargs["reverse"] = True
            elif sort == "date_asc":
                kwargs["sortedby"] = "published"
            collector = s.collector(**kwargs)
            tlc = TimeLimitCollector(collector, timelimit=SEARCH_SECONDS, use_alarm=False)
            try:
                s.search_with_collector(q, tlc)
            except TimeLimit:
                notice = "The search took too long; showing the results found so far."
            results = tlc.results()
            hits = [IndexHit(h["id"], _score(h.score) if sort == "relevance" else 0.0)
                    for h in results[offset:offset + limit]]
            # (Whoosh's own length is an estimate once it skips blocks: count exactly)
            total = count_matches(s, q, filter_q)
        return IndexResult(total, hits, notice, terms, phrases)

    def matching_ids(self, text: str, *, ranked: int = 0) -> tuple[list[str], str | None]:
        """Every document id the query matches and its notice: the *ranked* most relevant
        first, in order, then the others in index order (scoring every hit of a common
        word took most of a search at 30,000 documents)."""
        q, notice = self._parse(_clean_query(text))
        if q is None:
            return [], notice
        q = _rewrite_phrases(q, _raw_phrases(text))
        with self._reading() as s:
            scored = self._scored(s, q, None)
            if scored is not None:
                top = heapq.nlargest(ranked, scored) if ranked else []
                rest = set(scored) - set(top) if top else scored
                return [i for _v, _d, i in top] + [i for _v, _d, i in sorted(
                    rest, key=lambda x: -x[1])], notice
            leaves = s.leaf_searchers()
            offsets = [offset for _leaf, offset in leaves]
            ids_of = [self._columns.ids(leaf.reader()) for leaf, _offset in leaves]
            out: list[str] = []
            if ranked:
                for _score, docnum in s.search(q, limit=ranked).top_n:  # (best first)
                    i = bisect.bisect_right(offsets, docnum) - 1
                    out.append(ids_of[i][docnum - offsets[i]])
            seen = set(out)
            for (_leaf, docnums), ids in zip(_leaf_matches(s, q), ids_of, strict=True):
                out.extend(i for i in (ids[n] for n in sorted(docnums)) if i not in seen)
        return out, notice

    def _rank(self, s: Any, q: Any, filter_q: Any, n: int) -> tuple[int, list[IndexHit]] | None:
        """(exact total, the *n* best hits) by BM25F over whole posting lists; None when the
        query has a part only Whoosh's collector can rank (then it does)."""
        total = 0
        best: list[tuple[float, int, Any, int]] = []  # (score, -docnum, segment, its docnum)
        try:
            for offset, reader, scores in self._live_scores(s, q, filter_q):
                total += len(scores)
                best.extend((v, neg - offset, reader, -neg) for v, neg in best_first(scores, n))
        except _Unranked:
            return None
        # Only the hits kept need their ids (reading all 10,000 took ~45 ms of a CLI search).
        top = heapq.nlargest(n, best, key=lambda hit: (hit[0], hit[1]))
        return total, [IndexHit(self._columns.id_of(reader, docnum), float(v))
                       for v, _neg, reader, docnum in top]

    def _scored(self, s: Any, q: Any, filter_q: Any) -> list[tuple[float, int, str]] | None:
        """(score, -docnum, id) of every live document *q* matches (within *filter_q*)."""
        out: list[tuple[float, int, str]] = []
        try:
            for offset, reader, scores in self._live_scores(s, q, filter_q):
                ids = self._columns.ids(reader)
                # (ties: the lower docnum first, as Whoosh's collector)
                out.extend((v, -(offset + d), ids[d]) for d, v in scores.items())
        except _Unranked:
            return None
        return out

    def _live_scores(self, s: Any, q: Any, filter_q: Any
                     ) -> Iterator[tuple[int, Any, dict[int, float]]]:
        """Segment by segment: (docnum offset, segment reader, BM25F score by docnum) of the
        live documents *q* matches within *filter_q*. Raises _Unranked as the ranker does."""
        ranker = _Ranker(s, self._columns.norms)
        for leaf, offset in s.leaf_searchers():
            scores = ranker.scores(leaf, q)
            if not scores:
                continue
            reader = leaf.reader()
            deleted = _deleted(reader)
            if deleted or filter_q is not None:
                keep = _eval(leaf, filter_q) if filter_q is not None else None
                scores = {d: v for d, v in scores.items()
                          if d not in deleted and (keep is None or d in keep)}
            yield offset, reader, scores

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Any]:
        """The searcher of the latest commit: the one kept if nothing was committed since
        (opening the segment files took ~14 ms of every search at 10,000 documents)."""
        s = self._searcher
        try:
            s = _searcher(self._ix) if s is None else s.refresh()
        except (OSError, EOFError):  # (its files went with another process's merge)
            s = _searcher(self._ix)
        self._searcher = s
        yield s

    def _parse(self, text: str) -> tuple[Any, str | None]:
        if not text.strip() or text.strip() == "*":
            return query.Every(), None
        parser = _parser(self._ix.schema)
        notice = None
        try:
            if _looks_malformed(text):
                raise ValueError("malformed query")
            q = parser.parse(text)
            if _has_error(q) or q is query.NullQuery or isinstance(q, query.NullQuery.__class__):
                raise ValueError("parse error")
        except Exception:
            words = [w for w in (_analyse(word) for word in re.findall(r"\w+", text)[:64]) if w]
            if not words:
                # Nothing left to search for ('the', '*d'). An empty And would crash
                # Whoosh's hit estimate, so say "no results" here, and why.
                return None, _nothing_left_notice(text)
            q = query.And([query.Or([query.Term("body", t) for t in terms]
                                    + [query.Term("title", t) for t in terms])
                           for terms in words])
            notice = FALLBACK_NOTICE
        return q, notice

    def snippet(self, text: str, terms: frozenset[str], top: int = 2) -> str:
        """Highlighted fragments of *text* around *terms*, HTML-escaped, hits in <b>."""
        return make_snippet(text, terms, top)

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._ix.close()



def _fields(doc: IndexDoc) -> dict[str, Any]:
    year = (doc.published or "")[:4]
    return {
        "id": doc.id, "title": doc.title or "", "body": doc.text,
        # BiWordFilter raises UnboundLocalError on a text with no word at all (unreadable file).
        "pairs": doc.text if _WORD_SPLIT.search(doc.text) else None,
        "publisher": doc.publisher or "", "actor": ", ".join(doc.actors) or None,
        "country": ",".join(doc.countries) or None, "origin": ",".join(doc.origins) or None,
        "target": ",".join(doc.targets) or None, "platform": ",".join(doc.platforms) or None,
        "tag": ",".join(doc.tags) or None, "year": year if year.isdigit() else None,
        "type": doc.source_type or None, "lang": doc.language or None,
        "starred": "yes" if doc.starred else None, "published": doc.published or "",
    }


def _score(value: Any) -> float:
    try:
        return float(value or 0.0)
    except (TypeError, ValueError):
        return 0.0



def _searcher(ix: Any, tries: int = 10) -> Any:
    """A searcher of the latest commit. Another process's commit deletes the segments it
    merged away: caught between reading the table of contents and opening them, read the
    new table of contents (a moment later) instead of failing."""
    for attempt in range(tries):
        try:
            return ix.searcher()
        except (OSError, EOFError):
            if attempt == tries - 1:
                raise
            time.sleep(0.02)
    raise AssertionError("unreachable")


def _commit(writer: Any, *, merge: bool = True) -> None:
    """Commit; a commit that fails (a full disk, a Whoosh assertion) must not leave the
    write lock held, or every later write of this process fails with LockError."""
    try:
        writer.commit(merge=merge)
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        with contextlib.suppress(Exception):
            writer.writelock.release()
        raise
