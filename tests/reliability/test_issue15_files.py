"""Issue 15, the files side: symlink loops in a folder import (case 10), healing a lost
original by importing it again (case 12), and what the archive keeps of where files came
from (case 5, privacy). Every fixture is made here; each archive passes `check` at the end.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

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
