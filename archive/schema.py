"""The archive's SQLite schema and its migrations, applied in one transaction each.

Schema work goes through sqlite-utils (`Database(conn)`); the schema version lives in
PRAGMA user_version. An archive written by a newer version is refused, never touched.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable

from archive import doc_text
from archive.errors import SchemaError

SCHEMA_VERSION = 5

# What a checksum covers: a document's text (the evidence offsets point into it) and what
# identifies it, and every column of a fact but its suppression (set by corrections).
# The text is checksummed as text, compressed (schema 5) or not (before it): one value.
DOCUMENT_DIGEST = "ta_digest(id, sha256, ta_text_for_digest(text_z), title, publisher, published)"
_PLAIN_DOCUMENT_DIGEST = "ta_digest(id, sha256, text, title, publisher, published)"
FACT_DIGEST = ("ta_digest(network_id, document_id, kind, key, value, num, qualifier, role, "
               "detail, ev_start, ev_end, quote, origin, correction_id)")


def digest(*values: object) -> str:
    """A checksum of the values as SQLite stores them (SQL function `ta_digest`): a byte
    flipped in the file changes a quote or a fact silently, never this check."""
    h = hashlib.sha256()
    for v in values:
        h.update(repr(v).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:32]


def _v1(db: object) -> None:
    from sqlite_utils import Database

    assert isinstance(db, Database)
    db.table("settings").create({"key": str, "value": str}, pk="key", not_null={"value"})
    db.table("document").create(
        {
            "id": str, "sha256": str, "file": str, "size": int, "media_type": str,
            "importer": str, "title": str, "publisher": str, "published": str,
            "source_type": str, "language": str, "encoding": str,
            "encoding_confidence": float, "text": str, "extractor_version": str,
            "warnings": str, "flags": str, "pages": int, "imported_at": str,
            "starred": int, "note": str,
        },
        pk="id",
        not_null={"sha256", "file", "size", "media_type", "importer", "source_type",
                  "text", "warnings", "flags", "imported_at", "starred"},
        defaults={"source_type": "other", "warnings": "[]", "flags": "[]", "starred": 0},
    )
    db.table("document").create_index(["sha256"], unique=True)
    db.table("document").create_index(["published"])
    db.table("provenance").create(
        {"document_id": str, "file": str, "imported_at": str},
        pk=("document_id", "file"),
        foreign_keys=[("document_id", "document", "id")],
        not_null={"imported_at"},
    )
    db.table("network").create(
        {"id": str, "document_id": str, "ordinal": int, "label": str,
         "operation_name": str, "enforcement": str, "span_start": int, "span_end": int,
         "starred": int, "note": str},
        pk="id",
        foreign_keys=[("document_id", "document", "id")],
        not_null={"document_id", "ordinal", "starred"},
        defaults={"starred": 0},
    )
    db.table("network").create_index(["document_id", "ordinal"], unique=True)
    db.table("correction").create(
        {"id": int, "document_id": str, "network_ordinal": int, "action": str,
         "kind": str, "key": str, "role": str, "value": str, "qualifier": str,
         "detail": str, "ev_start": int, "ev_end": int, "quote": str, "note": str,
         "created_at": str, "target_key": str, "target_role": str},
        pk="id",
        foreign_keys=[("document_id", "document", "id")],
        not_null={"document_id", "network_ordinal", "action", "kind", "key", "created_at"},
    )
    db.table("fact").create(
        {"id": int, "network_id": str, "document_id": str, "kind": str, "key": str,
         "value": str, "num": float, "qualifier": str, "role": str, "detail": str,
         "ev_start": int, "ev_end": int, "quote": str, "origin": str,
         "correction_id": int, "suppressed_by": int},
        pk="id",
        foreign_keys=[("network_id", "network", "id"), ("document_id", "document", "id"),
                      ("correction_id", "correction", "id")],
        not_null={"network_id", "document_id", "kind", "key", "origin", "detail"},
        defaults={"origin": "extractor", "detail": "{}"},
    )
    db.table("fact").create_index(["kind", "key", "role"])
    db.table("fact").create_index(["network_id"])
    db.table("fact").create_index(["document_id"])
    # What users see: extractor facts not overridden by a correction, plus corrections.
    db.create_view("live_fact", "SELECT * FROM fact WHERE suppressed_by IS NULL")
    db.table("actor").create({"name": str, "kind": str}, pk="name")
    db.table("actor_alias").create(
        {"actor": str, "alias": str, "document_id": str},
        pk=("actor", "alias", "document_id"),
        foreign_keys=[("actor", "actor", "name"), ("document_id", "document", "id")],
    )
    db.table("tag").create(
        {"target_type": str, "target_id": str, "tag": str},
        pk=("target_type", "target_id", "tag"),
    )
    db.table("tag").create_index(["tag"])
    db.table("saved_search").create({"name": str, "query": str}, pk="name", not_null={"query"})
    db.table("outbox").create(
        {"id": int, "document_id": str, "op": str, "generation": int},
        pk="id",
        not_null={"document_id", "op", "generation"},
    )
    # sqlite-utils declares FKs without ON DELETE; deletes are done child-first in store.py.


def _v2(db: object) -> None:
    """Privacy (issue 15): provenance kept every path as typed (`/home/me/leaks/r.pdf`);
    keep only the file names. Deleted text is overwritten, not left in free pages."""
    from sqlite_utils import Database

    from archive.paths import provenance_name

    assert isinstance(db, Database)
    conn = db.conn
    conn.execute("PRAGMA secure_delete = ON")
    rows = conn.execute(
        "SELECT document_id, file, imported_at FROM provenance ORDER BY imported_at, file"
    ).fetchall()
    for doc_id, file, imported_at in rows:
        name = provenance_name(file)
        if name == file:
            continue
        conn.execute("DELETE FROM provenance WHERE document_id = ? AND file = ?", (doc_id, file))
        conn.execute("INSERT OR IGNORE INTO provenance(document_id, file, imported_at) "
                     "VALUES (?, ?, ?)", (doc_id, name, imported_at))


def _v3(db: object) -> None:
    """Checksums (issue 15): a flipped byte in a quote, a fact or a text was shown as if the
    extractor had found it. Each document and fact gets a digest that `check` verifies."""
    from sqlite_utils import Database

    assert isinstance(db, Database)
    conn = db.conn
    conn.create_function("ta_digest", -1, digest, deterministic=True)
    for table in ("document", "fact"):  # (a half-upgraded copy may have the column already)
        if "digest" not in {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN digest TEXT")
    packed = "text_z" in _columns(conn, "document")  # (a copy from after schema 5)
    if packed:
        doc_text.register(conn)
    conn.execute(f"UPDATE document SET digest = "
                 f"{DOCUMENT_DIGEST if packed else _PLAIN_DOCUMENT_DIGEST}")
    conn.execute(f"UPDATE fact SET digest = {FACT_DIGEST}")


def _v4(db: object) -> None:
    """Fast browsing (issue 14): facet counts came from every (value, document) pair through
    live_fact and a scan of the document rows (which hold the text). Narrow facet tables kept
    by triggers (`archive.facet_tables`) and covering sort indexes answer them instead."""
    from sqlite_utils import Database

    from archive import facet_tables

    assert isinstance(db, Database)
    facet_tables.install(db.conn)


def _v5(db: object) -> None:
    """Lean archive (issue 14): the clean text, as many bytes again as the input in every
    row (a 2 KB row filled a 4 KB page alone), is stored zlib-compressed (`archive.doc_text`),
    and an evidence quote that is the span of the text it points at is kept as the span
    alone (`Store.with_quotes` reads it back). Nothing is lost, and the migration proves it:
    every document's checksum, which covers its text, is the same after as before (a damaged
    one stays damaged, no new one); a fact whose checksum fails keeps its quote."""
    from sqlite_utils import Database

    assert isinstance(db, Database)
    conn = db.conn
    if "text_z" in _columns(conn, "document"):
        return  # (a half-upgraded copy)
    conn.create_function("ta_digest", -1, digest, deterministic=True)
    conn.create_function("ta_pack_text", 1, doc_text.pack, deterministic=True)
    doc_text.register(conn)
    mismatched = _mismatched(conn, _PLAIN_DOCUMENT_DIGEST)
    spans = _quotes_that_are_spans(conn)
    conn.execute("ALTER TABLE document RENAME COLUMN text TO text_z")
    conn.execute("UPDATE document SET text_z = ta_pack_text(text_z) WHERE typeof(text_z) = 'text'")
    if _mismatched(conn, DOCUMENT_DIGEST) != mismatched:
        raise SchemaError("compressing the document texts changed a text; nothing was changed")
    conn.executemany("UPDATE fact SET quote = NULL WHERE id = ?", ((i,) for i in spans))
    conn.executemany(f"UPDATE fact SET digest = {FACT_DIGEST} WHERE id = ?", ((i,) for i in spans))


def _quotes_that_are_spans(conn: sqlite3.Connection) -> list[int]:
    """Facts (their checksum sound) whose quote is the span of their document's text."""
    out: list[int] = []
    text, of = "", None
    for fact_id, doc_id, start, end, quote in conn.execute(
            "SELECT f.id, f.document_id, f.ev_start, f.ev_end, f.quote FROM fact f "
            f"WHERE f.quote IS NOT NULL AND f.ev_start IS NOT NULL AND f.digest IS {FACT_DIGEST} "
            "ORDER BY f.document_id"):
        if doc_id != of:
            row = conn.execute("SELECT text FROM document WHERE id = ?", (doc_id,)).fetchone()
            text, of = (row[0] if row else ""), doc_id
        if text[start:end] == quote:
            out.append(fact_id)
    return out


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def _mismatched(conn: sqlite3.Connection, expression: str) -> set[str]:
    return {r[0] for r in conn.execute(
        f"SELECT id FROM document WHERE digest IS NOT NULL AND digest IS NOT {expression}")}


MIGRATIONS: dict[int, Callable[[object], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5}
# Migrations that leave much of the file free: it is given back (VACUUM) once they are done.
SHRINKING = {5}


def schema_version(conn: sqlite3.Connection) -> int:
    """The version this database was last migrated to (0: a new, empty file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to SCHEMA_VERSION; return the version found before."""
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        raise SchemaError(
            f"this archive was written by a newer Takedown Atlas (schema {found}); "
            f"this version reads up to {SCHEMA_VERSION}"
        )
    if found == SCHEMA_VERSION:
        return found
    from sqlite_utils import Database  # slow import (pulls pandas): only when migrating

    db = Database(conn)
    for version in range(found + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](db)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    if SHRINKING & set(range(found + 1, SCHEMA_VERSION + 1)) and found > 0:
        try:
            conn.execute("VACUUM")
        except sqlite3.OperationalError:  # (a full disk: the space stays taken, nothing else)
            pass
    return found
