"""The query box: Whoosh's parser with friendly field names, malformed queries caught
before Whoosh misreads them, and phrases rewritten onto the word-pair field."""

from __future__ import annotations

import re
from typing import Any

from whoosh import query
from whoosh.fields import Schema
from whoosh.qparser import MultifieldParser, syntax
from whoosh.qparser.plugins import FieldsPlugin, WildcardPlugin
from whoosh.query.compound import CompoundQuery
from whoosh.query.wrappers import WrappingQuery

from archive.index.analysis import STOP, _analyse, fold_accents

MAX_QUERY_CHARS = 1000
FALLBACK_NOTICE = "Search syntax not understood; searched for the words instead."

# Field names a user may type before a colon, and the index field they mean.
FIELD_ALIASES = {
    "title": "title", "body": "body", "text": "body", "publisher": "publisher",
    "country": "country", "origin": "origin", "target": "target", "actor": "actor",
    "platform": "platform", "year": "year", "type": "type", "tag": "tag",
    "lang": "lang", "language": "lang", "id": "id", "starred": "starred",
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



def _terms(q: Any) -> list[tuple[str, str]]:
    try:
        return [(f, t.decode() if isinstance(t, bytes) else t) for f, t in q.iter_all_terms()]
    except Exception:
        return []



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
