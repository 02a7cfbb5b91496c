"""Expands what the user picked (files, folders, .zip bundles) into SourceFile units, with
limits on size, entry count, compression ratio, total expansion and nesting depth.

Streams zip entries into memory only; never extracts to disk and never uses an entry name
as a path. Office files (.docx, .xlsx, .odt: zips inside) are rejected, not expanded.
"""

from __future__ import annotations

import errno
import io
import lzma
import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from archive.limits import Limits
from archive.records import Rejected, SourceFile

_JUNK = {".ds_store", "thumbs.db", "desktop.ini", "__macosx", "ehthumbs.db", "icon\r"}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_CHUNK = 1 << 16
_OFFICE = {
    "word/": "a Word document", "xl/": "an Excel workbook", "ppt/": "a PowerPoint file",
}
_ODF_MIME = {
    "application/vnd.oasis.opendocument.text": "an OpenDocument text",
    "application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet",
    "application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation",
    "application/epub+zip": "an EPUB e-book",
}


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB" if n < 1024**3 else f"{n / 1024**3:,.0f} GB"


def _skipped(name: str) -> bool:
    """Hidden files and OS junk, skipped silently while walking folders and bundles."""
    return any(p.startswith(".") or p.lower() in _JUNK for p in PurePosixPath(name).parts)


def _unsafe(name: str) -> bool:
    if not name or "\x00" in name or name.startswith(("/", "\\")) or ":" in name:
        return True
    parts = name.replace("\\", "/").split("/")
    return any(p == ".." for p in parts)


def _last_component(name: str) -> str:
    return name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _office_kind(zf: zipfile.ZipFile) -> str | None:
    names = zf.namelist()
    if "[Content_Types].xml" in names:
        for prefix, what in _OFFICE.items():
            if any(n.startswith(prefix) for n in names):
                return what
        return "an Office document"
    if names and names[0] == "mimetype":
        try:
            with zf.open("mimetype") as fh:
                mime = fh.read(100).decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, ValueError):
            return None
        return _ODF_MIME.get(mime)
    return None


class _Budget:
    """Expanded bytes left for one top-level bundle (nested bundles draw on the same budget)."""

    def __init__(self, total: int) -> None:
        self.left = total


def iter_sources(paths: list[Path], limits: Limits) -> Iterator[SourceFile | Rejected]:
    """Yield every importable unit in *paths*, in a stable order, or why it was refused."""
    for path in paths:
        try:
            if path.is_dir():
                yield from _walk(path, path.resolve(), limits)
            elif path.exists():
                yield from _read_file(path, limits)
            elif _is_link_loop(path):
                yield Rejected(str(path), "symbolic link loop (the link never reaches a file); skipped")
            else:
                yield Rejected(str(path), "file not found")
        except OSError as exc:
            yield Rejected(str(path), f"could not read: {exc.strerror or type(exc).__name__}")


def _is_link_loop(path: Path) -> bool:
    """A symbolic link that never ends (`a -> a`, `a -> b -> a`): the kernel says ELOOP.
    (`Path.resolve` raises RuntimeError on one before Python 3.13, so ask `os.stat`.)"""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _walk(folder: Path, root: Path, limits: Limits) -> Iterator[SourceFile | Rejected]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Rejected(str(folder), f"could not read folder: {exc.strerror or type(exc).__name__}")
        return
    for entry in entries:
        if _skipped(entry.name):
            continue
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                if _is_link_loop(path):
                    yield Rejected(str(path), "symbolic link loop (the link never reaches a file); skipped")
                    continue
                target = path.resolve()
                if not target.is_file() or not target.is_relative_to(root):
                    continue  # links out of the tree, and links to folders (loops), are not followed
                yield from _read_file(path, limits)
            elif entry.is_dir(follow_symlinks=False):
                yield from _walk(path, root, limits)
            elif entry.is_file(follow_symlinks=False):
                yield from _read_file(path, limits)
            else:
                yield Rejected(str(path), _not_regular(entry.stat(follow_symlinks=False).st_mode))
        except OSError as exc:
            yield Rejected(str(path), f"could not read: {exc.strerror or type(exc).__name__}")


_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _not_regular(mode: int) -> str:
    what = next((name for test, name in _SPECIAL if test(mode)), "not a regular file")
    return f"{what}, not a file; skipped"


def _read_file(path: Path, limits: Limits) -> Iterator[SourceFile | Rejected]:
    """The file's units, each knowing the folder part of its name (see `SourceFile`)."""
    folder = str(path)[:-len(path.name)] if path.name and str(path).endswith(path.name) else ""
    for item in _read_units(path, limits):
        if isinstance(item, SourceFile):
            item.folder = folder
        yield item


