"""Browsing queries answered by SQLite: facet counts, facet filters, sorting, network lists.

Facets and filters never touch Whoosh (it is slow at grouping); only the text part of a
search does. Facet names and SQL come from fixed tables here, never from user input.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from archive import rules
from archive.export.model import Scope
from archive.export.selection import gather
from archive.records import DocumentId
from archive.safe_text import printable
from archive.store import Store

SearchIds = Callable[[str], Iterable[str]]  # a full-text query -> matching document ids

# facet name -> SQL returning (value, document_id) pairs
FACET_SQL: dict[str, str] = {
    "origin": "SELECT key, document_id FROM live_fact WHERE kind = 'country' AND role = 'origin'",
    "target": "SELECT key, document_id FROM live_fact WHERE kind = 'country' AND role = 'target'",
    "topic": "SELECT key, document_id FROM live_fact WHERE kind = 'country' AND role = 'topic'",
    "country": "SELECT key, document_id FROM live_fact WHERE kind = 'country'",
    "region": "SELECT key, document_id FROM live_fact WHERE kind = 'region'",
    "actor": "SELECT key, document_id FROM live_fact WHERE kind = 'actor' AND role = 'attributed'",
    "operation": "SELECT key, document_id FROM live_fact WHERE kind = 'operation'",
    "platform": "SELECT key, document_id FROM live_fact WHERE kind = 'platform'",
    "language": "SELECT key, document_id FROM live_fact WHERE kind = 'language'",
    "publisher": "SELECT publisher, id FROM document WHERE publisher IS NOT NULL",
    "year": "SELECT substr(published, 1, 4), id FROM document WHERE published IS NOT NULL",
    "type": "SELECT source_type, id FROM document",
    "tag": "SELECT tag, CASE target_type WHEN 'document' THEN target_id "
           "ELSE substr(target_id, 1, instr(target_id, '-n') - 1) END FROM tag",
    "starred": "SELECT 'starred', id FROM document WHERE starred = 1",
}
FACET_ORDER = ("origin", "target", "topic", "actor", "operation", "platform", "publisher",
               "year", "type", "language", "tag", "starred")


def facets(store: Store, doc_ids: Iterable[str] | None = None, *,
           only: Iterable[str] = FACET_ORDER) -> dict[str, list[tuple[str, int]]]:
    """Counts of documents per value for each facet, most frequent first."""
    within = set(doc_ids) if doc_ids is not None else None
    out: dict[str, list[tuple[str, int]]] = {}
    for name in only:
        counts: dict[str, set[str]] = {}
        for value, doc_id in store.conn.execute(FACET_SQL[name]):
            if value and (within is None or doc_id in within):
                counts.setdefault(value, set()).add(doc_id)
        out[name] = sorted(((v, len(d)) for v, d in counts.items()),
                           key=lambda vc: (-vc[1], vc[0]))
    return out


def filtered_ids(store: Store, filters: dict[str, list[str]]) -> set[DocumentId] | None:
    """Documents matching every facet (several values of one facet: any of them)."""
    result: set[DocumentId] | None = None
    for name, values in filters.items():
        if not values:
            continue
        if name not in FACET_SQL:
            raise ValueError(f"unknown facet {name}")
        wanted = set(values)
        ids = {DocumentId(d) for v, d in store.conn.execute(FACET_SQL[name]) if v in wanted}
        result = ids if result is None else result & ids
    return result


Search = Callable[[str], tuple[list[str], str | None]]  # query -> (ids by relevance, notice)


@dataclass(slots=True)
class BrowseResult:
    """What a browser view shows: the matching ids (sorted) and facet counts over them."""

    ids: list[DocumentId]
    notice: str | None
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def query_ids(store: Store, search: Search, query: str = "",
              filters: dict[str, list[str]] | None = None,
              sort: str = "date") -> tuple[list[DocumentId], str | None]:
    """All matching document ids for a browser view: search text plus facet filters."""
    notice = None
    allowed = filtered_ids(store, filters or {})
    if query.strip():
        found, notice = search(query)
        ids = [DocumentId(i) for i in found]
        if allowed is not None:
            ids = [i for i in ids if i in allowed]
        if sort == "relevance":
            return ids, notice
    else:
        ids = list(allowed) if allowed is not None else store.document_ids()
    return sort_ids(store, ids, sort), notice


def browse(store: Store, search: Search, query: str = "",
           filters: dict[str, list[str]] | None = None, sort: str = "date", *,
           cancel: Any = None) -> BrowseResult:
    """Matching ids and facet counts that let a selection be widened: a facet with a
    selection counts over the results without its own filter, so the other values of that
    facet stay visible and can be added (several values of one facet = any of them)."""
    active = {k: v for k, v in (filters or {}).items() if v}
    ids, notice = query_ids(store, search, query, active, sort=sort)
    counts = facets(store, ids)
    for name in active:
        if cancel is not None and cancel.cancelled:
            break
        others = {k: v for k, v in active.items() if k != name}
        wider, _ = query_ids(store, search, query, others, sort="date")
        counts[name] = facets(store, wider, only=(name,))[name]
    return BrowseResult(ids, notice, counts)


_SORT_SQL = {
    "date": "coalesce(published, '') DESC, id",
    "date_asc": "coalesce(published, '9999') ASC, id",
    "title": "lower(coalesce(title, file)), id",
    "publisher": "lower(coalesce(publisher, '~')), coalesce(published, '') DESC, id",
    "assets": "coalesce(published, '') DESC, id",  # then by removed assets, in Python
}


def sort_ids(store: Store, ids: list[DocumentId], sort: str) -> list[DocumentId]:
    if sort not in _SORT_SQL:
        raise ValueError(f"unknown sort {sort}")
    rows = store.conn.execute("SELECT id FROM document ORDER BY " + _SORT_SQL[sort]).fetchall()
    wanted = set(ids)
    out = [DocumentId(r[0]) for r in rows if r[0] in wanted]
    if sort == "assets":
        assets = document_assets(store, out)
        out.sort(key=lambda i: -assets.get(i, 0))  # stable: ties keep newest first
    return out


def document_assets(store: Store, ids: Iterable[str] | None = None) -> dict[str, int]:
    """Removed assets per document (`rules.removed_assets` of each network, added up).

    Each network's counts are read as its exported view reads them: the first statement of
    a metric wins (facts in text order), so the table, the sort and the exports agree.
    """
    sql = ("SELECT network_id, document_id, key, value FROM live_fact WHERE kind = 'count' "
           "ORDER BY network_id, ev_start, id")
    wanted = set(ids) if ids is not None else None
    per_net: dict[str, tuple[str, dict[str, Any]]] = {}
    for net_id, doc_id, key, value in store.conn.execute(sql):
        if wanted is not None and doc_id not in wanted:
            continue
        counts = per_net.setdefault(net_id, (doc_id, {}))[1]
        if key not in counts:
            counts[key] = json.loads(value or "null")
    out: dict[str, int] = dict.fromkeys(wanted, 0) if wanted is not None else {}
    for doc_id, counts in per_net.values():
        out[doc_id] = out.get(doc_id, 0) + rules.removed_assets(counts)
    return out


def document_rows(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Table cells for a batch of documents (the desktop's lazy result table): id -> row."""
    wanted = list(dict.fromkeys(ids))
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ",".join("?" * len(chunk))
        sql = (
            "SELECT d.id, coalesce(d.title, d.file) AS title, d.file, d.published, d.publisher, "
            "d.source_type, d.starred, "
            "(SELECT count(*) FROM network n WHERE n.document_id = d.id) AS networks, "
            "(SELECT group_concat(DISTINCT key) FROM live_fact f WHERE f.document_id = d.id "
            " AND f.kind = 'country' AND f.role = 'origin') AS origins, "
            "(SELECT group_concat(DISTINCT key) FROM live_fact f WHERE f.document_id = d.id "
            " AND f.kind = 'country' AND f.role = 'target') AS targets "
            f"FROM document d WHERE d.id IN ({marks})")
        assets = document_assets(store, chunk)
        for r in store.conn.execute(sql, chunk):
            row = dict(r)
            row["origins"] = sorted((row["origins"] or "").split(",")) if row["origins"] else []
            row["targets"] = sorted((row["targets"] or "").split(",")) if row["targets"] else []
            row["starred"] = bool(row["starred"])
            row["assets"] = assets.get(row["id"], 0)
            for key in ("title", "file", "publisher"):  # labels safe to show (archive.safe_text)
                row[key] = row[key] if row[key] is None else printable(row[key])
            out[row["id"]] = row
    return out


