"""Issue 15, the files side: symlink loops in a folder import (case 10), healing a lost
original by importing it again (case 12), and what the archive keeps of where files came
from (case 5, privacy). Every fixture is made here; each archive passes `check` at the end.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive.api import Archive
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
