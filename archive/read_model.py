"""The typed read model: a document, its networks, their facts and evidence, as stored.

Built from the store in one place, with corrections applied and marked; `to_json()` gives
DESIGN §5's contract exactly (plus the additions of §9). Exporters, pages and the CLI read
these; nothing else turns fact rows into a network.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from archive.facts import REVIEW_THRESHOLD, Fact, fact_confidence
from archive.safe_text import printable
from archive.store import Store, fact_from_row

SCHEMA_ID = "takedown-atlas/1"
JsonDict = dict[str, Any]


@dataclass(slots=True)
class EvidenceItem:
    """Where one fact of a network is stated: a field path and a span of the clean text."""

    field: str  # "counts.facebook_accounts", "origin_countries.AZ", ...
    start: int
    end: int
    quote: str
    confidence: float
    correction: bool = False

    def to_json(self) -> JsonDict:
        out: JsonDict = {"field": self.field, "start": self.start, "end": self.end,
                         "quote": self.quote, "confidence": self.confidence}
        if self.correction:
            out["correction"] = True
        return out


@dataclass(slots=True)
class ActorFact:
    name: str
    as_written: str
    role: str
    extra: JsonDict = field(default_factory=dict)  # "wording", "strength" when stated

    def to_json(self) -> JsonDict:
        return {"name": self.name, "as_written": self.as_written, "role": self.role,
                **self.extra}


@dataclass(slots=True)
class AdSpend:
    value: Any
    currency: str
    qualifier: str

    def to_json(self) -> JsonDict:
        return {"value": self.value, "currency": self.currency, "qualifier": self.qualifier}


@dataclass(slots=True)
class Network:
    id: str
    label: str
    operation_name: str | None
    enforcement: str | None
    origin_countries: list[str] = field(default_factory=list)
    target_countries: list[str] = field(default_factory=list)
    topic_countries: list[str] = field(default_factory=list)
    sponsor_countries: list[str] = field(default_factory=list)
    impersonated_countries: list[str] = field(default_factory=list)
    domestic: bool = False
    platforms: list[str] = field(default_factory=list)
    counts: dict[str, Any] = field(default_factory=dict)
    count_qualifiers: dict[str, str] = field(default_factory=dict)
    actors: list[ActorFact] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    ad_spend: AdSpend | None = None
    followers: dict[str, Any] = field(default_factory=dict)
    evidence: list[EvidenceItem] = field(default_factory=list)
    regions: list[dict[str, Any]] = field(default_factory=list)
    dates: dict[str, Any] = field(default_factory=dict)
    corrections: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    starred: bool = False
    note: str | None = None
    needs_review: bool = False

    def countries(self, role: str) -> list[str]:
        bucket: list[str] = getattr(self, f"{role}_countries")
        return bucket

    def to_json(self) -> JsonDict:
        return {
            "id": self.id, "label": self.label, "operation_name": self.operation_name,
            "origin_countries": list(self.origin_countries),
            "target_countries": list(self.target_countries), "domestic": self.domestic,
            "platforms": list(self.platforms), "counts": dict(self.counts),
            "count_qualifiers": dict(self.count_qualifiers),
            "actors": [a.to_json() for a in self.actors], "languages": list(self.languages),
            "ad_spend": self.ad_spend.to_json() if self.ad_spend else None,
            "followers": dict(self.followers),
            "evidence": [e.to_json() for e in self.evidence],
            "topic_countries": list(self.topic_countries),
            "sponsor_countries": list(self.sponsor_countries),
            "impersonated_countries": list(self.impersonated_countries),
            "regions": [dict(r) for r in self.regions], "dates": dict(self.dates),
            "enforcement": self.enforcement, "corrections": list(self.corrections),
            "tags": list(self.tags), "starred": self.starred, "note": self.note,
            "needs_review": self.needs_review,
        }


@dataclass(slots=True)
class Document:
    id: str
    file: str
    sha256: str
    title: str | None
    publisher: str | None
    published: str | None
    source_type: str
    language: str | None
    networks: list[Network]
    media_type: str | None
    encoding: str | None
    imported_at: str | None
    extractor_version: str | None
    warnings: list[str]
    flags: list[str]
    also_imported_as: list[str]
    tags: list[str]
    starred: bool
    note: str | None
    text: str | None = None  # only when asked for (what evidence offsets point into)

    def to_json(self) -> JsonDict:
        out: JsonDict = {
            "id": self.id, "file": self.file, "sha256": self.sha256, "title": self.title,
            "publisher": self.publisher, "published": self.published,
            "source_type": self.source_type, "language": self.language,
            "networks": [n.to_json() for n in self.networks], "media_type": self.media_type,
            "encoding": self.encoding, "imported_at": self.imported_at,
            "extractor_version": self.extractor_version, "warnings": list(self.warnings),
            "flags": list(self.flags), "also_imported_as": list(self.also_imported_as),
            "tags": list(self.tags), "starred": self.starred, "note": self.note,
        }
        if self.text is not None:
            out["text"] = self.text
        return out


def read_document(store: Store, doc_id: str, *, with_text: bool = False) -> Document:
    row = store.document_row(doc_id, with_text=with_text)
    return Document(
        # Names safe to show in every face and export (`archive.safe_text`), also for rows
        # stored before import cleaned them.
        id=row["id"], file=printable(row["file"]), sha256=row["sha256"],
        title=_shown(row["title"]), publisher=_shown(row["publisher"]),
        published=row["published"],
        source_type=row["source_type"], language=row["language"],
        networks=[read_network(store, n) for n in store.networks_of(doc_id)],
        media_type=row["media_type"], encoding=row["encoding"],
        imported_at=row["imported_at"], extractor_version=row["extractor_version"],
        warnings=json.loads(row["warnings"] or "[]"), flags=json.loads(row["flags"] or "[]"),
        also_imported_as=[f for f in store.provenance_of(doc_id) if f != row["file"]],
        tags=store.tags_of("document", doc_id), starred=bool(row["starred"]),
        note=row["note"], text=row["text"] if with_text else None)


def _shown(value: str | None) -> str | None:
    return None if value is None else printable(value)


def read_network(store: Store, row: sqlite3.Row) -> Network:
    """One network with its live facts; a second statement of the same figure is dropped
    (the first in text order wins), corrections are marked."""
    net = Network(id=row["id"], label=row["label"], operation_name=row["operation_name"],
                  enforcement=row["enforcement"], tags=store.tags_of("network", row["id"]),
                  starred=bool(row["starred"]), note=row["note"])
    domestic_flag = False
    lowest = 1.0
    for fact_row in store.facts_of(row["id"]):
        f = fact_from_row(fact_row)
        corrected = fact_row["origin"] == "correction"
        path = field_of(f.kind, f.key, f.role)
        if path is None or not _place(net, f):
            continue
        if f.detail.get("domestic"):
            domestic_flag = True
        if f.evidence is not None:
            confidence = 1.0 if corrected else fact_confidence(f.detail)
            net.evidence.append(EvidenceItem(path, f.evidence.start, f.evidence.end,
                                             f.evidence.quote, confidence, corrected))
            lowest = min(lowest, confidence)
        if corrected:
            net.corrections.append(path)
    if net.operation_name is None:
        ops = [e for e in net.evidence if e.field.startswith("operation_name")]
        if ops:
            net.operation_name = ops[0].field.split(".", 1)[1]
    origins, targets = set(net.origin_countries), set(net.target_countries)
    net.domestic = bool(domestic_flag or (origins and origins == targets))
    net.needs_review = lowest < REVIEW_THRESHOLD
    return net


def field_of(kind: str, key: str, role: str | None) -> str | None:
    """The JSON path a fact fills ("counts.facebook_accounts"), or None for unknown kinds."""
    prefix = {"count": "counts", "audience": "followers", "region": "regions",
              "actor": "actors", "platform": "platforms", "language": "languages",
              "operation": "operation_name", "date": "dates"}.get(kind)
    if kind == "ad_spend":
        return "ad_spend"
    if kind == "country":
        return f"{role or 'topic'}_countries.{key}"
    return f"{prefix}.{key}" if prefix else None


_COUNTRY_BUCKETS = ("origin", "target", "topic", "sponsor", "impersonated")


def _place(net: Network, f: Fact) -> bool:
    """Put fact *f* into *net*; False if an earlier fact already said it."""
    kind = f.kind
    if kind == "count":
        if f.key in net.counts:
            return False
        net.counts[f.key] = f.value
        net.count_qualifiers[f.key] = f.qualifier or "exact"
    elif kind == "audience":
        if f.key in net.followers:
            return False
        net.followers[f.key] = f.value
    elif kind == "ad_spend":
        if net.ad_spend is not None:
            return False
        net.ad_spend = AdSpend(f.value, f.key, f.qualifier or "exact")
    elif kind == "country":
        role = f.role or "topic"
        if role not in _COUNTRY_BUCKETS or f.key in net.countries(role):
            return False
        net.countries(role).append(f.key)
    elif kind == "region":
        entry = {"name": f.key, "role": f.role}
        if entry in net.regions:
            return False
        net.regions.append(entry)
    elif kind == "actor":
        role = f.role or "attributed"
        if any(a.name == f.key and a.role == role for a in net.actors):
            return False
        extra: JsonDict = {k: f.detail[k] for k in ("wording", "strength") if k in f.detail}
        net.actors.append(ActorFact(f.key, f.detail.get("as_written", f.key), role, extra))
    elif kind in ("platform", "language"):
        bucket = net.platforms if kind == "platform" else net.languages
        if f.key in bucket:
            return False
        bucket.append(f.key)
    elif kind == "operation":
        if net.operation_name is None:
            net.operation_name = f.key
    elif kind == "date":
        if f.key in net.dates:
            return False
        net.dates[f.key] = f.value
    return True
