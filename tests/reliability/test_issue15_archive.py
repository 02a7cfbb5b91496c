"""S15-01, S15-06, S15-09, S15-14a, S15-14d, S15-14e and the disk-full fault injection:
an archive that lost its database is never started again empty, repairs move originals
aside instead of deleting them, every edit reaches a backup, a disk that fills up part-way
through a folder import ends in one clear line with nothing lost, and check is clean on a
new archive and after a kill -9."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from archive import faults
from archive.api import Archive
from archive.backup import backup_contents, list_backups
from archive.errors import MissingDatabase, StorageError
from archive.index_keeper import PRIVATE_PREFIX

from .helpers import PYTHON

CLI = [str(PYTHON), "-m", "archive"]
TEXTS = {
    "one.txt": "Meta removed 120 Facebook accounts linked to Iran.",
    "two.txt": "Twitter suspended 40 accounts in Serbia.",
    "three.txt": "Google terminated 7 YouTube channels linked to China.",
}


def _cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def _folder(tmp: Path, texts: dict[str, str]) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (tmp / name).write_text(text, encoding="utf-8")
    return tmp


def _id_of(a: Archive, name: str) -> str:
    return str(a.store.conn.execute("SELECT id FROM document WHERE file = ?", (name,)).fetchone()[0])


def _originals(root: Path) -> int:
    return sum(1 for f in (root / "blobs").glob("??/*") if f.is_file())


@pytest.fixture
def tagged(tmp_path: Path) -> Path:
    """Three documents, one tag, one note, one star, one correction; closed (backed up)."""
    path = tmp_path / "a"
    with Archive.open(path) as a:
        a.import_paths([_folder(tmp_path / "in", TEXTS)])
    with Archive.open(path) as a:
        first = _id_of(a, "one.txt")
        a.set_tags("document", first, ["follow-up"])
        a.set_note("document", first, "call the press office", starred=True)
        a.correct(first, action="delete", kind="country", key="IR", role="origin",
                  note="not in the text")
    return path


# --- S15-01: the archive knows itself ----------------------------------------------------


def test_S15_01_a_folder_that_lost_its_database_is_refused_not_started_empty(tagged: Path,
                                                                            tmp_path: Path) -> None:
    (tagged / "archive.sqlite").rename(tmp_path / "moved-away.sqlite")
    new = _folder(tmp_path / "more", {"four.txt": "TikTok removed 9 accounts in Kenya."})
    for args in (["import", str(new)], ["check"], ["check", "--repair"], ["search", "Iran"]):
        res = _cli("--archive", str(tagged), *args)
        assert res.returncode == 2, (args, res.stdout, res.stderr)
        (line,) = res.stderr.strip().splitlines()
        assert "database is missing" in line and "3 originals" in line and "restore" in line
    assert not (tagged / "archive.sqlite").exists()  # nothing was initialised
    assert _originals(tagged) == 3  # and nothing was deleted
    with pytest.raises(MissingDatabase):
        Archive.open(tagged)
    # restore asks about the newest backup that holds documents, then says what came back
    res = _cli("--archive", str(tagged), "restore")
    assert res.returncode == 2 and "3 documents" in res.stderr and "--yes" in res.stderr
    res = _cli("--archive", str(tagged), "restore", "--yes")
    assert res.returncode == 0, res.stderr
    assert "3 documents" in res.stdout and "1 tag" in res.stdout and "1 correction" in res.stdout
    with Archive.open(tagged) as a:
        assert a.check().ok
        assert a.search("Serbia").total == 1


def test_S15_01_restore_skips_an_empty_newest_backup(tagged: Path, tmp_path: Path) -> None:
    # an empty archive's backup, newer than every real one (what the old bug made)
    with Archive.open(tmp_path / "empty") as e:
        made = e.backup()
    newest = tagged / "backups" / "archive-29991231T235959000000Z-after-import.sqlite"
    shutil.copyfile(made, newest)
    assert list_backups(tagged)[0] == newest and backup_contents(newest)["documents"] == 0
    (tagged / "archive.sqlite").unlink()
    res = _cli("--archive", str(tagged), "restore", "--yes")
    assert res.returncode == 0, res.stderr
    assert newest.name not in res.stdout and "3 documents" in res.stdout
    with Archive.open(tagged) as a:
        assert a.store.count("document") == 3


def test_S15_01_without_any_backup_the_originals_rebuild_the_database(tagged: Path) -> None:
    shutil.rmtree(tagged / "backups")
    (tagged / "archive.sqlite").unlink()
    res = _cli("--archive", str(tagged), "restore")
    assert res.returncode == 2 and "3 originals" in res.stderr
    res = _cli("--archive", str(tagged), "restore", "--yes")
    assert res.returncode == 0, res.stderr
    assert "built a new database from the originals: 3 documents" in res.stdout
    with Archive.open(tagged) as a:
        assert a.check().ok and a.search("YouTube").total == 1


def test_S15_01_recovery_after_a_crash_moves_orphans_aside_and_restore_takes_them_back(
        tagged: Path, tmp_path: Path) -> None:
    # A database put back from an older copy lost a document whose original is still here.
    with Archive.open(tagged) as a:
        old_copy = a.backup()
    with Archive.open(tagged) as a:
        a.import_text("Meta removed 31 Pages run from Peru.", "late.txt")
        late = a.store.id_for_sha(next(s for s in a.blobs.all_shas()
                                       if s not in {r[0] for r in a.store.conn.execute(
                                           "SELECT sha256 FROM document WHERE file != 'late.txt'")}))
    assert late is not None
    (tagged / "archive.sqlite").unlink()
    shutil.copyfile(old_copy, tagged / "archive.sqlite")
    (tagged / ".lock").write_text(f"{os.getpid() + 10_000_000}\n")  # a writer died holding it
    with Archive.open(tagged) as a:
        assert a.store.count("document") == 3
        assert a.check().ok
    kept = list((tagged / "quarantine").glob("?" * 64))
    assert len(kept) == 1 and b"Peru" in kept[0].read_bytes()  # moved aside, not deleted
    res = _cli("--archive", str(tagged), "restore", "--from", str(old_copy), "--yes")
    assert res.returncode == 0, res.stderr
    assert "1 originals stored after the backup were imported again" in res.stdout
    with Archive.open(tagged) as a:
        assert a.search("Peru").total == 1 and a.check().ok
    assert not list((tagged / "quarantine").glob("?" * 64))


# --- S15-06: every journalist's edit is in the backups -----------------------------------


def test_S15_06_edits_reach_a_backup_and_a_burst_of_them_is_one(tagged: Path) -> None:
    newest = list_backups(tagged)[0]
    assert newest.name.endswith("-after-edit.sqlite")
    held = backup_contents(newest)
    assert (held["tags"], held["notes"], held["stars"], held["corrections"]) == (1, 1, 1, 1)
    count = len(list_backups(tagged))
    for n in range(3):  # three more bursts within minutes: they replace the edit backup
        with Archive.open(tagged) as a:
            a.set_tags("document", _id_of(a, "two.txt"), [f"burst-{n}"])
    assert len(list_backups(tagged)) == count
    assert backup_contents(list_backups(tagged)[0])["tags"] == 2
    assert any(b.name.endswith("-after-import.sqlite") for b in list_backups(tagged))


def test_S15_06_a_pause_in_editing_makes_the_backup_without_closing(tagged: Path) -> None:
    with Archive.open(tagged) as a:
        assert a.edits.if_idle(idle_s=0) is None  # nothing waiting
        a.set_note("document", _id_of(a, "three.txt"), "second note")
        assert a.edits.waiting and a.edits.if_idle(idle_s=3600) is None  # no pause yet
        made = a.edits.if_idle(idle_s=0)
        assert made is not None and backup_contents(made)["notes"] == 2
        assert not a.edits.waiting


def test_S15_06_restore_after_a_damaged_header_keeps_tags_and_corrections(tagged: Path) -> None:
    db = tagged / "archive.sqlite"
    with open(db, "r+b") as fh:
        fh.write(b"garbage!" * 8)
    res = _cli("--archive", str(tagged), "restore", "--yes")
    assert res.returncode == 0, res.stderr
    assert "1 tag" in res.stdout and "1 note" in res.stdout and "1 star" in res.stdout
    assert "1 correction" in res.stdout
    with Archive.open(tagged) as a:
        first = _id_of(a, "one.txt")
        assert a.document(first)["tags"] == ["follow-up"]
        assert len(a.corrections(first)) == 1


def test_S15_14e_restore_on_a_read_only_archive_is_one_line(
        tagged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.access
    monkeypatch.setattr("archive.backup.os.access",
                        lambda p, mode: False if mode == os.W_OK else real(p, mode))
    before = (tagged / "archive.sqlite").read_bytes()
    with pytest.raises(StorageError, match="read-only; nothing was changed"):
        Archive.restore(tagged)
    assert (tagged / "archive.sqlite").read_bytes() == before


# --- S15-09 and the disk-full fault injection --------------------------------------------


def _armed(monkeypatch: pytest.MonkeyPatch, point: str, skip: int) -> None:
    monkeypatch.setattr(faults, "_enabled", True)
    monkeypatch.setattr(faults, "_hits", {})
    monkeypatch.setenv("TAKEDOWN_ATLAS_DISK_FULL_AT", point)
    monkeypatch.setenv("TAKEDOWN_ATLAS_CRASH_SKIP", str(skip))


FOLDER = {f"{k:02d}.txt": f"Meta removed {k + 10} Facebook accounts in report number {k}."
          for k in range(5)}


def test_S15_09_a_disk_filling_up_mid_folder_says_what_was_added(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a"
    folder = _folder(tmp_path / "in", FOLDER)
    with Archive.open(path) as a:
        a.import_text("Twitter suspended 40 accounts in Serbia.", "first.txt")
    _armed(monkeypatch, "import.after_blob", skip=2)
    with Archive.open(path) as a, pytest.raises(StorageError) as err:
        a.import_paths([folder])
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("Not enough disk space; the file being imported was not added")
    assert "2 files were added before it stopped and are safe" in message
    monkeypatch.delenv("TAKEDOWN_ATLAS_DISK_FULL_AT")
    with Archive.open(path) as a:
        assert a.store.count("document") == 3 and a.check().ok
        assert a.search("report").total == 2
        a.import_paths([folder])  # space freed: the rest goes in
        assert a.store.count("document") == 6 and a.search("report").total == 5


@pytest.mark.parametrize("point", [p for p in faults.POINTS if p != "index.in_commit"])
def test_disk_full_at_each_named_point_ends_in_the_message_with_nothing_lost(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str) -> None:
    path = tmp_path / "a"
    folder = _folder(tmp_path / "in", FOLDER)
    with Archive.open(path) as a:
        a.import_text("Twitter suspended 40 accounts in Serbia.", "first.txt")
        a.set_tags("document", a.store.document_ids()[0], ["keep"])
    # (the import points are passed once per file: the second file is where the disk fills;
    # the index and backup points once per import)
    _armed(monkeypatch, point, skip=1 if point.startswith("import.") else 0)
    told: list[str] = []
    a = Archive.open(path)
    try:
        try:
            result = a.import_paths([folder])
            added = len(result.added)
        except StorageError as exc:
            told.append(str(exc))
            digits = [int(w) for w in str(exc).split() if w.isdigit()]
            added = digits[0] if "added before" in str(exc) else 0
    finally:
        a.close()
    told += a.notices
    if point == "backup.in_copy":  # the import holds; only the automatic backup failed
        assert told and all(t.startswith("No automatic backup was made") for t in told), told
        assert "disk full" in told[0]
    else:
        (line,) = told
        assert "\n" not in line and ("Not enough disk space" in line), line
    monkeypatch.delenv("TAKEDOWN_ATLAS_DISK_FULL_AT")
    with Archive.open(path) as a:
        rep = a.check()
        assert rep.ok, rep.problems
        docs = a.store.count("document")
        assert docs == 1 + added  # everything the user was told about is there, and no more
        assert a.document(a.store.id_for_sha(_sha_of_first(path)) or "")["tags"] == ["keep"]
        assert a.search("report").total == added  # and findable
        a.import_paths([folder])
        assert a.store.count("document") == 6 and a.check().ok


def _sha_of_first(path: Path) -> str:
    conn = sqlite3.connect(path / "archive.sqlite")
    try:
        return str(conn.execute("SELECT sha256 FROM document WHERE file = 'first.txt'").fetchone()[0])
    finally:
        conn.close()


# --- S15-14a: check is clean on a new archive and after a kill -9 ------------------------


def test_S15_14a_check_passes_on_a_new_archive_and_after_a_kill_in_the_first_import(
        tmp_path: Path) -> None:
    new = tmp_path / "new"
    assert _cli("--archive", str(new), "import", str(_folder(tmp_path / "none", {}))).returncode == 0
    res = _cli("--archive", str(new), "check")
    assert res.returncode == 0 and res.stdout.strip().endswith("ok"), res.stdout
    killed = tmp_path / "killed"
    env = {**os.environ, "TAKEDOWN_ATLAS_CRASH_AT": "import.after_blob"}
    script = ("from archive import faults; faults.enable(); from archive.api import Archive; "
              f"Archive.open({str(killed)!r}).import_paths([{str(_folder(tmp_path / 'in', TEXTS))!r}])")
    proc = subprocess.run([str(PYTHON), "-c", script], env=env, capture_output=True, timeout=180)
    assert proc.returncode == -9
    res = _cli("--archive", str(killed), "check")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "problem" not in res.stdout
    assert list((killed / "quarantine").glob("?" * 64))  # the unfinished original, kept aside


# --- S15-14d: a search during another process's import leaves nothing in the temp folder --


def test_S15_14d_searching_beside_a_writer_makes_no_private_index_copies(tmp_path: Path) -> None:
    path = tmp_path / "a"
    with Archive.open(path) as a:
        for name, text in TEXTS.items():
            a.import_text(text, name)
    ready = tmp_path / "ready"
    holder = subprocess.Popen([str(PYTHON), "-c", (
        "import time, pathlib; from archive.api import Archive; "
        f"a = Archive.open({str(path)!r}); a.store.conn.execute(\"UPDATE settings SET value = "
        "CAST(value AS INTEGER) + 1 WHERE key = 'generation'\"); "
        f"pathlib.Path({str(ready)!r}).write_text('x'); time.sleep(60)")])
    try:
        for _ in range(300):
            if ready.exists():
                break
            time.sleep(0.1)
        assert ready.exists()
        before = set(Path(tempfile.gettempdir()).glob(PRIVATE_PREFIX + "*"))
        for _ in range(5):
            with Archive.open(path, write=False) as reader:
                assert reader.search("Serbia").total == 1
        assert set(Path(tempfile.gettempdir()).glob(PRIVATE_PREFIX + "*")) == before
    finally:
        holder.kill()
        holder.wait()


def test_S15_14d_a_read_only_archives_private_index_goes_with_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a"
    with Archive.open(path) as a:
        a.import_text(TEXTS["two.txt"], "two.txt")
    shutil.rmtree(path / "index")
    real = os.access
    monkeypatch.setattr("archive.folder.os.access",
                        lambda p, mode: False if mode == os.W_OK else real(p, mode))
    stale = Path(tempfile.mkdtemp(prefix=PRIVATE_PREFIX))  # one a killed process left
    os.utime(stale, (time.time() - 3 * 86400, time.time() - 3 * 86400))
    a = Archive.open(path)
    assert a.readonly and a.search("Serbia").total == 1
    private = a._keeper._private
    assert private is not None and private.is_dir()
    assert not stale.exists()  # cleaned: older than a day
    a.close()
    assert not private.exists()
