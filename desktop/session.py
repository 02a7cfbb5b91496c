"""One open archive for the desktop: the window's own connection plus one per worker thread.

SQLite connections are not shared between threads, so each pool thread lazily opens its
own `Archive` on the same folder (the writer lock is re-entrant within the process).
Qt-free; the task functions in `desktop.jobs` receive a session and call `for_thread()`.
"""

from __future__ import annotations

import threading
from pathlib import Path

from archive.api import Archive


class ArchiveSession:
    """The archive folder the window shows, and the connections opened on it."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive  # the GUI thread's connection (holds the writer lock)
        self.root: Path = archive.root
        self._per_thread: dict[int, Archive] = {}
        self._guard = threading.Lock()

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> ArchiveSession:
        """Open (or create) *path*; raises ArchiveLocked if another window holds it."""
        return cls(Archive.open(path, create=create))

    @property
    def readonly(self) -> bool:
        return self.archive.readonly

    def for_thread(self) -> Archive:
        """This thread's own Archive on the same folder (opened on first use)."""
        ident = threading.get_ident()
        if ident == threading.main_thread().ident:
            return self.archive
        with self._guard:
            own = self._per_thread.get(ident)
        if own is None:
            own = Archive.open(self.root, create=False, write=not self.readonly)
            with self._guard:
                self._per_thread[ident] = own
        return own

    def close(self) -> None:
        """Close every connection; call only after the task pools have finished."""
        with self._guard:
            others, self._per_thread = list(self._per_thread.values()), {}
        for a in others:
            a.close()
        self.archive.close()
