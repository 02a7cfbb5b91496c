"""Write an export to a temporary file beside the target, then rename: never a half file.

Exports write only regular files: a target inside the archive folder (by any path, `..` or
symlink), a folder, a block device or socket, and a symbolic link to anything but a pipe
or terminal are refused with one line. A FIFO or character device (`/dev/null`, a pipe
given as `/dev/stdout`) is written through, never replaced. `-` means standard output.
File names proposed from titles go through `safe_filename`.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from archive.errors import ArchiveError, StorageError

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
FIFO_WAIT_S = 5.0  # how long a named pipe may take to get a reader before we give up


class ExportRefused(ArchiveError):
    """The export target is not a place an export may write (exit 2, one line)."""


def check_target(target: str | os.PathLike[str], archive_root: Path | None = None) -> bool:
    """Refuse what an export must not write; return True if *target* is written through
    (a FIFO or character device), False if it gets a new regular file by rename."""
    if str(target) == "-":
        return True
    path = Path(target)
    if archive_root is not None and _inside(path, archive_root):
        raise ExportRefused(f"cannot write {path}: it is inside the archive folder "
                            f"{archive_root}; choose a place outside it")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StorageError(f"cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISREG(st.st_mode):
        return False
    if stat.S_ISLNK(st.st_mode):
        try:
            through = _passes_through(os.stat(path).st_mode)
        except OSError:
            through = False  # dangling or looping: refused like any other link
        if not through:
            raise ExportRefused(
                f"cannot write {path}: it is a symbolic link, and an export never replaces "
                "a link or the file it points to; name the file itself (or use -o - for "
                "standard output)")
        return True
    if _passes_through(st.st_mode):
        return True
    what = "a folder" if stat.S_ISDIR(st.st_mode) else (
        "a block device" if stat.S_ISBLK(st.st_mode) else "not a regular file")
    raise ExportRefused(f"cannot write {path}: it is {what}; name a file")


def _passes_through(mode: int) -> bool:
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _inside(path: Path, root: Path) -> bool:
    """Whether *path* (or, for a link, what it points to) lies in the folder *root*,
    compared by device and inode so `..`, links and case-insensitive names all count."""
    try:
        root_st = os.stat(root)
    except OSError:
        return False
    real = Path(os.path.realpath(path))
    link_home = Path(os.path.realpath(path.parent if str(path.parent) else ".")) / path.name
    for candidate in (real, link_home):
        for folder in (candidate, *candidate.parents):
            try:
                if os.path.samestat(os.stat(folder), root_st):
                    return True
            except OSError:
                continue
    return False


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike[str], *,
                  archive_root: Path | None = None) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces *target*, on failure nothing is left.

    A FIFO or character device is written through instead (no rename; a failure may have
    written part of it). Refused targets raise ExportRefused before anything is written."""
    if str(target) == "-":
        yield sys.stdout.buffer
        sys.stdout.flush()
        return
    path = Path(target)
    if check_target(path, archive_root):
        with _through(path) as fh:
            yield fh
        return
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise StorageError(f"cannot write {path}: the folder {directory} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise StorageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if check_target(path, archive_root):  # it may have changed while we wrote
            raise ExportRefused(f"cannot write {path}: it became a pipe or device meanwhile")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_error(path, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _through(path: Path) -> Iterator[BinaryIO]:
    """Write into a FIFO or character device as it is; a pipe nobody reads is refused."""
    nonblock = getattr(os, "O_NONBLOCK", 0)  # POSIX only; Windows has no FIFOs to wait on
    flags = os.O_WRONLY | nonblock | getattr(os, "O_NOCTTY", 0)
    deadline = time.monotonic() + FIFO_WAIT_S
    while True:
        try:
            fd = os.open(path, flags)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: a FIFO with no reader yet
                raise _write_error(path, exc) from None
            if time.monotonic() >= deadline:
                raise ExportRefused(f"cannot write {path}: it is a named pipe and no program "
                                    f"read from it within {FIFO_WAIT_S:g} s") from None
            time.sleep(0.05)
    if not _passes_through(os.fstat(fd).st_mode):  # swapped for a file since the check
        os.close(fd)
        raise ExportRefused(f"cannot write {path}: it changed while the export started")
    if nonblock:
        os.set_blocking(fd, True)
    try:
        with io.BufferedWriter(_Unseekable(fd)) as fh:
            yield fh
    except OSError as exc:
        raise _write_error(path, exc) from None


class _Unseekable(io.FileIO):
    """A pipe or device as a stream: /dev/null answers tell() and seek() with 0, which
    would make zipfile write a bundle with wrong offsets; unseekable, it streams."""

    def __init__(self, fd: int) -> None:
        super().__init__(fd, "wb", closefd=True)

    def seekable(self) -> bool:
        return False

    def seek(self, pos: int, whence: int = 0) -> int:
        raise io.UnsupportedOperation("seek")

    def tell(self) -> int:
        raise io.UnsupportedOperation("tell")


def _write_error(path: Path, exc: OSError) -> StorageError:
    if exc.errno == errno.ENOSPC:
        return StorageError(f"Could not write {path.name} (disk full). The archive is unchanged.")
    return StorageError(f"Could not write {path.name}: {exc.strerror or exc}")


def safe_filename(title: str, suffix: str = "", max_len: int = 120) -> str:
    """A portable file name from untrusted text: no separators, reserved names or traversal."""
    name = unicodedata.normalize("NFC", title)
    name = re.sub(r'[\x00-\x1f\x7f<>:"/\\|?*]+', " ", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    name = name.replace("..", ".")
    if not name or name.split(".")[0].lower() in _RESERVED:
        name = f"export {name}".strip()
    name = name[:max_len].rstrip(" .") or "export"
    return name + suffix
