"""Schema 5 (issue 14, lean archive): document texts stored compressed (`archive.doc_text`),
evidence quotes that are spans of the text stored as the span alone.

An archive of schema 4 (plain texts, quotes copied) is upgraded in one transaction with
nothing lost: every document reads the same, every document checksum is unchanged, `check`
is clean; a failure half way leaves it as it was; a damaged compressed text is reported,
never shown, and repaired; a fact whose checksum fails keeps its quote.
"""

from __future__ import annotations

import shutil
import sqlite3
import zlib
from pathlib import Path
from typing import Any

import pytest

from archive import doc_text, schema
from archive.api import Archive
from archive.errors import ArchiveError


def _views(path: Path) -> dict[str, Any]:
    with Archive.open(path, write=False) as a:
        return {i: a.document(i) for i in a.store.document_ids()}


def _digests(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT id, digest FROM document"))
    finally:
        conn.close()


def _as_schema_4(path: Path) -> None:
    """The archive as schema 4 wrote it: the text column plain, under its old name, and
    every evidence quote a copy (its checksum over the copy)."""
    conn = sqlite3.connect(path / "archive.sqlite", isolation_level=None)
    try:
        conn.create_function("unpack", 1, doc_text.unpack)
        conn.create_function("ta_digest", -1, schema.digest)
        conn.execute("BEGIN")
        conn.execute("ALTER TABLE document RENAME COLUMN text_z TO text")
        conn.execute("UPDATE document SET text = unpack(text)")
        texts = dict(conn.execute("SELECT id, text FROM document"))
        spans = conn.execute("SELECT id, document_id, ev_start, ev_end FROM fact "
                             "WHERE quote IS NULL AND ev_start IS NOT NULL").fetchall()
        assert spans  # (what schema 5 stores as spans)
        conn.executemany("UPDATE fact SET quote = ? WHERE id = ?",
                         [(texts[d][s:e], i) for i, d, s, e in spans])
        conn.execute(f"UPDATE fact SET digest = {schema.FACT_DIGEST}")
        conn.execute("PRAGMA user_version = 4")
        conn.execute("COMMIT")
        assert {r[0] for r in conn.execute("SELECT typeof(text) FROM document")} == {"text"}
        assert conn.execute("SELECT count(*) FROM fact WHERE quote IS NULL "
                            "AND ev_start IS NOT NULL").fetchone()[0] == 0
    finally:
        conn.close()


@pytest.fixture
def v4(sample_archive: Any, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    root = Path(sample_archive.root)
    sample_archive.close()
    before = _views(root)
    _as_schema_4(root)
    return root, before


def test_a_schema_4_archive_is_upgraded_with_nothing_lost(v4: tuple[Path, dict[str, Any]]) -> None:
    root, before = v4
    digests = _digests(root / "archive.sqlite")
    with Archive.open(root) as a:
        conn = a.store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 5
        assert {r[0] for r in conn.execute("SELECT typeof(text_z) FROM document")} == {"blob"}
        stored = conn.execute("SELECT sum(length(text_z)) FROM document").fetchone()[0]
        plain = sum(len(v["text"].encode()) for v in before.values())
        assert stored < plain / 2  # (compressed: reports shrink 3-4x)
        spans, copies = conn.execute(
            "SELECT sum(quote IS NULL), sum(quote IS NOT NULL) FROM fact "
            "WHERE ev_start IS NOT NULL").fetchone()
        assert spans > 10 and copies == 0  # (every quote of the extractor is a span)
        report = a.check()
        assert report.ok, report.problems
    assert _digests(root / "archive.sqlite") == digests  # (a checksum covers the text itself)
    assert _views(root) == before
    assert len(before) > 5 and all(v["text"] for v in before.values())
    assert any(list(root.glob("backups/*before-upgrade*")))  # (made before the upgrade)


def test_an_upgrade_that_fails_half_way_changes_nothing(v4: tuple[Path, dict[str, Any]],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root, before = v4
    calls = {"n": 0}
    real = doc_text.pack

    def fails_on_the_fourth(text: str) -> bytes:
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError("disk gone")
        return real(text)

    monkeypatch.setattr(doc_text, "pack", fails_on_the_fourth)
    with pytest.raises((sqlite3.OperationalError, OSError, ArchiveError)):
        Archive.open(root)
    assert calls["n"] == 4
    conn = sqlite3.connect(root / "archive.sqlite")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
        assert "text" in {r[1] for r in conn.execute("PRAGMA table_info(document)")}
        assert {r[0] for r in conn.execute("SELECT typeof(text) FROM document")} == {"text"}
    finally:
        conn.close()
    monkeypatch.setattr(doc_text, "pack", real)
    assert _views(root) == before  # (and the next open upgrades it)


def test_the_upgrade_refuses_a_text_it_would_change(v4: tuple[Path, dict[str, Any]],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root, _before = v4
    monkeypatch.setattr(doc_text, "pack", lambda text: zlib.compress(text[:-1].encode()))
    with pytest.raises(ArchiveError, match="changed a text"):
        Archive.open(root)
    conn = sqlite3.connect(root / "archive.sqlite")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    finally:
        conn.close()


def test_a_damaged_compressed_text_is_reported_never_shown_and_repaired(
        sample_archive: Any, tmp_path: Path) -> None:
    root = Path(sample_archive.root)
    doc_id = sample_archive.store.document_ids()[0]
    good = sample_archive.document(doc_id)["text"]
    sample_archive.close()
    conn = sqlite3.connect(root / "archive.sqlite", isolation_level=None)
    (stored,) = conn.execute("SELECT text_z FROM document WHERE id = ?", (doc_id,)).fetchone()
    damaged = bytearray(stored)
    damaged[len(damaged) // 2] ^= 0x10
    conn.execute("UPDATE document SET text_z = ? WHERE id = ?", (bytes(damaged), doc_id))
    conn.close()
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    with Archive.open(root) as a:
        with pytest.raises((ArchiveError, sqlite3.DatabaseError)):
            a.document(doc_id)  # never a changed text
        report = a.check()
        assert not report.ok and any("checksums" in p for p in report.problems), report.problems
        a.check(repair=True)
        assert a.check().ok
        assert a.document(doc_id)["text"] == good
    from archive.cli import main

    assert main(["--archive", str(copy), "show", doc_id]) == 2  # one line, the way out


def test_pack_and_unpack_round_trip_any_text() -> None:
    for text in ("", "plain", "Azərbaycan Бакы ‏العربية 🙂", "a\x00b", "x" * 100_000):
        assert doc_text.unpack(doc_text.pack(text)) == text
    assert doc_text.unpack("already plain") == "already plain"
    with pytest.raises(ArchiveError):
        doc_text.unpack(b"not zlib at all")


def test_a_fact_whose_checksum_fails_keeps_its_quote(v4: tuple[Path, dict[str, Any]]) -> None:
    root, _before = v4
    conn = sqlite3.connect(root / "archive.sqlite", isolation_level=None)
    fact_id, quote = conn.execute("SELECT id, quote FROM fact WHERE quote IS NOT NULL "
                                  "ORDER BY id LIMIT 1").fetchone()
    conn.execute("UPDATE fact SET digest = 'damaged' WHERE id = ?", (fact_id,))
    conn.close()
    with Archive.open(root) as a:
        kept = a.store.conn.execute("SELECT quote FROM fact WHERE id = ?", (fact_id,)).fetchone()
        assert kept[0] == quote
        assert a.store.conn.execute("SELECT count(*) FROM fact WHERE quote IS NULL").fetchone()[0]
        assert not a.check().ok  # (and check still says so)


def test_a_new_import_stores_quotes_as_spans_and_reads_them_back(archive: Any,
                                                                 tmp_path: Path) -> None:
    text = ("Meta removed 120 Facebook accounts linked to Iran that targeted Israel. "
            "The network also ran 12 Instagram accounts.")
    res = archive.import_text(text, "one.txt")
    doc = archive.document(res.added[0])
    quotes = [ev for net in doc["networks"] for ev in net["evidence"]]
    assert quotes and all(doc["text"][ev["start"]:ev["end"]] == ev["quote"] != ""
                          for ev in quotes)
    stored = archive.store.conn.execute(
        "SELECT count(*), sum(quote IS NULL) FROM fact WHERE ev_start IS NOT NULL").fetchone()
    assert stored[0] == stored[1] >= len(quotes) > 0
    # (rows are written with their checksums, computed in Python: SQL computes the same)
    conn = archive.store.conn
    assert conn.execute("SELECT count(*) FROM fact WHERE digest IS NULL OR digest IS NOT "
                        f"{schema.FACT_DIGEST}").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM document WHERE digest IS NULL OR digest IS NOT "
                        f"{schema.DOCUMENT_DIGEST}").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM fact").fetchone()[0] >= 3
