"""Backups of a large database are gzip-compressed and the set is capped in size; restore,
its question and the contents read both the compressed and the plain (older) form."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from archive import backup
from archive.api import Archive
from archive.errors import CorruptArchive

CLI = [sys.executable, "-m", "archive"]

TEXTS = {
    "one.txt": "Meta removed 12 Facebook accounts run from Iran targeting Israel.",
    "two.txt": "Google removed 4 YouTube channels linked to Serbia.",
    "three.txt": "Twitter suspended 30 accounts from Venezuela.",
}


@pytest.fixture
def small(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path / "a"
    with Archive.open(path) as a:
        a.import_paths([folder])
    return path


@pytest.fixture
def compress_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "COMPRESS_ABOVE_BYTES", 0)


def test_a_large_database_is_backed_up_compressed(small: Path, compress_all: None) -> None:
    with Archive.open(small) as a:
        made = a.backup()
        db_bytes = (small / "archive.sqlite").stat().st_size
    assert made.name.endswith("-manual.sqlite.gz") and backup.backup_reason(made) == "manual"
    assert made.stat().st_size < db_bytes / 3
    with gzip.open(made) as fh:
        assert fh.read(16) == b"SQLite format 3\x00"
    assert backup.list_backups(small)[0] == made
    assert backup.backup_contents(made)["documents"] == 3
    assert not [p for p in (small / "backups").iterdir() if p.name.startswith(".")]


def test_a_small_database_stays_a_plain_sqlite_file(small: Path) -> None:
    with Archive.open(small) as a:
        made = a.backup()
    assert made.name.endswith("-manual.sqlite")
    assert made.read_bytes()[:16] == b"SQLite format 3\x00"


def test_restore_reads_a_compressed_backup(small: Path, compress_all: None) -> None:
    with Archive.open(small) as a:
        made = a.backup()
        a.set_tags("document", a.store.document_ids()[0], ["later"])
    (small / "archive.sqlite").write_bytes(b"not a database at all" * 100)
    chosen, question = backup.restore_question(small)
    assert chosen is not None and chosen.name.endswith(".sqlite.gz")
    assert "3 documents" in question
    res = Archive.restore(small, made)
    assert res.restored_from == made and res.contents["documents"] == 3
    with Archive.open(small) as a:
        assert a.check().ok and a.search("Serbia").total == 1


def test_cli_restore_reads_compressed_and_plain_backups(
        small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Archive.open(small) as a:
        plain = a.backup()  # the old form: a plain SQLite file
        a.import_text("Meta removed 31 Pages run from Peru.", "late.txt")
        monkeypatch.setattr(backup, "COMPRESS_ABOVE_BYTES", 0)
        compressed = a.backup()
    assert plain.name.endswith(".sqlite") and compressed.name.endswith(".sqlite.gz")
    assert {compressed, plain} <= set(backup.list_backups(small))
    for source, said in ((compressed, "4 documents"), (plain, "1 originals stored after")):
        (small / "archive.sqlite").unlink()
        res = subprocess.run([*CLI, "--archive", str(small),
                              "restore", "--from", str(source), "--yes"],
                             capture_output=True, text=True, timeout=120,
                             stdin=subprocess.DEVNULL)
        assert res.returncode == 0, res.stderr
        assert f"({source.name}): 4 documents" in res.stdout and said in res.stdout, res.stdout


def test_a_damaged_compressed_backup_is_refused_in_one_line(small: Path,
                                                            compress_all: None) -> None:
    with Archive.open(small) as a:
        made = a.backup()
    made.write_bytes(made.read_bytes()[: made.stat().st_size // 2])
    assert backup.backup_contents(made) == {}
    with pytest.raises(CorruptArchive, match=made.name):
        Archive.restore(small, made)
    assert (small / "archive.sqlite").exists()  # nothing was changed
    assert not [p for p in (small / "backups").iterdir() if p.name.startswith(".")]


def test_backups_beyond_the_size_cap_go_oldest_first(small: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with Archive.open(small) as a:
        made = [a.backup() for _ in range(3)]
        assert backup.list_backups(small) == made[::-1] + backup.list_backups(small)[3:]
        size = made[0].stat().st_size
        # room for two copies: the oldest goes, the newest is always kept
        monkeypatch.setattr(backup, "CAP_MIN_BYTES", int(size * 2.5))
        monkeypatch.setattr(backup, "CAP_FACTOR", 0.0)
        newest = a.backup()
        assert backup.list_backups(small) == [newest, made[2]]
        monkeypatch.setattr(backup, "CAP_MIN_BYTES", 1)
        last = a.backup()
        assert backup.list_backups(small) == [last]
