"""Consistency check and repair: SQLite integrity, blobs against rows, index against database.

Repairs only what can be rebuilt or re-linked (index, temp files, rows that point to
nothing, aliases whose actor row is gone); orphan originals are moved to quarantine/, never
deleted (`archive.quarantine`); anything that would lose data (a missing or damaged
original) is reported, never "fixed" by deletion.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from archive import facet_tables, quarantine
from archive.errors import DAMAGED_HINT, CorruptArchive
from archive.index import IndexDamaged, SearchIndex
from archive.parts import CheckParts
from archive.schema import DOCUMENT_DIGEST, FACT_DIGEST

__all__ = ["DAMAGED_HINT", "CheckReport", "after_open", "check_archive", "index_state", "quick_check", "recover_after_crash"]

# Child rows that mean nothing without their parent: (table, column, parent table).
# Deleting them loses nothing the user made; documents themselves are never deleted here.
_DEPENDENT = (
    ("network", "document_id", "document"), ("fact", "network_id", "network"),
    ("fact", "document_id", "document"), ("provenance", "document_id", "document"),
    ("correction", "document_id", "document"), ("actor_alias", "document_id", "document"),
)

@dataclass(slots=True)
class CheckReport:
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # worth saying, not a problem

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": self.problems, "repaired": self.repaired,
                "checked": self.checked, "notes": self.notes}


def check_archive(parts: CheckParts, *, repair: bool, verify_hashes: bool,
                  purge_quarantine: bool = False) -> CheckReport:
    rep = CheckReport()
    try:
        _check_database(parts, rep, repair)
        if not any(p.startswith("database: ") and DAMAGED_HINT in p for p in rep.problems):
            _check_digests(parts, rep, repair)
        _check_blobs(parts, rep, repair, verify_hashes)
    except sqlite3.DatabaseError as exc:  # a row SQLite cannot even hand over (bad UTF-8, ...)
        rep.problems.append(f"database: a row cannot be read ({str(exc)[:120]}); {DAMAGED_HINT}")
        return rep
    if purge_quarantine and repair and not parts.readonly:
        gone = quarantine.purge(parts.root)
        if gone.count:
            rep.repaired.append(f"deleted {gone.count} quarantined originals "
                                f"({quarantine.size_text(gone.size)})")
    held = quarantine.summary(parts.root)
    rep.checked["quarantined"] = held.count
    if held.count:
        rep.notes.append(f"{held.count} originals ({quarantine.size_text(held.size)}) wait in "
                         f"{quarantine.FOLDER}/; `check --repair --purge-quarantine` deletes them")
    pending, problems = index_state(parts)
    if pending and not problems:
        # a cache not built yet, or changes not yet in it: rebuilt, not broken
        if parts.writable and not parts.readonly:
            parts.sync_index()
            rep.notes.append("search index: rebuilt (" + "; ".join(pending) + ")")
        else:
            rep.notes.append("search index: rebuilding on the next open (" + "; ".join(pending) + ")")
    if problems:
        if repair and not parts.readonly:
            parts.rebuild_index(None, None)
            rep.repaired.append("rebuilt the search index (" + "; ".join(problems) + ")")
        else:
            rep.problems.extend(f"search index: {p}" for p in problems)
    return rep


def quick_check(conn: sqlite3.Connection) -> None:
    """Raise CorruptArchive unless SQLite's quick_check says ok (run after an unclean exit)."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        raise CorruptArchive(f"{DAMAGED_HINT} ({exc})") from None
    if rows != ["ok"]:
        raise CorruptArchive(f"{DAMAGED_HINT} ({rows[0][:120]})")


def _check_database(parts: CheckParts, rep: CheckReport, repair: bool) -> None:
    conn = parts.store.conn
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        result = [str(exc)]
    if result != ["ok"]:
        rep.problems.extend(f"database: {r}" for r in result[:20])
        rep.problems.append("database: " + DAMAGED_HINT)
        return  # nothing else can be trusted; repairs would make it worse
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    rep.checked["foreign_keys"] = len(fk)
    if fk:
        tables = sorted({r[0] for r in fk})
        if repair:
            rep.repaired.extend(_repair_links(conn))
            left = conn.execute("PRAGMA foreign_key_check").fetchall()
            if left:
                rep.problems.append(f"database: {len(left)} rows still point to missing rows")
        else:
            rep.problems.append(f"database: {len(fk)} rows point to missing rows "
                                f"(in {', '.join(tables)}; check --repair re-links or removes them)")
    orphans = conn.execute(
        "SELECT count(*) FROM tag WHERE target_type = 'document' AND target_id NOT IN "
        "(SELECT id FROM document)").fetchone()[0]
    if orphans:
        if repair:
            _in_transaction(conn, [(
                "DELETE FROM tag WHERE target_type = 'document' AND target_id NOT IN "
                "(SELECT id FROM document)", ())])
            rep.repaired.append(f"removed {orphans} orphan tags")
        else:
            rep.problems.append(f"database: {orphans} tags on documents that do not exist")
    _check_facets(conn, rep, repair)