def networks(store: Store, search_ids: SearchIds, *, country: str | None = None,
             role: str | None = None, actor: str | None = None) -> list[dict[str, Any]]:
    """Every network involving the country (in *role*, if given) and/or the actor, newest
    first, each with its document's date, publisher and title: what pages and briefings list."""
    ids = select_documents(store, search_ids, country=country, actor=actor)
    _, nets = gather(store, ids, Scope(country=country, actor=actor))
    if country and role:
        nets = [n for n in nets if role in rules.country_roles(n, country)]
    return nets


def select_documents(store: Store, search_ids: SearchIds, *, country: str | None = None,
                     actor: str | None = None, query: str | None = None,
                     since: str | None = None,
                     ids: Iterable[str] | None = None) -> list[DocumentId]:
    """Documents for an export or a page: every filter given must hold. A country or actor
    filter keeps documents with a network that involves it (`archive.rules`)."""
    chosen: set[DocumentId] | None = None
    if ids is not None:
        chosen = {store.resolve_id(i) for i in ids}
    if country:
        marks = ",".join("?" * len(rules.INVOLVING_COUNTRY_ROLES))
        got = {DocumentId(r[0]) for r in store.conn.execute(
            "SELECT DISTINCT document_id FROM live_fact WHERE kind = 'country' AND key = ? "
            f"AND role IN ({marks})", (country.upper(), *rules.INVOLVING_COUNTRY_ROLES))}
        chosen = got if chosen is None else chosen & got
    if actor:
        # SQL narrows by substring; the rule (whole words) decides.
        got = {DocumentId(r[0]) for r in store.conn.execute(
            "SELECT document_id, key, json_extract(detail, '$.as_written') FROM live_fact "
            "WHERE kind IN ('actor', 'operation') AND (key LIKE ? ESCAPE '\\' "
            "OR json_extract(detail, '$.as_written') LIKE ? ESCAPE '\\') "
            "UNION SELECT document_id, operation_name, NULL FROM network "
            "WHERE operation_name LIKE ? ESCAPE '\\'",
            (_like(actor), _like(actor), _like(actor)))
            if rules.names_actor(r[1], actor) or rules.names_actor(r[2], actor)}
        chosen = got if chosen is None else chosen & got
    if query:
        got = {DocumentId(i) for i in search_ids(query)}
        chosen = got if chosen is None else chosen & got
    if since:
        got = {DocumentId(r[0]) for r in store.conn.execute(
            "SELECT id FROM document WHERE coalesce(published, substr(imported_at, 1, 10)) >= ?",
            (since,))}
        chosen = got if chosen is None else chosen & got
    all_ids = store.document_ids()
    if chosen is None:
        return all_ids
    return [i for i in all_ids if i in chosen]


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
