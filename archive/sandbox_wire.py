"""What crosses the sandbox's pipes: plain JSON of a parsed document and of its facts.

The reader process is untrusted, so every field it sends back is type-checked here before
it becomes a RawDocument or DocumentFacts; nothing is pickled. Values and details are kept
exactly as the store would write them (`json.dumps`, details with `default=str`), so facts
that travelled are stored byte for byte as facts extracted in the archive's process.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from archive.errors import ArchiveError, LimitExceeded, ParseError, UnsupportedFormat
from archive.facts import DocumentFacts, Evidence, Fact, NetworkFacts
from archive.records import RawDocument

ERRORS: dict[str, type[ArchiveError]] = {
    "ParseError": ParseError, "LimitExceeded": LimitExceeded,
    "UnsupportedFormat": UnsupportedFormat,
}
_STR_FIELDS = ("text", "media_type", "importer")
_OPT_STR_FIELDS = ("title", "publisher", "published", "language", "encoding")


class Garbage(ValueError):
    """The reader's facts are not what it should have sent."""


def encode_document(raw: RawDocument) -> bytes:
    return json.dumps(asdict(raw)).encode("ascii")  # \u escapes survive surrogates


def decode_document(kind: bytes, payload: bytes, label: str) -> RawDocument:
    """Rebuild a RawDocument from the worker's JSON, checking every field's type."""
    try:
        data = json.loads(payload)
    except ValueError:
        raise ParseError(f"could not read this {label}: the reader sent garbage") from None
    if not isinstance(data, dict):
        raise ParseError(f"could not read this {label}: the reader sent garbage")
    if kind == b"E":
        cls = ERRORS.get(str(data.get("error")), ParseError)
        raise cls(str(data.get("message") or f"could not read this {label}")[:500])
    if kind != b"D":
        raise ParseError(f"could not read this {label}: the reader sent garbage")
    known = {f.name for f in fields(RawDocument)}
    clean: dict[str, Any] = {k: v for k, v in data.items() if k in known}
    ok = all(isinstance(clean.get(k), str) for k in _STR_FIELDS)
    ok = ok and all(clean.get(k) is None or isinstance(clean[k], str) for k in _OPT_STR_FIELDS)
    ok = ok and all(isinstance(clean.get(k, []), list)
                    and all(isinstance(x, str) for x in clean.get(k, []))
                    for k in ("warnings", "flags"))
    ok = ok and (clean.get("pages") is None or type(clean["pages"]) is int)
    conf = clean.get("encoding_confidence")
    ok = ok and (conf is None or isinstance(conf, int | float))
    if not ok:
        raise ParseError(f"could not read this {label}: the reader sent garbage")
    return RawDocument(**clean)


def encode_facts(facts: DocumentFacts) -> bytes:
    """The reader's side: DocumentFacts as JSON (values as the store would write them)."""
    return json.dumps({
        "publisher": facts.publisher, "published": facts.published,
        "source_type": facts.source_type, "language": facts.language,
        "warnings": facts.warnings,
        "networks": [{
            "label": n.label, "operation_name": n.operation_name,
            "enforcement": n.enforcement, "span": list(n.span) if n.span else None,
            "facts": [[f.kind, f.key, json.dumps(f.value, ensure_ascii=False), f.qualifier,
                       f.role, json.dumps(f.detail, ensure_ascii=False, default=str),
                       [f.evidence.start, f.evidence.end, f.evidence.quote]
                       if f.evidence else None] for f in n.facts],
        } for n in facts.networks],
    }).encode("ascii")


def decode_facts(payload: bytes, text_chars: int) -> DocumentFacts:
    """The archive's side: DocumentFacts back from the reader's JSON; Garbage if any field
    has the wrong type or an evidence span falls outside the text (*text_chars* long)."""
    try:
        data = json.loads(payload)
        out = DocumentFacts(
            publisher=_opt_str(data["publisher"]), published=_opt_str(data["published"]),
            source_type=_str(data["source_type"]), language=_opt_str(data["language"]),
            warnings=[_str(w) for w in _list(data["warnings"])],
            networks=[_network(n, text_chars) for n in _list(data["networks"])])
    except (ValueError, KeyError, TypeError, IndexError):
        raise Garbage("the reader sent garbage facts") from None
    return out


def _network(n: Any, text_chars: int) -> NetworkFacts:
    if not isinstance(n, dict):
        raise Garbage("network")
    span = n["span"]
    if span is not None:
        a, b = _list(span)
        span = (_int(a), _int(b))
    return NetworkFacts(label=_str(n["label"]), operation_name=_opt_str(n["operation_name"]),
                        enforcement=_opt_str(n["enforcement"]), span=span,
                        facts=[_fact(f, text_chars) for f in _list(n["facts"])])


def _fact(f: Any, text_chars: int) -> Fact:
    kind, key, value, qualifier, role, detail, ev = _list(f)
    evidence = None
    if ev is not None:
        start, end, quote = _list(ev)
        if not 0 <= _int(start) <= _int(end) <= text_chars:
            raise Garbage("evidence outside the text")
        evidence = Evidence(start, end, _str(quote))
    details = json.loads(_str(detail))
    if not isinstance(details, dict):
        raise Garbage("detail")
    return Fact(kind=_str(kind), key=_str(key), value=json.loads(_str(value)),
                qualifier=_opt_str(qualifier), role=_opt_str(role), detail=details,
                evidence=evidence)


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise Garbage("str")
    return v


def _opt_str(v: Any) -> str | None:
    return None if v is None else _str(v)


def _int(v: Any) -> int:
    if type(v) is not int:
        raise Garbage("int")
    return v


def _list(v: Any) -> list[Any]:
    if not isinstance(v, list):
        raise Garbage("list")
    return v