def _check_facets(conn: sqlite3.Connection, rep: CheckReport, repair: bool) -> None:
    """The browser's facet tables (kept by triggers) against the rows they are made from."""
    wrong = facet_tables.drift(conn)
    rep.checked["facet_rows"] = int(conn.execute("SELECT count(*) FROM facet_value").fetchone()[0])
    if not wrong:
        return
    if repair:
        conn.execute("BEGIN IMMEDIATE")
        try:
            facet_tables.fill(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        rep.repaired.append(f"recounted the facet tables ({wrong} rows were wrong)")
    else:
        rep.problems.append(f"database: {wrong} facet rows disagree with the facts "
                            "(check --repair recounts them)")


def _damaged_rows(conn: sqlite3.Connection) -> tuple[set[str], int]:
    """Documents whose text or facts no longer match their checksums, and how many facts."""
    docs = {r[0] for r in conn.execute(
        f"SELECT id FROM document WHERE digest IS NOT {DOCUMENT_DIGEST}")}
    facts = conn.execute(f"SELECT document_id FROM fact WHERE digest IS NOT {FACT_DIGEST}").fetchall()
    return docs | {r[0] for r in facts}, len(facts)


def _check_digests(parts: CheckParts, rep: CheckReport, repair: bool) -> None:
    """A byte flipped inside a row is invisible to SQLite; the checksums see it."""
    conn = parts.store.conn
    try:
        docs, facts = _damaged_rows(conn)
    except sqlite3.DatabaseError as exc:
        rep.problems.append(f"database: the checksums could not be read ({exc})")
        return
    rep.checked["checksums"] = parts.store.count("document") + parts.store.count("fact")
    if not docs:
        return
    known = {r[0] for r in conn.execute("SELECT id FROM document")}
    named = ", ".join(sorted(docs)[:5]) + (" ..." if len(docs) > 5 else "")
    what = (f"{len(docs)} documents ({named}) whose text or {facts} facts no longer match "
            "their checksums (a damaged byte in the database)")
    if repair and not parts.readonly and docs <= known:
        n = parts.reread(sorted(docs))
        left, _ = _damaged_rows(conn)
        if left:
            rep.problems.append(f"database: {what}; {len(left)} could not be read again: "
                                "restore a backup")
        else:
            rep.repaired.append(f"read {n} documents again from their originals ({what})")
        return
    rep.problems.append(f"database: {what}; check --repair reads them again from their "
                        "originals, or restore a backup")


def _repair_links(conn: sqlite3.Connection) -> list[str]:
    """Re-link what can be re-linked (aliases of a lost actor), drop rows pointing to nothing."""
    done: list[str] = []
    lost_actors = [r[0] for r in conn.execute(
        "SELECT DISTINCT actor FROM actor_alias WHERE actor NOT IN (SELECT name FROM actor)")]
    statements: list[tuple[str, tuple[object, ...]]] = [
        ("INSERT OR IGNORE INTO actor(name, kind) VALUES (?, NULL)", (a,)) for a in lost_actors]
    if lost_actors:
        done.append(f"re-created {len(lost_actors)} actors that aliases pointed to")
    for table, column, parent in _DEPENDENT:
        n = conn.execute(
            f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND {column} NOT IN "
            f"(SELECT id FROM {parent})").fetchone()[0]
        if n:
            statements.append((f"DELETE FROM {table} WHERE {column} IS NOT NULL AND {column} "
                               f"NOT IN (SELECT id FROM {parent})", ()))
            done.append(f"removed {n} {table} rows pointing to a missing {parent}")
    n = conn.execute("SELECT count(*) FROM fact WHERE correction_id IS NOT NULL AND "
                     "correction_id NOT IN (SELECT id FROM correction)").fetchone()[0]
    if n:
        statements.append(("DELETE FROM fact WHERE correction_id IS NOT NULL AND correction_id "
                           "NOT IN (SELECT id FROM correction)", ()))
        done.append(f"removed {n} facts of a deleted correction")
    _in_transaction(conn, statements)
    if any("document" in d or "fact" in d for d in done):
        # The index may hold facts that are gone: mark every document for re-indexing.
        _in_transaction(conn, [("INSERT INTO settings(key, value) VALUES ('generation', '0') "
                                "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                                ())])
    return done


def _in_transaction(conn: sqlite3.Connection, statements: list[tuple[str, tuple[object, ...]]]
                    ) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for sql, params in statements:
            conn.execute(sql, params)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _check_blobs(parts: CheckParts, rep: CheckReport, repair: bool, verify_hashes: bool) -> None:
    rows = parts.store.conn.execute("SELECT id, sha256, file FROM document").fetchall()
    rep.checked["documents"] = len(rows)
    known = set()
    for row in rows:
        known.add(row["sha256"])
        if not parts.blobs.has(row["sha256"]):
            rep.problems.append(f"original missing for {row['id']} ({row['file']}); "
                                "re-import the file or restore a backup of the blobs folder")
        elif verify_hashes and not parts.blobs.verify(row["sha256"]):
            rep.problems.append(f"original damaged (wrong hash) for {row['id']} ({row['file']}); "
                                "re-import the file to replace it")
    stray = [s for s in parts.blobs.all_shas() if s not in known]
    rep.checked["blobs"] = len(known) + len(stray)
    if stray:
        if repair:
            moved = quarantine.move_aside(parts.root, parts.blobs, stray, "no document row")
            rep.repaired.append(
                f"moved {moved.count} orphan originals ({quarantine.size_text(moved.size)}) to "
                f"{quarantine.FOLDER}/; `check --repair --purge-quarantine` deletes them")
        else:
            rep.problems.append(f"{len(stray)} orphan originals with no document (left by an "
                                f"interrupted import; check --repair moves them to "
                                f"{quarantine.FOLDER}/)")
    if repair and not parts.readonly and parts.writable:
        tmp = parts.blobs.clean_temp_files()
        if tmp:
            rep.repaired.append(f"removed {tmp} temporary files")


def after_open(parts: CheckParts, unclean: bool) -> list[str]:
    """Housekeeping when a writer opens the archive: temp files of a killed write go, and
    after an unclean exit the crash is recovered from. Returns notices for the user."""
    parts.blobs.clean_temp_files()
    return recover_after_crash(parts) if unclean else []


def recover_after_crash(parts: CheckParts) -> list[str]:
    """After an unclean exit (the writer died holding the lock): finish or undo its work.

    SQLite has already rolled back any open transaction; here orphan blobs and temp files
    of the interrupted import go, and the index catches up (replay or rebuild).
    """
    notes: list[str] = []
    quick_check(parts.store.conn)
    known = {r[0] for r in parts.store.conn.execute("SELECT sha256 FROM document")}
    stray = [s for s in parts.blobs.all_shas() if s not in known]
    quarantine.move_aside(parts.root, parts.blobs, stray, "interrupted import")
    parts.blobs.clean_temp_files()
    rebuild = parts.root / ".index-rebuild"
    if rebuild.exists():
        import shutil

        shutil.rmtree(rebuild, ignore_errors=True)
    parts.sync_index()
    if stray:
        notes.append(f"The last import was interrupted; {len(stray)} unfinished file(s) "
                     "were not added. Import them again to finish.")
    return notes


def index_state(parts: CheckParts) -> tuple[list[str], list[str]]:
    """(pending, problems) of the search index: an index not built yet or changes waiting
    in the outbox are pending (a cache catching up); anything else that differs is a problem."""
    path = parts.root / "index"
    if not path.is_dir() or not any(path.glob("_*_*.toc")):
        n = parts.store.count("document")
        return [f"not built yet, {n} documents to index"], []
    try:
        ix = SearchIndex.open(path)
    except IndexDamaged as exc:
        return [], [f"missing or damaged ({exc})"]
    try:
        pending: list[str] = []
        out: list[str] = []
        waiting = parts.store.count("outbox")
        if waiting:
            pending.append(f"{waiting} changes not yet indexed")
        gen, db_gen = ix.generation(), parts.store.generation()
        if gen != db_gen and not waiting:
            out.append(f"generation {gen} differs from the database's {db_gen}")
        db_ids = {r[0] for r in parts.store.conn.execute("SELECT id FROM document")}
        try:
            ix_ids = ix.all_ids()
            count = ix.doc_count()
        except Exception as exc:  # a segment that opens but cannot be read
            return pending, [f"damaged ({type(exc).__name__})"]
        if db_ids != ix_ids:
            waiting_ids = {r[0] for r in parts.store.conn.execute(
                "SELECT document_id FROM outbox")}
            if (db_ids ^ ix_ids) - waiting_ids:
                out.append(f"{len(db_ids - ix_ids)} documents missing from the index, "
                           f"{len(ix_ids - db_ids)} extra")
        if count != len(ix_ids):
            out.append(f"{count - len(ix_ids)} documents indexed twice")
        return pending, out
    finally:
        ix.close()
