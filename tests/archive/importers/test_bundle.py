"""Folders and .zip bundles: order, hidden files, limits, zip bombs, zip-slip, Office files."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from archive.importers.bundle import iter_sources
from archive.limits import Limits
from archive.records import Rejected, SourceFile


def make_zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in entries.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buf.getvalue()


def run(paths: list[Path], limits: Limits | None = None) -> tuple[dict[str, bytes], dict[str, str]]:
    files: dict[str, bytes] = {}
    rejected: dict[str, str] = {}
    for item in iter_sources(paths, limits or Limits()):
        if isinstance(item, SourceFile):
            files[item.name] = item.data
        else:
            assert isinstance(item, Rejected) and "\n" not in item.reason
            rejected[item.file] = item.reason
    return files, rejected


def test_folder_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    (tmp_path / "Thumbs.db").write_bytes(b"\x00")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("secret")
    os.symlink(outside, tmp_path / "link-out.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "link-in.txt")
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    files, rejected = run([tmp_path])
    names = [Path(n).relative_to(tmp_path).as_posix() for n in files]
    assert names == ["a.txt", "b/z.txt", "link-in.txt"]
    assert not rejected


def test_zip_bundle_entries_are_named_bundle_bang_entry(tmp_path: Path) -> None:
    inner = make_zip({"deep.txt": "Şəbəkə".encode()})
    bundle = tmp_path / "reports.zip"
    bundle.write_bytes(make_zip({"one.txt": b"1", "dir/two.md": b"# 2", "__MACOSX/._one.txt": b"x",
                                 "inner.zip": inner}))
    files, rejected = run([bundle])
    assert files == {f"{bundle}!one.txt": b"1", f"{bundle}!dir/two.md": b"# 2",
                     f"{bundle}!inner.zip!deep.txt": "Şəbəkə".encode()}
    assert not rejected


def test_zip_found_by_magic_not_extension(tmp_path: Path) -> None:
    odd = tmp_path / "bundle.dat"
    odd.write_bytes(make_zip({"x.txt": b"x"}))
    files, _ = run([odd])
    assert list(files) == [f"{odd}!x.txt"]


def test_nesting_deeper_than_the_limit_is_refused(tmp_path: Path) -> None:
    level2 = make_zip({"x.txt": b"x"})
    level1 = make_zip({"level2.zip": level2})
    bundle = tmp_path / "outer.zip"
    bundle.write_bytes(make_zip({"level1.zip": level1}))
    files, rejected = run([bundle])
    assert not files
    assert rejected == {f"{bundle}!level1.zip!level2.zip": "zip bundles nested too deep; skipped"}


def test_zip_slip_names_are_skipped_and_others_kept(tmp_path: Path) -> None:
    bad = ["../../etc/evil.txt", "/abs/path.txt", "C:/win.txt", "..\\..\\win.txt", "ok/../../up.txt",
           "nulQ.txt", "\\\\server\\share\\x.txt"]
    bundle = tmp_path / "slip.zip"
    # zipfile cuts names at NUL when writing, so the NUL is patched into the bytes afterwards
    data = make_zip({**{n: b"bad" for n in bad}, "fine.txt": b"good"}).replace(b"nulQ.txt", b"nul\x00.txt")
    bundle.write_bytes(data)
    files, rejected = run([bundle])
    assert files == {f"{bundle}!fine.txt": b"good"}
    assert len(rejected) == len(bad)
    assert set(rejected.values()) == {"unsafe name in bundle; skipped"}


def test_zip_bomb_by_ratio_is_rejected_without_expanding(tmp_path: Path) -> None:
    bundle = tmp_path / "bomb.zip"
    bundle.write_bytes(make_zip({"zeros.txt": bytes(30 * 1024 * 1024), "fine.txt": b"ok"}))
    assert bundle.stat().st_size < 100_000
    files, rejected = run([bundle])
    assert files == {f"{bundle}!fine.txt": b"ok"}
    assert "zip bomb" in rejected[f"{bundle}!zeros.txt"]


def test_total_expansion_limit_stops_the_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "big.zip"
    bundle.write_bytes(make_zip({f"{i}.txt": os.urandom(4000) for i in range(5)}, zipfile.ZIP_STORED))
    files, rejected = run([bundle], Limits(max_zip_total_bytes=10_000))
    assert len(files) == 2
    assert list(rejected.values()) == ["bundle would expand to more than 0 MB; stopped"]


def test_entry_count_limit(tmp_path: Path) -> None:
    bundle = tmp_path / "many.zip"
    bundle.write_bytes(make_zip({f"{i}.txt": b"x" for i in range(30)}))
    files, rejected = run([bundle], Limits(max_zip_entries=10))
    assert not files and rejected == {str(bundle): "bundle has 30 entries; the limit is 10"}


def test_encrypted_entry_is_rejected_per_entry(tmp_path: Path) -> None:
    data = bytearray(make_zip({"secret.txt": b"s", "open.txt": b"o"}, zipfile.ZIP_STORED))
    # set the "encrypted" flag bit of the first entry in its local and central headers
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = data.find(sig)
        flag_at = at + (6 if sig == b"PK\x03\x04" else 8)
        data[flag_at] |= 1
    bundle = tmp_path / "enc.zip"
    bundle.write_bytes(bytes(data))
    files, rejected = run([bundle])
    assert files == {f"{bundle}!open.txt": b"o"}
    assert rejected == {f"{bundle}!secret.txt": "encrypted entry in bundle; skipped"}


def test_broken_zip_is_rejected_as_a_whole(tmp_path: Path) -> None:
    bundle = tmp_path / "broken.zip"
    bundle.write_bytes(make_zip({"a.txt": b"a" * 100})[:60])
    files, rejected = run([bundle])
    assert not files and rejected[str(bundle)].startswith("broken zip bundle")


def test_office_files_are_not_bundles(tmp_path: Path) -> None:
    docx = tmp_path / "report.docx"
    docx.write_bytes(make_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}))
    odt = tmp_path / "report.odt"
    odt.write_bytes(make_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}))
    files, rejected = run([docx, odt])
    assert not files
    assert rejected[str(docx)].startswith("a Word document is not a format")
    assert rejected[str(odt)].startswith("an OpenDocument text is not a format")


def test_oversized_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    files, rejected = run([big, tmp_path / "nope.txt"], Limits(max_file_bytes=1000))
    assert not files
    assert rejected[str(big)] == "file is larger than the 0 MB limit"
    assert rejected[str(tmp_path / "nope.txt")] == "file not found"
    assert run([big])[1] == {}  # the default limit lets it through
