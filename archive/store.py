"""The SQLite side of an archive: connection set-up, writes in one transaction, typed reads.

SQL is always parameterised. Hot paths use plain executemany; schema work lives in
schema.py. This module knows nothing of Whoosh, importers or Qt.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archive import doc_text
from archive.doc_text import TEXT_SQL
from archive.errors import DAMAGED_HINT, ArchiveError, CorruptArchive, NotFound
from archive.facts import DocumentFacts, Fact
from archive.records import DocumentId, RawDocument
from archive.schema import DOCUMENT_DIGEST, digest

DB_NAME = "archive.sqlite"


def connect(path: Path, *, readonly: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """Open the archive database with our pragmas; explicit transactions only."""
    if readonly:
        uri = f"file:{path}?mode=ro" + ("&immutable=1" if immutable else "")
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    conn.row_factory = sqlite3.Row
    conn.create_function("ta_digest", -1, digest, deterministic=True)  # (archive.schema)
    doc_text.register(conn)  # ta_text(text_z): the stored text, compressed (archive.doc_text)
    # Defence in depth: no single value may approach SQLite's 1 GB ceiling.
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 256 * 1024 * 1024)
    return conn


def open_database(db_path: Path, *, readonly: bool,
                  before_upgrade: Callable[[sqlite3.Connection], object]) -> sqlite3.Connection:
    """Connect and migrate (after *before_upgrade*, e.g. a backup, when an upgrade is due);
    a file SQLite cannot read becomes CorruptArchive with the way out."""
    from archive.schema import SCHEMA_VERSION, migrate, schema_version

    try:
        if readonly:
            wal = Path(str(db_path) + "-wal")
            conn = connect(db_path, readonly=True, immutable=not wal.exists())
            if schema_version(conn) != SCHEMA_VERSION:
                raise ArchiveError("this read-only archive needs an upgrade that cannot be written")
            return conn
        conn = connect(db_path)
        if 0 < schema_version(conn) < SCHEMA_VERSION:
            before_upgrade(conn)
        migrate(conn)
        return conn
    except sqlite3.DatabaseError as exc:
        raise CorruptArchive(f"{DAMAGED_HINT} ({exc})") from None


def sqlite_version() -> str:
    return sqlite3.sqlite_version


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(slots=True)
class IndexDoc:
    """Everything the search index needs about one document."""

    id: str
    title: str
    text: str
    publisher: str
    published: str | None
    source_type: str
    language: str | None
    countries: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    starred: bool = False


class Store:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._kept: dict[str, tuple[tuple[int, int], Any]] = {}

    def kept(self, key: str, compute: Callable[[], Any]) -> Any:
        """A read result kept until the database changes: a write on this connection (its
        total_changes) or a commit by any other (PRAGMA data_version). Callers must not
        change what they get."""
        stamp = (int(self.conn.execute("PRAGMA data_version").fetchone()[0]),
                 self.conn.total_changes)
        held = self._kept.get(key)
        if held is not None and held[0] == stamp:
            return held[1]
        value = compute()
        self._kept[key] = (stamp, value)
        return value

    def column(self, sql: str, args: Iterable[Any] = ()) -> list[Any]:
        """The first column of every row, read as plain tuples (bulk id lists: 4x faster
        than through sqlite3.Row)."""
        cur = self.conn.cursor()
        cur.row_factory = None
        return [r[0] for r in cur.execute(sql, tuple(args))]

    # --- transactions -------------------------------------------------------------

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def savepoint(self) -> None:
        """Inside a transaction: mark where one file's rows begin (an import holds many)."""
        self.conn.execute("SAVEPOINT one_file")

    def release_savepoint(self) -> None:
        self.conn.execute("RELEASE one_file")

    def rollback_savepoint(self) -> None:
        """Undo the rows written since `savepoint`; the rest of the transaction stands."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK TO one_file")
            self.conn.execute("RELEASE one_file")

    # --- settings and generation ------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def generation(self) -> int:
        return int(self.setting("generation", "0") or 0)

    def bump_generation(self) -> int:
        gen = self.generation() + 1
        self.set_setting("generation", str(gen))
        return gen

    def queue_index(self, doc_id: str, op: str = "index") -> int:
        """Inside a transaction: record that the index must catch up with *doc_id*."""
        gen = self.bump_generation()
        self.conn.execute(
            "INSERT INTO outbox(document_id, op, generation) VALUES (?, ?, ?)", (doc_id, op, gen))
        return gen

    def outbox(self, limit: int | None = None) -> list[sqlite3.Row]:
        sql = "SELECT id, document_id, op, generation FROM outbox ORDER BY id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.conn.execute(sql).fetchall()

    def clear_outbox_through(self, generation: int) -> None:
        """After a full rebuild at *generation*: what it covered need not be replayed."""
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("DELETE FROM outbox WHERE generation <= ?", (generation,))
        self.conn.execute("COMMIT")

    def clear_outbox(self, up_to_id: int) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("DELETE FROM outbox WHERE id <= ?", (up_to_id,))
        self.conn.execute("COMMIT")

    # --- documents ------------------------------------------------------------------

    def id_for_sha(self, sha: str) -> DocumentId | None:
        row = self.conn.execute("SELECT id FROM document WHERE sha256 = ?", (sha,)).fetchone()
        return DocumentId(row[0]) if row else None

    def add_provenance(self, doc_id: str, file: str) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO provenance(document_id, file, imported_at) VALUES (?, ?, ?)",
            (doc_id, file, now_iso()))

    def insert_document(self, *, doc_id: str, sha: str, file: str, size: int,
                        raw: RawDocument, facts: DocumentFacts, extractor_version: str) -> None:
        """Inside a transaction: the document row, its networks and facts, provenance.

        Rows are written with their checksums (what DOCUMENT_DIGEST and FACT_DIGEST compute
        over the stored values): a checksum added by a later UPDATE grew every row and
        split its page, leaving the tables an eighth empty."""
        publisher = facts.publisher or raw.publisher
        published = facts.published or raw.published
        self.conn.execute(
            "INSERT INTO document(id, sha256, file, size, media_type, importer, title, "
            "publisher, published, source_type, language, encoding, encoding_confidence, "
            "text_z, extractor_version, warnings, flags, pages, imported_at, starred, digest) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?)",
            (doc_id, sha, file, size, raw.media_type, raw.importer, raw.title,
             publisher, published,
             facts.source_type or "other", facts.language or raw.language, raw.encoding,
             raw.encoding_confidence, doc_text.pack(raw.text), extractor_version,
             json.dumps(raw.warnings, ensure_ascii=False), json.dumps(raw.flags),
             raw.pages, now_iso(), digest(doc_id, sha, raw.text, raw.title, publisher, published)))
        self.add_provenance(doc_id, file)
        self.write_networks(doc_id, facts, raw.text)

    def seal_document(self, doc_id: str) -> None:
        """Inside a transaction: the checksum of the document's text (`check` verifies it)."""
        self.conn.execute(f"UPDATE document SET digest = {DOCUMENT_DIGEST} WHERE id = ?", (doc_id,))

    def write_networks(self, doc_id: str, facts: DocumentFacts, text: str | None = None) -> None:
        """Inside a transaction: (re)write the extractor's networks and facts of a document
        (*text*: the document's clean text, which their evidence quotes; without it, quotes
        are stored as copies)."""
        self.conn.execute("DELETE FROM fact WHERE document_id = ?", (doc_id,))
        self.conn.execute("DELETE FROM network WHERE document_id = ?", (doc_id,))
        for ordinal, net in enumerate(facts.networks, start=1):
            net_id = network_id(doc_id, ordinal)
            span = net.span or (None, None)
            self.conn.execute(
                "INSERT INTO network(id, document_id, ordinal, label, operation_name, "
                "enforcement, span_start, span_end, starred) VALUES (?,?,?,?,?,?,?,?,0)",
                (net_id, doc_id, ordinal, net.label, net.operation_name, net.enforcement,
                 span[0], span[1]))
            self.insert_facts(doc_id, net_id, net.facts, origin="extractor", text=text)

    def insert_facts(self, doc_id: str, net_id: str, facts: Iterable[Fact], *,
                     origin: str, correction_id: int | None = None,
                     text: str | None = None) -> None:
        """Inside a transaction. A quote that is the span of *text* it points at is stored as
        the span alone (schema 5: quote NULL); `with_quotes` gives it back."""
        rows = [_fact_row(doc_id, net_id, f, origin, correction_id, text) for f in facts]
        # each fact with its checksum, of the values as stored (FACT_DIGEST: `check` verifies)
        self.conn.executemany(
            "INSERT INTO fact(network_id, document_id, kind, key, value, num, qualifier, role, "
            "detail, ev_start, ev_end, quote, origin, correction_id, digest) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [(*row, digest(*row)) for row in rows])

    def document_row(self, doc_id: str, *, with_text: bool = True) -> sqlite3.Row:
        """The document's row, with its "text" unpacked (`archive.doc_text`) if asked."""
        text = f", {TEXT_SQL} AS text" if with_text else ""
        row: sqlite3.Row | None = self.conn.execute(
            f"SELECT *{text} FROM document WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document with id {doc_id}")
        return row

    def resolve_id(self, prefix: str) -> DocumentId:
        """Accept a full id or an unambiguous prefix (at least 4 characters)."""
        row = self.conn.execute("SELECT id FROM document WHERE id = ?", (prefix,)).fetchone()
        if row:
            return DocumentId(row[0])
        if len(prefix) >= 4:
            rows = self.conn.execute(
                "SELECT id FROM document WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                (_like_prefix(prefix),)).fetchall()
            if len(rows) == 1:
                return DocumentId(rows[0][0])
        raise NotFound(f"no document with id {prefix}")

    def document_ids(self) -> list[DocumentId]:
        return [DocumentId(r[0]) for r in self.conn.execute(
            "SELECT id FROM document ORDER BY published DESC, id")]

    def networks_of(self, doc_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM network WHERE document_id = ? ORDER BY ordinal", (doc_id,)).fetchall()

    def facts_of(self, net_id: str) -> list[dict[str, Any]]:
        """The live facts of a network in text order, each with its evidence quote."""
        return self.with_quotes(self.conn.execute(
            "SELECT * FROM live_fact WHERE network_id = ? ORDER BY ev_start, id", (net_id,)))

    def with_quotes(self, rows: Iterable[sqlite3.Row]) -> list[dict[str, Any]]:
        """Fact rows as dicts whose "quote" is filled in: a quote stored as its span alone
        (NULL) is read from the document's text (unpacked once a document)."""
        out = [dict(r) for r in rows]
        texts: dict[str, str] = {}
        for r in out:
            if r["quote"] is None and r["ev_start"] is not None:
                doc_id = r["document_id"]
                if doc_id not in texts:
                    found = self.conn.execute(
                        f"SELECT {TEXT_SQL} FROM document WHERE id = ?", (doc_id,)).fetchone()
                    texts[doc_id] = found[0] if found else ""
                r["quote"] = texts[doc_id][r["ev_start"]:r["ev_end"]]
        return out

    def provenance_of(self, doc_id: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT file FROM provenance WHERE document_id = ? ORDER BY imported_at, file",
            (doc_id,))]

    def tags_of(self, target_type: str, target_id: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT tag FROM tag WHERE target_type = ? AND target_id = ? ORDER BY tag",
            (target_type, target_id))]

    def index_doc(self, doc_id: str) -> IndexDoc | None:
        row = self.conn.execute(
            f"SELECT id, title, {TEXT_SQL} AS text, publisher, published, source_type, language, "
            "starred, file FROM document WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        doc = IndexDoc(
            id=row["id"], title=row["title"] or row["file"], text=row["text"],
            publisher=row["publisher"] or "", published=row["published"],
            source_type=row["source_type"], language=row["language"],
            starred=bool(row["starred"]))
        for f in self.conn.execute(
                "SELECT DISTINCT kind, key, role FROM live_fact WHERE document_id = ? "
                "AND kind IN ('country', 'actor', 'platform', 'operation')", (doc_id,)):
            kind, key, role = f
            if kind == "country":
                _add(doc.countries, key)
                if role == "origin":
                    _add(doc.origins, key)
                elif role == "target":
                    _add(doc.targets, key)
            elif kind in ("actor", "operation"):
                _add(doc.actors, key)
            elif kind == "platform":
                _add(doc.platforms, key)
        doc.tags = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT tag FROM tag WHERE (target_type = 'document' AND target_id = ?) "
            "OR (target_type = 'network' AND target_id IN "
            "(SELECT id FROM network WHERE document_id = ?))", (doc_id, doc_id))]
        return doc

    def iter_index_docs(self) -> Iterator[IndexDoc]:
        for doc_id in [r[0] for r in self.conn.execute("SELECT id FROM document ORDER BY id")]:
            doc = self.index_doc(doc_id)
            if doc is not None:
                yield doc

    def hit_row(self, doc_id: str) -> sqlite3.Row | None:
        """What a search hit shows and checks phrases against: title, file, published, text."""
        row: sqlite3.Row | None = self.conn.execute(
            f"SELECT title, file, published, {TEXT_SQL} AS text FROM document WHERE id = ?",
            (doc_id,)).fetchone()
        return row

    def set_tags(self, target_type: str, target_id: str, tags: list[str]) -> None:
        """Inside a transaction: replace the tags of a document or a network."""
        self.conn.execute("DELETE FROM tag WHERE target_type = ? AND target_id = ?",
                          (target_type, target_id))
        self.conn.executemany("INSERT INTO tag(target_type, target_id, tag) VALUES (?, ?, ?)",
                              [(target_type, target_id, t) for t in tags])

    def set_note(self, target_type: str, target_id: str, note: str | None,
                 starred: bool | None = None) -> None:
        """Inside a transaction: the note (and star) of a document or a network."""
        table = {"document": "document", "network": "network"}[target_type]
        self.conn.execute(f"UPDATE {table} SET note = ? WHERE id = ?", (note, target_id))
        if starred is not None:
            self.conn.execute(f"UPDATE {table} SET starred = ? WHERE id = ?",
                              (int(starred), target_id))

    def distinct_keys(self, kind: str) -> int:
        """How many different countries, actors, ... the live facts name."""
        return int(self.conn.execute(
            "SELECT count(DISTINCT key) FROM live_fact WHERE kind = ?", (kind,)).fetchone()[0])

    def settings(self) -> dict[str, Any]:
        rows = self.conn.execute("SELECT key, value FROM settings").fetchall()
        return {r[0]: json.loads(r[1]) if r[1][:1] in "[{" else r[1] for r in rows}

    def known_shas(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT sha256 FROM document")}

    def actor_kinds(self) -> dict[str, str]:
        """Canonical actor name -> its kind ("company", "government", ...; "" if unknown)."""
        return {str(r[0]): str(r[1] or "") for r in self.conn.execute(
            "SELECT name, kind FROM actor")}

    def count(self, table: str) -> int:
        if table not in {"document", "network", "fact", "actor", "correction", "outbox", "tag"}:
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def delete_document(self, doc_id: str) -> None:
        """Inside a transaction: remove a document and everything hanging off it."""
        self.conn.execute("DELETE FROM fact WHERE document_id = ?", (doc_id,))
        self.conn.execute(
            "DELETE FROM tag WHERE target_type = 'network' AND target_id IN "
            "(SELECT id FROM network WHERE document_id = ?)", (doc_id,))
        self.conn.execute("DELETE FROM tag WHERE target_type = 'document' AND target_id = ?",
                          (doc_id,))
        self.conn.execute("DELETE FROM network WHERE document_id = ?", (doc_id,))
        self.conn.execute("DELETE FROM correction WHERE document_id = ?", (doc_id,))
        self.conn.execute("DELETE FROM actor_alias WHERE document_id = ?", (doc_id,))
        self.conn.execute("DELETE FROM provenance WHERE document_id = ?", (doc_id,))
        self.conn.execute("DELETE FROM document WHERE id = ?", (doc_id,))


def network_id(doc_id: str, ordinal: int) -> str:
    return f"{doc_id}-n{ordinal}"


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fact_row(doc_id: str, net_id: str, f: Fact, origin: str, correction_id: int | None,
              text: str | None) -> tuple[Any, ...]:
    num = float(f.value) if isinstance(f.value, int | float) and not isinstance(f.value, bool) else None
    ev = f.evidence
    quote = ev.quote if ev else None
    if ev is not None and text is not None and quote == text[ev.start:ev.end]:
        quote = None  # (the span says it: Store.with_quotes reads it back)
    return (net_id, doc_id, f.kind, f.key, json.dumps(f.value, ensure_ascii=False), num,
            f.qualifier, f.role, json.dumps(f.detail, ensure_ascii=False, default=str),
            ev.start if ev else None, ev.end if ev else None, quote, origin, correction_id)


def fact_from_row(row: Mapping[str, Any]) -> Fact:
    """A fact of a row from `Store.facts_of` / `with_quotes` (its quote filled in)."""
    from archive.facts import Evidence

    ev = None
    if row["ev_start"] is not None:
        ev = Evidence(row["ev_start"], row["ev_end"], row["quote"] or "")
    return Fact(kind=row["kind"], key=row["key"], value=_json(row["value"], None),
                qualifier=row["qualifier"], role=row["role"],
                detail=_json(row["detail"], {}), evidence=ev)


def _json(text: str | None, empty: Any) -> Any:
    """A stored JSON value; a damaged one (a flipped byte: `check` reports it) reads as empty
    instead of stopping an export or a page."""
    if not text:
        return empty
    try:
        return json.loads(text)
    except ValueError:
        return empty
