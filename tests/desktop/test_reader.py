"""The reader lists facts beside the text; clicking one selects exactly its sentence."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.models.fact_tree import Role
from desktop.views.text_view import SafeTextBrowser, utf16_offsets


def _doc_with_evidence(archive, want_non_ascii=False):
    for doc_id in archive.query_ids("")[0]:
        doc = archive.document(doc_id)
        for net in doc["networks"]:
            for ev in net["evidence"]:
                if not want_non_ascii or any(ord(c) > 127 for c in ev["quote"]):
                    return doc, ev
    raise AssertionError("no document with evidence in the sample archive")


def _click_fact(window, qtbot, predicate):
    reader = window.reader
    index = reader.facts_model.index_of_fact(predicate)
    assert index is not None
    reader.facts.scrollTo(index)
    rect = reader.facts.visualRect(index)
    qtbot.mouseClick(reader.facts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return index.data(Role.FACT)


def test_fact_list_and_click_to_sentence(window, qtbot, sample_archive):
    doc, ev = _doc_with_evidence(sample_archive)
    window.open_document(doc["id"])
    assert window.reader.document_id == doc["id"]
    facts = window.reader.facts_model.facts()
    assert facts and any(f.quote == ev["quote"] for f in facts)
    fact = _click_fact(window, qtbot, lambda f: f.field == ev["field"])
    assert fact.quote == ev["quote"]
    assert window.reader.text.selected_text() == ev["quote"]
    assert doc["text"][ev["start"]:ev["end"]] == ev["quote"]
    # Highlights are painted for the facts' sentences.
    assert len(window.reader.text.extraSelections()) >= 1


def test_click_to_sentence_in_non_latin_text(window, qtbot, sample_archive):
    doc, ev = _doc_with_evidence(sample_archive, want_non_ascii=True)
    window.open_document(doc["id"])
    fact = _click_fact(window, qtbot, lambda f: f.field == ev["field"])
    assert window.reader.text.selected_text() == fact.quote == ev["quote"]


def test_offsets_count_code_points_not_utf16_units(qtbot):
    text = "😀 ab. Second sentence here."
    assert utf16_offsets(text)[2] == 3
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.show_text(text)
    start = text.index("Second")
    assert browser.select_span(start, len(text)) == "Second sentence here."


def test_text_browser_fetches_nothing_and_copies_links(qtbot):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QGuiApplication, QImage, QTextDocument

    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    assert not browser.openLinks() and not browser.openExternalLinks()
    # A blank image, not None: given nothing, Qt's image handler loads the name itself.
    blank = browser.loadResource(QTextDocument.ResourceType.ImageResource.value,
                                 QUrl("file:///etc/passwd"))
    assert isinstance(blank, QImage) and blank.size().width() == 1 and blank.pixel(0, 0) == 0
    assert browser.loadResource(QTextDocument.ResourceType.StyleSheetResource.value,
                                QUrl("file:///etc/passwd")) == ""
    with qtbot.waitSignal(browser.link_copied):
        browser.anchorClicked.emit(QUrl("https://example.org/x"))
    assert QGuiApplication.clipboard().text() == "https://example.org/x"
