"""Opening an archive folder: create it if asked, take the writer lock, open the database.

The facade's first step, kept apart so the facade only composes: a folder on read-only
media opens read-only, a PID left in the lock file means the last writer crashed.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from archive.blobs import BlobStore
from archive.errors import ArchiveError, MissingDatabase, StorageError
from archive.lock import WriterLock, read_lock_info
from archive.store import DB_NAME, open_database


@dataclass(slots=True)
class OpenedFolder:
    root: Path
    conn: sqlite3.Connection
    lock: WriterLock | None
    readonly: bool
    unclean: bool  # the last writer died holding the lock: recover before use
    shared: bool = False  # the lock was already held in this process (another thread's Archive)


def open_folder(path: str | os.PathLike[str], *, create: bool, write: bool, wait_lock_s: float,
                before_upgrade: Callable[[sqlite3.Connection, Path], object]) -> OpenedFolder:
    """write=True takes the single-writer lock (ArchiveLocked if another process has it)."""
    root = Path(path).expanduser()
    db_path = root / DB_NAME
    if not db_path.exists():
        _refuse_a_lost_database(root)
        if not create:
            raise ArchiveError(f"no archive at {root} (use import to create one)")
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create the archive folder {root}: {exc.strerror}") from None
    readonly = not os.access(root, os.W_OK) or (
        db_path.exists() and not os.access(db_path, os.W_OK))
    lock = None
    unclean = shared = False
    if write and not readonly:
        lock = WriterLock(root / ".lock")
        # A holder that exits cleanly empties the file: a PID left in it means a crash,
        # unless this process holds the lock already (its PID is ours, and it is alive).
        shared = lock.held_in_process()
        unclean = (db_path.exists() and not shared
                   and read_lock_info(root / ".lock")[0] is not None)
        lock.acquire(wait_s=wait_lock_s)
    try:
        conn = open_database(db_path, readonly=readonly,
                             before_upgrade=lambda c: before_upgrade(c, root))
    except BaseException:
        if lock:
            lock.release()
        raise
    return OpenedFolder(root, conn, lock, readonly, unclean, shared)


def _refuse_a_lost_database(root: Path) -> None:
    """A folder with originals or backups but no database lost it (moved by mistake, a sync
    conflict, a crash inside restore): a new empty database there would make every original
    look like an orphan. Say so and point to restore; change nothing."""
    originals = sum(1 for _ in BlobStore(root / "blobs").all_shas())
    backups = len(list((root / "backups").glob("archive-*.sqlite*"))) if (root / "backups").is_dir() else 0
    if originals or backups:
        held = ", ".join(part for part in (
            f"{originals} original{'s' if originals != 1 else ''}" if originals else "",
            f"{backups} backup{'s' if backups != 1 else ''}" if backups else "") if part)
        raise MissingDatabase(
            f"The archive database is missing from {root}, which still holds {held}; nothing "
            f"was changed. Run `takedown-atlas --archive {root} restore` to bring back the "
            "newest backup that holds documents.")
