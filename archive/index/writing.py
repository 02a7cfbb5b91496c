"""How the index is written: the rebuild's segment writer (a term-grouped posting pool,
field lengths read once) and the catch-up's merge policy."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# Writer settings of a full rebuild, measured by bench/search_scale.py: a segment per
# 4,000 documents (archive.index.REBUILD_SEGMENT_DOCS) fits in limitmb, no spill to disk.
REBUILD_WRITER: dict[str, Any] = {"timeout": 30.0, "limitmb": 512}
# Posting blocks of 512 (Whoosh: 128) compressed at zlib level 6 (Whoosh: 3): the index of
# 10,000 reports 19.6 MB instead of 23.2, built as fast, searched as fast (a block is read
# whole anyway: archive.index.matching). Readers need no setting: each block says how it
# was written, so an index written before reads as it is.
POSTING_BLOCK, POSTING_COMPRESSION = 512, 6


def writer_codec() -> Any:
    """The codec every writer of the index uses (rebuild, catch-up and their merges)."""
    from whoosh.codec.whoosh3 import W3Codec

    return W3Codec(blocklimit=POSTING_BLOCK, compression=POSTING_COMPRESSION)
# The catch-up's small commits: segments under SMALL_SEGMENT_DOCS are merged together once
# there are MERGE_AT of them; larger segments are never merged on the import's path.
SMALL_SEGMENT_DOCS = 2000
MERGE_AT = 6


def _rebuild_writer(ix: Any) -> Any:
    """A writer of one rebuild segment, with two of Whoosh's per-posting costs taken out:
    postings grouped by term in memory and only the terms sorted at commit (a segment of
    REBUILD_SEGMENT_DOCS fits), and the field lengths read once per field rather than once
    per posting. What it writes is what Whoosh's own writer writes (a test compares)."""
    writer = ix.writer(codec=writer_codec(), **REBUILD_WRITER)
    writer.pool = _TermPool()
    plain = writer.per_document_reader
    writer.per_document_reader = lambda: _KeptLengths(plain())
    return writer


class _TermPool:
    """Stands in for whoosh.writing.PostingPool: add(), iter_postings(), cleanup()."""

    def __init__(self) -> None:
        self._terms: dict[tuple[str, bytes], list[tuple[int, float, bytes | None]]] = {}

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, text, docnum, weight, value = item
        try:
            self._terms[fieldname, text].append((docnum, weight, value))
        except KeyError:
            self._terms[fieldname, text] = [(docnum, weight, value)]

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        terms = self._terms
        for key in sorted(terms):
            fieldname, text = key
            postings = terms[key]
            postings.sort()  # (added in docnum order already, but merges need not be)
            for docnum, weight, value in postings:
                yield fieldname, text, docnum, weight, value

    def cleanup(self) -> None:
        self._terms = {}


class _KeptLengths:
    """A per-document reader whose doc_field_length comes from a list read once a field."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._lengths: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            dfl = self._reader.doc_field_length
            lengths = [dfl(n, fieldname, default) for n in range(self._reader.doc_count_all())]
            self._lengths[fieldname] = lengths
        return lengths[docnum] if docnum < len(lengths) else default

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


def merge_small_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy of the catch-up: merge the small segments once there are
    MERGE_AT of them, leave the large ones (merging those stalled imports for tens of s)."""
    from whoosh.reading import SegmentReader

    small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT_DOCS]
    if len(small) < MERGE_AT:
        return segments
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [s for s in segments if s not in small]

