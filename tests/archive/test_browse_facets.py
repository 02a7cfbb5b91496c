"""Facet counts, filters and sorts from the narrow facet tables equal a brute-force count.

The reference below is the browser's former algorithm (every (value, document) pair read
from live_fact, document and tag, grouped in Python), run over generated archives with
corrections, tags, stars, metadata changes, re-extraction and removed documents.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive import browse, facet_tables
from archive.api import Archive
from archive.facts import DocumentFacts, Evidence, Fact, NetworkFacts
from archive.records import RawDocument

BRUTE_SQL = {
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
BRUTE_SORT = {
    "date": "coalesce(published, '') DESC, id",
    "date_asc": "coalesce(published, '9999') ASC, id",
    "title": "lower(coalesce(title, file)), id",
    "publisher": "lower(coalesce(publisher, '~')), coalesce(published, '') DESC, id",
}


def brute_facets(conn: sqlite3.Connection, within: set[str] | None,
                 only: tuple[str, ...] = browse.FACET_ORDER) -> dict[str, list[tuple[str, int]]]:
    out = {}
    for name in only:
        docs: dict[str, set[str]] = {}
        for value, doc_id in conn.execute(BRUTE_SQL[name]):
            if value and (within is None or doc_id in within):
                docs.setdefault(value, set()).add(doc_id)
        out[name] = sorted(((v, len(d)) for v, d in docs.items()), key=lambda vc: (-vc[1], vc[0]))
    return out


def brute_filtered(conn: sqlite3.Connection, filters: dict[str, list[str]]) -> set[str] | None:
    result = None
    for name, values in filters.items():
        if values:
            ids = {d for v, d in conn.execute(BRUTE_SQL[name]) if v in values}
            result = ids if result is None else result & ids
    return result


def brute_sorted(conn: sqlite3.Connection, ids: set[str] | None, sort: str) -> list[str]:
    rows = [r[0] for r in conn.execute(
        "SELECT id FROM document NOT INDEXED ORDER BY " + BRUTE_SORT[sort])]
    return [i for i in rows if ids is None or i in ids]


COUNTRIES = ["AZ", "RU", "CN", "IR", "GE", "AM", "UA", "XK"]
ROLES = ["origin", "target", "topic", "sponsor", "impersonated", None]
ACTORS = ["Internet Research Agency", "Firm A", "Ruling party", "Army"]
ACTOR_ROLES = ["attributed", "beneficiary", "denied", "researcher"]
PLATFORMS = ["facebook", "instagram", "x", "tiktok"]
LANGS = ["en", "ru", "az", "fr"]
PUBLISHERS = ["Meta", "Google", "OpenAI", "", None, "Graphika"]


def _facts(rng: random.Random) -> DocumentFacts:
    nets = []
    for n in range(rng.randint(0, 3)):
        facts = []
        for _ in range(rng.randint(0, 8)):
            kind = rng.choice(["country", "country", "actor", "platform", "language", "region",
                               "operation", "count"])
            ev = Evidence(rng.randint(0, 50), 60, "a sentence")
            if kind == "country":
                facts.append(Fact("country", rng.choice(COUNTRIES), role=rng.choice(ROLES), evidence=ev))
            elif kind == "actor":
                facts.append(Fact("actor", rng.choice(ACTORS), role=rng.choice(ACTOR_ROLES),
                                  detail={"as_written": "as written"}, evidence=ev))
            elif kind == "platform":
                facts.append(Fact("platform", rng.choice(PLATFORMS), evidence=ev))
            elif kind == "language":
                facts.append(Fact("language", rng.choice(LANGS), evidence=ev))
            elif kind == "region":
                facts.append(Fact("region", rng.choice(["Latin America", "Sahel", ""]),
                                  role=rng.choice(["origin", "target"]), evidence=ev))
            elif kind == "operation":
                facts.append(Fact("operation", rng.choice(["Doppelganger", "Spamouflage"]), evidence=ev))
            else:
                facts.append(Fact("count", "facebook_accounts", rng.randint(1, 500), "exact", evidence=ev))
        nets.append(NetworkFacts(label=f"net {n}", facts=facts))
    return DocumentFacts(
        publisher=rng.choice(PUBLISHERS),
        published=rng.choice([None, "", "2019-05-01", "2020-10-08", "2021", "2020-01-31"]),
        source_type=rng.choice(["official_report", "news", "other"]), networks=nets)


def _generated(root: Path, seed: int, docs: int = 80) -> Archive:
    rng = random.Random(seed)
    a = Archive.open(root)
    with a.write_transaction() as store:
        for i in range(docs):
            raw = RawDocument(text="text " * 20, media_type="text/plain",
                              title=rng.choice([None, f"Title {rng.randint(0, 9)}", "b", "B"]),
                              importer="text")
            data = f"report {seed} {i}".encode()
            doc_id = f"{seed:02d}{i:014x}"
            store.insert_document(doc_id=doc_id, sha=a.blobs.put(data), file=f"f{i}.txt",
                                  size=len(data), raw=raw, facts=_facts(rng), extractor_version="t")
            store.queue_index(doc_id)
    ids = a.store.document_ids()
    for doc_id in rng.sample(ids, 25):  # corrections of every action
        nets = a.store.networks_of(doc_id)
        if not nets:
            continue
        facts = a.store.facts_of(nets[0]["id"])
        country = next((f for f in facts if f["kind"] == "country"), None)
        if country is not None and rng.random() < 0.5:
            a.correct(doc_id, action="set", kind="country", key=country["key"],
                      role=country["role"], new_key=rng.choice(COUNTRIES),
                      new_role=rng.choice(["origin", "target", "topic"]))
        elif facts and rng.random() < 0.5:
            f = rng.choice(facts)
            a.correct(doc_id, action="delete", kind=f["kind"], key=f["key"], role=f["role"])
        else:
            a.correct(doc_id, action="add", kind="actor", key=rng.choice(ACTORS), role="attributed")
    for doc_id in rng.sample(ids, 30):
        target = ("document", doc_id)
        nets = a.store.networks_of(doc_id)
        if nets and rng.random() < 0.4:
            target = ("network", nets[0]["id"])
        a.set_tags(*target, rng.sample(["leak", "follow up", "verified"], rng.randint(0, 2)))
    for doc_id in rng.sample(ids, 20):
        a.set_note("document", doc_id, "a note", starred=rng.random() < 0.7)
    undone = [c["id"] for c in a.corrections()][:3]
    for cid in undone:
        a.undo_correction(cid)
    with a.write_transaction() as store:  # what reextract and metadata edits do
        from archive.corrections import apply_corrections

        for doc_id in rng.sample(ids, 10):
            store.write_networks(doc_id, _facts(rng))
            apply_corrections(store, doc_id)
        for doc_id in rng.sample(ids, 8):
            store.conn.execute("UPDATE document SET publisher = ?, published = ?, source_type = ? "
                               "WHERE id = ?", (rng.choice(PUBLISHERS), "2022-02-02", "news", doc_id))
            store.seal_document(doc_id)
        for doc_id in rng.sample(ids, 4):
            sha = store.document_row(doc_id)["sha256"]
            store.delete_document(doc_id)
            store.queue_index(doc_id, "delete")
            a.blobs.delete(sha)
    a.sync_index()
    return a


@pytest.fixture(params=[1, 2, 3])
def generated(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Archive]:
    a = _generated(tmp_path / "a", request.param)
    yield a
    a.close()


def test_facet_counts_equal_a_brute_force_count(generated: Archive) -> None:
    conn = generated.store.conn
    assert facet_tables.drift(conn) == 0
    ids = generated.store.document_ids()
    assert browse.facets(generated.store) == brute_facets(conn, None)
    rng = random.Random(7)
    for size in (0, 1, 5, len(ids) // 3, len(ids) // 2 + 3, len(ids) - 1, len(ids)):
        subset = rng.sample(ids, size)
        within = [*subset, "not-a-document", *subset[:2]]  # strays and repeats change nothing
        assert browse.facets(generated.store, within) == brute_facets(conn, set(within)), size


def test_filters_sorts_and_browse_equal_a_brute_force(generated: Archive) -> None:
    store, conn = generated.store, generated.store.conn
    counts = brute_facets(conn, None, browse.FACETS)
    rng = random.Random(11)
    ids = store.document_ids()
    for _ in range(25):
        filters = {}
        for name in rng.sample(browse.FACETS, rng.randint(1, 3)):
            values = [v for v, _ in counts[name]] + ["no such value"]
            filters[name] = rng.sample(values, min(len(values), rng.randint(1, 2)))
        assert browse.filtered_ids(store, filters) == brute_filtered(conn, filters)
        hits = rng.sample(ids, rng.randint(0, len(ids)))
        for query in ("", "some words"):
            found = set(hits) if query else None

            def search(_q: str, hits: list[str] = hits) -> tuple[list[str], str | None]:
                return hits, None

            for sort in BRUTE_SORT:
                allowed = brute_filtered(conn, filters)
                chosen = found if allowed is None else (allowed if found is None else found & allowed)
                got, _ = browse.query_ids(store, search, query, filters, sort)
                assert got == brute_sorted(conn, chosen, sort), (filters, sort)
            got, _ = browse.query_ids(store, search, "words", filters, "relevance")
            allowed = brute_filtered(conn, filters)
            assert got == [h for h in hits if allowed is None or h in allowed]
            result = browse.browse(store, search, query, filters)
            chosen = found if allowed is None else (allowed if found is None else found & allowed)
            expected = brute_facets(conn, chosen)
            for name in filters:  # a facet with a selection counts without its own filter
                others = {k: v for k, v in filters.items() if k != name}
                wider = brute_filtered(conn, others)
                wider = found if wider is None else (wider if found is None else found & wider)
                expected[name] = brute_facets(conn, wider, (name,))[name]
            assert result.facets == expected, filters


def test_assets_sort_and_rows_read_only_the_documents_asked_for(generated: Archive) -> None:
    store = generated.store
    ids = store.document_ids()
    every = browse.document_assets(store)
    some = browse.document_assets(store, ids[:7])
    assert some == {i: every.get(i, 0) for i in ids[:7]}
    by_assets = browse.sort_ids(store, None, "assets")
    newest = brute_sorted(store.conn, None, "date")
    assert by_assets == sorted(newest, key=lambda i: -every.get(i, 0))


def test_an_archive_from_schema_3_gets_the_facet_tables_and_keeps_every_edit(tmp_path: Path) -> None:
    from archive import schema

    a = _generated(tmp_path / "a", 5, docs=40)
    ids = a.store.document_ids()
    before = [a.document(i, with_text=True) for i in ids]
    facets_before = browse.facets(a.store)
    assert a.corrections() and any(d["starred"] for d in before)
    a.close()
    conn = sqlite3.connect(tmp_path / "a" / "archive.sqlite")
    with conn:  # the shape schema 3 had: no facet tables, triggers or sort indexes
        for name in facet_tables.TRIGGERS:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE facet_value")
        conn.execute("DROP TABLE facet_count")
        for (index,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                     "(name LIKE 'idx_document_sort_%' OR name = "
                                     "'idx_document_published_id')").fetchall():
            conn.execute(f"DROP INDEX {index}")
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    with Archive.open(tmp_path / "a") as b:
        assert b.store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert [b.document(i, with_text=True) for i in ids] == before
        assert browse.facets(b.store) == facets_before == brute_facets(b.store.conn, None)
        assert facet_tables.drift(b.store.conn) == 0
        assert b.check().ok


def test_check_finds_and_repairs_facet_tables_that_drifted(tmp_path: Path) -> None:
    a = _generated(tmp_path / "a", 6, docs=30)
    try:
        with a.write_transaction() as store:
            store.conn.execute("UPDATE facet_count SET documents = documents + 1 "
                               "WHERE facet = 'type'")
            store.conn.execute("DELETE FROM facet_value WHERE facet = 'origin'")
        assert facet_tables.drift(a.store.conn) > 0
        report = a.check()
        assert not report.ok and any("facet" in p for p in report.problems)
        repaired = a.check(repair=True)
        assert any("facet" in r for r in repaired.repaired)
        assert facet_tables.drift(a.store.conn) == 0
        assert browse.facets(a.store) == brute_facets(a.store.conn, None)
        assert a.check().ok
    finally:
        a.close()
