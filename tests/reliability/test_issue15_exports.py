"""Issue 15 case 2: exports write only regular files. A target inside the archive folder
(by any path), a folder, a block device and a symbolic link (other than one to a pipe or
terminal) are refused with one line and exit 2; a FIFO or character device is written
through and stays what it was; `-o -` still writes to standard output.

Device nodes are made here with mknod (the suite runs as root); none of them is the
machine's own, so the unfixed code replacing them harms nothing.
"""

from __future__ import annotations

import io
import json
import os
import stat
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from archive.api import Archive
from archive.cli import main
from archive.export import atomic
from archive.export.atomic import ExportRefused
from archive.export.jobs import ExportJob

REPORT = "Meta removed 12 Facebook accounts linked to Iran for coordinated inauthentic behavior.\n"


@pytest.fixture
def arch(tmp_path: Path) -> Path:
    src = tmp_path / "report.txt"
    src.write_text(REPORT, encoding="utf-8")
    root = tmp_path / "arch"
    with Archive.open(root) as a:
        assert a.import_paths([src]).added
    return root


def _archive_is_whole(root: Path) -> None:
    with Archive.open(root) as a:
        assert a.store.count("document") == 1
        assert a.check().ok, a.check().problems


def _char_device(path: Path) -> Path:
    """A null device of our own (major 1, minor 3 on Linux)."""
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return path


# Each maker returns the -o argument; the archive folder is `root`, the scratch folder `out`.
Maker = Callable[[Path, Path], Path]
INSIDE: dict[str, Maker] = {
    "the database": lambda root, out: root / "archive.sqlite",
    "a new file in the archive": lambda root, out: root / "export.json",
    "a new file in blobs/": lambda root, out: root / "blobs" / "export.json",
    "dot-dot into the archive": lambda root, out: out / ".." / root.name / "archive.sqlite",
    "a link to the database": lambda root, out: _link(out / "db.json", root / "archive.sqlite"),
    "a name under a linked folder": lambda root, out: _link(out / "alias", root) / "new.json",
}


def _link(link: Path, to: Path) -> Path:
    os.symlink(to, link)
    return link


@pytest.mark.parametrize("case", list(INSIDE))
def test_S15_02_targets_inside_the_archive_folder_are_refused(
        arch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = INSIDE[case](arch, out)
    db_before = (arch / "archive.sqlite").read_bytes()
    before = sorted(p.name for p in arch.rglob("*"))
    for argv in (["export", "json", "-o", str(target)], ["export", "pdf", "-o", str(target)],
                 ["export-bundle", "-o", str(target)]):
        assert main(["--archive", str(arch), *argv]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "inside the archive folder" in err, err
    # the core function the desktop's export dialog calls
    with Archive.open(arch, write=False) as a, pytest.raises(ExportRefused, match="inside"):
        ExportJob("json").run(a, target)
    assert (arch / "archive.sqlite").read_bytes() == db_before
    assert sorted(p.name for p in arch.rglob("*")) == before
    _archive_is_whole(arch)


def test_S15_02_links_folders_and_block_devices_are_refused_and_left_alone(
        arch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "precious.txt").write_text("keep me", encoding="utf-8")
    os.symlink("precious.txt", out / "link.json")
    os.symlink("nowhere.json", out / "dangling.json")
    os.symlink("loop.json", out / "loop.json")
    (out / "folder.json").mkdir()
    os.mknod(out / "block", stat.S_IFBLK | 0o600, os.makedev(7, 200))
    expect = {"link.json": "symbolic link", "dangling.json": "symbolic link",
              "loop.json": "symbolic link", "folder.json": "a folder", "block": "block device"}
    for name, why in expect.items():
        for fmt in ("json", "csv"):
            assert main(["--archive", str(arch), "export", fmt, "-o", str(out / name)]) == 2
            err = capsys.readouterr().err
            assert err.count("\n") == 1 and why in err, err
        with Archive.open(arch, write=False) as a, pytest.raises(ExportRefused):
            ExportJob("xlsx").run(a, out / name)
    assert (out / "precious.txt").read_text(encoding="utf-8") == "keep me"
    assert os.readlink(out / "link.json") == "precious.txt"
    assert os.readlink(out / "dangling.json") == "nowhere.json"
    assert not (out / "nowhere.json").exists()
    assert (out / "folder.json").is_dir() and not any((out / "folder.json").iterdir())
    assert stat.S_ISBLK(os.lstat(out / "block").st_mode)
    assert sorted(p.name for p in out.iterdir()) == sorted([*expect, "precious.txt"])
    _archive_is_whole(arch)


def test_S15_02_character_devices_and_links_to_them_are_written_through(
        arch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    null = _char_device(out / "null")
    os.symlink(null, out / "to-null")
    for target in (null, out / "to-null"):
        for argv in (["export", "json"], ["export", "pdf"], ["export-bundle"]):
            assert main(["--archive", str(arch), *argv, "-o", str(target)]) == 0
            capsys.readouterr()
        with Archive.open(arch, write=False) as a:
            assert ExportJob("csv").run(a, target) == 1
    assert stat.S_ISCHR(os.lstat(null).st_mode)  # still the device, not a regular file
    assert os.path.islink(out / "to-null")
    assert sorted(p.name for p in out.iterdir()) == ["null", "to-null"]  # no .part left
    _archive_is_whole(arch)


def test_S15_02_a_fifo_is_written_through_or_refused_when_nobody_reads(
        arch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    for argv in (["export", "json"], ["export-bundle"]):
        reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
        reader.start()
        assert main(["--archive", str(arch), *argv, "-o", str(fifo)]) == 0
        reader.join(10)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(got[0])["documents"][0]["file"] == "report.txt"
    with zipfile.ZipFile(io.BytesIO(got[1])) as zf:  # streamed: no seek on a pipe
        assert zf.testzip() is None and "manifest.json" in zf.namelist()
    monkeypatch.setattr(atomic, "FIFO_WAIT_S", 0.2)
    capsys.readouterr()
    assert main(["--archive", str(arch), "export", "json", "-o", str(fifo)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no program read from it" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["arch", "pipe", "report.txt"]
    _archive_is_whole(arch)


def test_S15_02_regular_files_and_stdout_still_work(
        arch: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = out / "old.json"
    old.write_text("previous export", encoding="utf-8")
    assert main(["--archive", str(arch), "export", "json", "-o", str(old)]) == 0
    assert json.loads(old.read_bytes())["schema"] == "takedown-atlas/1"
    assert stat.S_ISREG(os.lstat(old).st_mode)
    assert main(["--archive", str(arch), "export", "json", "-o", str(out / "new.json")]) == 0
    capsysbinary.readouterr()
    assert main(["--archive", str(arch), "export", "json", "-o", "-"]) == 0
    assert json.loads(capsysbinary.readouterr().out)["documents"][0]["file"] == "report.txt"
    assert sorted(p.name for p in out.iterdir()) == ["new.json", "old.json"]
    _archive_is_whole(arch)
