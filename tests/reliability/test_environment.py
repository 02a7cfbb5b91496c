"""F05-F09: a second window, stale locks, read-only media and full disks.

Read-only media and full disks are real where the kernel lets us: `unshare -rm` gives a
private mount namespace with a read-only bind mount or a 2 MB tmpfs (tests run as root,
where chmod stops nothing). Where unshare is refused, a monkeypatched os.access / ENOSPC
stands in; each test says which one ran and fails if neither could.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from archive.api import Archive
from archive.errors import ArchiveLocked, ReadOnlyArchive, StorageError

from .helpers import PYTHON

SCRIPT = Path(__file__).with_name("env_script.py")
CLI = [str(PYTHON), "-m", "archive"]


def _unshare_ok() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


UNSHARE = _unshare_ok()


def _small_archive(path: Path) -> Path:
    with Archive.open(path) as a:
        a.import_text("Meta removed 120 Facebook accounts linked to Iran.", "one.txt")
        a.import_text("Twitter suspended 40 accounts in Serbia.", "two.txt")
    return path


def _hold(path: Path) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([str(PYTHON), str(SCRIPT), "hold", str(path)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"READY"
    return proc


# --- F08 / F09: one writer ------------------------------------------------------------


def test_second_writer_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    path = _small_archive(tmp_path / "a")
    holder = _hold(path)
    try:
        with pytest.raises(ArchiveLocked) as info:
            Archive.open(path)
        assert str(info.value) == (
            f"This archive is open in another window (PID {holder.pid} on this computer).")
        doc = tmp_path / "x.txt"
        doc.write_text("Meta removed 3 accounts.")
        res = subprocess.run([*CLI, "--archive", str(path), "import", str(doc)],
                             capture_output=True, text=True)
        assert res.returncode == 2
        assert res.stderr.splitlines() == [
            f"takedown-atlas: This archive is open in another window (PID {holder.pid} on this "
            "computer)."]
        # Readers are not writers: browsing beside the writer still works.
        with Archive.open(path, write=False) as reader:
            assert reader.store.count("document") == 2
    finally:
        holder.kill()
        holder.wait()


def test_hundred_second_opens_are_all_refused(tmp_path: Path) -> None:
    path = _small_archive(tmp_path / "a")
    holder = _hold(path)
    refused = 0
    try:
        for _ in range(100):
            try:
                Archive.open(path).close()
            except ArchiveLocked:
                refused += 1
    finally:
        holder.kill()
        holder.wait()
    assert refused == 100


def test_lock_of_a_killed_writer_is_taken_over(tmp_path: Path) -> None:
    path = _small_archive(tmp_path / "a")
    holder = _hold(path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (path / ".lock").read_text().split()[0] == str(holder.pid)  # the stale lock file
    with Archive.open(path) as a:
        assert a.writable and a.store.count("document") == 2
        assert a.check().ok


def test_lock_file_naming_a_live_unrelated_pid_is_taken_over(tmp_path: Path) -> None:
    path = _small_archive(tmp_path / "a")
    (path / ".lock").write_text(f"{os.getppid()} {os.uname().nodename}\n")  # alive, not ours
    with Archive.open(path) as a:
        assert a.writable
        a.import_text("Google terminated 7 YouTube channels.", "three.txt")


# --- F07: read-only media -------------------------------------------------------------


def test_archive_on_read_only_media_opens_read_only(tmp_path: Path) -> None:
    path = _small_archive(tmp_path / "a")
    if not UNSHARE:
        pytest.fail("unshare -rm is not available; the monkeypatched variant below still runs")
    cmd = (f"mount --bind {path} {path} && mount -o remount,ro,bind {path} && "
           f"exec {PYTHON} {SCRIPT} readonly {path}")
    res = subprocess.run(["unshare", "-rm", "sh", "-c", cmd], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout.splitlines()[-1])
    assert out["writable_dir"] is False  # really read-only, even for root
    assert out["readonly"] is True
    assert out["notices"] == ["This archive is on read-only media: browsing only."]
    assert out["documents"] == 2 and out["hits"] == 1
    assert out["import"] == "This archive is read-only; nothing was changed."
    assert not any(f.endswith(("-wal", "-shm")) for f in out["files"])


def test_read_only_by_permission_is_detected_without_unshare(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand-in for chmod -w (root ignores modes): os.access says no."""
    path = _small_archive(tmp_path / "a")
    real = os.access
    monkeypatch.setattr("archive.api.os.access",
                        lambda p, mode: False if mode == os.W_OK else real(p, mode))
    with Archive.open(path) as a:
        assert a.readonly
        with pytest.raises(ReadOnlyArchive):
            a.import_text("x")
        with pytest.raises(ReadOnlyArchive):
            a.set_tags("document", a.store.document_ids()[0], ["t"])


# --- F05 / F06: disk full --------------------------------------------------------------


def test_disk_full_on_a_real_tiny_volume(tmp_path: Path) -> None:
    if not UNSHARE:
        pytest.fail("unshare -rm is not available; the monkeypatched variants below still run")
    mnt = tmp_path / "vol"
    mnt.mkdir()
    big = tmp_path / "big.txt"
    big.write_text(("abcdefghij" * 100 + "\n") * 2500)  # cheap to extract, 2.5 MB
    cmd = (f"mount -t tmpfs -o size=3m tmpfs {mnt} && "
           f"{PYTHON} -c 'import sys; sys.argv=[\"x\"]; "
           f"from archive.api import Archive; a=Archive.open(\"{mnt}/arch\"); "
           f"a.import_text(\"Meta removed 3 accounts.\", \"one.txt\"); a.close()' && "
           # the export goes beside the archive on the same volume (never into it: S15-02)
           f"exec {PYTHON} {SCRIPT} disk_full {mnt}/arch {big} {mnt}/out.json")
    res = subprocess.run(["unshare", "-rm", "sh", "-c", cmd], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout.splitlines()[-1])
    assert "disk space" in out["import"] and "archive is unchanged" in out["import"]
    assert "disk full" in out["export"]
    assert out["before"] == out["after"] == 1
    assert "out.json" not in out["export_left"]
    assert not any(n.endswith(".part") for n in out["export_left"])
    assert out["check"] == []


def test_disk_full_while_writing_a_blob_leaves_the_archive_unchanged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _small_archive(tmp_path / "a")
    doc = tmp_path / "new.txt"
    doc.write_text("OpenAI disrupted an operation from Russia.")

    def full(*_: object, **__: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    with Archive.open(path) as a:
        monkeypatch.setattr(a.blobs, "put", full)
        with pytest.raises(StorageError, match="Not enough disk space"):
            a.import_paths([doc])
        assert a.store.count("document") == 2
        assert a.check().ok


def test_disk_full_during_export_leaves_no_file_under_the_final_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _small_archive(tmp_path / "a")
    out = tmp_path / "out"
    out.mkdir()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with Archive.open(path) as a:
        monkeypatch.setattr("archive.export.atomic.os.fsync", full)
        with pytest.raises(StorageError, match="disk full"):
            a.export("json", out / "export.json")
        with pytest.raises(StorageError, match="disk full"):
            a.export_bundle(out / "bundle.zip")
    assert list(out.iterdir()) == []
