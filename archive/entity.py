"""Country and actor pages as plain data: the networks involved, totals, a yearly timeline.

Built from the same networks a briefing of that country or actor covers (`archive.rules`
decides "involves" and "removed assets"), so the page and the PDF never disagree. The
desktop and `takedown-atlas summary` only display it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from archive import names, rules

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
    metrics: dict[str, int] = field(default_factory=dict)  # every count, summed (tweets too)

    @property
    def documents(self) -> int:
        return len({n.document_id for n in self.networks})

    @property
    def total_assets(self) -> int:
        return sum(n.assets for n in self.networks)

    def to_json(self) -> dict[str, Any]:
        """`takedown-atlas summary --json` (DESIGN §9, without takedowns until they exist)."""
        return {"kind": self.kind, "key": self.key, "title": self.title,
                "documents": self.documents, "networks": len(self.networks),
                "removed_assets": self.total_assets, "counts": dict(self.metrics)}


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


def summarise(kind: str, key: str, networks: Iterable[Mapping[str, Any]]) -> EntitySummary:
    """Gather the networks involving one country or one actor into a page."""
    if kind == "country":
        key = key.upper()
    title = f"{names.country_name(key)} ({key})" if kind == "country" else key
    out = EntitySummary(kind=kind, key=key, title=title)
    totals: Counter[str] = Counter()
    metrics: Counter[str] = Counter()
    per_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    countries: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    aliases: dict[str, tuple[str, str]] = {}
    for net in networks:
        origins = list(net.get("origin_countries") or [])
        targets = list(net.get("target_countries") or [])
        if kind == "country":
            roles = rules.country_roles(net, key)
        else:
            roles = rules.actor_roles(net, key)
            for a in net.get("actors") or []:
                if rules.names_actor(a.get("name"), key) or rules.names_actor(a.get("as_written"), key):
                    written = str(a.get("as_written") or a["name"])
                    aliases.setdefault(written, (str(net["document_id"]), str(net["title"])))
        counts = net.get("counts") or {}
        assets = rules.removed_assets(counts)
        totals.update(rules.asset_counts(counts))
        metrics.update({m: int(v) for m, v in counts.items()
                        if isinstance(v, int | float) and not isinstance(v, bool)})
        year = str(net.get("published") or "")[:4]
        if year.isdigit():
            per_year[int(year)][0] += 1
            per_year[int(year)][1] += assets
        for code in set(origins) | set(targets):
            if not (kind == "country" and code == key):
                countries[code] += 1
        for a in net.get("actors") or []:
            if not (kind == "actor" and rules.names_actor(a.get("name"), key)):
                actors[str(a["name"])] += 1
        out.networks.append(NetworkRow(
            network_id=str(net["id"]), document_id=str(net["document_id"]),
            published=net.get("published"), publisher=net.get("publisher"),
            title=str(net.get("title") or ""),
            name=str(net.get("operation_name") or net.get("label") or ""), roles=roles,
            origins=origins, targets=targets, assets=assets))
    out.totals = [(names.metric_name(m), n) for m, n in totals.most_common()]
    out.metrics = dict(sorted(metrics.items()))
    if per_year:
        first, last = min(per_year), max(per_year)
        out.timeline = [(y, per_year[y][0], per_year[y][1]) if y in per_year else (y, 0, 0)
                        for y in range(first, last + 1)]
    out.aliases = sorted((a, d, t) for a, (d, t) in aliases.items())
    out.related_countries = [(c, names.country_name(c), n) for c, n in most_common(countries, 12)]
    out.related_actors = most_common(actors, 12)
    return out


def most_common(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    """The *n* most frequent, ties in the order of their names (Counter.most_common keeps
    the order they were first counted in, which follows set order and changes run to run)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
