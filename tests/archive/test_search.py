"""Search: words, phrases, booleans, fields, snippets, sorting, and bad queries that fall back."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.api import Archive
from archive.index import FALLBACK_NOTICE

DOCS = {
    "a.txt": "Election meddling from Russia\n\nMeta removed 30 Facebook accounts for coordinated "
             "inauthentic behavior targeting Moldova ahead of the election.\n",
    "b.txt": "Telegram channels in Iran\n\nResearchers found Telegram channels spreading "
             "propaganda about sanctions and the election.\n",
    "c.txt": "Behavior that is coordinated\n\nThis explainer says behavior can look coordinated "
             "without being inauthentic at all.\n",
}


@pytest.fixture
def small(archive: Archive, tmp_path: Path) -> Archive:
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    archive.import_paths([tmp_path / n for n in DOCS])
    return archive


def titles(result: object) -> set[str]:
    return {h.title for h in result.hits}  # type: ignore[attr-defined]


def test_word_and_boolean(small: Archive) -> None:
    assert small.search("election").total == 2
    assert small.search("election AND telegram").total == 1
    assert small.search("election NOT telegram").total == 1
    assert small.search("telegram OR explainer").total == 2


def test_phrase_is_exact_not_just_the_words(small: Archive) -> None:
    res = small.search('"coordinated inauthentic behavior"')
    assert res.total == 1 and "Russia" in next(iter(titles(res)))
    assert small.search('"behavior coordinated inauthentic"').total == 0


def test_snippet_highlights_and_escapes(small: Archive) -> None:
    hit = small.search("propaganda").hits[0]
    assert "<b>propaganda</b>" in hit.snippet


def test_bad_queries_fall_back_with_a_notice(small: Archive) -> None:
    for q in ['"unbalanced', "NOT OR foo", "(title:", "election)", "AND election"]:
        res = small.search(q)
        assert res.notice == FALLBACK_NOTICE, q
    assert small.search("AND election").total == 2
    assert "shortened" in (small.search("x" * 5000).notice or "")
    assert small.search("(election").total == 2


def test_sort_by_date_never_crashes(small: Archive) -> None:
    assert small.search("election", sort="date").total == 2


def test_accents_fold_both_ways(archive: Archive, tmp_path: Path) -> None:
    (tmp_path / "ro.txt").write_text(
        "Rețea din Moldova\n\nMeta a eliminat conturi care îl lăudau pe Nicolae Ciucă și "
        "publicau în Azərbaycan despre Vučić.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        "Plain names\n\nA story that mentions Ciuca and Vucic without any accents.\n",
        encoding="utf-8")
    archive.import_paths([tmp_path / "ro.txt", tmp_path / "en.txt"])
    assert archive.search("Ciuca").total == 2
    assert archive.search("Ciucă").total == 2
    assert archive.search("azerbaycan").total == 1
    assert archive.search('"Nicolae Ciuca"').total == 1
    assert archive.search("vucic").total == 2


def test_a_failed_index_commit_releases_the_write_lock(archive: Archive,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A commit that raises (a full disk, a Whoosh assertion) must not leave Whoosh's write
    lock held: the next import of the same process still reaches the index."""
    from whoosh.writing import SegmentWriter

    archive.import_text("Meta removed 12 accounts in Peru.", "one.txt")
    real = SegmentWriter.commit

    def failing(self: SegmentWriter, *args: object, **kwargs: object) -> None:
        raise AssertionError("simulated failure inside Whoosh's commit")

    monkeypatch.setattr(SegmentWriter, "commit", failing)
    from archive.errors import ArchiveError

    with pytest.raises((AssertionError, ArchiveError)) as failed:
        archive.import_text("Twitter removed 30 accounts in Chile.", "two.txt")
    monkeypatch.setattr(SegmentWriter, "commit", real)
    # (the traceback is kept, as an error report would keep it: the writer is not collected)
    archive.import_text("Google removed 7 channels in Nepal.", "three.txt")
    assert failed.traceback
    assert archive.search("Nepal").total == 1 and archive.search("Chile").total == 1
    assert archive.check().ok
