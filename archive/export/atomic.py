"""Write an export to a temporary file beside the target, then rename: never a half file.

`-` means standard output. File names proposed from titles go through `safe_filename`.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from archive.errors import StorageError

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces *target*, on failure nothing is left."""
    if str(target) == "-":
        yield sys.stdout.buffer
        sys.stdout.flush()
        return
    path = Path(target)
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
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if exc.errno == 28:
            raise StorageError(
                f"Could not write {path.name} (disk full). The archive is unchanged.") from None
        raise StorageError(f"Could not write {path.name}: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
