"""The exported shape of documents and networks (DESIGN §5), built from the store.

One place decides what a network "says" (counts, countries by role, actors, evidence),
so JSON, tables, STIX and PDF briefings never disagree. Corrections are marked.
"""

from __future__ import annotations

import json
from typing import Any

from archive.facts import REVIEW_THRESHOLD, fact_confidence
from archive.store import Store, fact_from_row

SCHEMA_ID = "takedown-atlas/1"


def document_view(store: Store, doc_id: str, *, with_text: bool = False) -> dict[str, Any]:
    row = store.document_row(doc_id)
    doc: dict[str, Any] = {
        "id": row["id"], "file": row["file"], "sha256": row["sha256"],
        "title": row["title"], "publisher": row["publisher"], "published": row["published"],
        "source_type": row["source_type"], "language": row["language"],
        "networks": [network_view(store, n) for n in store.networks_of(doc_id)],
        "media_type": row["media_type"], "encoding": row["encoding"],
        "imported_at": row["imported_at"], "extractor_version": row["extractor_version"],
        "warnings": json.loads(row["warnings"] or "[]"), "flags": json.loads(row["flags"] or "[]"),
        "also_imported_as": [f for f in store.provenance_of(doc_id) if f != row["file"]],
        "tags": store.tags_of("document", doc_id), "starred": bool(row["starred"]),
        "note": row["note"],
    }
    if with_text:
        doc["text"] = row["text"]
    return doc


def network_view(store: Store, net: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": net["id"], "label": net["label"], "operation_name": net["operation_name"],
        "origin_countries": [], "target_countries": [], "domestic": False,
        "platforms": [], "counts": {}, "count_qualifiers": {}, "actors": [],
        "languages": [], "ad_spend": None, "followers": {}, "evidence": [],
        "topic_countries": [], "sponsor_countries": [], "impersonated_countries": [],
        "regions": [], "dates": {}, "enforcement": net["enforcement"], "corrections": [],
        "tags": store.tags_of("network", net["id"]), "starred": bool(net["starred"]),
        "note": net["note"],
    }
    domestic_flag = False
    lowest = 1.0
    for row in store.facts_of(net["id"]):
        f = fact_from_row(row)
        corrected = row["origin"] == "correction"
        field = _field_of(f.kind, f.key, f.role)
        if field is None:
            continue
        if not _place(out, f, field):
            continue  # a second statement of the same figure: keep the first
        if f.detail.get("domestic"):
            domestic_flag = True
        if f.evidence is not None:
            confidence = 1.0 if corrected else fact_confidence(f.detail)
            ev: dict[str, Any] = {"field": field, "start": f.evidence.start,
                                  "end": f.evidence.end, "quote": f.evidence.quote,
                                  "confidence": confidence}
            if corrected:
                ev["correction"] = True
            out["evidence"].append(ev)
            lowest = min(lowest, confidence)
        if corrected:
            out["corrections"].append(field)
    if out["operation_name"] is None:
        ops = [e for e in out["evidence"] if e["field"].startswith("operation_name")]
        if ops:
            out["operation_name"] = ops[0]["field"].split(".", 1)[1]
    origins, targets = set(out["origin_countries"]), set(out["target_countries"])
    out["domestic"] = bool(domestic_flag or (origins and origins == targets))
    out["needs_review"] = lowest < REVIEW_THRESHOLD
    return out


def _field_of(kind: str, key: str, role: str | None) -> str | None:
    if kind == "count":
        return f"counts.{key}"
    if kind == "audience":
        return f"followers.{key}"
    if kind == "ad_spend":
        return "ad_spend"
    if kind == "country":
        return f"{role or 'topic'}_countries.{key}"
    if kind == "region":
        return f"regions.{key}"
    if kind == "actor":
        return f"actors.{key}"
    if kind == "platform":
        return f"platforms.{key}"
    if kind == "language":
        return f"languages.{key}"
    if kind == "operation":
        return f"operation_name.{key}"
    if kind == "date":
        return f"dates.{key}"
    return None


def _place(out: dict[str, Any], f: Any, field: str) -> bool:
    """Put fact *f* into the network view; False if an earlier fact already said it."""
    kind = f.kind
    if kind == "count":
        if f.key in out["counts"]:
            return False
        out["counts"][f.key] = f.value
        out["count_qualifiers"][f.key] = f.qualifier or "exact"
    elif kind == "audience":
        if f.key in out["followers"]:
            return False
        out["followers"][f.key] = f.value
    elif kind == "ad_spend":
        if out["ad_spend"] is not None:
            return False
        out["ad_spend"] = {"value": f.value, "currency": f.key, "qualifier": f.qualifier or "exact"}
    elif kind == "country":
        bucket = f"{f.role or 'topic'}_countries"
        if bucket not in out or f.key in out[bucket]:
            return False
        out[bucket].append(f.key)
    elif kind == "region":
        entry = {"name": f.key, "role": f.role}
        if entry in out["regions"]:
            return False
        out["regions"].append(entry)
    elif kind == "actor":
        entry = {"name": f.key, "as_written": f.detail.get("as_written", f.key),
                 "role": f.role or "attributed"}
        if any(a["name"] == entry["name"] and a["role"] == entry["role"] for a in out["actors"]):
            return False
        for extra in ("wording", "strength"):
            if extra in f.detail:
                entry[extra] = f.detail[extra]
        out["actors"].append(entry)
    elif kind in ("platform", "language"):
        bucket = "platforms" if kind == "platform" else "languages"
        if f.key in out[bucket]:
            return False
        out[bucket].append(f.key)
    elif kind == "operation":
        if out["operation_name"] is None:
            out["operation_name"] = f.key
    elif kind == "date":
        if f.key in out["dates"]:
            return False
        out["dates"][f.key] = f.value
    return True


class Scope:
    """What an export covers, as the user asked for it (for titles, covers and file names)."""

    def __init__(self, *, country: str | None = None, actor: str | None = None,
                 query: str | None = None, since: str | None = None,
                 ids: list[str] | None = None) -> None:
        self.country = country.upper() if country else None
        self.actor = actor
        self.query = query
        self.since = since
        self.ids = ids

    def describe(self) -> str:
        parts = []
        if self.country:
            parts.append(f"country {self.country}")
        if self.actor:
            parts.append(f"actor “{self.actor}”")
        if self.query:
            parts.append(f"search “{self.query}”")
        if self.ids:
            parts.append(f"{len(self.ids)} selected documents")
        if self.since:
            parts.append(f"since {self.since}")
        return ", ".join(parts) or "whole archive"
