"""Shared helpers for the extractor tests: the seed, the corpus, fact look-ups."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.facts import DocumentFacts, Fact, NetworkFacts

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "data" / "extraction"
SEED = ROOT.parent / "shared" / "seeds" / "000_cffec3b07e7b5eab.txt"
META_MD = ROOT.parent / "shared" / "data" / "facebook-threat-research" / "indicators"


def facts_of(net: NetworkFacts, kind: str, role: str | None = None) -> list[Fact]:
    return [f for f in net.facts if f.kind == kind and (role is None or f.role == role)]


def keys(net: NetworkFacts, kind: str, role: str | None = None) -> set[str]:
    return {f.key for f in facts_of(net, kind, role)}


def counts(net: NetworkFacts) -> dict[str, float]:
    return {f.key: f.value for f in net.facts if f.kind in ("count", "audience")}


def counts_per_network(doc: DocumentFacts) -> list[dict[str, float]]:
    """Each network's removed-asset figures, in a stable order."""
    return sorted(({f.key: f.value for f in n.facts if f.kind == "count"} for n in doc.networks),
                  key=str)


def only_network(doc: DocumentFacts) -> NetworkFacts:
    assert len(doc.networks) == 1, [n.label for n in doc.networks]
    return doc.networks[0]


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
