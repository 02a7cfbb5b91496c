"""Writer lock, schema versioning and WAL set-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from archive.api import Archive
from archive.errors import ArchiveLocked, SchemaError
from archive.schema import SCHEMA_VERSION


def test_second_process_gets_a_clear_lock_message(archive: Archive) -> None:
    code = (
        "import sys\nfrom archive.api import Archive\nfrom archive.errors import ArchiveLocked\n"
        f"try:\n    Archive.open({str(archive.root)!r})\nexcept ArchiveLocked as e:\n"
        "    print(e); sys.exit(3)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 3
    assert out.stdout.strip() == f"This archive is open in another window (PID {os.getpid()} on this computer)."


def test_lock_is_released_on_close_and_reentrant_in_process(archive_dir: Path) -> None:
    a = Archive.open(archive_dir)
    b = Archive.open(archive_dir)  # same process: the desktop's writer thread does this
    b.close()
    a.close()
    c = Archive.open(archive_dir)
    c.close()


def test_stale_lock_file_from_a_dead_process_is_taken_over(archive_dir: Path) -> None:
    archive_dir.mkdir(parents=True)
    (archive_dir / ".lock").write_text("999999 somehost\n")
    with Archive.open(archive_dir) as a:
        assert a.writable


def test_schema_version_and_wal(archive: Archive) -> None:
    conn = archive.store.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_newer_schema_is_refused_untouched(archive_dir: Path) -> None:
    with Archive.open(archive_dir) as a:
        a.store.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(SchemaError, match="newer"):
        Archive.open(archive_dir)


def test_locked_error_type_is_archive_error() -> None:
    assert issubclass(ArchiveLocked, Exception)
    assert ArchiveLocked(12).exit_code == 2


def test_a_second_archive_in_the_same_process_leaves_the_first_ones_work_alone(
        archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The desktop's worker threads each open their own Archive while the window's holds the
    lock: that is no crash to recover from. A blob written before its row commits (an import
    in flight) and a blob's temp file stay; no crash recovery runs."""
    from archive import check

    recovered: list[object] = []
    original = check.recover_after_crash
    monkeypatch.setattr(check, "recover_after_crash",
                        lambda parts: recovered.append(parts) or original(parts))
    with Archive.open(archive_dir) as first:
        in_flight = first.blobs.put(b"an import in flight: blob first, row next")
        temp = first.blobs.path_for(in_flight).with_name(".tmp-half-written")
        temp.write_bytes(b"half")
        with Archive.open(archive_dir, create=False) as second:
            assert second.writable
        assert recovered == []
        assert first.blobs.has(in_flight) and temp.exists()
    # a lock file left by a dead process is still a crash to recover from
    (archive_dir / ".lock").write_text("999999 elsewhere\n")
    with Archive.open(archive_dir) as again:
        assert len(recovered) == 1
        assert not again.blobs.has(in_flight)  # the stray blob went to quarantine
