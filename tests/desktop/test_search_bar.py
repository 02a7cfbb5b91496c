"""Search as you type (debounced), a gentle notice for a query the parser rejects."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_typing_searches_after_a_pause(window, qtbot, sample_archive):
    total = len(window.library.table.ids)
    qtbot.keyClicks(window.search.field, "Azerbaijan")
    expected = set(sample_archive.query_ids("Azerbaijan")[0])
    qtbot.waitUntil(lambda: set(window.library.table.ids) == expected, timeout=3000)
    assert 0 < len(expected) < total
    assert "report" in window.search.count.text()


def test_bad_query_shows_a_notice_and_keeps_working(window, qtbot):
    window.search.field.setText('"unclosed AND (troll OR')
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.search.notice.isVisible()
    assert "ⓘ" in window.search.notice.text()
    window.search.set_text("troll")
    assert not window.search.notice.isVisible() or "ⓘ" not in window.search.notice.text()


def test_non_latin_query(window, sample_archive):
    window.search.set_text("Молдова")  # keyClicks is ASCII only; setText for other scripts
    assert set(window.library.table.ids) == set(sample_archive.query_ids("Молдова")[0])


def test_country_query_offers_the_country_page(window, qtbot):
    window.search.set_text("country:AZ")
    assert window.search.notice.isVisible()
    assert "Azerbaijan" in window.search.notice.text()
    window.search._on_notice_link_activated("entity")
    page = window.tabs.currentWidget()
    assert (page.kind, page.key) == ("country", "AZ")


def test_shortcuts_focus_search_and_step_through_results(window, qtbot):
    window.actions_["focus_search"].trigger()
    assert window.search.field.hasFocus() or window.focusWidget() is window.search.field
    window.actions_["next_result"].trigger()
    first = window.table.current_document()
    window.actions_["next_result"].trigger()
    second = window.table.current_document()
    assert first and second and first != second
    assert window.reader.document_id == second
    window.actions_["previous_result"].trigger()
    assert window.reader.document_id == first


def test_help_popover(window):
    popover = window.search.show_help()
    assert popover.isVisible()
    popover.close()
