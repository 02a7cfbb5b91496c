"""The window asks the core whether an original may open outside the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from archive.api import Archive
from desktop.dialogs import prompts
from desktop.temp_copies import SessionTemp


@pytest.mark.parametrize("name", ["page.shtml", "page", "article.php", "evil.svg", "notes.txt"])
def test_open_original_follows_the_core(qtbot, archive: Archive, tmp_path: Path,  # noqa: ANN001
                                        monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    body = (b"<svg xmlns='http://www.w3.org/2000/svg'><script>x()</script><text>Meta removed "
            b"40 accounts.</text></svg>" if name.endswith(".svg") else
            b"Meta removed 40 accounts in Armenia, the report said." if name.endswith(".txt")
            else b"<html><body><p>Meta removed 40 accounts.</p><script>x()</script></body></html>")
    (tmp_path / name).write_bytes(body)
    archive.import_paths([tmp_path / name])
    doc_id = archive.store.document_ids()[0]
    opened: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(str(a[2])))
    parent = QWidget()
    qtbot.addWidget(parent)
    prompts.handle_original(parent, archive, doc_id, "open", SessionTemp(tmp_path))
    if name == "notes.txt":
        assert len(opened) == 1 and opened[0].endswith("notes.txt") and not told
        assert Path(opened[0]).read_bytes() == body
    else:
        assert opened == [] and told and "Save a copy" in told[0]
