"""The overlapped import: readers parse and extract, the writer stores many files per
transaction.

Facts extracted in the readers are stored exactly as facts extracted here; a file whose
extraction failed in its reader is extracted here; a folder goes in in few transactions,
each file whole; a failure in the middle of a transaction keeps the files before it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from archive import faults, pipeline
from archive.api import Archive
from archive.errors import StorageError
from archive.facts import DocumentFacts, Evidence, Fact, NetworkFacts
from archive.parsing import InProcessParser
from archive.sandbox_wire import Garbage, decode_facts, encode_facts

REPORTS = [
    "Meta removed 589 Facebook accounts, 7,906 Pages and 447 Instagram accounts linked to "
    "the Youth Union of New Azerbaijan Party, targeting audiences in Azerbaijan.",
    "Twitter suspended about 40 accounts run from Serbia that posted in Serbian and English.",
    "We removed 12 Pages and 3 Groups originating in Iran and targeting Israel. We found "
    "links to individuals associated with the Iranian government. About 9,000 people "
    "followed one or more of these Pages, and the network spent about $1,200 on ads.",
    "OpenAI disrupted an operation from China that generated posts in Chinese and Japanese.",
    "A note with no figure, no platform and no place in it at all.",
    "Google terminated 1,024 YouTube channels as part of our investigation into coordinated "
    "influence operations linked to Russia. The campaign was linked to Spamouflage.",
]


def _folder(path: Path, n: int) -> Path:
    path.mkdir()
    for i in range(n):
        text = REPORTS[i % len(REPORTS)]
        (path / f"r{i:03}.txt").write_text(f"{text} Case {i}.\n", encoding="utf-8")
    return path


def _facts(a: Archive) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in a.store.conn.execute(
        "SELECT d.file, f.kind, f.key, f.value, f.num, f.qualifier, f.role, f.detail, "
        "f.ev_start, f.ev_end, f.quote, f.digest FROM fact f JOIN document d "
        "ON d.id = f.document_id ORDER BY d.file, f.id")]


def _documents(a: Archive) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in a.store.conn.execute(
        "SELECT file, title, publisher, published, source_type, language, warnings, digest "
        "FROM document ORDER BY file")]


def test_facts_from_the_readers_are_stored_as_facts_extracted_here(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 12)
    with Archive.open(tmp_path / "sandboxed") as a:
        a.import_paths([folder])
        readers = a.parser.restarts, len(getattr(a.parser, "readers", []))
        sandboxed = _facts(a), _documents(a)
    with Archive.open(tmp_path / "here") as a:
        a._parser = InProcessParser(a.limits)  # (extracts in this process, as before readers did)
        a.import_paths([folder])
        here = _facts(a), _documents(a)
    assert readers[0] == 0 and readers[1] >= 1
    assert len(sandboxed[0]) > 30
    assert sandboxed == here


def test_a_reader_that_sends_garbage_facts_leaves_the_extraction_to_this_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path / "in", 4)
    with Archive.open(tmp_path / "here") as a:
        a._parser = InProcessParser(a.limits)
        a.import_paths([folder])
        expected = _facts(a)

    def garbage(payload: bytes, text_chars: int) -> DocumentFacts:
        raise Garbage("the reader sent garbage facts")

    monkeypatch.setattr("archive.sandbox.decode_facts", garbage)
    with Archive.open(tmp_path / "fallback") as a:
        result = a.import_paths([folder])
        assert len(result.added) == 4
        assert _facts(a) == expected and a.check().ok


def test_the_wire_keeps_every_field_and_refuses_the_wrong_types() -> None:
    text = "Meta removed 5 Pages in Georgia."
    facts = DocumentFacts(publisher="Meta", published="2024-05-01", source_type="official_report",
                          language="en", warnings=["w"], networks=[NetworkFacts(
                              label="Georgia", operation_name=None, enforcement="removed",
                              span=(0, 32), facts=[Fact(
                                  "count", "facebook_pages", 5, "exact", None,
                                  {"as_written": "5", "confidence": 0.9, "when": (1, 2)},
                                  Evidence(0, 32, text))])])
    back = decode_facts(encode_facts(facts), len(text))
    assert back.networks[0].facts[0].detail == {"as_written": "5", "confidence": 0.9,
                                                "when": [1, 2]}
    assert back.networks[0].span == (0, 32) and back.warnings == ["w"]
    assert (back.publisher, back.published, back.source_type) == ("Meta", "2024-05-01",
                                                                  "official_report")
    good = json.loads(encode_facts(facts))
    bad_cases = [
        {**good, "source_type": 7},
        {**good, "networks": [{**good["networks"][0], "span": [0, "32"]}]},
        {**good, "networks": [{**good["networks"][0], "facts": [
            ["count", "facebook_pages", "5", "exact", None, "{}", [0, 99, "x"]]]}]},
        {**good, "networks": [{**good["networks"][0], "facts": [
            ["count", "facebook_pages", "5", "exact", None, "[1]", None]]}]},
        {**good, "networks": [{**good["networks"][0], "facts": [["count"]]}]},
        [],
    ]
    for bad in bad_cases:
        with pytest.raises(Garbage):
            decode_facts(json.dumps(bad).encode(), len(text))
    with pytest.raises(Garbage):
        decode_facts(b"not json", len(text))


def _count_commits(a: Archive) -> list[str]:
    seen: list[str] = []
    a.store.conn.set_trace_callback(
        lambda sql: seen.append(sql) if sql.strip().upper() == "COMMIT" else None)
    return seen


def test_a_folder_goes_in_in_few_transactions_and_every_file_is_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_FILES", 10)
    monkeypatch.setattr(pipeline, "BATCH_SECONDS", 3600.0)
    folder = _folder(tmp_path / "in", 35)
    with Archive.open(tmp_path / "a") as a:
        commits = _count_commits(a)
        result = a.import_paths([folder])
        a.store.conn.set_trace_callback(None)
        assert len(result.added) == 35
        assert a.store.count("document") == 35
        # 4 import transactions (10+10+10+5), plus the index's outbox bookkeeping (one file
        # per transaction would be 35)
        assert 4 <= len(commits) <= 6, commits
        assert a.search("Case").total == 35
        assert a.check().ok


def test_a_failure_inside_a_transaction_keeps_the_files_before_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_FILES", 100)
    monkeypatch.setattr(pipeline, "BATCH_SECONDS", 3600.0)
    folder = _folder(tmp_path / "in", 9)
    monkeypatch.setattr(faults, "_enabled", True)
    monkeypatch.setattr(faults, "_hits", {})
    monkeypatch.setenv("TAKEDOWN_ATLAS_DISK_FULL_AT", "import.in_transaction")
    monkeypatch.setenv("TAKEDOWN_ATLAS_CRASH_SKIP", "5")  # the sixth file's rows fail
    with Archive.open(tmp_path / "a") as a, pytest.raises(StorageError) as err:
        a.import_paths([folder])
    assert "5 files were added before it stopped and are safe" in str(err.value)
    monkeypatch.delenv("TAKEDOWN_ATLAS_DISK_FULL_AT")
    with Archive.open(tmp_path / "a") as a:
        files = [r[0] for r in a.store.conn.execute("SELECT file FROM document ORDER BY file")]
        assert files == [f"r{i:03}.txt" for i in range(5)]
        # the sixth file's blob went with its rows; no fact or outbox row of it is left
        assert sum(1 for p in (tmp_path / "a" / "blobs").rglob("*") if p.is_file()) == 5
        assert a.store.conn.execute(
            "SELECT count(DISTINCT document_id) FROM fact").fetchone()[0] <= 5
        assert a.check().ok
        assert len(a.import_paths([folder]).added) == 4


def test_the_blobs_of_a_transaction_that_did_not_commit_go_with_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_FILES", 100)
    monkeypatch.setattr(pipeline, "BATCH_SECONDS", 3600.0)
    folder = _folder(tmp_path / "in", 6)
    with Archive.open(tmp_path / "a") as a:
        a.import_text("Twitter suspended 40 accounts in Serbia.", "first.txt")
        real_commit = a.store.commit
        calls = {"n": 0}

        def failing_commit() -> None:
            calls["n"] += 1
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(a.store, "commit", failing_commit)
        with pytest.raises(StorageError, match="Not enough disk space"):
            a.import_paths([folder])
        monkeypatch.setattr(a.store, "commit", real_commit)
        assert calls["n"] == 1
        assert a.store.count("document") == 1
        assert sum(1 for p in (tmp_path / "a" / "blobs").rglob("*") if p.is_file()) == 1
        assert a.check().ok
