"""Browsing queries answered by SQLite: facet counts, facet filters, sorting, network lists.

Facets and filters never touch Whoosh (it is slow at grouping); only the text part of a
search does. Counts are GROUP BYs over the narrow facet tables (`archive.facet_tables`),
sorts walk covering indexes; neither reads a document row. Facet names and SQL come from
fixed tables here, never from user input.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from archive import rules
from archive.records import DocumentId
from archive.safe_text import printable
from archive.store import Store

SearchIds = Callable[[str], Iterable[str]]  # a full-text query -> matching document ids

# Facets a browser filters and counts by; their rows come from `archive.facet_tables`.
FACETS = ("origin", "target", "topic", "country", "region", "actor", "operation", "platform",
          "language", "publisher", "year", "type", "tag", "starred")
FACET_ORDER = ("origin", "target", "topic", "actor", "operation", "platform", "publisher",
               "year", "type", "language", "tag", "starred")
Counts = dict[str, list[tuple[str, int]]]

# A set of documents as SQL (a SELECT of ids) with its arguments; None means every document.
IdSet = tuple[str, list[Any]] | None
_JSON_IDS = "SELECT value FROM json_each(?)"


def facets(store: Store, doc_ids: Iterable[str] | None = None, *,
           only: Iterable[str] = FACET_ORDER) -> Counts:
    """Counts of documents per value for each facet, most frequent first."""
    return _counts(store, None if doc_ids is None else list(doc_ids), tuple(only))


def _counts(store: Store, within: list[str] | list[DocumentId] | IdSet,
            only: tuple[str, ...]) -> Counts:
    """GROUP BY over the narrow facet table, or its kept totals when *within* is every
    document; a set larger than half the archive is counted as the totals minus the rest.
    *within*: ids, a set as SQL, or None for every document."""
    for name in only:
        if name not in FACETS:
            raise ValueError(f"unknown facet {name}")
    names = ",".join("?" * len(only))
    totals = ("SELECT facet, value, documents FROM facet_count "
              f"WHERE facet IN ({names})", list(only))
    if isinstance(within, list):
        wanted = set(within)
        every = all_ids(store)
        if len(wanted) * 2 <= len(every):
            within = (_JSON_IDS, [json.dumps(list(wanted))])
        else:  # the totals minus the documents left out
            rest = [i for i in every if i not in wanted]
            rows = _minus(store, (_JSON_IDS, [json.dumps(rest)]), only) if rest else \
                store.conn.execute(*totals)
            return _sorted_counts(rows, only)
    if within is None:
        return _sorted_counts(store.conn.execute(*totals), only)
    sql, args = within
    size = int(store.conn.execute(f"SELECT count(*) FROM ({sql})", args).fetchone()[0])
    if size * 2 > len(all_ids(store)):
        rest_sql = (f"SELECT id FROM document WHERE id NOT IN ({sql})", args)
        return _sorted_counts(_minus(store, rest_sql, only), only)
    rows = store.conn.execute(
        f"SELECT f.facet, f.value, count(*) FROM {_rows_of(sql)} "
        f"WHERE +f.facet IN ({names}) GROUP BY f.facet, f.value", (*args, *only))
    return _sorted_counts(rows, only)


def _rows_of(sql: str) -> str:
    """FROM clause: the facet rows of the documents in a set. From the set to its rows
    (CROSS JOIN: in this order, by the document index; "+facet" above: one seek per
    document, not one per facet); a list of ids from us has no repeats to remove."""
    if sql == _JSON_IDS:
        return "json_each(?) s CROSS JOIN facet_value f ON f.document_id = s.value"
    return (f"(WITH ids(id) AS ({sql}) SELECT DISTINCT id FROM ids) s "
            "CROSS JOIN facet_value f ON f.document_id = s.id")


def _minus(store: Store, rest: tuple[str, list[Any]],
           only: tuple[str, ...]) -> Iterable[tuple[str, str, int]]:
    """The kept totals less the counts over the documents in *rest*."""
    names = ",".join("?" * len(only))
    rows: Iterable[tuple[str, str, int]] = store.conn.execute(
        "SELECT c.facet, c.value, c.documents - coalesce(x.n, 0) FROM facet_count c "
        f"LEFT JOIN (SELECT f.facet, f.value, count(*) AS n FROM {_rows_of(rest[0])} "
        f"WHERE +f.facet IN ({names}) GROUP BY f.facet, f.value) x "
        f"ON x.facet = c.facet AND x.value = c.value WHERE c.facet IN ({names})",
        (*rest[1], *only, *only))
    return rows


def _sorted_counts(rows: Iterable[tuple[str, str, int]], only: tuple[str, ...]) -> Counts:
    out: Counts = {name: [] for name in only}
    for facet, value, n in rows:
        if n > 0:
            out[facet].append((value, int(n)))
    for values in out.values():
        values.sort(key=lambda vc: (-vc[1], vc[0]))
    return out


def all_ids(store: Store) -> list[DocumentId]:
    """Every document id, newest first (kept until the database changes)."""
    ids: list[DocumentId] = store.kept("sort:date", lambda: _sorted_all(store, "date"))
    return ids


def _filter_set(filters: dict[str, list[str]]) -> IdSet:
    """Documents matching every facet (several values of one facet: any of them), as SQL."""
    parts: list[str] = []
    args: list[Any] = []
    for name, values in filters.items():
        if not values:
            continue
        if name not in FACETS:
            raise ValueError(f"unknown facet {name}")
        parts.append("SELECT document_id FROM facet_value WHERE facet = ? AND value IN "
                     f"({','.join('?' * len(values))})")
        args += [name, *values]
    return (" INTERSECT ".join(parts), args) if parts else None


def _both(a: IdSet, b: IdSet) -> IdSet:
    if a is None or b is None:
        return a if b is None else b
    return f"SELECT * FROM ({a[0]}) INTERSECT SELECT * FROM ({b[0]})", [*a[1], *b[1]]


def filtered_ids(store: Store, filters: dict[str, list[str]]) -> set[DocumentId] | None:
    """Documents matching every facet (several values of one facet: any of them)."""
    chosen = _filter_set(filters)
    if chosen is None:
        return None
    return set(store.column(*chosen))


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
    hits, notice = _hits(search, query)
    return _ordered(store, hits, _filter_set(filters or {}), sort), notice


def _hits(search: Search, query: str) -> tuple[list[str] | None, str | None]:
    if not query.strip():
        return None, None
    found, notice = search(query)
    return list(found), notice


def _ordered(store: Store, hits: list[str] | None, allowed: IdSet,
             sort: str) -> list[DocumentId]:
    """The ids of *hits* (None: every document) that *allowed* keeps, in the order *sort*."""
    keep = None if allowed is None else set(store.column(*allowed))
    if hits is not None and sort == "relevance":
        return [DocumentId(i) for i in hits if keep is None or i in keep]
    order = sorted_ids(store, sort)
    if hits is None:
        return list(order) if keep is None else [i for i in order if i in keep]
    found = set(hits) if keep is None else set(hits) & keep
    return [i for i in order if i in found]


def browse(store: Store, search: Search, query: str = "",
           filters: dict[str, list[str]] | None = None, sort: str = "date", *,
           cancel: Any = None) -> BrowseResult:
    """Matching ids and facet counts that let a selection be widened: a facet with a
    selection counts over the results without its own filter, so the other values of that
    facet stay visible and can be added (several values of one facet = any of them)."""
    active = {k: v for k, v in (filters or {}).items() if v}
    hits, notice = _hits(search, query)  # one search, whatever the filters
    ids = _ordered(store, hits, _filter_set(active), sort)
    within = None if hits is None and not active else list(ids)
    counts = _counts(store, within, FACET_ORDER)
    for name in active:
        if cancel is not None and cancel.cancelled:
            break
        others = _filter_set({k: v for k, v in active.items() if k != name})
        wider: list[str] | list[DocumentId] | IdSet = hits if others is None else others
        if hits is not None and others is not None:
            wider = _both((_JSON_IDS, [json.dumps(hits)]), others)
        counts[name] = _counts(store, wider, (name,))[name]
    return BrowseResult(ids, notice, counts)


_SORT_SQL = {  # each has its covering index (`archive.facet_tables.SORT_INDEXES`)
    "date": "coalesce(published, '') DESC, id",
    "date_asc": "coalesce(published, '9999'), id",
    "title": "lower(coalesce(title, file)), id",
    "publisher": "lower(coalesce(publisher, '~')), coalesce(published, '') DESC, id",
    "assets": "coalesce(published, '') DESC, id",  # then by removed assets, in Python
}
_SORT_INDEX = {"date": "idx_document_sort_date", "date_asc": "idx_document_sort_date_asc",
               "title": "idx_document_sort_title", "publisher": "idx_document_sort_publisher",
               "assets": "idx_document_sort_date"}


def sorted_ids(store: Store, sort: str) -> list[DocumentId]:
    """Every document in the order *sort*, kept until the database changes (do not modify)."""
    if sort not in _SORT_SQL:
        raise ValueError(f"unknown sort {sort}")
    ids: list[DocumentId] = store.kept(f"sort:{sort}", lambda: _sorted_all(store, sort))
    return ids


def _sorted_all(store: Store, sort: str) -> list[DocumentId]:
    # The covering index walks the documents in order without reading their rows (which
    # hold the text).
    out: list[DocumentId] = store.column(f"SELECT id FROM document INDEXED BY "
                                         f"{_SORT_INDEX[sort]} ORDER BY {_SORT_SQL[sort]}")
    if sort == "assets":
        assets = document_assets(store)
        out.sort(key=lambda i: -assets.get(i, 0))  # stable: ties keep newest first
    return out


def sort_ids(store: Store, ids: Iterable[str] | None, sort: str) -> list[DocumentId]:
    """Documents (*ids*, or None for all) in the order *sort*; ids that are not documents
    are left out."""
    order = sorted_ids(store, sort)
    if ids is None:
        return list(order)
    wanted = set(ids)
    return [i for i in order if i in wanted]


def document_assets(store: Store, ids: Iterable[str] | None = None) -> dict[str, int]:
    """Removed assets per document (`rules.removed_assets` of each network, added up).

    Each network's counts are read as its exported view reads them: the first statement of
    a metric wins (facts in text order), so the table, the sort and the exports agree.
    """
    sql = "SELECT network_id, document_id, key, value FROM live_fact WHERE kind = 'count'"
    args: list[Any] = []
    wanted = list(dict.fromkeys(ids)) if ids is not None else None
    if wanted is not None:  # these documents' facts by the document_id index ("+": not by kind)
        sql = ("SELECT network_id, document_id, key, value FROM live_fact WHERE +kind = 'count' "
               "AND document_id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(wanted))
    per_net: dict[str, tuple[str, dict[str, Any]]] = {}
    for net_id, doc_id, key, value in store.conn.execute(
            sql + " ORDER BY network_id, ev_start, id", args):
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
    from archive.export.model import Scope  # (the read model: only when a page is built)
    from archive.export.selection import gather

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
