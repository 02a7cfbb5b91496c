"""Exact hit totals (against a brute-force count), the fast term counting the index uses,
and common words that are explained instead of searched."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from archive.api import Archive
from archive.index import _PAIRS, _TEXT, body_terms, fold_accents, pair_terms

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from corpus import write_corpus  # noqa: E402

ODD_TEXTS = [
    "Meta's report: don't say 'X (formerly Twitter)' – 1,000 accounts; U.S.-based e.g. a.b.c",
    "Azərbaycan Ciucă İstanbul ŞİRKƏTİ straße ÆRØ Œuvre þing ð Ł łódź ΟΔΟΣ οδός 北京 日本語",
    "", "   ", "one", "...", "a", "x y", "O'Brien’s rock’n’roll l'état 3.14 v2.0.1 _under_",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_counted_terms_equal_the_analyzers(text: str) -> None:
    assert body_terms(text) == Counter(t.text for t in _TEXT(text))
    expected_pairs = Counter(t.text for t in _PAIRS(text)) if re.search(r"\w", text) else {}
    assert pair_terms(text) == expected_pairs


def test_counted_terms_equal_the_analyzers_on_the_bench_corpus(tmp_path: Path) -> None:
    for path in write_corpus(tmp_path / "c", 40):
        text = path.read_text(encoding="utf-8")
        assert body_terms(text) == Counter(t.text for t in _TEXT(text))
        assert pair_terms(text) == Counter(t.text for t in _PAIRS(text))


@pytest.fixture(scope="module")
def corpus_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 generated reports imported in three runs (several index segments), a few of them
    tagged afterwards (re-indexed: old versions deleted in the index, which totals must not
    count)."""
    root = tmp_path_factory.mktemp("totals")
    files = write_corpus(root / "corpus", 120)
    path = root / "archive"
    with Archive.open(path) as a:
        for part in (files[:50], files[50:90], files[90:]):
            a.import_paths(part)
        for doc_id in a.store.document_ids()[::17]:
            a.set_tags("document", doc_id, ["checked"])
    return path


def _words(text: str) -> set[str]:
    return {t.text for t in _TEXT(text)}


def _phrase(words: list[str], text: str) -> bool:
    pattern = r"\W+".join(re.escape(w) for w in words)
    return re.search(rf"(?<!\w){pattern}(?!\w)", fold_accents(text).lower()) is not None


BRUTE = {
    "opposition": lambda w, t: "opposit" in w,
    "opposition AND energy": lambda w, t: {"opposit", "energi"} <= w,
    "election AND telegram": lambda w, t: {"elect", "telegram"} <= w,
    "opposition OR energy": lambda w, t: bool({"opposit", "energi"} & w),
    "opposition NOT energy": lambda w, t: "opposit" in w and "energi" not in w,
    "NOT energy": lambda w, t: "energi" not in w,
    "propag*": lambda w, t: any(x.startswith("propag") for x in w),
    '"energy prices"': lambda w, t: _phrase(["energy", "prices"], t),
    '"coordinated inauthentic behavior"':
        lambda w, t: _phrase(["coordinated", "inauthentic", "behavior"], t),
    "xylophone": lambda w, t: False,
}


def test_totals_are_exact_against_a_brute_force_count(corpus_archive: Path) -> None:
    with Archive.open(corpus_archive, write=False) as a:
        assert a._keeper.index._ix.searcher().reader().has_deletions()  # (the case to count)
        live = a.store.conn.execute(
            "SELECT id, coalesce(title, '') || ' ' || ta_text(text_z) FROM document").fetchall()
        assert len(live) == 120
        for q, matches in BRUTE.items():
            brute = sum(1 for _id, text in live if matches(_words(text), text))
            res = a.search(q, limit=5)
            assert res.total == brute, q
            assert len(a.query_ids(q)[0]) == brute, q
            ranked, _notice = a._keeper.search_all(q)  # the browser's list: best first
            assert len(set(ranked)) == len(ranked) == brute, q
            if not q.startswith('"'):  # (phrase hits are verified and may drop out)
                assert ranked[:5] == [h.id for h in res.hits], q
        # a total that is neither 0 nor everything, so the check can fail both ways
        assert 0 < sum(1 for _i, t in live if BRUTE["opposition AND energy"](_words(t), t)) < len(live)


