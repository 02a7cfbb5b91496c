"""What the ranker reads of each Whoosh segment by docnum, read once and kept (a segment
never changes): document ids, field lengths, BM25F's length norms.

A long-lived reader (the desktop) keeps whole columns; a one-search process (the CLI) reads
only the ids of the hits it shows, and the lengths as one block rather than a call a
document (every id of 10,000 documents took ~45 ms of a CLI search). Reads only.
"""

from __future__ import annotations

from typing import Any

from whoosh.util.numeric import byte_to_length

from archive.index.matching import K1, B

KEPT_SEGMENTS = 64  # per-segment lists kept before the cache starts again
_LENGTH_OF_BYTE = [byte_to_length(n) for n in range(256)]


def _segment_key(reader: Any) -> str | None:
    try:
        return str(reader.segment().segment_id())
    except AttributeError:
        return None


class SegmentColumns:
    def __init__(self) -> None:
        self._ids: dict[str, list[str]] = {}
        self._lengths: dict[str, list[int]] = {}
        self._norms: dict[str, list[float]] = {}

    def ids(self, reader: Any) -> list[str]:
        """Document id by docnum of one segment (kept)."""
        key = _segment_key(reader)
        ids = self._ids.get(key) if key else None
        if ids is None:
            stored = reader.stored_fields
            ids = [stored(n).get("id", "") for n in range(reader.doc_count_all())]
            if key:
                _keep(self._ids, key, ids)
        return ids

    def id_of(self, reader: Any, docnum: int) -> str:
        """One document's id: from the kept column if there is one, else its stored fields."""
        key = _segment_key(reader)
        ids = self._ids.get(key) if key else None
        if ids is not None:
            return ids[docnum]
        return str(reader.stored_fields(docnum).get("id", ""))

    def lengths(self, reader: Any, fieldname: str) -> list[int]:
        """A field's length by docnum of one segment, as Whoosh's BM25F reads it (kept)."""
        key = _segment_key(reader)
        key = f"{key}:{fieldname}" if key else None
        lengths = self._lengths.get(key) if key else None
        if lengths is None:
            lengths = _read_lengths(reader, fieldname)
            if key:
                _keep(self._lengths, key, lengths)
        return lengths

    def norms(self, reader: Any, fieldname: str, avgfl: float) -> list[float]:
        """BM25F's length normalisation by docnum of one segment, for the current average
        length *avgfl* (kept while it holds)."""
        key = _segment_key(reader)
        key = f"{key}:{fieldname}:{avgfl!r}" if key else None
        norms = self._norms.get(key) if key else None
        if norms is None:
            k, kb = K1 * (1 - B), K1 * B / avgfl
            norms = [k + kb * n for n in self.lengths(reader, fieldname)]
            if key:
                _keep(self._norms, key, norms)
        return norms


def _keep(cache: dict[str, Any], key: str, value: Any) -> None:
    if len(cache) > KEPT_SEGMENTS * 4:
        cache.clear()
    cache[key] = value


def _read_lengths(reader: Any, fieldname: str) -> list[int]:
    """Every document's length byte of *fieldname* in one read (whoosh3 keeps them as a
    column of one byte a document); the public call a document otherwise. A document
    without the field reads 0 (never scored for it: any number does)."""
    count = reader.doc_count_all()
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:  # (no document of the segment has the field)
            return [1] * count
        if column._fixedlen != 1:
            raise AttributeError("not a byte column")
        stored = min(column._count, count)
        raw = column._dbfile.get(column._basepos, stored)
        return [_LENGTH_OF_BYTE[b] for b in raw] + [0] * (count - stored)
    except (AttributeError, ImportError):
        dfl = reader.doc_field_length
        return [dfl(n, fieldname, 1) or 0 for n in range(count)]
