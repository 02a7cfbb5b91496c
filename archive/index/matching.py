"""Exact counts and relevance ranking over Whoosh's posting lists, a segment at a time:
set algebra for the matches, Whoosh's own BM25F for the scores. Reads only."""

from __future__ import annotations

import heapq
import operator
from collections.abc import Callable, Iterator
from typing import Any

from whoosh import query
from whoosh.query.wrappers import WrappingQuery
from whoosh.reading import TermNotFound

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

def best_first(scores: dict[int, float], n: int) -> list[tuple[float, int]]:
    """The *n* best (score, -docnum): higher score first; ties: the lower docnum first, as
    Whoosh's collector."""
    return heapq.nlargest(n, zip(scores.values(), map(operator.neg, scores), strict=True))


class _Unranked(Exception):
    """A query part this ranker has no rule for: Whoosh's collector ranks the query."""


B, K1 = 0.75, 1.2  # whoosh.scoring.BM25F's defaults, the index's weighting


class _Ranker:
    def __init__(self, top: Any, norms: Callable[[Any, str, float], list[float]]) -> None:
        self.top = top
        self._norms = norms  # K1 * ((1 - B) + B * length / avgfl) by docnum

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
        norms = self._norms(reader, fieldname, avgfl)
        c = idf * (K1 + 1) * boost
        return {d: c * w / (w + norms[d]) for d, w in zip(ids, weights, strict=True)}

