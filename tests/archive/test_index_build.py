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
