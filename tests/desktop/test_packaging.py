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
