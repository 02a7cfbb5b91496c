"""Country and actor pages as plain data: networks, totals by platform, a yearly timeline.

Qt-free: computed on a reader thread from `Archive.networks()`, then shown by
`views.entity_page`. It only adds up what the archive says; it decides nothing new.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from archive.facts import REMOVED_METRICS
from desktop import labels

_ENTITY_QUERY = re.compile(r'^\s*(country|origin|target|actor)\s*:\s*(?:"([^"]+)"|(\S+))\s*$',
                           re.IGNORECASE)


@dataclass(slots=True)
class NetworkRow:
    network_id: str
    document_id: str
    published: str | None
    publisher: str | None
    title: str
    name: str  # operation name or label
    roles: list[str]
    origins: list[str]
    targets: list[str]
    assets: int


@dataclass(slots=True)
class EntitySummary:
    kind: str  # "country" or "actor"
    key: str
    title: str
    networks: list[NetworkRow] = field(default_factory=list)
    totals: list[tuple[str, int]] = field(default_factory=list)  # metric label, sum
    timeline: list[tuple[int, int, int]] = field(default_factory=list)  # year, networks, assets
    aliases: list[tuple[str, str, str]] = field(default_factory=list)  # alias, doc id, doc title
    related_countries: list[tuple[str, str, int]] = field(default_factory=list)  # code, name, n
    related_actors: list[tuple[str, int]] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return len({n.document_id for n in self.networks})

    @property
    def total_assets(self) -> int:
        return sum(n.assets for n in self.networks)


def entity_in_query(query: str) -> tuple[str, str] | None:
    """`country:AZ` or `actor:"Internet Research Agency"` alone -> ("country", "AZ")."""
    m = _ENTITY_QUERY.match(query)
    if not m:
        return None
    field_name = m.group(1).lower()
    value = m.group(2) or m.group(3)
    if field_name in ("country", "origin", "target"):
        return ("country", value.upper()) if len(value) == 2 and value.isalpha() else None
    return "actor", value


def _assets(counts: dict[str, Any]) -> int:
    parts = sum(int(v or 0) for k, v in counts.items() if k != "combined_assets")
    return parts or int(counts.get("combined_assets") or 0)


def summarise(kind: str, key: str, networks: list[dict[str, Any]]) -> EntitySummary:
    """Gather the networks about one country (any role) or one actor into a page."""
    title = f"{labels.country_name(key)} ({key})" if kind == "country" else key
    out = EntitySummary(kind=kind, key=key, title=title)
    totals: Counter[str] = Counter()
    per_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    countries: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    aliases: dict[str, tuple[str, str]] = {}
    for net in networks:
        origins, targets = list(net.get("origin_countries", [])), list(net.get("target_countries", []))
        roles: list[str] = []
        if kind == "country":
            for role in ("origin", "target", "sponsor", "impersonated", "topic"):
                if key in net.get(f"{role}_countries", []):
                    roles.append(role)
        else:
            for a in net.get("actors", []):
                if key.lower() in (str(a["name"]).lower(), str(a.get("as_written", "")).lower()):
                    roles.append(a.get("role", "attributed"))
                    written = str(a.get("as_written") or a["name"])
                    aliases.setdefault(written, (net["document_id"], net["title"]))
            if not roles and net.get("operation_name"):
                roles.append("operation")
        counts = net.get("counts", {})
        assets = _assets(counts)
        for metric, value in counts.items():
            if metric in REMOVED_METRICS and metric != "combined_assets" and value:
                totals[metric] += int(value)
        year = str(net.get("published") or "")[:4]
        if year.isdigit():
            per_year[int(year)][0] += 1
            per_year[int(year)][1] += assets
        for code in set(origins) | set(targets):
            if not (kind == "country" and code == key):
                countries[code] += 1
        for a in net.get("actors", []):
            if not (kind == "actor" and str(a["name"]).lower() == key.lower()):
                actors[str(a["name"])] += 1
        out.networks.append(NetworkRow(
            network_id=net["id"], document_id=net["document_id"], published=net.get("published"),
            publisher=net.get("publisher"), title=net.get("title") or "",
            name=net.get("operation_name") or net.get("label") or "", roles=roles,
            origins=origins, targets=targets, assets=assets))
    out.totals = [(labels.metric_name(m), n) for m, n in totals.most_common()]
    if per_year:
        first, last = min(per_year), max(per_year)
        out.timeline = [(y, *per_year.get(y, [0, 0])) for y in range(first, last + 1)]
    out.aliases = sorted((a, d, t) for a, (d, t) in aliases.items())
    out.related_countries = [(c, labels.country_name(c), n) for c, n in countries.most_common(12)]
    out.related_actors = actors.most_common(12)
    return out
