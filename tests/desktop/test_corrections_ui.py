"""Correcting a fact from the reader: it shows as a correction, and undo restores it."""

from __future__ import annotations

from desktop.models.fact_tree import Role


def test_correct_and_undo_a_count(window, sample_archive):
    doc = next(d for d in (sample_archive.document(i) for i in sample_archive.query_ids("")[0])
               if any(n["counts"] for n in d["networks"]))
    window.open_document(doc["id"])
    reader = window.reader
    fact = next(f for f in reader.facts_model.facts() if f.kind == "count")
    reader.request_correction(fact, "set", value=123456, note="checked the PDF")
    corrected = next(f for f in reader.facts_model.facts()
                     if f.kind == "count" and f.key == fact.key and f.network == fact.network)
    assert corrected.corrected and corrected.value == 123456
    assert "123,456" in corrected.label
    assert sample_archive.corrections(doc["id"])

    # The corrections group lists it; undo restores what the extractor found.
    head = reader.facts_model.item(reader.facts_model.rowCount() - 1)
    item = head.child(0)
    assert item.data(Role.CORRECTION) is not None
    reader.facts.setCurrentIndex(item.index())
    assert reader.undo_button.isEnabled()
    reader.undo_button.click()
    restored = next(f for f in reader.facts_model.facts()
                    if f.kind == "count" and f.key == fact.key and f.network == fact.network)
    assert restored.value == fact.value and not restored.corrected
    assert not sample_archive.corrections(doc["id"])


def test_delete_and_tag_and_star(window, sample_archive):
    doc = next(d for d in (sample_archive.document(i) for i in sample_archive.query_ids("")[0])
               if d["networks"])
    window.open_document(doc["id"])
    reader = window.reader
    fact = reader.facts_model.facts()[0]
    reader.request_correction(fact, "delete")
    assert all(f.field != fact.field or f.network != fact.network
               for f in reader.facts_model.facts())
    window.library.annotate(doc["id"], "document", doc["id"], {"tags": ["follow-up"], "starred": True})
    assert sample_archive.document(doc["id"])["tags"] == ["follow-up"]
    assert reader.star_button.text() == "★"
    window.search.set_text("tag:follow-up")
    assert window.library.table.ids == [doc["id"]]
    net = doc["networks"][0]
    window.library.annotate(doc["id"], "network", net["id"], {"note": "ask Meta", "starred": True})
    assert sample_archive.document(doc["id"])["networks"][0]["note"] == "ask Meta"


def test_edits_in_the_window_reach_a_backup_once_the_journalist_pauses(window, sample_archive,
                                                                       monkeypatch):
    from archive import backup

    doc_id = sample_archive.query_ids("")[0][0]
    before = backup.list_backups(sample_archive.root)
    window.library.annotate(doc_id, "document", doc_id, {"tags": ["to-verify"]})
    monkeypatch.setattr(backup, "EDIT_IDLE_S", 3600.0)
    window.library._on_backup_timer_timeout()  # no pause yet: nothing is written
    assert backup.list_backups(sample_archive.root) == before
    monkeypatch.setattr(backup, "EDIT_IDLE_S", 0.0)
    window.library._on_backup_timer_timeout()  # still waiting, so the next tick tries again
    made = backup.list_backups(sample_archive.root)[0]
    assert made not in before and made.name.endswith("-after-edit.sqlite")
    assert backup.backup_contents(made)["tags"] >= 1
    window.library._on_backup_timer_timeout()  # nothing waits any more: no new backup
    assert backup.list_backups(sample_archive.root)[0] == made
