"""The stored form of a document's clean text (schema 5): zlib-compressed UTF-8 in
`document.text_z`. Every reader and writer of that column goes through here.

In Python: `pack` and `unpack`. In SQL (registered on every connection by `register`):
`ta_text(text_z)` is the text, and an error if the stored bytes are damaged (never a
changed text shown as if it were the document's); `ta_text_for_digest(text_z)` is what the
document checksum covers: the text, or the damaged bytes as they are, so `check` reports
the damage instead of stopping at it. The checksum is of the text itself, so digests
written before schema 5 still hold.
"""

from __future__ import annotations

import sqlite3
import zlib

from archive.errors import DAMAGED_HINT, CorruptArchive

LEVEL = 6  # zlib's default: a report's text shrinks 3-4x; level 9 saves ~1% more, slower
TEXT_SQL = "ta_text(text_z)"  # the text, in a query of the document table


def pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8", "surrogatepass"), LEVEL)


def unpack(stored: bytes | str) -> str:
    """The text of a stored value (a plain string is taken as it is); CorruptArchive if
    the bytes are damaged."""
    if isinstance(stored, str):
        return stored
    try:
        return zlib.decompress(stored).decode("utf-8", "surrogatepass")
    except (zlib.error, UnicodeDecodeError) as exc:
        raise CorruptArchive(f"{DAMAGED_HINT} (a document text: {type(exc).__name__})") from None


def _for_digest(stored: bytes | str | None) -> str | bytes | None:
    if stored is None:
        return None
    try:
        return unpack(stored)
    except CorruptArchive:
        return bytes(stored) if not isinstance(stored, str) else stored


def register(conn: sqlite3.Connection) -> None:
    conn.create_function("ta_text", 1, unpack, deterministic=True)
    conn.create_function("ta_text_for_digest", 1, _for_digest, deterministic=True)
