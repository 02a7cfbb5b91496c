"""One writer per archive: an OS file lock on <archive>/.lock holding "pid host".

flock is released by the kernel when the holder dies, so a lock file left by a crash
is stale by construction and simply taken over. Within one process the lock is
re-entrant (the desktop's writer thread and window share it).
"""

from __future__ import annotations

import fcntl
import os
import socket
import threading
import time
from pathlib import Path

from archive.errors import ArchiveLocked

_held: dict[Path, tuple[int, int]] = {}  # resolved path -> (fd, refcount)
_guard = threading.Lock()


class WriterLock:
    def __init__(self, path: Path) -> None:
        self.path = path.resolve()
        self._owned = False

    def acquire(self, wait_s: float = 0.0) -> None:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                self._try_acquire()
                return
            except ArchiveLocked:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.1)

    def _try_acquire(self) -> None:
        with _guard:
            if self._owned:
                return
            held = _held.get(self.path)
            if held:
                _held[self.path] = (held[0], held[1] + 1)
                self._owned = True
                return
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                pid, host = read_lock_info(self.path)
                raise ArchiveLocked(pid, None if host == socket.gethostname() else host) from None
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
            _held[self.path] = (fd, 1)
            self._owned = True

    def release(self) -> None:
        with _guard:
            if not self._owned:
                return
            self._owned = False
            fd, count = _held[self.path]
            if count > 1:
                _held[self.path] = (fd, count - 1)
                return
            del _held[self.path]
            try:
                os.ftruncate(fd, 0)
            finally:
                os.close(fd)  # closing the fd drops the flock

    @property
    def owned(self) -> bool:
        return self._owned

    def held_in_process(self) -> bool:
        """True if another WriterLock of this process holds the lock (re-entry, not a crash)."""
        with _guard:
            return self.path in _held


def read_lock_info(path: Path) -> tuple[int | None, str | None]:
    """The PID and host written by the current (or last) holder, if readable."""
    try:
        parts = path.read_text(encoding="ascii", errors="replace").split()
        return int(parts[0]), parts[1] if len(parts) > 1 else None
    except (OSError, ValueError, IndexError):
        return None, None
