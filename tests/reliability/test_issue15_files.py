"""Issue 15, the files side: symlink loops in a folder import (case 10), healing a lost
original by importing it again (case 12), and what the archive keeps of where files came
from (case 5, privacy). Every fixture is made here; each archive passes `check` at the end.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from archive.api import Archive
from archive.blobs import sha256_bytes
from archive.cli import main

GOOD_A = "Meta removed 5 Facebook accounts linked to Iran.\n"
GOOD_Z = "Twitter suspended 7 accounts linked to Serbia.\n"


# --- case 10: a symlink loop is one rejected entry, not the end of the import -------------


def test_S15_10_symlink_loops_are_rejected_and_the_rest_of_the_folder_imports(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(GOOD_A, encoding="utf-8")
    (folder / "sub" / "z.txt").write_text(GOOD_Z, encoding="utf-8")
    os.symlink("self", folder / "self")  # a -> a
    os.symlink("l2", folder / "l1")  # a -> b -> a
    os.symlink("l1", folder / "l2")
    os.symlink("loop", folder / "sub" / "loop")
    with Archive.open(tmp_path / "arch") as a:
        res = a.import_paths([folder])
        assert len(res.added) == 2
        rejected = {Path(r.file).name: r.reason for r in res.rejected}
        assert set(rejected) == {"self", "l1", "l2", "loop"}
        assert all("symbolic link loop" in r and "\n" not in r for r in rejected.values())
        # the loop given by name is refused the same way, not as "file not found"
        res = a.import_paths([folder / "self"])
        assert [r.reason for r in res.rejected] == [rejected["self"]]
        assert a.check().ok
    rc = main(["--archive", str(tmp_path / "cli"), "import", str(folder)])
    err = capsys.readouterr().err
    assert rc == 1  # some files were rejected (DESIGN §4), not 2 (an internal error)
    assert "internal error" not in err and err.count("symbolic link loop") == 4
    with Archive.open(tmp_path / "cli", write=False) as a:
        assert a.store.count("document") == 2


# --- case 12: importing the same bytes again heals a missing or damaged original ---------


@pytest.mark.parametrize("harm", ["delete", "flip", "truncate"])
def test_S15_12_reimporting_the_same_bytes_restores_a_lost_original(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], harm: str) -> None:
    data = GOOD_A.encode("utf-8") * 40
    src = tmp_path / "report.txt"
    src.write_bytes(data)
    sha = sha256_bytes(data)
    root = tmp_path / "arch"
    with Archive.open(root) as a:
        (doc_id,) = a.import_paths([src]).added
        blob = a.blobs.path_for(sha)
    if harm == "delete":
        blob.unlink()
    elif harm == "flip":  # same size, wrong bytes: the size shortcut must not hide it
        raw = bytearray(blob.read_bytes())
        raw[10] ^= 0x01
        blob.write_bytes(bytes(raw))
    else:
        blob.write_bytes(data[:7])
    with Archive.open(root) as a:
        rep = a.check()
        assert not rep.ok and any("re-import the file" in p for p in rep.problems)
    assert main(["--archive", str(root), "import", "--json", str(src)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["added"] == [] and [d["id"] for d in out["duplicates"]] == [doc_id]
    assert out["restored"] == [{"file": str(src), "id": doc_id}]
    with Archive.open(root) as a:
        assert a.blobs.verify(sha) and a.original(doc_id)[1] == data
        assert a.check().ok, a.check().problems
        # a second import of the healthy original restores nothing and says nothing of it
        again = a.import_paths([src])
        assert again.restored == [] and "restored" not in again.to_json()
    assert main(["--archive", str(root), "check"]) == 0


def test_S15_12_the_import_summary_says_the_original_was_restored(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "report.txt"
    src.write_text(GOOD_Z, encoding="utf-8")
    root = tmp_path / "arch"
    assert main(["--archive", str(root), "import", str(src)]) == 0
    with Archive.open(root, write=False) as a:
        a.blobs.path_for(sha256_bytes(src.read_bytes())).unlink()
    capsys.readouterr()
    assert main(["--archive", str(root), "import", str(src)]) == 0
    out = capsys.readouterr().out
    assert "1 already in the archive (1 original restored)" in out
    assert "original restored: " in out
    assert main(["--archive", str(root), "check"]) == 0


# --- case 5: the archive keeps file names, not the folders they came from ----------------

MARK = "alice-sources-7f3"  # a folder name that must not be stored anywhere


def _sources(tmp_path: Path) -> Path:
    """Two reports in nested folders named MARK, the same bytes again under another name
    and folder, and a bundle whose entry sits in folders of its own."""
    top = tmp_path / MARK / f"{MARK}-inner"
    top.mkdir(parents=True)
    (top / "report.txt").write_text(GOOD_A, encoding="utf-8")
    (tmp_path / MARK / "copy of report.txt").write_text(GOOD_A, encoding="utf-8")
    with zipfile.ZipFile(top / "bundle.zip", "w") as zf:
        zf.writestr(f"{MARK}-zipped/deep/z.txt", GOOD_Z)
    return tmp_path / MARK


def _stored_text(root: Path) -> bytes:
    """Every byte the archive folder holds except the pre-upgrade backups."""
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*"))
                    if p.is_file() and "backups" not in p.relative_to(root).parts)


def _outputs(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """What leaves the archive: show --json of each document, the JSON export, the bundle
    manifest; the field names of the contract must all still be there."""
    outs: dict[str, str] = {}
    with Archive.open(root, write=False) as a:
        ids = a.store.document_ids()
    for doc_id in ids:
        capsys.readouterr()
        assert main(["--archive", str(root), "show", doc_id, "--json"]) == 0
        outs[f"show {doc_id}"] = capsys.readouterr().out
        assert "also_imported_as" in json.loads(outs[f"show {doc_id}"])
    export = tmp_path / "export.json"
    assert main(["--archive", str(root), "export", "json", "-o", str(export)]) == 0
    outs["export"] = export.read_text(encoding="utf-8")
    assert all("also_imported_as" in d for d in json.loads(outs["export"])["documents"])
    bundle = tmp_path / "bundle-out.zip"
    assert main(["--archive", str(root), "export-bundle", "-o", str(bundle)]) == 0
    with zipfile.ZipFile(bundle) as zf:
        outs["manifest"] = zf.read("manifest.json").decode("utf-8")
    assert all("names" in d for d in json.loads(outs["manifest"])["documents"])
    capsys.readouterr()
    return outs


def _names(root: Path) -> dict[str, list[str]]:
    with Archive.open(root, write=False) as a:
        return {d: a.store.provenance_of(d) for d in a.store.document_ids()}


def test_S15_05_only_file_names_are_stored_and_shown(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    src = _sources(tmp_path)
    root = tmp_path / "arch"
    assert main(["--archive", str(root), "import", str(src.resolve())]) == 0
    monkeypatch.chdir(tmp_path)  # a relative path as typed is a path too
    assert main(["--archive", str(root), "import", f"{MARK}/copy of report.txt"]) == 0
    names = sorted(n for ns in _names(root).values() for n in ns)
    assert names == ["bundle.zip!z.txt", "copy of report.txt", "report.txt", "z.txt"]
    outs = _outputs(root, tmp_path, capsys)
    for what, text in outs.items():
        assert MARK not in text and str(tmp_path) not in text, what
    also = {d["file"]: d["also_imported_as"] for d in json.loads(outs["export"])["documents"]}
    assert also == {"report.txt": ["copy of report.txt"], "z.txt": ["bundle.zip!z.txt"]}
    assert MARK.encode() not in _stored_text(root)
    with Archive.open(root) as a:
        assert a.check().ok


def test_S15_05_keep_paths_records_the_path_as_given(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _sources(tmp_path)
    root = tmp_path / "arch"
    assert main(["--archive", str(root), "import", "--keep-paths", str(src)]) == 0
    report = str(src / f"{MARK}-inner" / "report.txt")
    assert any(report in ns for ns in _names(root).values())
    also = {d["file"]: d["also_imported_as"]
            for d in json.loads(_outputs(root, tmp_path, capsys)["export"])["documents"]}
    assert sorted(also["report.txt"]) == sorted([report, str(src / "copy of report.txt")])
    assert also["z.txt"] == [f"{src / f'{MARK}-inner' / 'bundle.zip'}!{MARK}-zipped/deep/z.txt"]


def test_S15_05_an_archive_made_before_is_migrated_to_names(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The old shape, written here: schema 1, provenance holding paths as typed (POSIX,
    Windows, inside a bundle, relative). SQLite built without SECURE_DELETE (Debian's has
    it) is simulated, so the migration itself must overwrite what it deletes."""
    from archive import store
    from archive.backup import list_backups

    plain_connect = store.connect

    def connect_without_secure_delete(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = plain_connect(*args, **kwargs)
        conn.execute("PRAGMA secure_delete = OFF")
        return conn

    monkeypatch.setattr(store, "connect", connect_without_secure_delete)

    src = tmp_path / "r.txt"
    src.write_text(GOOD_A, encoding="utf-8")
    root = tmp_path / "arch"
    with Archive.open(root) as a:
        (doc_id,) = a.import_paths([src]).added
    old_rows = [f"/home/{MARK}/reports/r.txt", f"C:\\Users\\{MARK}\\Desktop\\copy.txt",
                f"/home/{MARK}/b.zip!{MARK}/in/r.txt", f"relative/{MARK}/third.txt"]
    # many pages of them, so that freed pages would keep the paths without secure_delete
    old_rows += [f"/home/{MARK}/{'x' * 80}/batch {n}.txt" for n in range(3000)]
    db = sqlite3.connect(root / "archive.sqlite")
    with db:
        db.executemany("INSERT INTO provenance(document_id, file, imported_at) VALUES (?, ?, ?)",
                       [(doc_id, f, f"2024-01-01T00:{i // 60:02}:{i % 60:02}+00:00")
                        for i, f in enumerate(old_rows)])
        db.execute("PRAGMA user_version = 1")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    assert MARK.encode() in (root / "archive.sqlite").read_bytes()  # the old shape leaks
    with Archive.open(root) as a:
        assert a.store.conn.execute("PRAGMA user_version").fetchone()[0] >= 2
        batch = [f"batch {n}.txt" for n in range(3000)]
        assert sorted(a.store.provenance_of(doc_id)) == sorted([
            "b.zip!r.txt", "copy.txt", "r.txt", "third.txt", *batch])
        assert sorted(a.document(doc_id)["also_imported_as"]) == sorted([
            "b.zip!r.txt", "copy.txt", "third.txt", *batch])
        assert a.check().ok
    assert any("before-upgrade" in b.name for b in list_backups(root))
    assert MARK.encode() not in _stored_text(root)  # overwritten, not left in free pages
    for what, text in _outputs(root, tmp_path, capsys).items():
        assert MARK not in text, what
