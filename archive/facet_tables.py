"""The narrow facet tables the browser counts from, kept by triggers in the writing transaction.

`facet_value` holds one row per (facet, value, document) that the live facts, tags and
document columns give (with how many rows support it); `facet_count` holds documents per
(facet, value). Triggers on fact, tag and document keep both exact inside the transaction
that changes them (an import, a correction, a tag or a star), so no writer has to know.
"""

from __future__ import annotations

import sqlite3

# (facet, value, document id) of every live source row: one definition, used to fill the
# tables and by `check`; the triggers below say the same per row.
SOURCE_SQL = """
SELECT 'country' AS facet, key AS value, document_id FROM fact
  WHERE suppressed_by IS NULL AND kind = 'country'
UNION ALL SELECT role, key, document_id FROM fact
  WHERE suppressed_by IS NULL AND kind = 'country' AND role IN ('origin', 'target', 'topic')
UNION ALL SELECT 'region', key, document_id FROM fact WHERE suppressed_by IS NULL AND kind = 'region'
UNION ALL SELECT 'actor', key, document_id FROM fact
  WHERE suppressed_by IS NULL AND kind = 'actor' AND role = 'attributed'
UNION ALL SELECT kind, key, document_id FROM fact
  WHERE suppressed_by IS NULL AND kind IN ('operation', 'platform', 'language')
UNION ALL SELECT 'tag', tag, CASE target_type WHEN 'document' THEN target_id
  ELSE substr(target_id, 1, instr(target_id, '-n') - 1) END FROM tag
UNION ALL SELECT 'publisher', publisher, id FROM document
UNION ALL SELECT 'year', substr(published, 1, 4), id FROM document
UNION ALL SELECT 'type', source_type, id FROM document
UNION ALL SELECT 'starred', 'starred', id FROM document WHERE starred = 1
"""

DOCUMENT_FACETS = ("publisher", "year", "type", "starred")

TABLES = """
CREATE TABLE IF NOT EXISTS facet_value (
  facet TEXT NOT NULL, value TEXT NOT NULL, document_id TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (facet, value, document_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_facet_value_document ON facet_value(document_id, facet, value);
CREATE TABLE IF NOT EXISTS facet_count (
  facet TEXT NOT NULL, value TEXT NOT NULL, documents INTEGER NOT NULL,
  PRIMARY KEY (facet, value)) WITHOUT ROWID;
"""


FACT_KINDS = ("country", "region", "actor", "operation", "platform", "language")
_KINDS = ", ".join(f"'{k}'" for k in FACT_KINDS)


def _fact_facets(row: str) -> tuple[str, str]:
    """The two facets one fact row (NEW or OLD) may feed, as SQL expressions (NULL: none):
    its kind's, and for a country its role's."""
    kind = (f"CASE {row}.kind WHEN 'actor' THEN CASE WHEN {row}.role = 'attributed' "
            f"THEN 'actor' END ELSE {row}.kind END")
    role = (f"CASE WHEN {row}.kind = 'country' AND {row}.role IN ('origin', 'target', 'topic') "
            f"THEN {row}.role END")
    return kind, role


def _fact_add(row: str) -> str:
    return " ".join(
        f"INSERT INTO facet_value(facet, value, document_id, n) "
        f"SELECT {facet}, {row}.key, {row}.document_id, 1 WHERE {row}.kind IN ({_KINDS}) "
        f"AND {facet} IS NOT NULL AND {row}.suppressed_by IS NULL AND {row}.key <> '' "
        "ON CONFLICT(facet, value, document_id) DO UPDATE SET n = n + 1;"
        for facet in _fact_facets(row))


def _drop(doc: str, value: str, facets: str, live: str = "1") -> str:
    return (f"UPDATE facet_value SET n = n - 1 WHERE {live} AND document_id = {doc} "
            f"AND value = {value} AND facet IN ({facets}); "
            f"DELETE FROM facet_value WHERE document_id = {doc} AND value = {value} AND n <= 0;")


def _tag_doc(row: str) -> str:
    return (f"CASE {row}.target_type WHEN 'document' THEN {row}.target_id "
            f"ELSE substr({row}.target_id, 1, instr({row}.target_id, '-n') - 1) END")


def _tag_add(row: str) -> str:
    return (f"INSERT INTO facet_value(facet, value, document_id, n) "
            f"SELECT 'tag', {row}.tag, {_tag_doc(row)}, 1 WHERE {row}.tag <> '' "
            "ON CONFLICT(facet, value, document_id) DO UPDATE SET n = n + 1;")


def _document_add(row: str) -> str:
    return (
        "INSERT INTO facet_value(facet, value, document_id, n) "
        f"SELECT facet, value, {row}.id, 1 FROM (SELECT 'publisher' AS facet, "
        f"{row}.publisher AS value UNION ALL SELECT 'year', substr({row}.published, 1, 4) "
        f"UNION ALL SELECT 'type', {row}.source_type UNION ALL SELECT 'starred', "
        f"CASE WHEN {row}.starred = 1 THEN 'starred' END) WHERE value <> '' "
        "ON CONFLICT(facet, value, document_id) DO UPDATE SET n = n + 1;")


_DOC_FACETS = ", ".join(f"'{f}'" for f in DOCUMENT_FACETS)

