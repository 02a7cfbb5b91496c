"""Packaging metadata agrees with the one source of truth in `archive`."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from archive import APP_ID, APP_NAME, __version__
from tests.conftest import ROOT

LINUX = ROOT / "packaging" / "linux"


def test_desktop_file_and_metainfo_use_the_app_id():
    desktop = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Name={APP_NAME}" in desktop and f"Icon={APP_ID}" in desktop
    meta = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID and meta.findtext("name") == APP_NAME
    assert meta.find("releases/release").get("version") == __version__
    spec = (ROOT / "packaging" / "takedown-atlas.spec").read_text(encoding="utf-8")
    assert "from archive import APP_ID, APP_NAME, __version__" in spec
    assert "PySide6.QtNetwork" in spec  # excluded, never shipped


def test_desktop_never_imports_network_or_web_engine():
    banned = ("QtWebEngine", "QtNetwork", "urllib.request", "http.client", "socket")
    for path in (ROOT / "desktop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in banned:
            assert f"import {word}" not in text and f"{word} import" not in text, (path, word)


# --- the launcher, the icon and the store listing (issue 11) --------------------------------

_MIME_OF_EXTENSION = {  # shared-mime-info's names for what the importers take
    ".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown",
    ".markdown": "text/markdown", ".mdown": "text/markdown", ".mkd": "text/markdown",
    ".html": "text/html", ".htm": "text/html", ".shtml": "text/html",
    ".xhtml": "application/xhtml+xml", ".mhtml": "application/x-mimearchive",
    ".mht": "application/x-mimearchive", ".pdf": "application/pdf", ".zip": "application/zip",
}


def _desktop_entry() -> dict[str, str]:
    lines = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def test_the_launcher_opens_the_window_from_a_menu_and_hands_files_over():
    from archive.cli import main as cli_main
    from desktop import app

    exec_line = _desktop_entry()["Exec"].split()
    assert exec_line[0] == "takedown-atlas" and exec_line[-1] == "%F"
    handed: list[list[str]] = []

    def gui(argv: list[str]) -> int:
        handed.append(argv)
        return 0

    # From a menu %F expands to nothing; from a file manager, to absolute paths.
    assert cli_main(exec_line[1:-1], gui=gui) == 0
    assert cli_main([*exec_line[1:-1], "/tmp/a report.pdf", "/tmp/--отчёт.txt"], gui=gui) == 0
    assert cli_main(["--archive", "/tmp/x"], gui=gui) == 0
    assert handed[0] == [] and app.parse_args(handed[0]).paths == []
    assert app.parse_args(handed[1]).paths == ["/tmp/a report.pdf", "/tmp/--отчёт.txt"]
    assert app.parse_args(handed[2]).archive == "/tmp/x"


def test_the_launcher_claims_every_format_the_importers_take():
    from archive import importers

    claimed = set(_desktop_entry()["MimeType"].rstrip(";").split(";"))
    extensions = {ext for imp in importers.all_importers() for ext in imp.extensions} | {".zip"}
    unknown = extensions - _MIME_OF_EXTENSION.keys()
    assert not unknown, f"a new format: add its MIME type to the .desktop file ({unknown})"
    assert {_MIME_OF_EXTENSION[ext] for ext in extensions} <= claimed


def test_files_the_window_is_opened_with_are_imported(empty_window, tmp_path):
    from desktop import app

    note = tmp_path / "note.txt"
    note.write_text("Meta removed 40 Facebook accounts linked to a marketing firm.\n")
    assert app.import_opened_files(empty_window, []) == []
    assert app.import_opened_files(empty_window, [str(note)]) == [str(note)]
    assert empty_window.session.archive.info()["documents"] == 1


def test_opened_files_wait_for_the_first_query(qtbot, empty_session, ui_settings, tmp_path):
    from desktop.mainwindow import MainWindow
    from desktop.tasks import TaskRunner

    note = tmp_path / "note.txt"
    note.write_text("Meta removed 40 Facebook accounts linked to a marketing firm.\n")
    window = MainWindow(empty_session, TaskRunner(), ui_settings)  # real threads
    qtbot.addWidget(window)
    started: list[object] = []
    window.imports.import_started.connect(started.append)
    with qtbot.waitSignal(window.library.query_finished, timeout=20000):
        window.import_when_ready([str(note)])
        assert not started  # the first query (which builds the index) comes first
    qtbot.waitUntil(lambda: window.session.archive.info()["documents"] == 1, timeout=20000)
    assert started
    window.close()


def _png_size(path):
    import struct

    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def test_the_icon_ships_at_every_size_and_is_the_window_icon(qapp):
    from desktop import app

    icons = ROOT / "resources" / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / f"{APP_ID}.svg").read_text().startswith("<?xml")
    for size in app.ICON_SIZES:
        assert _png_size(icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png") == (size, size)
    assert {s.width() for s in app.app_icon().availableSizes()} == set(app.ICON_SIZES)
    app.make_application()
    assert not qapp.windowIcon().isNull()
    assert _desktop_entry()["Icon"] == APP_ID


def test_the_store_listing_has_what_appstream_asks_for():
    meta = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    shots = [img.text for img in meta.iter("image")]
    assert shots and all(url.startswith("https://") for url in shots)
    for url in shots:  # published from docs/screenshots/
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url
    release = meta.find("releases/release")
    assert release.get("date") and release.get("version") == __version__
    assert meta.findtext("developer/name") and meta.find("content_rating") is not None
    assert meta.find("url[@type='homepage']").text.startswith("https://")


def test_the_license_is_mit_in_spdx_form_and_ships():
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "MIT"
    assert pyproject["project"]["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "<project_license>MIT</project_license>" in (
        LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
