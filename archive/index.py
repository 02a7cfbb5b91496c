"""The Whoosh full-text index: a disposable cache of SQLite, and the only module using Whoosh.

Small interface: open/create, apply (index or delete documents), rebuild, search with
snippets, generation stamp. Phrases go through a word-pair field (term lookups instead of
positional matching); title keeps positions. Anything Whoosh raises on open marks the
index as damaged, and the caller rebuilds it from SQLite.
"""

from __future__ import annotations

import bisect
import contextlib
import heapq
import html
import os
import re
import shutil
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index, query
from whoosh.analysis import (
    STOP_WORDS,
    BiWordFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.lang.porter import stem
from whoosh.qparser import MultifieldParser, syntax
from whoosh.qparser.plugins import FieldsPlugin, WildcardPlugin
from whoosh.query.compound import CompoundQuery
from whoosh.query.wrappers import WrappingQuery
from whoosh.reading import TermNotFound
from whoosh.system import pack_uint

from archive.progress import CancelToken, Progress, ProgressCallback
from archive.store import IndexDoc


def whoosh_version() -> str:
    import whoosh

    return ".".join(str(whoosh.versionstring()).split(".")[:3])

GENERATION_FILE = "GENERATION"
INDEX_FORMAT = "4"  # bump when the schema below changes: the index is then rebuilt
MAX_QUERY_CHARS = 1000
SEARCH_SECONDS = 5.0
PROGRESS_EVERY = 250
# Writer settings of a full rebuild, measured by bench/search_scale.py: a segment per
# 4,000 documents fits in limitmb (no spill to disk and merge back).
REBUILD_WRITER: dict[str, Any] = {"timeout": 30.0, "limitmb": 512}
REBUILD_SEGMENT_DOCS = 4000
# The catch-up's small commits: segments under SMALL_SEGMENT_DOCS are merged together once
# there are MERGE_AT of them; larger segments are never merged on the import's path.
SMALL_SEGMENT_DOCS = 2000
MERGE_AT = 6
FALLBACK_NOTICE = "Search syntax not understood; searched for the words instead."

_SPECIAL_FOLDS = str.maketrans({"ə": "e", "Ə": "e", "ı": "i", "ø": "o", "Ø": "o", "ß": "ss",
                                 "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "æ": "ae", "œ": "oe",
                                 "þ": "th", "ð": "d"})


def fold_accents(text: str) -> str:
    """"Ciucă" -> "Ciuca", "Azərbaycan" -> "Azerbaycan": what search compares, both sides."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL_FOLDS))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


class _FoldFilter(Filter):  # type: ignore[misc]
    """Folds accents off every token, so a name written with "ă" is found by "a"."""

    def __call__(self, tokens: Any) -> Any:
        for t in tokens:
            if not t.text.isascii():
                t.text = fold_accents(t.text)
            yield t


# Words too common to index: Whoosh's list, plus the "s" of "Meta's" and the "t" of "don't".
# One-letter words otherwise are indexed ("X", the platform).
STOP = frozenset(STOP_WORDS) | {"s", "t"}
_WORD = RegexTokenizer(r"\w+(?:[.'’]\w+)*")
_PAIRS = _WORD | LowercaseFilter() | _FoldFilter() | BiWordFilter(sep=" ")
_TEXT = (RegexTokenizer() | LowercaseFilter() | _FoldFilter() | StopFilter(STOP, minsize=1)
         | StemFilter())

# The same analysis as _TEXT and _PAIRS, done with one regex pass and a cache per distinct
# word instead of a generator chain per token: indexing spends most of its time here.
_TEXT_TOKEN = re.compile(r"\w+(?:\.?\w+)*")  # RegexTokenizer's default pattern
_PAIR_TOKEN = re.compile(r"\w+(?:[.'’]\w+)*")
_BODY_TERMS: dict[str, str | None] = {}
_PAIR_WORDS: dict[str, str] = {}
_CACHE_MAX = 200_000


def _body_term(token: str) -> str | None:
    word = token.lower()
    if not word.isascii():
        word = fold_accents(word)
    return None if word in STOP else str(stem(word))


def body_terms(text: str) -> dict[str, int]:
    """The body field's terms and their counts: what _TEXT yields, counted."""
    cache = _BODY_TERMS
    if len(cache) > _CACHE_MAX:
        cache.clear()
    out: dict[str, int] = {}
    for token, n in Counter(_TEXT_TOKEN.findall(text)).items():
        try:
            term = cache[token]
        except KeyError:
            term = cache[token] = _body_term(token)
        if term is not None:
            out[term] = out.get(term, 0) + n
    return out


def pair_terms(text: str) -> dict[str, int]:
    """The word-pair field's terms ("coordinated inauthentic") and counts: what _PAIRS yields."""
    cache = _PAIR_WORDS
    if len(cache) > _CACHE_MAX:
        cache.clear()
    words = []
    for token in _PAIR_TOKEN.findall(text):
        try:
            words.append(cache[token])
        except KeyError:
            word = token.lower()
            word = cache[token] = word if word.isascii() else fold_accents(word)
            words.append(word)
    if len(words) == 1:
        return {words[0]: 1}
    return Counter([a + " " + b for a, b in zip(words, words[1:])])


class _CountedText(TEXT):  # type: ignore[misc]
    """A TEXT field without positions whose terms come from *count* (body_terms, pair_terms)
    rather than from running its analyzer token by token; the analyzer still parses queries
    and highlights, and a test holds the two equal."""

    def __init__(self, count: Callable[[str], dict[str, int]], **kwargs: Any) -> None:
        super().__init__(phrase=False, **kwargs)
        self._count = count

    def index(self, value: str, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        boost = self.format.field_boost
        for term, freq in self._count(value).items():
            yield term.encode("utf-8"), freq, freq * boost, pack_uint(freq)

# Field names a user may type before a colon, and the index field they mean.
FIELD_ALIASES = {
    "title": "title", "body": "body", "text": "body", "publisher": "publisher",
    "country": "country", "origin": "origin", "target": "target", "actor": "actor",
    "platform": "platform", "year": "year", "type": "type", "tag": "tag",
    "lang": "lang", "language": "lang", "id": "id", "starred": "starred",
}


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
    def __init__(self, path: Path, ix: Any) -> None:
        self.path = path
        self._ix = ix
        self._ids_by_segment: dict[str, list[str]] = {}
        self._searcher: Any = None  # kept between searches, refreshed when a commit lands
        self._lengths_by_segment: dict[str, list[int]] = {}

    # --- life cycle -----------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> SearchIndex:
        """Open an existing index; raise IndexDamaged if it cannot be trusted."""
        try:
            if (path / "FORMAT").read_text().strip() != INDEX_FORMAT:
                raise IndexDamaged("index format changed")
            ix = index.open_dir(str(path))
            with ix.searcher() as s:
                s.doc_count()
        except IndexDamaged:
            raise
        except Exception as exc:  # Whoosh raises EOFError, zlib.error, pickle errors, ...
            raise IndexDamaged(f"{type(exc).__name__}: {exc}") from None
        return cls(path, ix)

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
        with self._ix.searcher() as s:
            return int(s.doc_count())

    def all_ids(self) -> set[str]:
        with self._ix.searcher() as s:
            return {f["id"] for f in s.all_stored_fields()}

    # --- writing --------------------------------------------------------------------

    def apply(self, docs: Iterable[IndexDoc], delete_ids: Iterable[str] = (),
              crash_point: Callable[[str], None] | None = None) -> None:
        """Index or delete documents in one Whoosh commit (idempotent: keyed by id)."""
        writer = self._ix.writer(timeout=30.0, limitmb=128)
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
        except BaseException:
            if writer is not None:
                writer.cancel()
            raise
        if writer is not None:
            _commit(writer, merge=False)
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
            ids_of = [self._segment_ids(leaf.reader()) for leaf, _offset in leaves]
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
        ranker = _Ranker(s, self._segment_lengths)
        total = 0
        best: list[tuple[float, int, str]] = []
        try:
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
                total += len(scores)
                ids = self._segment_ids(reader)
                best.extend((v, -(offset + d), ids[d])
                            for d, v in heapq.nlargest(n, scores.items(), key=_best_first))
        except _Unranked:
            return None
        return total, [IndexHit(i, float(v)) for v, _d, i in heapq.nlargest(n, best)]

    def _scored(self, s: Any, q: Any, filter_q: Any) -> list[tuple[float, int, str]] | None:
        """(score, -docnum, id) of every live document *q* matches (within *filter_q*)."""
        ranker = _Ranker(s, self._segment_lengths)
        out: list[tuple[float, int, str]] = []
        try:
            for leaf, offset in s.leaf_searchers():
                scores = ranker.scores(leaf, q)
                if not scores:
                    continue
                reader = leaf.reader()
                deleted = _deleted(reader)
                keep = _eval(leaf, filter_q) if filter_q is not None else None
                ids = self._segment_ids(reader)
                # (ties: the lower docnum first, as Whoosh's collector)
                out.extend((v, -(offset + d), ids[d]) for d, v in scores.items()
                           if d not in deleted and (keep is None or d in keep))
        except _Unranked:
            return None
        return out

    def _segment_lengths(self, reader: Any, fieldname: str) -> list[int]:
        """A field's length by docnum of one segment, as Whoosh's BM25F reads it (kept)."""
        try:
            key: str | None = f"{reader.segment().segment_id()}:{fieldname}"
        except AttributeError:
            key = None
        lengths = self._lengths_by_segment.get(key) if key else None
        if lengths is None:
            dfl = reader.doc_field_length
            lengths = [dfl(n, fieldname, 1) for n in range(reader.doc_count_all())]
            if key:
                if len(self._lengths_by_segment) > 256:
                    self._lengths_by_segment.clear()
                self._lengths_by_segment[key] = lengths
        return lengths

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

    def _segment_ids(self, reader: Any) -> list[str]:
        """Document id by docnum of one segment (segments never change: kept per segment)."""
        try:
            key = reader.segment().segment_id()
        except AttributeError:
            key = None
        ids = self._ids_by_segment.get(key) if key else None
        if ids is None:
            stored = reader.stored_fields
            ids = [stored(n).get("id", "") for n in range(reader.doc_count_all())]
            if key:
                if len(self._ids_by_segment) > 64:
                    self._ids_by_segment.clear()
                self._ids_by_segment[key] = ids
        return ids

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


SNIPPET_CHARS = 220  # one fragment at most, hits and context
SNIPPET_CONTEXT = 60  # characters kept before the first and after the last hit of a fragment


def make_snippet(text: str, terms: frozenset[str], top: int = 2) -> str:
    """The *top* fragments with the most distinct hits, in text order, joined by " … ";
    the words are found as the body field analyses them (one regex pass, cached terms)."""
    if not text:
        return ""
    text = text[:200_000]
    hits: list[tuple[int, int, str]] = []
    if terms:
        cache = _BODY_TERMS
        for m in _TEXT_TOKEN.finditer(text):
            token = m.group()
            try:
                term = cache[token]
            except KeyError:
                term = cache[token] = _body_term(token)
            if term in terms:
                hits.append((m.start(), m.end(), term))
    if not hits:
        first = " ".join(text[:240].split())
        return html.escape(first + ("…" if len(text) > 240 else ""))
    fragments: list[list[tuple[int, int, str]]] = []
    for hit in hits:
        if fragments and hit[1] - fragments[-1][0][0] + 2 * SNIPPET_CONTEXT <= SNIPPET_CHARS:
            fragments[-1].append(hit)
        else:
            fragments.append([hit])
    best = sorted(range(len(fragments)), key=lambda i: (-len({h[2] for h in fragments[i]}),
                                                         -len(fragments[i]), i))[:top]
    return " … ".join(_fragment(text, fragments[i]) for i in sorted(best))


def _fragment(text: str, hits: list[tuple[int, int, str]]) -> str:
    start = max(0, hits[0][0] - SNIPPET_CONTEXT)
    end = min(len(text), hits[-1][1] + SNIPPET_CONTEXT)
    while start > 0 and start < hits[0][0] and not text[start - 1].isspace():
        start += 1  # (begin and end on whole words)
    while end < len(text) and end > hits[-1][1] and not text[end].isspace():
        end -= 1
    out, at = [], start
    for a, b, _term in hits:
        out.append(html.escape(text[at:a]))
        out.append("<b>" + html.escape(text[a:b]) + "</b>")
        at = b
    out.append(html.escape(text[at:end]))
    return " ".join("".join(out).split())


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


def _parser(schema: Schema) -> MultifieldParser:
    parser = MultifieldParser(["title", "body", "publisher"], schema)
    parser.remove_plugin_class(WildcardPlugin)  # harmful to performance; prefix* is re-added
    from whoosh.qparser.plugins import PrefixPlugin

    parser.add_plugin(PrefixPlugin())
    parser.remove_plugin_class(FieldsPlugin)
    parser.add_plugin(FieldsPlugin(remove_unknown=True))
    parser.add_plugin(_AliasPlugin())
    return parser


class _AliasPlugin:
    """Map friendly field names (language:, text:) onto index fields, case-insensitively."""

    def taggers(self, parser: Any) -> list[Any]:
        return []

    def filters(self, parser: Any) -> list[Any]:
        return [(self._do_aliases, 99)]

    def _do_aliases(self, parser: Any, group: Any) -> Any:
        for i, node in enumerate(group):
            if node.has_fieldname and node.fieldname:
                name = FIELD_ALIASES.get(node.fieldname.lower())
                if name:
                    node.set_fieldname(name, override=True)
            if isinstance(node, syntax.GroupNode):
                group[i] = self._do_aliases(parser, node)
        return group


def _nothing_left_notice(text: str) -> str:
    typed = [fold_accents(w.lower()) for w in re.findall(r"\w+", text)]
    if typed and all(w in STOP for w in typed):
        shown = " ".join(dict.fromkeys(typed))
        return (f'Too common to search for: "{shown}" (such words are not indexed); add '
                'another word, or put them in a phrase such as "the guardian".')
    return FALLBACK_NOTICE


def _has_error(q: Any) -> bool:
    from whoosh.query.qcore import _NullQuery

    if isinstance(q, _NullQuery):
        return True
    for sub in q.leaves() if hasattr(q, "leaves") else []:
        if type(sub).__name__ == "ErrorQuery":
            return True
    return type(q).__name__ == "ErrorQuery"


def _analyse(word: str) -> list[str]:
    return [t.text for t in _TEXT(word)]


def _terms(q: Any) -> list[tuple[str, str]]:
    try:
        return [(f, t.decode() if isinstance(t, bytes) else t) for f, t in q.iter_all_terms()]
    except Exception:
        return []


def _score(value: Any) -> float:
    try:
        return float(value or 0.0)
    except (TypeError, ValueError):
        return 0.0


def _phrases(q: Any) -> list[list[str]]:
    """Body phrases of a parsed query, as their analysed (stemmed) words."""
    out: list[list[str]] = []
    for sub in [q, *list(q.leaves())] if hasattr(q, "leaves") else [q]:
        if isinstance(sub, query.Phrase) and sub.fieldname == "body":
            words = list(sub.words)
            if words not in out:
                out.append(words)
    return out


def _raw_phrases(text: str) -> dict[tuple[str, ...], list[str]]:
    """Quoted phrases as typed (lowercased words), keyed by their analysed form.

    The parser stems phrase words; the word-pair field needs the words as written.
    """
    out: dict[tuple[str, ...], list[str]] = {}
    for m in re.finditer(r'(?<![\w:])"([^"]+)"', text):
        words = [fold_accents(w.lower()) for w in _WORD_SPLIT.findall(m.group(1))]
        key = tuple(t for w in words for t in _analyse(w))
        out[key] = words
    return out


def _rewrite_phrases(q: Any, raw: dict[tuple[str, ...], list[str]]) -> Any:
    """Turn body phrases into conjunctions of word-pair terms (fast, no positions)."""
    if isinstance(q, query.Phrase) and q.fieldname == "body":
        words = raw.get(tuple(q.words), [fold_accents(w.lower()) for w in q.words])
        if len(words) < 2:
            terms = _analyse(words[0]) if words else []
            return query.Term("body", terms[0]) if terms else query.NullQuery
        return query.And([query.Term("pairs", f"{a} {b}") for a, b in zip(words, words[1:])])
    if isinstance(q, query.BinaryQuery):  # AndNot, AndMaybe, Require, Otherwise
        clone = q.copy()
        clone.a, clone.b = _rewrite_phrases(q.a, raw), _rewrite_phrases(q.b, raw)
        clone.subqueries = (clone.a, clone.b)
        return clone
    if isinstance(q, CompoundQuery):
        return q.__class__([_rewrite_phrases(s, raw) for s in q.subqueries], boost=q.boost)
    if isinstance(q, query.Not):
        return query.Not(_rewrite_phrases(q.query, raw))
    if isinstance(q, WrappingQuery):
        child = getattr(q, "child", None)
        if child is not None:
            clone = q.copy()
            clone.child = _rewrite_phrases(child, raw)
            return clone
    return q


_OPS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def _looks_malformed(text: str) -> bool:
    """Queries Whoosh would silently misread: unbalanced quotes/brackets, dangling operators."""
    if text.count('"') % 2 or text.count("(") != text.count(")"):
        return True
    if text.count("[") != text.count("]"):
        return True
    if re.search(r"\w+:\s*(\)|$)", text):
        return True
    tokens = re.findall(r"\S+", text.replace("(", " ( ").replace(")", " ) "))
    prev = None
    for i, tok in enumerate(tokens):
        if tok in _OPS:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is None or nxt in _OPS - {"NOT"} or nxt == ")":
                return True
            if tok != "NOT" and (prev is None or prev in _OPS or prev == "("):
                return True
        prev = tok
    return False


_WORD_SPLIT = re.compile(r"\w+(?:[.'’]\w+)*")


def _clean_query(text: str) -> str:
    text = text[:MAX_QUERY_CHARS]
    return "".join(ch for ch in text if ch >= " " or ch in "\t")


def phrase_in_text(words: list[str], text: str) -> bool:
    """Exact check of a phrase (word sequence, punctuation-insensitive) in a document."""
    pattern = r"\W+".join(re.escape(fold_accents(w)) for w in words)
    return re.search(rf"(?<!\w){pattern}(?!\w)", fold_accents(text), flags=re.IGNORECASE) is not None


# --- exact counts -------------------------------------------------------------------
#
# A query is evaluated as set algebra over whole posting blocks read at once (no scoring,
# no per-document matcher calls); query types without a set rule (positional phrases of
# the title, spans) use Whoosh's own matcher, which is exact too, only slower.


def count_matches(searcher: Any, q: Any, filter_q: Any = None) -> int:
    """How many live documents *q* matches (within *filter_q*): exact, never an estimate."""
    total = 0
    for leaf, docnums in _leaf_matches(searcher, q):
        if filter_q is not None:
            docnums &= _eval(leaf, filter_q)
        total += len(docnums)
    return total


def _leaf_matches(searcher: Any, q: Any) -> Iterator[tuple[Any, set[int]]]:
    """(segment searcher, its live matching docnums) for every segment of the index."""
    for leaf, _offset in searcher.leaf_searchers():
        docnums = _eval(leaf, q)
        deleted = _deleted(leaf.reader())
        if deleted:
            docnums -= deleted
        yield leaf, docnums


def _deleted(reader: Any) -> frozenset[int]:
    try:
        return frozenset(reader._perdoc.deleted_docs())
    except AttributeError:
        return frozenset(n for n in range(reader.doc_count_all()) if reader.is_deleted(n))


def _eval(leaf: Any, q: Any) -> set[int]:
    """Docnums of one segment that *q* matches, deleted ones included."""
    if isinstance(q, query.Term):
        return _term_docnums(leaf.reader(), q.fieldname, q.text)
    if isinstance(q, query.Every):
        return set(range(leaf.reader().doc_count_all()))
    if isinstance(q, query.qcore._NullQuery):
        return set()
    if isinstance(q, query.And | query.Require):
        subs = q.subqueries if isinstance(q, query.And) else [q.a, q.b]
        positive = [s for s in subs if not isinstance(s, query.Not)]
        out = _eval(leaf, positive[0]) if positive else _eval(leaf, query.Every())
        for sub in positive[1:]:
            if not out:
                return out
            out &= _eval(leaf, sub)
        for sub in subs:
            if isinstance(sub, query.Not) and out:
                out -= _eval(leaf, sub.query)
        return out
    if isinstance(q, query.Or | query.DisjunctionMax):
        out = set()
        for sub in q.subqueries:
            out |= _eval(leaf, sub)
        return out
    if isinstance(q, query.AndNot):
        return _eval(leaf, q.a) - _eval(leaf, q.b)
    if isinstance(q, query.AndMaybe):
        return _eval(leaf, q.a)
    if isinstance(q, query.Not):
        return _eval(leaf, query.Every()) - _eval(leaf, q.query)
    if isinstance(q, query.MultiTerm):  # prefix, wildcard, ranges: expand in this segment
        return _eval(leaf, q.simplify(leaf.reader()))
    if isinstance(q, WrappingQuery) and not isinstance(q, query.Not):
        child = getattr(q, "child", None)
        if child is not None:
            return _eval(leaf, child)
    return set(q.matcher(leaf).all_ids())


def _term_docnums(reader: Any, fieldname: str, text: Any) -> set[int]:
    return set(_postings(reader, fieldname, text, weights=False)[0])


def _postings(reader: Any, fieldname: str, text: Any, *,
              weights: bool) -> tuple[list[int], list[float]]:
    """A term's docnums (and weights) in one segment, read a whole posting block at a time
    (whoosh3's W3LeafMatcher); deleted documents included."""
    try:
        btext = reader._text_to_bytes(fieldname, text)
        m = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
    except (KeyError, TermNotFound):
        return [], []
    except AttributeError:  # not a Whoosh 2.7 segment reader: the public, slower way
        try:
            m = reader.postings(fieldname, text)
        except TermNotFound:
            return [], []
        return _walk(m, weights)
    ids: list[int] = []
    ws: list[float] = []
    try:
        while True:
            if m._ids is None:
                m._read_ids()
            ids.extend(m._ids)
            if weights:
                if m._weights is None:
                    m._read_weights()
                ws.extend(m._weights)
            if m._lastblock:
                break
            m._next_block()
    except AttributeError:  # (a term in one document is inlined: a plain matcher)
        m = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
        return _walk(m, weights)
    return ids, ws


def _walk(m: Any, weights: bool) -> tuple[list[int], list[float]]:
    ids: list[int] = []
    ws: list[float] = []
    while m.is_active():
        ids.append(m.id())
        if weights:
            ws.append(m.weight())
        m.next()
    return ids, ws


# --- ranking -----------------------------------------------------------------------
#
# Whoosh's BM25F, with its own idf, average lengths, stored weights and field lengths, but
# summed over whole posting lists instead of through a matcher per document: a common
# word's every hit was scored one matcher call at a time (100+ ms at 10,000 documents).

def _best_first(item: tuple[int, float]) -> tuple[float, int]:
    """Higher score first; ties: the lower docnum first, as Whoosh's collector."""
    return item[1], -item[0]


class _Unranked(Exception):
    """A query part this ranker has no rule for: Whoosh's collector ranks the query."""


B, K1 = 0.75, 1.2  # whoosh.scoring.BM25F's defaults, the index's weighting


class _Ranker:
    def __init__(self, top: Any, lengths: Callable[[Any, str], list[int]]) -> None:
        self.top = top
        self._lengths = lengths

    def scores(self, leaf: Any, q: Any) -> dict[int, float]:
        """docnum -> score in one segment for the documents *q* matches (deleted included)."""
        if isinstance(q, query.Term):
            return self._term(leaf.reader(), q.fieldname, q.text, q.boost)
        if isinstance(q, query.qcore._NullQuery):
            return {}
        if isinstance(q, query.Every):
            return dict.fromkeys(range(leaf.reader().doc_count_all()), q.boost)
        if isinstance(q, query.And):
            positive = [sub for sub in q.subqueries if not isinstance(sub, query.Not)]
            if not positive:
                return self._matched(leaf, q)
            parts = [self.scores(leaf, sub) for sub in positive]
            parts.sort(key=len)
            keys = set(parts[0])
            for part in parts[1:]:
                keys &= part.keys()
            negative = [sub for sub in q.subqueries if isinstance(sub, query.Not)]
            for sub in negative:
                if keys:
                    keys -= _eval(leaf, sub.query)
            extra = float(len(negative))  # (Whoosh's InverseMatcher scores 1.0 a document)
            first = parts[0]
            out = {d: first[d] + extra for d in keys}
            for part in parts[1:]:
                for d in keys:
                    out[d] += part[d]
            return {d: v * q.boost for d, v in out.items()} if q.boost != 1.0 else out
        if isinstance(q, query.Or) and not q.scale:
            parts = sorted((self.scores(leaf, sub) for sub in q.subqueries), key=len)
            if not parts:
                return {}
            out = dict(parts.pop())  # (the largest copied whole, the others added to it)
            for part in parts:
                for d, score in part.items():
                    out[d] = out.get(d, 0.0) + score
            return {d: v * q.boost for d, v in out.items()} if q.boost != 1.0 else out
        if isinstance(q, query.AndNot):
            a = self.scores(leaf, q.a)
            gone = _eval(leaf, q.b)
            return {d: v for d, v in a.items() if d not in gone}
        if isinstance(q, query.AndMaybe):
            a, b = self.scores(leaf, q.a), self.scores(leaf, q.b)
            return {d: v + b.get(d, 0.0) for d, v in a.items()}
        if isinstance(q, query.Require):
            a = self.scores(leaf, q.a)
            need = _eval(leaf, q.b)
            return {d: v for d, v in a.items() if d in need}
        if isinstance(q, query.MultiTerm):  # as MultiTerm.matcher: its words in this segment
            reader = leaf.reader()
            words = [w for w in q._btexts(reader) if w]
            if len(words) == 1:
                return self._term(reader, q.field(), words[0], 1.0)
            out = {}
            for word in words:
                for d, score in self._term(reader, q.field(), word, 1.0).items():
                    out[d] = out.get(d, 0.0) + score
            return {d: v * q.boost for d, v in out.items()} if q.boost != 1.0 else out
        return self._matched(leaf, q)

    def _matched(self, leaf: Any, q: Any) -> dict[int, float]:
        """Any other part (a title phrase, a span): Whoosh's matcher, one document at a time,
        scored as its collector would."""
        m = q.matcher(leaf, self.top.context())
        out: dict[int, float] = {}
        while m.is_active():
            out[m.id()] = m.score()
            m.next()
        return out

    def _term(self, reader: Any, fieldname: str, text: Any, boost: float) -> dict[int, float]:
        ids, weights = _postings(reader, fieldname, text, weights=True)
        if not ids:
            return {}
        if not reader.schema[fieldname].scorable:
            return {d: w * boost for d, w in zip(ids, weights, strict=True)}
        idf = self.top.idf(fieldname, text)
        avgfl = self.top.avg_field_length(fieldname) or 1
        lengths = self._lengths(reader, fieldname)
        c, k, kb = idf * (K1 + 1) * boost, K1 * (1 - B), K1 * B / avgfl
        return {d: c * w / (w + k + kb * lengths[d]) for d, w in zip(ids, weights, strict=True)}


def _rebuild_writer(ix: Any) -> Any:
    """A writer of one rebuild segment, with two of Whoosh's per-posting costs taken out:
    postings grouped by term in memory and only the terms sorted at commit (a segment of
    REBUILD_SEGMENT_DOCS fits), and the field lengths read once per field rather than once
    per posting. What it writes is what Whoosh's own writer writes (a test compares)."""
    writer = ix.writer(**REBUILD_WRITER)
    writer.pool = _TermPool()
    plain = writer.per_document_reader
    writer.per_document_reader = lambda: _KeptLengths(plain())
    return writer


class _TermPool:
    """Stands in for whoosh.writing.PostingPool: add(), iter_postings(), cleanup()."""

    def __init__(self) -> None:
        self._terms: dict[tuple[str, bytes], list[tuple[int, float, bytes | None]]] = {}

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, text, docnum, weight, value = item
        try:
            self._terms[fieldname, text].append((docnum, weight, value))
        except KeyError:
            self._terms[fieldname, text] = [(docnum, weight, value)]

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        terms = self._terms
        for key in sorted(terms):
            fieldname, text = key
            postings = terms[key]
            postings.sort()  # (added in docnum order already, but merges need not be)
            for docnum, weight, value in postings:
                yield fieldname, text, docnum, weight, value

    def cleanup(self) -> None:
        self._terms = {}


class _KeptLengths:
    """A per-document reader whose doc_field_length comes from a list read once a field."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._lengths: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            dfl = self._reader.doc_field_length
            lengths = [dfl(n, fieldname, default) for n in range(self._reader.doc_count_all())]
            self._lengths[fieldname] = lengths
        return lengths[docnum] if docnum < len(lengths) else default

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


def merge_small_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy of the catch-up: merge the small segments once there are
    MERGE_AT of them, leave the large ones (merging those stalled imports for tens of s)."""
    from whoosh.reading import SegmentReader

    small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT_DOCS]
    if len(small) < MERGE_AT:
        return segments
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [s for s in segments if s not in small]


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
