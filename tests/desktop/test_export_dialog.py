"""The export dialog: a PDF briefing on a real reader thread with its preview, a CSV of the
listed ids, the proposed destination, a one-line error, a quiet cancel, and runner reuse."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.dialogs import export_dialog
from desktop.dialogs.export_dialog import ExportDialog, show_export_dialog
from desktop.tasks import ImmediateRunner, TaskRunner


def make_dialog(qtbot, archive, runner, ids=(), query=""):  # noqa: ANN001, ANN201
    dialog = ExportDialog(archive, list(ids), query, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_pdf_briefing_for_a_country_on_a_reader_thread(qtbot, sample_archive, tmp_path):
    runner = TaskRunner()
    dialog = make_dialog(qtbot, sample_archive, runner)
    assert not dialog.ids_radio.isEnabled() and not dialog.query_radio.isEnabled()
    assert dialog.all_radio.isChecked()
    assert "Azerbaijan (AZ)" in [dialog.country_combo.itemText(i)
                                 for i in range(dialog.country_combo.count())]
    dialog.select_format("pdf")
    dialog.select_country("AZ")
    job = dialog.current_job()
    assert (job.fmt, job.country, job.ids, job.query) == ("pdf", "AZ", None, None)
    target = tmp_path / job.proposed_filename()
    assert target.name.startswith("Azerbaijan briefing")

    task = dialog.start_export(target)
    assert dialog.cancel_button.isVisible() and not dialog.export_button.isEnabled()
    with qtbot.waitSignal(task.signals.finished, timeout=15_000):
        pass
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
    runner.shutdown()

    assert target.read_bytes().startswith(b"%PDF")
    assert dialog.last_result is not None and dialog.last_result.count >= 1
    assert dialog.status.text().startswith("Exported ")
    assert dialog.preview.isVisible()
    assert not dialog.preview.pixmap().isNull()
    assert dialog.preview.pixmap().width() == export_dialog.PREVIEW_WIDTH
    assert dialog.open_folder_button.isVisible() and not dialog.cancel_button.isVisible()


def test_csv_of_the_listed_ids(qtbot, sample_archive, tmp_path):
    ids = sorted(sample_archive.store.document_ids())[:3]
    dialog = make_dialog(qtbot, sample_archive, ImmediateRunner(), ids=ids, query="facebook")
    assert dialog.ids_radio.isChecked()
    dialog.select_format("csv")
    assert dialog.current_job().ids == ids
    target = tmp_path / "listed.csv"
    dialog.start_export(target)

    assert not dialog.running
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows and len(rows[0]) > 3  # a header row
    assert dialog.last_result is not None and dialog.last_result.count == 3
    assert dialog.status.text() == f"Exported 3 documents to {target.name}."
    assert dialog.preview.isHidden()  # previews are for PDFs only


def test_search_scope_and_since_reach_the_job(qtbot, sample_archive):
    dialog = make_dialog(qtbot, sample_archive, ImmediateRunner(), query="facebook")
    assert dialog.query_radio.isChecked() and not dialog.ids_radio.isEnabled()
    dialog.since_check.setChecked(True)
    dialog.since_edit.setDate(dialog.since_edit.date().fromString("2020-01-31", "yyyy-MM-dd"))
    job = dialog.current_job()
    assert (job.query, job.since, job.ids) == ("facebook", "2020-01-31", None)


def test_destination_is_asked_with_the_proposed_name(qtbot, sample_archive, tmp_path,
                                                     monkeypatch):
    asked = {}

    def fake_save(parent, caption, start, filters):  # noqa: ANN001, ANN202
        asked.update(start=start, filters=filters)
        return str(tmp_path / "chosen"), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    monkeypatch.setattr(export_dialog, "default_folder", lambda root: tmp_path)
    dialog = make_dialog(qtbot, sample_archive, ImmediateRunner())
    dialog.select_format("json")
    dialog.export_button.click()

    assert Path(asked["start"]) == tmp_path / dialog.current_job().proposed_filename()
    assert asked["filters"].startswith("JSON (takedown-atlas/1) (*.json)")
    assert (tmp_path / "chosen.json").read_bytes().lstrip().startswith(b"{")


def test_missing_folder_is_one_line_and_leaves_no_file(qtbot, sample_archive, tmp_path):
    dialog = make_dialog(qtbot, sample_archive, ImmediateRunner())
    dialog.select_format("pdf")
    target = tmp_path / "no such folder" / "briefing.pdf"
    dialog.start_export(target)

    message = dialog.status.text()
    assert message and "\n" not in message and "does not exist" in message
    assert not target.exists() and not target.parent.exists()
    assert dialog.last_result is None and dialog.preview.isHidden()
    assert dialog.export_button.isEnabled()  # the user can pick another place


def test_cancel_is_a_quiet_status(qtbot, sample_archive, tmp_path, monkeypatch):
    real = export_dialog.run_export

    def cancelled_at_once(*args, cancel, **kwargs):  # noqa: ANN002, ANN003, ANN202
        cancel.cancel()  # as if Cancel were clicked before the first document
        return real(*args, cancel=cancel, **kwargs)

    monkeypatch.setattr(export_dialog, "run_export", cancelled_at_once)
    dialog = make_dialog(qtbot, sample_archive, ImmediateRunner())
    dialog.select_format("csv")
    out = tmp_path / "out"
    out.mkdir()
    dialog.start_export(out / "never.csv")

    assert dialog.status.text() == "Export cancelled; no file was written."
    assert list(out.iterdir()) == []  # not even a temporary part file
    assert dialog.last_result is None and dialog.export_button.isEnabled()


def test_preview_button_renders_without_choosing_a_destination(qtbot, sample_archive):
    dialog = make_dialog(qtbot, sample_archive, ImmediateRunner())
    dialog.select_format("csv")
    assert not dialog.preview_button.isEnabled()  # previews are for PDFs
    dialog.select_format("pdf")
    dialog.select_country("AZ")
    dialog.preview_button.click()

    assert not dialog.preview.pixmap().isNull()
    assert dialog.last_result is None and dialog.open_folder_button.isHidden()
    temp = dialog._temp_dir
    assert temp is not None and any(temp.iterdir())
    dialog.close_button.click()
    assert not temp.exists()  # the preview's temporary folder goes with the dialog


def test_show_export_dialog_reuses_the_window_runner(qtbot, sample_archive):
    parent = QWidget()
    parent.runner = ImmediateRunner(parent)  # what MainWindow exposes
    qtbot.addWidget(parent)
    show_export_dialog(parent, sample_archive, [], "")
    dialog = parent.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.runner is parent.runner
    dialog.close_button.click()


def test_a_character_no_font_has_is_a_warning_in_the_status(qtbot, archive, tmp_path):
    """A title in Javanese script, which no bundled font draws: the export still succeeds
    and the status names the characters instead of leaving silent boxes."""
    source = tmp_path / "in" / "ꦲꦏ꧀ꦱꦫ.txt"  # the file name reaches the source list
    source.parent.mkdir()
    source.write_text("ꦲꦏ꧀ꦱꦫ news\n\nFacebook removed 12 accounts in Azerbaijan.\n",
                      encoding="utf-8")
    assert archive.import_paths([source]).added
    dialog = make_dialog(qtbot, archive, ImmediateRunner())
    dialog.select_format("pdf")
    target = tmp_path / "jv.pdf"
    dialog.start_export(target)
    assert target.read_bytes().startswith(b"%PDF")
    status = dialog.status.text()
    assert status.startswith(f"Exported 1 document to {target.name}.")
    assert "\nWarning: " in status and "U+A9B2 ꦲ" in status
    assert dialog.last_result is not None and len(dialog.last_result.warnings) == 1
