"""The acceptance seed: one Azerbaijani network, exact figures, nothing from the chrome."""

from __future__ import annotations

import pytest

from archive.extract import extract_facts
from tests.archive.extract.conftest import counts, facts_of, keys, only_network

CUT = "Youth Union of New Azerbaijani Party,” Facebook stated."


def _variants(seed_text: str) -> dict[str, str]:
    end = seed_text.index(CUT) + len(CUT)
    return {"clean": seed_text[:end], "raw": seed_text}


@pytest.mark.parametrize("variant", ["clean", "raw"])
def test_seed_yields_one_network_with_its_facts(seed_text: str, variant: str) -> None:
    text = _variants(seed_text)[variant]
    doc = extract_facts(text)
    net = only_network(doc)
    got = counts(net)
    assert got == {"facebook_accounts": 589, "facebook_pages": 7906, "instagram_accounts": 447}
    assert all(f.qualifier == "exact" for f in facts_of(net, "count"))
    assert keys(net, "country", "origin") == {"AZ"}
    assert keys(net, "country", "target") == {"AZ"}
    target = facts_of(net, "country", "target")[0]
    assert target.detail.get("domestic") is True
    attributed = facts_of(net, "actor", "attributed")
    assert [a.key for a in attributed] == ["Youth Union of New Azerbaijan Party"]
    assert attributed[0].detail["as_written"] == "Youth Union of New Azerbaijani Party"
    assert attributed[0].detail["strength"] == 2
    assert [f.key for f in facts_of(net, "language")] == ["az", "ru", "en"]
    assert keys(net, "platform") == {"facebook", "instagram"}
    for fact in net.facts:
        assert fact.evidence is not None
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.quote


def test_seed_chrome_contributes_nothing(seed_text: str) -> None:
    doc = extract_facts(seed_text)
    net = only_network(doc)
    chrome_start = seed_text.index("1 comment")
    for fact in net.facts:
        assert fact.evidence is not None and fact.evidence.end <= chrome_start
    places = {f.key for f in net.facts if f.kind == "country"}
    assert "CY" not in places and "RU" not in places
    assert "AM" not in keys(net, "country", "target") | keys(net, "country", "origin")
    assert all(f.value != 3 and f.value != 2 for f in facts_of(net, "count"))


def test_seed_document_facts(seed_text: str) -> None:
    doc = extract_facts(seed_text)
    assert doc.source_type == "news"
    assert doc.language == "en"
    assert doc.publisher == "MassisPost"
    hinted = extract_facts(seed_text, publisher="Massis Post", published="2020-10-08T10:00:00")
    assert hinted.publisher == "Massis Post"
    assert hinted.published == "2020-10-08"