def test_past_the_ranked_ids_the_rest_follow_in_any_order(
        corpus_archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from archive import index_keeper

    monkeypatch.setattr(index_keeper, "RANKED_IDS", 3)
    with Archive.open(corpus_archive, write=False) as a:
        ranked, _notice = a._keeper.search_all("opposition OR energy")
        best = a.search("opposition OR energy", limit=3)
        assert ranked[:3] == [h.id for h in best.hits]
        assert len(ranked) == len(set(ranked)) == best.total > 3


def test_a_facet_field_total_is_exact(corpus_archive: Path) -> None:
    with Archive.open(corpus_archive, write=False) as a:
        want = {r[0] for r in a.store.conn.execute(
            "SELECT DISTINCT document_id FROM live_fact WHERE kind = 'country' AND key = 'RU'")}
        assert want
        assert a.search("country:RU").total == len(want)
        assert set(a.query_ids("country:RU")[0]) == want


@pytest.mark.parametrize("q", ["the", "of", "a", "The Of"])
def test_common_words_are_explained_not_an_error(corpus_archive: Path, q: str) -> None:
    with Archive.open(corpus_archive, write=False) as a:
        res = a.search(q)
        assert res.total == 0 and res.hits == []
        assert res.notice and res.notice.startswith("Too common to search for")
        assert a.query_ids(q) == ([], res.notice)


def test_one_letter_words_are_searched(archive: Archive, tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Removed from X (formerly Twitter): 40 accounts.\n")
    (tmp_path / "y.txt").write_text("Removed from Facebook: 12 accounts.\n")
    archive.import_paths([tmp_path / "x.txt", tmp_path / "y.txt"])
    res = archive.search("X")
    assert res.total == 1 and res.notice is None
    assert archive.search('"from X"').total == 1


RANKED = ["opposition", "opposition AND energy", "opposition OR energy", "Polish network",
          "opposition NOT energy", "propag*", "kremlin^2 energy", "title:polish",
          "opposition ANDMAYBE energy", "country:RU AND election"]


@pytest.mark.parametrize("q", RANKED)
def test_ranking_equals_whooshs_own_scores(corpus_archive: Path, q: str) -> None:
    """The hits and scores are Whoosh's BM25F of each document (every match collected and
    sorted by Whoosh, no top-k shortcut), best first, ties by index order."""
    with Archive.open(corpus_archive, write=False) as a:
        index = a._keeper.index
        res = index.search(q, limit=10)
        parsed = index._parse(q)[0]
        with index._ix.searcher() as s:
            assert len(s.leaf_searchers()) > 1  # (scores summed over segments)
            collector = s.collector(limit=None, optimize=False)
            s.search_with_collector(parsed, collector)
            every = sorted((-h.score, h.docnum, h["id"]) for h in collector.results())
        assert res.total == len(every) > 0
        assert [h.id for h in res.hits] == [i for _s, _d, i in every[:10]]
        for hit, (score, _d, _i) in zip(res.hits, every, strict=False):
            assert hit.score == pytest.approx(-score, rel=1e-9)


def test_a_field_most_documents_lack_is_ranked(tmp_path: Path) -> None:
    """Documents without a publisher have no length for it; a word found in one publisher
    is still ranked and counted (this crashed the ranker once)."""
    from archive.index import SearchIndex
    from archive.store import IndexDoc

    docs = [IndexDoc(id=f"d{i}", title=f"Report {i}", text=f"Accounts removed, case {i}.",
                     publisher="Graphika Research" if i == 2 else "", published=None,
                     source_type="news", language="en") for i in range(5)]
    ix = SearchIndex.create(tmp_path / "ix")
    ix.rebuild(iter(docs), len(docs), 1)
    res = ix.search("graphika")
    assert res.total == 1 and [h.id for h in res.hits] == ["d2"] and res.hits[0].score > 0
    assert ix.search("accounts").total == 5
    ix.close()
