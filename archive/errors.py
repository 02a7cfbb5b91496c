"""The one root exception and its family.

Every error a user can cause or meet derives from ArchiveError and carries a one-line,
human message. Anything else escaping the core is a bug.
"""

from __future__ import annotations


class ArchiveError(Exception):
    """Root of every expected failure; str(exc) is a one-line message for a person."""

    exit_code = 2


class Cancelled(ArchiveError):
    """The user cancelled a long operation. A normal outcome, never an error dialog."""

    exit_code = 1

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)


class UnsupportedFormat(ArchiveError):
    """The file is not a format any importer reads."""


class ParseError(ArchiveError):
    """The file claims a known format but cannot be read (broken, encrypted, hostile)."""


class LimitExceeded(ParseError):
    """A safety limit (size, time, memory, zip ratio, page count) was hit."""


class ReaderUnavailable(ArchiveError):
    """The isolated file reader could not start: the environment is broken, not the file.

    Stops the whole import (exit 2) instead of failing every file with the same cause.
    """


class ArchiveLocked(ArchiveError):
    """Another process holds the archive's writer lock."""

    def __init__(self, pid: int | None, host: str | None = None) -> None:
        where = "on this computer" if host is None else f"on {host}"
        who = f"PID {pid} {where}" if pid else "another process"
        super().__init__(f"This archive is open in another window ({who}).")
        self.pid = pid


class ReadOnlyArchive(ArchiveError):
    """A write was attempted on an archive opened read-only."""

    def __init__(self, message: str = "This archive is read-only; nothing was changed.") -> None:
        super().__init__(message)


class StorageError(ArchiveError):
    """The environment failed us: disk full, permissions, read-only media."""


class NotFound(ArchiveError):
    """An id that does not exist in the archive."""


class SchemaError(ArchiveError):
    """The archive was written by a newer version, or its schema is damaged."""


class MissingDatabase(ArchiveError):
    """The folder holds originals or backups but no database: never start a new one there."""


class CorruptArchive(ArchiveError):
    """The SQLite file failed its integrity check."""


DAMAGED_HINT = ("The archive file is damaged. Run `takedown-atlas restore` to go back to the "
                "latest backup (the damaged file is kept aside).")
