"""STIX 2.1 bundles (stix2): a report per document, a campaign per network, threat actors
(identities for firms), locations, and attributed-to / targets / originates-from relationships.

Ids are uuid5 over stable keys and timestamps come from the data, so re-export is identical.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from typing import Any

import stix2

from archive.export.atomic import atomic_output
from archive.export.briefing_text import country_name, figure, money
from archive.export.model import Scope
from archive.export.registry import ExportParts, Warn
from archive.export.selection import gather
from archive.progress import CancelToken, ProgressCallback
from archive.safe_text import printable
from archive.store import Store

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "takedown-atlas:stix")  # never change: ids depend on it
EPOCH = "1970-01-01T00:00:00.000Z"
FIRM_KINDS = {"company", "firm", "pr_firm", "marketing_firm", "agency", "business"}


def stix_id(kind: str, *key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, '|'.join((kind, *key)))}"


def timestamp(date: str | None) -> str:
    """A fixed STIX timestamp from an ISO date (or year); the epoch when unknown."""
    d = str(date or "")
    if len(d) >= 10 and d[4] == "-" and d[7] == "-" and d[:4].isdigit():
        return f"{d[:10]}T00:00:00.000Z"
    if len(d) >= 4 and d[:4].isdigit():
        return f"{d[:4]}-01-01T00:00:00.000Z"
    return EPOCH


class BundleBuilder:
    """Collects objects by id; the first creation of a shared object (a country) wins."""

    def __init__(self, actor_kinds: dict[str, str]) -> None:
        self.objects: dict[str, Any] = {}
        self.actor_kinds = actor_kinds

    def _keep(self, obj: Any) -> str:
        self.objects.setdefault(obj.id, obj)
        return str(obj.id)

    def location(self, code: str, when: str) -> str:
        oid = stix_id("location", code)
        if oid not in self.objects:
            self._keep(stix2.Location(id=oid, created=when, modified=when,
                                      name=country_name(code), country=code))
        return oid

    def actor(self, name: str, when: str) -> str:
        kind = self.actor_kinds.get(name, "")
        name = _text(name)
        if kind.lower() in FIRM_KINDS:
            oid = stix_id("identity", "actor", name)
            if oid not in self.objects:
                self._keep(stix2.Identity(id=oid, created=when, modified=when, name=name,
                                          identity_class="organization"))
            return oid
        oid = stix_id("threat-actor", name)
        if oid not in self.objects:
            self._keep(stix2.ThreatActor(id=oid, created=when, modified=when, name=name))
        return oid

    def relation(self, kind: str, source: str, target: str, when: str) -> str:
        oid = stix_id("relationship", kind, source, target)
        return self._keep(stix2.Relationship(id=oid, created=when, modified=when,
                                             relationship_type=kind, source_ref=source,
                                             target_ref=target))

    def campaign(self, net: dict[str, Any], when: str) -> list[str]:
        cid = stix_id("campaign", str(net["id"]))
        name = _text(net.get("operation_name") or net.get("label") or net["id"])
        self._keep(stix2.Campaign(id=cid, created=when, modified=when, name=name,
                                  description=_text(describe(net)) or None))
        refs = [cid]
        for code in net.get("origin_countries") or []:
            loc = self.location(code, when)
            refs += [loc, self.relation("originates-from", cid, loc, when)]
        for code in net.get("target_countries") or []:
            loc = self.location(code, when)
            refs += [loc, self.relation("targets", cid, loc, when)]
        for a in net.get("actors") or []:
            if a.get("role") == "attributed" and a.get("name"):
                ta = self.actor(str(a["name"]), when)
                refs += [ta, self.relation("attributed-to", cid, ta, when)]
        return refs

    def report(self, doc: dict[str, Any], nets: list[dict[str, Any]]) -> None:
        when = timestamp(doc.get("published") or doc.get("imported_at"))
        refs: list[str] = []
        for net in nets:
            refs += self.campaign(net, when)
        publisher = _text(doc.get("publisher") or "Unknown publisher")
        pub_id = stix_id("identity", "publisher", publisher)
        if pub_id not in self.objects:
            self._keep(stix2.Identity(id=pub_id, created=when, modified=when, name=publisher,
                                      identity_class="organization"))
        refs.append(pub_id)
        self._keep(stix2.Report(
            id=stix_id("report", str(doc["id"])), created=when, modified=when, published=when,
            name=_text(doc.get("title") or doc.get("file") or doc["id"]),
            report_types=["threat-report"], object_refs=list(dict.fromkeys(refs)),
            external_references=[{"source_name": "takedown-atlas", "external_id": str(doc["id"]),
                                  "description": _text(f"file {doc.get('file')}; "
                                                       f"sha256 {doc.get('sha256')}")}]))

    def bundle(self) -> stix2.Bundle:
        objs = [self.objects[k] for k in sorted(self.objects)]
        return stix2.Bundle(objs, id=stix_id("bundle", *sorted(self.objects)))


def _text(value: object) -> str:
    """Document text for a STIX field: no control, bidi-override or non-XML character, no
    lone surrogate (they would break the bundle or a consumer's XML)."""
    return printable(value, one_line=True)


def describe(net: dict[str, Any]) -> str:
    quals = net.get("count_qualifiers") or {}
    parts = [figure(m, v, quals.get(m)) for m, v in (net.get("counts") or {}).items()]
    parts += [figure(m, v, None) for m, v in (net.get("followers") or {}).items()]
    if net.get("ad_spend"):
        parts.append("ad spend " + money(net["ad_spend"]))
    return ("Removed: " + "; ".join(parts) + ".") if parts else ""


def build(store: Store, doc_ids: Sequence[str], scope: Scope, *,
          on_progress: ProgressCallback | None = None,
          cancel: CancelToken | None = None) -> stix2.Bundle:
    docs, nets = gather(store, doc_ids, scope, on_progress=on_progress, cancel=cancel,
                        require_facts=False)
    kinds = store.actor_kinds()
    builder = BundleBuilder(kinds)
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for n in nets:
        by_doc.setdefault(n["document_id"], []).append(n)
    for doc in docs:
        doc_nets = sorted(by_doc.get(doc["id"], []), key=lambda x: str(x["id"]))
        if doc_nets or not doc["networks"]:
            builder.report(doc, doc_nets)
    return builder.bundle()


def export(parts: ExportParts, doc_ids: Sequence[str], target: str | os.PathLike[str], *,
           scope: Scope, fmt: str = "stix", on_progress: ProgressCallback | None = None,
           cancel: CancelToken | None = None, on_warning: Warn | None = None) -> int:
    """The registry's entry point for "stix"; returns the number of reports."""
    bundle = build(parts.store, doc_ids, scope, on_progress=on_progress, cancel=cancel)
    with atomic_output(target, archive_root=parts.root) as fh:
        fh.write(bundle.serialize(pretty=True, ensure_ascii=False).encode("utf-8"))
        fh.write(b"\n")
    return sum(1 for o in bundle.objects if o.type == "report")
