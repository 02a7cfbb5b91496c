"""Every item model passes qtmodeltester, filled from a real sample archive."""

from __future__ import annotations

from PySide6.QtCore import Qt

from archive import entity as summary
from desktop import jobs
from desktop.models.document_table import COLUMNS, DocumentTableModel, Role
from desktop.models.facets import FacetModel
from desktop.models.fact_tree import FactTreeModel, fact_rows
from desktop.models.network_table import NetworkTableModel


def test_document_table_model_is_consistent_and_lazy(qtmodeltester, sample_archive):
    ids, _ = sample_archive.query_ids("", sort="date")
    loads: list[int] = []

    def load(batch):
        loads.append(len(batch))
        return sample_archive.document_rows(batch)

    model = DocumentTableModel(load)
    model.show_ids(ids)
    assert loads == []  # nothing read until a cell is asked for
    qtmodeltester.check(model)
    assert model.rowCount() == len(ids)
    assert model.index(0, 0).data(Role.DOCUMENT_ID) == ids[0]
    title_col = [c.key for c in COLUMNS].index("title")
    assert model.index(0, title_col).data()
    assert max(loads) <= 64


def test_the_query_brings_the_first_page_of_cells_so_painting_reads_nothing(qtmodeltester,
                                                                           session):
    outcome = jobs.run_query(session, 1, "", {}, "title", first_page=3)
    backwards = jobs.run_query(session, 2, "", {}, "title", reverse=True)
    assert backwards.ids == outcome.ids[::-1] and backwards.first_rows == {}
    assert set(outcome.first_rows) == set(outcome.ids[:3])
    assert outcome.first_rows == session.archive.document_rows(outcome.ids[:3])
    loads: list[list[str]] = []

    def load(batch):
        loads.append(list(batch))
        return session.archive.document_rows(batch)

    model = DocumentTableModel(load)
    model.show_ids(outcome.ids, outcome.first_rows)
    title_col = [c.key for c in COLUMNS].index("title")
    assert [model.index(r, title_col).data() for r in range(3)] == [
        outcome.first_rows[i]["title"] for i in outcome.ids[:3]]
    assert loads == []
    if len(outcome.ids) > 3:
        model.index(3, title_col).data()
        assert loads and outcome.ids[3] in loads[0] and outcome.ids[0] not in loads[0]
    qtmodeltester.check(model)


def test_document_table_sort_asks_the_archive(qtbot, sample_archive):
    model = DocumentTableModel(sample_archive.document_rows)
    with qtbot.waitSignal(model.sort_requested) as blocker:
        model.sort([c.key for c in COLUMNS].index("assets"), Qt.SortOrder.DescendingOrder)
    assert blocker.args == ["assets", False]


def test_facet_model_is_consistent(qtmodeltester, session):
    outcome = jobs.run_query(session, 1, "", {}, "date")
    model = FacetModel()
    model.set_counts(outcome.facets)
    qtmodeltester.check(model)
    origin = model.index(model.group_row("origin"), 0)
    assert model.rowCount(origin) == len(outcome.facets["origin"])


def test_fact_tree_and_network_models_are_consistent(qtmodeltester, session, sample_archive):
    doc = next(d for d in (sample_archive.document(i) for i in sample_archive.query_ids("")[0])
               if d["networks"])
    tree = FactTreeModel()
    tree.set_document(doc, sample_archive.corrections(doc["id"]))
    qtmodeltester.check(tree)
    assert len(tree.facts()) == sum(len(fact_rows(n)) for n in doc["networks"])
    page = jobs.load_entity(session, "country", "AZ")
    table = NetworkTableModel()
    table.set_rows(page.networks)
    qtmodeltester.check(table)
    table.sort(5)
    assert table.rowCount() == len(page.networks) > 0


def test_entity_in_query():
    assert summary.entity_in_query("country:az") == ("country", "AZ")
    assert summary.entity_in_query('actor:"Internet Research Agency"') == (
        "actor", "Internet Research Agency")
    assert summary.entity_in_query("country:AZ troll") is None


def test_facts_on_a_weak_cue_are_marked_for_review(qtbot):
    net = {"id": "d1-n1", "label": "RU-based network", "operation_name": None,
           "counts": {"facebook_accounts": 40}, "count_qualifiers": {},
           "origin_countries": ["RU"], "target_countries": [], "actors": [],
           "platforms": [], "languages": [], "needs_review": True, "corrections": [],
           "evidence": [
               {"field": "counts.facebook_accounts", "start": 0, "end": 10, "quote": "a",
                "confidence": 0.9},
               {"field": "origin_countries.RU", "start": 0, "end": 10, "quote": "b",
                "confidence": 0.6}]}
    rows = {r.field: r for r in fact_rows(net)}
    assert not rows["counts.facebook_accounts"].unsure
    assert rows["origin_countries.RU"].unsure
    tree = FactTreeModel()
    tree.set_document({"networks": [net]}, [])
    head = tree.item(0)
    assert "check the facts marked ?" in head.text()
    texts = [head.child(i).text() for i in range(head.rowCount())]
    marked = [t for t in texts if t.startswith("? ")]
    assert len(marked) == 1 and "(RU)" in marked[0]
    unsure = next(head.child(i) for i in range(head.rowCount()) if "RU" in head.child(i).text())
    assert "confidence 0.60" in unsure.toolTip()


def test_languages_show_their_english_names():
    from desktop import labels

    shown = {c: labels.language_name(c) for c in ("ro", "zh", "es", "bn", "tl", "ru")}
    assert shown == {"ro": "Romanian", "zh": "Chinese", "es": "Spanish", "bn": "Bengali",
                     "tl": "Tagalog", "ru": "Russian"}
