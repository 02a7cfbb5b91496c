"""Start-up: no display -> a hint and exit 2; settings remembered; About and read-only bits."""

from __future__ import annotations

from desktop import app, settings
from desktop.dialogs.about import about_html


def test_no_display_prints_a_hint_and_exits_2(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert app.main(["--archive", str(tmp_path / "a")]) == 2
    err = capsys.readouterr().err
    assert "no display" in err and err.count("\n") == 1


def test_archive_flag_is_parsed_before_qt(tmp_path):
    args = app.parse_args(["--archive", str(tmp_path), "--reset-ui"])
    assert args.archive == str(tmp_path) and args.reset_ui


def test_window_state_and_recent_archives_are_remembered(window, ui_settings, session):
    assert str(session.root.resolve()) in ui_settings.recent_archives()
    window.main_splitter.setSizes([200, 900])
    window.save_state()
    assert not ui_settings.get(settings.MAIN_SPLITTER).isEmpty()
    assert not ui_settings.get(settings.TABLE_HEADER).isEmpty()
    assert ui_settings.file_name.startswith(str(ui_settings.file_name))


def test_about_lists_versions():
    html = about_html("test-extractor")
    assert "PySide6" in html and "SQLite" in html and "test-extractor" in html


def test_empty_archive_shows_the_empty_state(empty_window):
    assert empty_window.stack.currentWidget() is empty_window.empty
    assert empty_window.empty.import_button.text() == "Import reports…"


def test_switch_archive_and_locked_message(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from archive.errors import ArchiveLocked
    from desktop import session as session_mod

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))

    def locked(*_a, **_k):
        raise ArchiveLocked(4242)

    monkeypatch.setattr(session_mod.ArchiveSession, "open", classmethod(locked))
    assert not window.switch_archive(tmp_path / "other", create=True)
    assert shown and "open in another window (PID 4242" in shown[0]
    monkeypatch.undo()
    assert window.switch_archive(tmp_path / "fresh", create=True)
    assert window.stack.currentWidget() is window.empty
