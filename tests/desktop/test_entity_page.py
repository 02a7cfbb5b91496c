"""A country page gathers every network, totals by platform and a timeline."""

from __future__ import annotations

from desktop.models.network_table import Role
from desktop.views.entity_page import EntityPage


def test_country_page(window, qtbot, sample_archive):
    page = window.open_entity("country", "AZ")
    assert isinstance(page, EntityPage) and page.summary is not None
    nets = sample_archive.networks(country="AZ")
    assert page.model.rowCount() == len(nets) > 0
    assert "Azerbaijan" in page.title.text()
    assert page.summary.timeline and sum(n for _, n, _ in page.summary.timeline) == len(
        [n for n in nets if n["published"]])
    assert page.summary.total_assets > 0 and page.summary.totals
    assert not page.chart.grab().isNull()  # the QPainter chart paints
    # A second request switches to the same tab instead of opening another.
    assert window.open_entity("country", "AZ") is page and window.tabs.count() == 2
    # Double-click on a network opens its report in the reader.
    doc_id = page.model.index(0, 0).data(Role.DOCUMENT_ID)
    page.document_requested.emit(doc_id)
    assert window.tabs.currentIndex() == 0 and window.reader.document_id == doc_id


def test_actor_page_lists_aliases(window, sample_archive):
    facets = sample_archive.facets()["actor"]
    assert facets, "the sample corpus names actors"
    actor = facets[0][0]
    page = window.open_entity("actor", actor)
    assert page.model.rowCount() == len(sample_archive.networks(actor=actor))
    assert page.summary.aliases
    page._on_link_activated(f"actor:{actor}")  # a related link re-opens the same page
