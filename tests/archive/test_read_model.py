"""The typed read model is what every export reads; its to_json is the §5 contract."""

from __future__ import annotations

from archive import rules
from archive.api import Archive
from archive.read_model import ActorFact, EvidenceItem, Network, read_document


def test_typed_documents_carry_networks_facts_and_evidence(sample_archive: Archive) -> None:
    seen = 0
    for doc_id in sample_archive.store.document_ids():
        doc = read_document(sample_archive.store, doc_id)
        assert doc.to_json() == sample_archive.document(doc_id, with_text=False)
        for net in doc.networks:
            assert isinstance(net, Network)
            assert all(isinstance(a, ActorFact) for a in net.actors)
            assert all(isinstance(e, EvidenceItem) and e.start <= e.end for e in net.evidence)
            assert set(net.count_qualifiers) == set(net.counts)
            assert rules.removed_assets(net.counts) == rules.network_assets(net.to_json())
            seen += bool(net.counts)
    assert seen >= 10


def test_to_json_keeps_the_contract_keys(sample_archive: Archive) -> None:
    doc_id = sample_archive.store.document_ids()[0]
    doc = read_document(sample_archive.store, doc_id, with_text=True).to_json()
    assert list(doc)[:9] == ["id", "file", "sha256", "title", "publisher", "published",
                             "source_type", "language", "networks"]
    assert "text" in doc
    net = doc["networks"][0]
    for key in ("id", "label", "operation_name", "origin_countries", "target_countries",
                "domestic", "platforms", "counts", "count_qualifiers", "actors", "languages",
                "ad_spend", "followers", "evidence", "needs_review"):
        assert key in net
