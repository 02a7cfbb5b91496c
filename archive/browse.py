"""Browsing queries answered by SQLite: facet counts, facet filters, sorting, network lists.

Facets and filters never touch Whoosh (it is slow at grouping); only the text part of a
search does. Facet names and SQL come from fixed tables here, never from user input.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from archive.export.model import network_view
from archive.records import DocumentId
from archive.store import Store

if TYPE_CHECKING:
    from archive.api import Archive

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


def facets(store: Store, doc_ids: Iterable[str] | None = None) -> dict[str, list[tuple[str, int]]]:
    """Counts of documents per value for each facet, most frequent first."""
    within = set(doc_ids) if doc_ids is not None else None
    out: dict[str, list[tuple[str, int]]] = {}
    for name in FACET_ORDER:
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


_SORT_SQL = {
    "date": "coalesce(published, '') DESC, id",
    "date_asc": "coalesce(published, '9999') ASC, id",
    "title": "lower(coalesce(title, file)), id",
    "publisher": "lower(coalesce(publisher, '~')), coalesce(published, '') DESC, id",
    "assets": "assets DESC, coalesce(published, '') DESC, id",
}


def sort_ids(store: Store, ids: list[DocumentId], sort: str) -> list[DocumentId]:
    if sort not in _SORT_SQL:
        raise ValueError(f"unknown sort {sort}")
    order = _SORT_SQL[sort]
    rows = store.conn.execute(
        "SELECT d.id, (SELECT coalesce(sum(num), 0) FROM live_fact f WHERE f.document_id = d.id "
        "AND f.kind = 'count') AS assets FROM document d ORDER BY " + order).fetchall()
    wanted = set(ids)
    return [DocumentId(r[0]) for r in rows if r[0] in wanted]


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
            "(SELECT coalesce(sum(num), 0) FROM live_fact f WHERE f.document_id = d.id "
            " AND f.kind = 'count' AND f.key != 'combined_assets') AS assets, "
            "(SELECT group_concat(DISTINCT key) FROM live_fact f WHERE f.document_id = d.id "
            " AND f.kind = 'country' AND f.role = 'origin') AS origins, "
            "(SELECT group_concat(DISTINCT key) FROM live_fact f WHERE f.document_id = d.id "
            " AND f.kind = 'country' AND f.role = 'target') AS targets "
            f"FROM document d WHERE d.id IN ({marks})")
        for r in store.conn.execute(sql, chunk):
            row = dict(r)
            row["origins"] = sorted((row["origins"] or "").split(",")) if row["origins"] else []
            row["targets"] = sorted((row["targets"] or "").split(",")) if row["targets"] else []
            row["starred"] = bool(row["starred"])
            row["assets"] = int(row["assets"] or 0)
            out[row["id"]] = row
    return out


def removed_assets(store: Store, doc_id: str) -> int:
    row = store.conn.execute(
        "SELECT coalesce(sum(num), 0) FROM live_fact WHERE document_id = ? AND kind = 'count' "
        "AND key != 'combined_assets'", (doc_id,)).fetchone()
    return int(row[0])


def networks(store: Store, *, country: str | None = None, role: str | None = None,
             actor: str | None = None) -> list[dict[str, Any]]:
    """Every network (with its document's date, publisher and title) matching the filters."""
    sql = ("SELECT n.*, d.published, d.publisher, d.title, d.file FROM network n "
           "JOIN document d ON d.id = n.document_id WHERE 1 = 1")
    args: list[Any] = []
    if country:
        sql += (" AND n.id IN (SELECT network_id FROM live_fact WHERE kind = 'country' "
                "AND key = ?" + (" AND role = ?" if role else "") + ")")
        args.append(country.upper())
        if role:
            args.append(role)
    if actor:
        sql += (" AND n.id IN (SELECT network_id FROM live_fact WHERE kind IN ('actor', 'operation') "
                "AND (key = ? COLLATE NOCASE OR json_extract(detail, '$.as_written') = ? COLLATE NOCASE))")
        args += [actor, actor]
    sql += " ORDER BY coalesce(d.published, '') DESC, n.document_id, n.ordinal"
    out = []
    for row in store.conn.execute(sql, args).fetchall():
        view = network_view(store, row)
        view.update({"document_id": row["document_id"], "published": row["published"],
                     "publisher": row["publisher"], "title": row["title"] or row["file"],
                     "file": row["file"], "ordinal": row["ordinal"]})
        out.append(view)
    return out


def select_documents(archive: Archive, *, country: str | None = None, actor: str | None = None,
                     query: str | None = None, since: str | None = None,
                     ids: Iterable[str] | None = None) -> list[DocumentId]:
    store = archive.store
    chosen: set[DocumentId] | None = None
    if ids is not None:
        chosen = {store.resolve_id(i) for i in ids}
    if country:
        got = {DocumentId(r[0]) for r in store.conn.execute(
            "SELECT DISTINCT document_id FROM live_fact WHERE kind = 'country' AND key = ? "
            "AND role IN ('origin', 'target', 'sponsor', 'impersonated')", (country.upper(),))}
        chosen = got if chosen is None else chosen & got
    if actor:
        got = {DocumentId(r[0]) for r in store.conn.execute(
            "SELECT DISTINCT document_id FROM live_fact WHERE kind IN ('actor', 'operation') AND "
            "(key LIKE ? ESCAPE '\\' OR json_extract(detail, '$.as_written') LIKE ? ESCAPE '\\')",
            (_like(actor), _like(actor)))}
        chosen = got if chosen is None else chosen & got
    if query:
        res = archive.index.search(query, limit=1_000_000)
        got = {DocumentId(h.id) for h in res.hits}
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
