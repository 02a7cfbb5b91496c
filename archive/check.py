"""Consistency check and repair: SQLite integrity, blobs against rows, index against database.

Repairs only what can be rebuilt (index, orphan blobs, temp files); anything that would
lose data (a missing original) is reported, never "fixed" by deletion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archive.index import IndexDamaged, SearchIndex

if TYPE_CHECKING:
    from archive.api import Archive, CheckReport


def check_archive(archive: Archive, *, repair: bool, verify_hashes: bool) -> CheckReport:
    from archive.api import CheckReport

    rep = CheckReport()
    conn = archive.store.conn
    result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        rep.problems.extend(f"database: {r}" for r in result[:20])
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        rep.problems.append(f"database: {len(fk)} rows point to missing rows "
                            f"(first in table {fk[0][0]})")
    # Rows that sqlite-utils' FKs do not cover.
    orphans = conn.execute(
        "SELECT count(*) FROM tag WHERE target_type = 'document' AND target_id NOT IN "
        "(SELECT id FROM document)").fetchone()[0]
    if orphans:
        rep.problems.append(f"database: {orphans} tags on documents that do not exist")
        if repair:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM tag WHERE target_type = 'document' AND target_id NOT IN "
                         "(SELECT id FROM document)")
            conn.execute("COMMIT")
            rep.repaired.append(f"removed {orphans} orphan tags")

    rows = conn.execute("SELECT id, sha256, file FROM document").fetchall()
    rep.checked["documents"] = len(rows)
    known = set()
    for row in rows:
        known.add(row["sha256"])
        if not archive.blobs.has(row["sha256"]):
            rep.problems.append(f"original missing for {row['id']} ({row['file']})")
        elif verify_hashes and not archive.blobs.verify(row["sha256"]):
            rep.problems.append(f"original damaged (wrong hash) for {row['id']} ({row['file']})")
    stray = [s for s in archive.blobs.all_shas() if s not in known]
    rep.checked["blobs"] = len(known) + len(stray)
    if stray:
        if repair:
            for sha in stray:
                archive.blobs.delete(sha)
            rep.repaired.append(f"removed {len(stray)} orphan originals (left by an interrupted import)")
        else:
            rep.problems.append(f"{len(stray)} orphan originals with no document "
                                "(left by an interrupted import; check --repair removes them)")
    if not archive.readonly and archive.writable:
        tmp = archive.blobs.clean_temp_files() if repair else 0
        if tmp:
            rep.repaired.append(f"removed {tmp} temporary files")

    problems = _index_problems(archive)
    if problems:
        if repair and not archive.readonly:
            archive.reindex()
            rep.repaired.append("rebuilt the search index (" + "; ".join(problems) + ")")
        else:
            rep.problems.extend(f"search index: {p}" for p in problems)
    return rep


def _index_problems(archive: Archive) -> list[str]:
    path = archive.root / "index"
    try:
        ix = SearchIndex.open(path)
    except IndexDamaged as exc:
        return [f"missing or damaged ({exc})"]
    try:
        out = []
        pending = archive.store.count("outbox")
        if pending:
            out.append(f"{pending} changes not yet indexed")
        gen, db_gen = ix.generation(), archive.store.generation()
        if gen != db_gen:
            out.append(f"generation {gen} differs from the database's {db_gen}")
        db_ids = {r[0] for r in archive.store.conn.execute("SELECT id FROM document")}
        ix_ids = ix.all_ids()
        if db_ids != ix_ids:
            out.append(f"{len(db_ids - ix_ids)} documents missing from the index, "
                       f"{len(ix_ids - db_ids)} extra")
        return out
    finally:
        ix.close()
