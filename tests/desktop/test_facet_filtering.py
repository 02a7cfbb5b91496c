"""Checking facet values filters the table; several values of one facet mean any of them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.models.facets import Role


def _ids(window):
    return set(window.library.table.ids)


def test_check_one_then_two_values(window, sample_archive):
    everything = _ids(window)
    assert len(everything) == len(sample_archive.query_ids("")[0])
    model = window.library.facets
    origin = model.index(model.group_row("origin"), 0)
    first = model.index(0, 0, origin)
    second = model.index(1, 0, origin)
    a, b = first.data(Role.VALUE), second.data(Role.VALUE)
    assert model.index(0, 1, origin).data() == str(len(sample_archive.query_ids("", {"origin": [a]})[0]))

    # The user clicks the check box, as in the sidebar.
    model.setData(first, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    only_a = set(sample_archive.query_ids("", {"origin": [a]})[0])
    assert _ids(window) == only_a
    assert window.sidebar.clear_button.isEnabled()

    # The other values of the facet stay listed so the selection can be widened.
    model.set_checked("origin", b, True)
    both = set(sample_archive.query_ids("", {"origin": [a, b]})[0])
    assert _ids(window) == both and both >= only_a

    model.set_checked("year", "2020", True)  # a second facet narrows
    assert _ids(window) == set(sample_archive.query_ids("", {"origin": [a, b], "year": ["2020"]})[0])

    window.actions_["clear_filters"].trigger()
    assert _ids(window) == everything
    assert not window.sidebar.clear_button.isEnabled()


def test_double_click_on_country_opens_its_page(window, qtbot):
    model = window.library.facets
    origin = model.index(model.group_row("origin"), 0)
    window.sidebar._on_tree_double_clicked(model.index(0, 0, origin))
    assert window.tabs.count() == 2
    assert window.tabs.currentWidget().kind == "country"