TRIGGERS: dict[str, str] = {
    "facet_count_add": "AFTER INSERT ON facet_value BEGIN "
        "INSERT INTO facet_count(facet, value, documents) VALUES (NEW.facet, NEW.value, 1) "
        "ON CONFLICT(facet, value) DO UPDATE SET documents = documents + 1; END",
    "facet_count_drop": "AFTER DELETE ON facet_value BEGIN "
        "UPDATE facet_count SET documents = documents - 1 "
        "WHERE facet = OLD.facet AND value = OLD.value; "
        "DELETE FROM facet_count WHERE facet = OLD.facet AND value = OLD.value "
        "AND documents <= 0; END",
    # (only the kinds a facet shows: counts and dates, half the facts, fire nothing)
    "facet_fact_insert": f"AFTER INSERT ON fact WHEN NEW.kind IN ({_KINDS}) "
        f"BEGIN {_fact_add('NEW')} END",
    "facet_fact_delete": "AFTER DELETE ON fact WHEN OLD.suppressed_by IS NULL "
        f"AND OLD.kind IN ({_KINDS}) BEGIN "
        f"{_drop('OLD.document_id', 'OLD.key', ', '.join(_fact_facets('OLD')))} END",
    "facet_fact_update": "AFTER UPDATE OF suppressed_by, kind, key, role, document_id ON fact "
        f"WHEN OLD.kind IN ({_KINDS}) OR NEW.kind IN ({_KINDS}) BEGIN "
        f"{_drop('OLD.document_id', 'OLD.key', ', '.join(_fact_facets('OLD')), 'OLD.suppressed_by IS NULL')} "
        f"{_fact_add('NEW')} END",
    "facet_tag_insert": f"AFTER INSERT ON tag BEGIN {_tag_add('NEW')} END",
    "facet_tag_delete": f"AFTER DELETE ON tag BEGIN {_drop(_tag_doc('OLD'), 'OLD.tag', chr(39) + 'tag' + chr(39))} END",
    "facet_tag_update": "AFTER UPDATE ON tag BEGIN "
        f"{_drop(_tag_doc('OLD'), 'OLD.tag', chr(39) + 'tag' + chr(39))} {_tag_add('NEW')} END",
    "facet_document_insert": f"AFTER INSERT ON document BEGIN {_document_add('NEW')} END",
    "facet_document_delete": "AFTER DELETE ON document BEGIN DELETE FROM facet_value "
        f"WHERE document_id = OLD.id AND facet IN ({_DOC_FACETS}); END",
    "facet_document_update": "AFTER UPDATE OF id, publisher, published, source_type, starred "
        "ON document BEGIN DELETE FROM facet_value "
        f"WHERE document_id = OLD.id AND facet IN ({_DOC_FACETS}); {_document_add('NEW')} END",
}

# The browser's sorts read these instead of the document rows (which hold the whole text);
# each also holds the plain columns its expression reads, so SQLite sees it as covering.
SORT_INDEXES = """
CREATE INDEX IF NOT EXISTS idx_document_sort_date
  ON document(coalesce(published, '') DESC, id, published);
CREATE INDEX IF NOT EXISTS idx_document_sort_date_asc
  ON document(coalesce(published, '9999'), id, published);
CREATE INDEX IF NOT EXISTS idx_document_sort_title
  ON document(lower(coalesce(title, file)), id, title, file);
CREATE INDEX IF NOT EXISTS idx_document_sort_publisher ON document(
  lower(coalesce(publisher, '~')), coalesce(published, '') DESC, id, publisher, published);
CREATE INDEX IF NOT EXISTS idx_document_published_id ON document(published DESC, id);
"""


def install(conn: sqlite3.Connection) -> None:
    """Inside a transaction: create the tables, indexes and triggers, and fill the tables
    from what is stored (executescript would commit, so statements go one by one)."""
    for statement in _statements(TABLES + SORT_INDEXES):
        conn.execute(statement)
    fill(conn)


def fill(conn: sqlite3.Connection) -> None:
    """Inside a transaction: recompute both tables from the source rows (triggers off
    while doing so, then on again)."""
    for name in TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    conn.execute("DELETE FROM facet_value")
    conn.execute("DELETE FROM facet_count")
    conn.execute(
        "INSERT INTO facet_value(facet, value, document_id, n) SELECT facet, value, "
        f"document_id, count(*) FROM ({SOURCE_SQL}) WHERE value <> '' "
        "GROUP BY facet, value, document_id")
    conn.execute("INSERT INTO facet_count(facet, value, documents) "
                 "SELECT facet, value, count(*) FROM facet_value GROUP BY facet, value")
    for name, body in TRIGGERS.items():
        conn.execute(f"CREATE TRIGGER {name} {body}")


def drift(conn: sqlite3.Connection) -> int:
    """How many (facet, value, document) rows the tables have wrong against the source rows
    (0 when they agree): what `check` verifies."""
    expected = (f"SELECT facet, value, document_id, count(*) AS n FROM ({SOURCE_SQL}) "
                "WHERE value <> '' GROUP BY facet, value, document_id")
    rows = conn.execute(
        f"SELECT count(*) FROM (SELECT * FROM ({expected}) EXCEPT "
        "SELECT facet, value, document_id, n FROM facet_value) UNION ALL "
        f"SELECT count(*) FROM (SELECT facet, value, document_id, n FROM facet_value EXCEPT "
        f"SELECT * FROM ({expected})) UNION ALL "
        "SELECT count(*) FROM (SELECT facet, value, count(*) FROM facet_value "
        "GROUP BY facet, value EXCEPT SELECT facet, value, documents FROM facet_count) UNION ALL "
        "SELECT count(*) FROM (SELECT facet, value, documents FROM facet_count EXCEPT "
        "SELECT facet, value, count(*) FROM facet_value GROUP BY facet, value)").fetchall()
    return sum(int(r[0]) for r in rows)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
