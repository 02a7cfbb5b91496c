"""Corrections are stored apart, survive re-extraction, can be undone, and show in exports."""

from __future__ import annotations

import pytest

from archive.api import Archive
from archive.errors import ArchiveError
from tests.conftest import SEED


@pytest.fixture
def seeded(archive: Archive) -> tuple[Archive, str]:
    doc_id = archive.import_paths([SEED]).added[0]
    return archive, doc_id


def test_set_add_delete_and_survive_reextract(seeded: tuple[Archive, str]) -> None:
    archive, doc_id = seeded
    net = archive.document(doc_id)["networks"][0]
    assert net["counts"]["facebook_accounts"] == 589
    archive.correct(doc_id, action="set", kind="count", key="facebook_accounts", value=590,
                    note="Meta's PDF says 590")
    archive.correct(doc_id, action="add", kind="count", key="facebook_groups", value=2,
                    qualifier="about")
    archive.correct(doc_id, action="delete", kind="language", key="en")
    for _ in range(2):
        net = archive.document(doc_id)["networks"][0]
        assert net["counts"]["facebook_accounts"] == 590
        assert net["counts"]["facebook_groups"] == 2
        assert net["count_qualifiers"]["facebook_groups"] == "about"
        assert "en" not in net["languages"]
        assert "counts.facebook_accounts" in net["corrections"]
        assert any(e.get("correction") for e in net["evidence"]
                   if e["field"] == "counts.facebook_accounts")
        archive.reextract()


def test_undo_restores_what_the_extractor_found(seeded: tuple[Archive, str]) -> None:
    archive, doc_id = seeded
    cid = archive.correct(doc_id, action="set", kind="count", key="facebook_pages", value=1)
    assert archive.document(doc_id)["networks"][0]["counts"]["facebook_pages"] == 1
    archive.undo_correction(cid)
    assert archive.document(doc_id)["networks"][0]["counts"]["facebook_pages"] == 7906
    assert archive.corrections(doc_id) == []


def test_bad_corrections_are_refused_with_a_message(seeded: tuple[Archive, str]) -> None:
    archive, doc_id = seeded
    with pytest.raises(ArchiveError, match="no count fact"):
        archive.correct(doc_id, action="set", kind="count", key="tiktok_accounts", value=3)
    with pytest.raises(ArchiveError, match="needs a number"):
        archive.correct(doc_id, action="add", kind="count", key="facebook_groups", value="many")
    with pytest.raises(ArchiveError, match="unknown role"):
        archive.correct(doc_id, action="add", kind="country", key="AM", role="villain")


def test_country_correction_changes_facets(seeded: tuple[Archive, str]) -> None:
    archive, doc_id = seeded
    archive.correct(doc_id, action="add", kind="country", key="AM", role="target")
    assert ("AM", 1) in archive.facets()["target"]
    assert archive.search("target:AM").total == 1


def test_corrections_follow_their_network_when_a_new_extractor_renumbers(
        archive: Archive, tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    import archive.extract as extract
    from archive.facts import NetworkFacts

    src = Path(str(tmp_path)) / "two.txt"
    src.write_text("Meta removed two networks.\n\nThe first, from Chile, had 40 Facebook "
                   "accounts.\n\nThe second, from Peru, had 70 Facebook accounts.\n",
                   encoding="utf-8")
    doc_id = archive.import_paths([src]).added[0]
    nets = archive.document(doc_id)["networks"]
    peru = next(i for i, n in enumerate(nets, start=1) if n["origin_countries"] == ["PE"])
    archive.correct(doc_id, network=peru, action="set", kind="count",
                    key="facebook_accounts", value=75)
    real = extract.extract_facts

    def renumbering(*args: object, **kwargs: object) -> object:
        doc = real(*args, **kwargs)  # type: ignore[arg-type]
        doc.networks.insert(0, NetworkFacts(label="a unit a newer extractor found first"))
        return doc

    monkeypatch.setattr(extract, "extract_facts", renumbering)
    from archive.parsing import InProcessParser

    archive.parser.close()
    archive._parser = InProcessParser(archive.limits)  # (the patched extractor runs here only)
    archive.reextract()
    after = archive.document(doc_id)["networks"]
    assert len(after) == len(nets) + 1
    by_origin = {tuple(n["origin_countries"]): n for n in after}
    assert by_origin[("PE",)]["counts"]["facebook_accounts"] == 75
    assert by_origin[("CL",)]["counts"]["facebook_accounts"] == 40
    assert archive.corrections(doc_id)  # the correction itself was kept
