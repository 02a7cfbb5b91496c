"""One writer at a time: the writer lock (taken late if the archive opened for reading) and
the single-transaction context every write goes through."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from archive.errors import ArchiveError, ReadOnlyArchive
from archive.lock import WriterLock
from archive.store import Store


class Writer:
    def __init__(self, store: Store, root: Path, lock: WriterLock | None, *,
                 readonly: bool) -> None:
        self.store = store
        self.root = root
        self.lock = lock
        self.readonly = readonly

    @property
    def writable(self) -> bool:
        return self.lock is not None and self.lock.owned

    def require(self) -> None:
        """Take the writer lock if this archive opened for reading; ReadOnlyArchive if it
        cannot be written at all."""
        if self.readonly:
            raise ReadOnlyArchive()
        if not self.writable:
            assert self.lock is None
            self.lock = WriterLock(self.root / ".lock")
            self.lock.acquire()

    def can_write(self) -> bool:
        try:
            self.require()
        except ArchiveError:
            return False
        return True

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """One SQLite transaction (BEGIN IMMEDIATE ... COMMIT) under the writer lock."""
        self.require()
        self.store.begin()
        try:
            yield self.store
        except BaseException:
            self.store.rollback()
            raise
        self.store.commit()

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
