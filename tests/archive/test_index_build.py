"""The rebuild's faster writer (term-grouped pool, field lengths read once) writes what
Whoosh's own writer writes, segment by segment."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from archive import index
from archive.index import SearchIndex
from archive.store import IndexDoc

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from corpus import write_corpus  # noqa: E402


def _docs(folder: Path) -> list[IndexDoc]:
    docs = []
    for i, path in enumerate(write_corpus(folder, 60)):
        text = path.read_text(encoding="utf-8")
        docs.append(IndexDoc(
            id=f"d{i:03}", title=text.splitlines()[0], text=text, publisher="Meta" if i % 3 else "",
            published=f"20{10 + i % 12}-01-0{1 + i % 9}" if i % 4 else None,
            source_type="news" if i % 2 else "official_report", language="en",
            countries=["RU", "UA"][: i % 3], origins=["RU"] if i % 5 else [],
            targets=["UA"] if i % 2 else [], actors=["Internet Research Agency"] if i % 7 == 0 else [],
            platforms=["facebook", "x"][: i % 3], tags=["checked"] if i % 11 == 0 else [],
            starred=i % 13 == 0))
    return docs


def _content(ix: SearchIndex) -> tuple[list[object], list[object], list[object]]:
    with ix._ix.searcher() as s:
        postings, lengths, stored = [], [], []
        for leaf, offset in s.leaf_searchers():
            r = leaf.reader()
            postings.extend((offset, p) for p in r.iter_postings())
            for name, field in r.schema.items():
                if field.scorable:
                    lengths.extend((name, offset + n, r.doc_field_length(n, name))
                                   for n in range(r.doc_count_all()))
            stored.extend(r.all_stored_fields())
    return postings, lengths, stored


def test_the_rebuild_writer_writes_what_whoosh_writes(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs(tmp_path / "corpus")
    monkeypatch.setattr(index, "REBUILD_SEGMENT_DOCS", 25)  # three segments
    fast = SearchIndex.create(tmp_path / "fast")
    fast.rebuild(iter(docs), len(docs), 7)
    monkeypatch.setattr(index, "_rebuild_writer", lambda ix: ix.writer(**index.REBUILD_WRITER))
    plain = SearchIndex.create(tmp_path / "plain")
    plain.rebuild(iter(docs), len(docs), 7)
    got, want = _content(fast), _content(plain)
    assert len(want[0]) > 10_000 and len(want[1]) > 100
    assert got == want
    assert fast.generation() == 7 and fast.doc_count() == len(docs)
    with fast._ix.searcher() as s:
        assert len(s.leaf_searchers()) == 3
    fast.close()
    plain.close()


def test_segment_columns_read_what_whoosh_reads_a_document_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lengths read as one block and the ids read one hit at a time
    (`archive.index.segments`) equal Whoosh's own per-document calls, in every segment,
    for fields some documents lack (title-less, publisher-less, actor-less ones)."""
    from archive.index.segments import SegmentColumns

    docs = _docs(tmp_path / "corpus")
    docs[5].title = ""
    ix = SearchIndex.create(tmp_path / "ix")
    ix.apply(docs[:20])  # three segments, the last one with a deletion
    ix.apply(docs[20:45])
    ix.apply(docs[45:], delete_ids=["d003"])
    columns = SegmentColumns()
    with ix._ix.searcher() as s:
        leaves = [leaf.reader() for leaf, _offset in s.leaf_searchers()]
        assert len(leaves) == 3
        for r in leaves:
            fields = [name for name, f in r.schema.items() if f.scorable]
            assert {"title", "body", "pairs", "actor", "publisher"} <= set(fields)
            want = {name: [r.doc_field_length(n, name, 1) or 0 for n in range(r.doc_count_all())]
                    for name in fields}
            with monkeypatch.context() as m:  # (read as a block: the per-document call unused)
                m.setattr(type(r), "doc_field_length", _not_called)
                assert {name: columns.lengths(r, name) for name in fields} == want
            one_by_one = [columns.id_of(r, n) for n in range(r.doc_count_all())]
            assert one_by_one == [r.stored_fields(n)["id"] for n in range(r.doc_count_all())]
            assert columns.ids(r) == one_by_one  # (and from the kept column, once read)
            assert [columns.id_of(r, n) for n in range(r.doc_count_all())] == one_by_one
        assert any(max(columns.lengths(r, "body")) > 100 for r in leaves)
    ix.close()


def _not_called(*_args: object) -> None:
    raise AssertionError("read a document at a time")


def test_every_writer_writes_larger_better_compressed_blocks(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The rebuild, the catch-up and its merges all write with `writing.writer_codec()`; an
    index written the same way with Whoosh's default blocks answers the same."""
    from whoosh.codec.whoosh3 import W3Codec

    from archive.index import writing

    docs = _docs(tmp_path / "corpus")
    monkeypatch.setattr(index, "REBUILD_SEGMENT_DOCS", 25)
    monkeypatch.setattr(writing, "MERGE_AT", 3)

    def build(folder: Path) -> SearchIndex:
        ix = SearchIndex.create(folder)
        ix.rebuild(iter(docs[:50]), 50, 1)
        for k in range(50, 60, 2):
            ix.apply(docs[k:k + 2])  # small commits, merged as they come
        assert ix.doc_count() == 60
        return ix

    ix = build(tmp_path / "ix")
    assert {(s.codec()._blocklimit, s.codec()._compression) for s in ix._ix._segments()} == {
        (writing.POSTING_BLOCK, writing.POSTING_COMPRESSION)}
    monkeypatch.setattr(writing, "writer_codec", W3Codec)
    monkeypatch.setattr(index, "writer_codec", W3Codec)
    old = build(tmp_path / "old")
    assert {s.codec()._blocklimit for s in old._ix._segments()} == {128}
    for q in ("facebook", '"inauthentic behavior"', "coordinated AND accounts", "country:ru"):
        new_res, old_res = ix.search(q, limit=60), old.search(q, limit=60)
        assert new_res.total == old_res.total > 0, q
        assert ([(h.id, h.score) for h in new_res.hits]
                == [(h.id, h.score) for h in old_res.hits]), q
    ix.close()
    old.close()