def _read_units(path: Path, limits: Limits) -> Iterator[SourceFile | Rejected]:
    name = str(path)
    # Opened without blocking and checked before any read: a FIFO would wait for a writer
    # forever and a device would never end.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        yield Rejected(name, _not_regular(st.st_mode))
        return
    if st.st_size > limits.max_file_bytes:
        os.close(fd)
        yield Rejected(name, f"file is larger than the {_mb(limits.max_file_bytes)} limit")
        return
    with os.fdopen(fd, "rb") as fh:
        head = fh.read(4)
        fh.seek(0)
        if head.startswith(_ZIP_MAGIC):
            yield from _expand(fh, name, limits, 0, _Budget(limits.max_zip_total_bytes))
            return
        data = fh.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:  # the file grew while we read it
        yield Rejected(name, f"file is larger than the {_mb(limits.max_file_bytes)} limit")
        return
    yield SourceFile(name, data)


def _expand(fh: IO[bytes], name: str, limits: Limits, depth: int,
            budget: _Budget) -> Iterator[SourceFile | Rejected]:
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError,
            EOFError) as exc:
        yield Rejected(name, f"broken zip bundle ({' '.join(str(exc).split())[:120]})")
        return
    with zf:
        office = _office_kind(zf)
        if office:
            yield Rejected(name, f"{office} is not a format Takedown Atlas reads; save it as PDF")
            return
        infos = zf.infolist()
        if len(infos) > limits.max_zip_entries:
            yield Rejected(name, f"bundle has {len(infos):,} entries; the limit is {limits.max_zip_entries:,}")
            return
        for info in infos:
            entry_name = info.orig_filename
            full = f"{name}!{entry_name}"
            if _unsafe(entry_name):
                yield Rejected(f"{name}!{entry_name.replace(chr(0), '?')}", "unsafe name in bundle; skipped")
                continue
            if info.is_dir() or _skipped(entry_name):
                continue
            reason = _entry_problem(info, limits)
            if reason:
                yield Rejected(full, reason)
                continue
            data, problem = _read_entry(zf, info, limits, budget)
            if problem == "total":
                yield Rejected(full, f"bundle would expand to more than {_mb(limits.max_zip_total_bytes)}; stopped")
                return
            if data is None:
                yield Rejected(full, problem or "could not read this entry")
                continue
            if data.startswith(_ZIP_MAGIC):
                if depth + 1 > limits.max_zip_depth:
                    yield Rejected(full, "zip bundles nested too deep; skipped")
                    continue
                yield from _expand(io.BytesIO(data), full, limits, depth + 1, budget)
                continue
            yield SourceFile(full, data, display=_last_component(entry_name))


def _entry_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link in bundle; skipped"
    if info.flag_bits & 0x1:
        return "encrypted entry in bundle; skipped"
    if info.file_size > limits.max_file_bytes:
        return f"file is larger than the {_mb(limits.max_file_bytes)} limit"
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > 1024 * 1024 and ratio > limits.max_zip_ratio:
        return f"compression ratio {ratio:,.0f}:1 exceeds the {limits.max_zip_ratio:,.0f}:1 limit (zip bomb?)"
    return None


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits,
                budget: _Budget) -> tuple[bytes | None, str | None]:
    """Stream one entry, counting bytes as they come; the declared sizes may lie."""
    out = bytearray()
    cap = min(limits.max_file_bytes, budget.left)
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                out += chunk
                if len(out) > cap:
                    if len(out) > budget.left:
                        budget.left = 0
                        return None, "total"
                    return None, f"file is larger than the {_mb(limits.max_file_bytes)} limit"
                # Checked while streaming too: a forged header can understate the size.
                if len(out) > 1024 * 1024 and len(out) / max(info.compress_size, 1) > limits.max_zip_ratio:
                    return None, f"compression ratio exceeds the {limits.max_zip_ratio:,.0f}:1 limit (zip bomb?)"
    except NotImplementedError:
        return None, "compression method not supported; skipped"
    except RuntimeError:
        return None, "encrypted entry in bundle; skipped"
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        return None, f"damaged entry in bundle ({' '.join(str(exc).split())[:100]})"
    except (zlib.error, lzma.LZMAError):
        return None, "damaged entry in bundle (corrupt compressed data)"
    budget.left -= len(out)
    return bytes(out), None
