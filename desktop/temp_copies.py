"""The app's one temporary folder per session, for copies of originals opened outside it.

Made on first use (named with our PID), removed when the app exits; folders that earlier
sessions left behind (a crash, a kill -9) are removed at the next start once a day old.
Qt-free; it never touches anything but folders it named itself.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

PREFIX = "takedown-atlas-session-"
STALE_AFTER = 24 * 3600  # seconds
_NAME = re.compile(re.escape(PREFIX) + r"(\d+)-[\w-]+")


class SessionTemp:
    """One folder for this session's viewer copies; each copy in a subfolder of its own, so
    two originals with the same name never overwrite each other."""

    def __init__(self, base: Path | None = None) -> None:
        self.base = Path(base) if base is not None else Path(tempfile.gettempdir())
        self._folder: Path | None = None

    @property
    def folder(self) -> Path | None:
        """The session folder, or None while nothing has been written."""
        return self._folder

    def write_copy(self, name: str, data: bytes) -> Path:
        """Write *data* as *name* (a bare file name the core chose) and return its path."""
        if self._folder is None or not self._folder.is_dir():
            self._folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=self.base))
        target = Path(tempfile.mkdtemp(dir=self._folder)) / Path(name).name
        target.write_bytes(data)
        return target

    def remove(self) -> None:
        """Remove the session folder and everything in it (idempotent)."""
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


def remove_stale(base: Path | None = None, *, max_age: float = STALE_AFTER,
                 now: float | None = None) -> list[Path]:
    """Remove session folders older than *max_age* whose process is gone; return them."""
    base = Path(base) if base is not None else Path(tempfile.gettempdir())
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(base.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _NAME.fullmatch(entry.name)
        if match is None or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            age = now - entry.stat().st_mtime
        except OSError:
            continue
        if age < max_age or _alive(int(match.group(1))):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill there terminates; the age alone decides
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's live process (or we cannot tell): leave it
    return True
