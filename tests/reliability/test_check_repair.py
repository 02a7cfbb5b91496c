"""F11-F14, F16, C5, C6, R4, R13: inject a fault, see check fail, repair, see it pass twice.

Also backups (backup API, verified, rotated, automatic), restore of a damaged database
(kept aside), and the portable bundle round trip.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from archive.api import Archive
from archive.backup import KEEP, list_backups, restore
from archive.errors import CorruptArchive

from .helpers import PYTHON, make_mixed_corpus

CLI = [str(PYTHON), "-m", "archive"]
TEXTS = {
    "one.txt": "Meta removed 120 Facebook accounts linked to Iran.",
    "two.txt": "Twitter suspended 40 accounts in Serbia.",
    "three.txt": "Google terminated 7 YouTube channels linked to China.",
}


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "a"
    with Archive.open(path) as a:
        for name, text in TEXTS.items():
            a.import_text(text, name)
    return path


def _check_repair_check(path: Path) -> tuple[list[str], list[str], list[str]]:
    with Archive.open(path) as a:
        first = a.check().problems
        repaired = a.check(repair=True).repaired
    with Archive.open(path) as a:
        assert a.check().ok, a.check().problems
        assert a.check(repair=True).repaired == []  # a second repair finds nothing
    return first, repaired, []


def _sha_of(path: Path, name: str) -> str:
    conn = sqlite3.connect(path / "archive.sqlite")
    try:
        return str(conn.execute("SELECT sha256 FROM document WHERE file = ?", (name,)).fetchone()[0])
    finally:
        conn.close()


def test_orphan_blob_is_found_and_moved_to_quarantine_never_deleted(filled: Path) -> None:
    stray = filled / "blobs" / "ab" / ("ab" + "0" * 62)
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"left by an interrupted import")
    first, repaired, _ = _check_repair_check(filled)
    assert any("orphan originals" in p for p in first)
    assert any("moved 1 orphan originals" in r and "quarantine/" in r for r in repaired)
    assert not stray.exists()
    kept = filled / "quarantine" / stray.name
    assert kept.read_bytes() == b"left by an interrupted import"
    (line,) = (filled / "quarantine" / "manifest.jsonl").read_text().splitlines()
    assert json.loads(line)["sha256"] == stray.name and json.loads(line)["size"] == 29
    with Archive.open(filled) as a:
        rep = a.check()
        assert rep.ok and rep.checked["quarantined"] == 1
        assert any("purge-quarantine" in n for n in rep.notes)
    # only the explicit purge deletes, after saying how many and how big
    out = subprocess.run([*CLI, "--archive", str(filled), "check", "--repair", "--purge-quarantine"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "deleted 1 quarantined originals (29 bytes)" in out.stdout
    assert not kept.exists()
    with Archive.open(filled) as a:
        assert a.check().checked["quarantined"] == 0


@pytest.mark.parametrize("damage", ["delete", "corrupt"])
def test_missing_or_damaged_original_is_reported_never_deleted(filled: Path, damage: str) -> None:
    sha = _sha_of(filled, "two.txt")
    blob = filled / "blobs" / sha[:2] / sha
    if damage == "delete":
        blob.unlink()
    else:
        blob.write_bytes(b"flipped" + blob.read_bytes()[7:])
    with Archive.open(filled) as a:
        rep = a.check(repair=True)
        word = "missing" if damage == "delete" else "damaged"
        assert any(f"original {word}" in p and "two.txt" in p for p in rep.problems)
        assert a.store.count("document") == 3  # the row and its text stay
    res = subprocess.run([*CLI, "--archive", str(filled), "check"], capture_output=True, text=True)
    assert res.returncode == 1 and "problem: original" in res.stdout


def test_foreign_key_violation_injected_with_fks_off_is_repaired(filled: Path) -> None:
    conn = sqlite3.connect(filled / "archive.sqlite", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO provenance(document_id, file, imported_at) VALUES ('nope', 'x', 'now')")
    conn.execute("INSERT INTO fact(network_id, document_id, kind, key, detail, origin) "
                 "VALUES ('nope-n1', 'nope', 'count', 'tweets', '{}', 'extractor')")
    conn.execute("INSERT INTO actor_alias(actor, alias, document_id) "
                 "VALUES ('Lost Actor', 'LA', (SELECT id FROM document LIMIT 1))")
    conn.close()
    first, repaired, _ = _check_repair_check(filled)
    assert any("point to missing rows" in p for p in first)
    assert any("re-created 1 actors" in r for r in repaired)
    assert any("provenance rows" in r for r in repaired)


@pytest.mark.parametrize("damage", ["delete", "truncate", "garbage_toc", "stale_generation"])
def test_damaged_index_is_detected_and_rebuilt_with_the_same_results(
        filled: Path, damage: str) -> None:
    with Archive.open(filled) as a:
        before = [a.search(q).ids for q in ("Facebook", "accounts", '"YouTube channels"')]
    index = filled / "index"
    if damage == "delete":
        import shutil

        shutil.rmtree(index)
    elif damage == "truncate":
        seg = max((p for p in index.iterdir() if p.suffix == ".seg"), key=lambda p: p.stat().st_size)
        seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 3])
    elif damage == "garbage_toc":
        for toc in index.glob("*.toc"):
            toc.write_bytes(os.urandom(200))
    else:
        (index / "GENERATION").write_text("1")
    if damage == "delete":  # a missing index is a cache to build, not a problem
        with Archive.open(filled) as a:
            rep = a.check()
        assert rep.ok and any("search index: rebuilt (not built yet" in n for n in rep.notes), rep
        with Archive.open(filled) as a:
            assert a.check().ok and a.check().notes == []
            assert [a.search(q).ids for q in ("Facebook", "accounts", '"YouTube channels"')] == before
        return
    first, repaired, _ = _check_repair_check(filled)
    assert any("search index" in p for p in first), first
    assert any("rebuilt the search index" in r for r in repaired)
    with Archive.open(filled) as a:
        assert [a.search(q).ids for q in ("Facebook", "accounts", '"YouTube channels"')] == before


def test_damaged_index_is_rebuilt_automatically_on_search(filled: Path) -> None:
    for toc in (filled / "index").glob("*.toc"):
        toc.write_bytes(b"\x80\x04garbage")  # also: never unpickled successfully
    with Archive.open(filled, write=False) as a:
        assert a.search("Serbia").total == 1


# --- backups ---------------------------------------------------------------------------


def test_backups_are_verified_rotated_and_self_contained(filled: Path) -> None:
    with Archive.open(filled) as a:
        made = [a.backup() for _ in range(KEEP + 2)]
    kept = list_backups(filled)
    assert len(kept) == KEEP and kept[0] == made[-1]
    for b in kept:
        conn = sqlite3.connect(f"file:{b}?mode=ro", uri=True)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT count(*) FROM document").fetchone()[0] == 3
        conn.close()


def test_an_import_leaves_an_automatic_backup_on_close(tmp_path: Path) -> None:
    doc = tmp_path / "x.txt"
    doc.write_text("Meta removed 5 accounts in Ghana.")
    with Archive.open(tmp_path / "a") as a:
        a.import_paths([doc])
        assert list_backups(tmp_path / "a") == []
    assert [b.name.endswith("after-import.sqlite") for b in list_backups(tmp_path / "a")] == [True]


def test_a_backup_before_a_schema_upgrade(filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from archive import schema

    following = schema.SCHEMA_VERSION + 1  # the next version, whatever the current one is
    monkeypatch.setattr(schema, "SCHEMA_VERSION", following)
    monkeypatch.setitem(schema.MIGRATIONS, following, lambda db: None)
    with Archive.open(filled):
        pass
    assert any("before-upgrade" in b.name for b in list_backups(filled))


def test_backup_taken_while_another_process_imports_is_consistent(tmp_path: Path) -> None:
    """F11/R13: the backup API gives a consistent copy even mid-import (a file copy would not)."""
    from archive.backup import backup_database

    corpus = make_mixed_corpus(tmp_path / "corpus")
    driver = Path(__file__).with_name("crash_driver.py")
    target = tmp_path / "a"
    with Archive.open(target):
        pass
    (tmp_path / "snapshots").mkdir()
    proc = subprocess.Popen([str(PYTHON), str(driver), str(target), str(corpus)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    taken = 0
    try:
        while proc.poll() is None and taken < 30:
            conn = sqlite3.connect(f"file:{target / 'archive.sqlite'}?mode=ro", uri=True)
            try:
                backup_database(conn, tmp_path / "snapshots", keep=100)
                taken += 1
            finally:
                conn.close()
    finally:
        proc.wait(timeout=120)
    assert taken >= 1
    for b in list_backups(tmp_path / "snapshots"):
        conn = sqlite3.connect(f"file:{b}?mode=ro", uri=True)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.close()


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_damaged_database_is_refused_and_restored_from_the_latest_backup(
        filled: Path, damage: str) -> None:
    with Archive.open(filled) as a:
        a.backup()
        a.import_text("OpenAI disrupted an operation from Russia.", "after-backup.txt")
    db = filled / "archive.sqlite"
    data = bytearray(db.read_bytes())
    if damage == "flip":
        data[0:16] = os.urandom(16)  # the header: SQLite cannot miss it
    else:
        data = data[:100]
    db.write_bytes(bytes(data))
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    with pytest.raises(CorruptArchive, match="takedown-atlas restore"):
        Archive.open(filled)
    res = subprocess.run([*CLI, "--archive", str(filled), "search", "Iran"],
                         capture_output=True, text=True)
    assert res.returncode == 2 and len(res.stderr.splitlines()) == 1
    res = subprocess.run([*CLI, "--archive", str(filled), "restore", "--yes"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "restored the backup taken" in res.stdout
    assert list(filled.glob("archive.sqlite.damaged-*"))  # kept aside, like Zotero
    with Archive.open(filled) as a:
        assert a.check().ok
        assert a.store.count("document") == 4  # three from the backup + one re-added original
        assert a.search("Russia").total == 1


def test_restore_of_a_damaged_backup_is_refused(filled: Path) -> None:
    bad = filled / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    with pytest.raises(CorruptArchive):
        restore(filled, bad)
    with Archive.open(filled) as a:
        assert a.store.count("document") == 3


# --- the portable bundle and F16 ----------------------------------------------------------


def test_export_bundle_round_trip_with_corrections(filled: Path, tmp_path: Path) -> None:
    with Archive.open(filled) as a:
        doc_id = a.store.id_for_sha(_sha_of(filled, "one.txt"))
        assert doc_id is not None
        a.correct(doc_id, action="add", kind="count", key="facebook_pages", value=7)
        a.export_bundle(tmp_path / "b.zip")
        shas = {r[0] for r in a.store.conn.execute("SELECT sha256 FROM document")}
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        manifest = json.loads(zf.read("manifest.json"))
        for d in manifest["documents"]:
            import hashlib

            assert hashlib.sha256(zf.read(d["path"])).hexdigest() == d["sha256"]
            assert d["imported_at"] and d["file"]
    res = subprocess.run([*CLI, "--archive", str(tmp_path / "fresh"), "import-bundle",
                          str(tmp_path / "b.zip")], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "3 added" in res.stdout and "1 corrections re-applied" in res.stdout
    with Archive.open(tmp_path / "fresh") as b:
        assert {r[0] for r in b.store.conn.execute("SELECT sha256 FROM document")} == shas
        assert {r[0] for r in b.store.conn.execute("SELECT file FROM document")} == set(TEXTS)
        assert len(b.corrections()) == 1
        assert b.check().ok


def test_a_bundle_holding_an_index_and_a_database_is_never_opened_as_one(tmp_path: Path) -> None:
    """F16: Whoosh TOCs unpickle their schema; a foreign one must never be loaded."""
    marker = tmp_path / "PWNED"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("index/_MAIN_1.toc", pickle.dumps(Evil()))
        zf.writestr("index/MAIN_abc.seg", b"\x00" * 64)
        zf.writestr("archive.sqlite", b"SQLite format 3\x00" + b"\x00" * 100)
        zf.writestr("evidence.db", b"SQLite format 3\x00" + b"\x00" * 100)
        zf.writestr("report.txt", "Meta removed 9 accounts in Ghana.")
    (tmp_path / "bundle.zip").write_bytes(buf.getvalue())
    with Archive.open(tmp_path / "a") as a:
        res = a.import_paths([tmp_path / "bundle.zip"])
        assert len(res.added) == 1
        assert {Path(r.file.split("!")[-1]).name for r in res.rejected} >= {
            "archive.sqlite", "evidence.db"}
        assert a.search("Ghana").total == 1
        assert a.check().ok
    assert not marker.exists()
