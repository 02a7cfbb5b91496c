"""S15-14b: a byte flipped inside archive.sqlite never changes a quote, a fact or a text
silently. SQLite itself only sees damage to its own structure; the checksums on documents
and facts see the rest, `check` reports it and `check --repair` reads the document again
from its original."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from archive.api import Archive
from archive.errors import ArchiveError
from archive.schema import SCHEMA_VERSION

TEXTS = {
    "one.txt": "Meta removed 120 Facebook accounts linked to Iran that targeted Israel.",
    "two.txt": "Twitter suspended 40 accounts in Serbia tied to the ruling party.",
    "three.txt": "Google terminated 7 YouTube channels linked to China targeting Taiwan.",
}


@pytest.fixture
def pristine(tmp_path: Path) -> Path:
    path = tmp_path / "a"
    with Archive.open(path) as a:
        for name, text in TEXTS.items():
            a.import_text(text, name)
        # pages full of the rows under test, so most flips land in them
        for k in range(40):
            a.import_text(f"Meta removed {k + 200} Facebook accounts in Peru, report {k}.",
                          f"extra-{k}.txt")
    assert not Path(str(path / "archive.sqlite") + "-wal").exists()  # checkpointed on close
    return path


def _views(path: Path) -> dict[str, Any]:
    with Archive.open(path, write=False) as a:
        return {i: a.document(i) for i in a.store.document_ids()}


def test_S15_14b_a_flipped_letter_in_a_quote_is_reported_and_repaired(pristine: Path) -> None:
    before = _views(pristine)
    db = pristine / "archive.sqlite"
    data = bytearray(db.read_bytes())
    at = data.find(b"targeted Israel")
    if at > 0:
        data[at + 9] = ord("J")  # "Israel" -> "Jsrael" wherever the file holds it first
    else:
        # Schema 5 keeps the quote as a span of the compressed text (archive.doc_text): the
        # letters are there only compressed, so flip a byte of that document's stored text.
        conn = sqlite3.connect(db)
        (stored,) = conn.execute("SELECT text_z FROM document WHERE file = 'one.txt'").fetchone()
        conn.close()
        at = data.find(stored)
        assert at > 0
        data[at + len(stored) // 2] ^= 0x04
    db.write_bytes(bytes(data))
    with Archive.open(pristine) as a:
        rep = a.check()
        assert not rep.ok
        assert any("checksums" in p for p in rep.problems), rep.problems
        fixed = a.check(repair=True)
        assert any("read 1 documents again from their originals" in r for r in fixed.repaired)
    with Archive.open(pristine) as a:
        assert a.check().ok
    after = _views(pristine)
    assert {i: (v["text"], v["networks"]) for i, v in after.items()} == {
        i: (v["text"], v["networks"]) for i, v in before.items()}


def test_S15_14b_forty_single_byte_flips_are_never_shown_silently(pristine: Path,
                                                                  tmp_path: Path) -> None:
    before = _views(pristine)
    size = (pristine / "archive.sqlite").stat().st_size
    rng = random.Random(15)
    tally = {"refused on open": 0, "reported by check": 0, "harmless": 0}
    for n in range(40):
        copy = tmp_path / f"flip{n}"
        shutil.copytree(pristine, copy)
        db = copy / "archive.sqlite"
        data = bytearray(db.read_bytes())
        at = rng.randrange(100, size)  # past the header, which SQLite checks itself
        data[at] ^= 1 << rng.randrange(8)
        db.write_bytes(bytes(data))
        try:
            with Archive.open(copy, write=False) as a:
                rep = a.check()
                if not rep.ok:
                    tally["reported by check"] += 1
                    continue
                views = {i: a.document(i) for i in a.store.document_ids()}
                a.export("json", tmp_path / f"flip{n}.json")  # never an internal error
        except ArchiveError:
            tally["refused on open"] += 1
            continue
        except sqlite3.DatabaseError as exc:  # the bug this test guards against
            pytest.fail(f"flip at {at}: raw SQLite error reached the caller: {exc}")
        assert views == before, f"flip at byte {at} changed what is shown and check said ok"
        tally["harmless"] += 1
    print("40 single-byte flips:", tally)
    assert sum(tally.values()) == 40


def test_S15_14b_an_archive_from_before_the_checksums_gets_them_on_upgrade(pristine: Path) -> None:
    before = _views(pristine)
    conn = sqlite3.connect(pristine / "archive.sqlite")
    with conn:
        conn.execute("ALTER TABLE fact DROP COLUMN digest")
        conn.execute("ALTER TABLE document DROP COLUMN digest")
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    with Archive.open(pristine) as a:
        assert a.store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert a.store.conn.execute(
            "SELECT count(*) FROM fact WHERE digest IS NULL").fetchone()[0] == 0
        assert a.check().ok
    assert _views(pristine) == before
