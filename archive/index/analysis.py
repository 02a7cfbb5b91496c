"""Text analysis of the index: accent folding, the analyzers, the fast term counts the
index is written with, and snippets. Whoosh's analysis classes only; no index access."""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from whoosh.analysis import (
    STOP_WORDS,
    BiWordFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import TEXT
from whoosh.lang.porter import stem
from whoosh.system import pack_uint

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



def _analyse(word: str) -> list[str]:
    return [t.text for t in _TEXT(word)]



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

