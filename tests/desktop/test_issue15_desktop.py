"""Issue 15 in the desktop: report text never makes Qt read a file (S15-03); "Open original"
never hands a page to the system (S15-04, the glue); its copies live in one session folder
that goes away (S15-14d).

File access is watched three ways. Qt opens files in C++, which a Python audit hook never
sees, so inotify on the probes' folder records every open, and strace, attached to this very
process, also records stat/access (a stat of a UNC name is SMB traffic on Windows); an audit
hook adds Python-level opens.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QDesktopServices, QHelpEvent, QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMessageBox,
    QToolTip,
    QWidget,
)

from archive.api import Archive
from archive.errors import ArchiveError, ArchiveLocked
from archive.originals import REFUSED
from archive.progress import Progress
from archive.records import ImportResult, Rejected
from desktop import app as desktop_app
from desktop import temp_copies
from desktop.dialogs import prompts
from desktop.dialogs.export_dialog import ExportDialog, ExportDone
from desktop.dialogs.import_report import ImportReportDialog
from desktop.session import ArchiveSession
from desktop.temp_copies import SessionTemp
from desktop.views.entity_page import EntityPage
from desktop.views.text_view import SafeTextBrowser
from tests.desktop.conftest import make_window
from tests.reliability.test_issue15_originals import CASES

PROBES = ("probe-file.png", "probe-abs.png", "\\\\host\\share\\probe-unc.png", "probe-rel.png",
          "probe-name.png")
IN_ACCESS, IN_OPEN = 0x1, 0x20
_py_opens: list[str] | None = None  # set while a FileWatch is watching


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _py_opens is not None and event == "open" and args and \
            any(p in str(args[0]) for p in PROBES):
        _py_opens.append(str(args[0]))


sys.addaudithook(_audit)


# --- watching file access -----------------------------------------------------------------

class FileWatch:
    """Records opens (inotify), any file syscall (strace) and Python opens naming a probe."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.opened: list[str] = []
        self.syscalls: list[str] = []
        self.python_opens: list[str] = []
        self.strace_attached = False

    @contextmanager
    def watching(self) -> Iterator[FileWatch]:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = libc.inotify_init1(os.O_NONBLOCK)
        assert fd >= 0, "inotify is not available"
        assert libc.inotify_add_watch(fd, str(self.folder).encode(), IN_OPEN | IN_ACCESS) >= 0
        trace, log = None, self.folder.parent / f"strace-{time.monotonic_ns()}.txt"
        if shutil.which("strace"):
            trace = subprocess.Popen(["strace", "-f", "-qq", "-e", "trace=%file", "-o", str(log),
                                      "-p", str(os.getpid())], stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and not (log.exists() and log.stat().st_size):
                try:
                    os.stat(self.folder.parent / "strace-attach-marker")
                except OSError:
                    pass
                time.sleep(0.05)
            self.strace_attached = log.exists() and log.stat().st_size > 0
        global _py_opens
        _py_opens = self.python_opens
        try:
            yield self
        finally:
            QApplication.processEvents()
            _py_opens = None
            if trace is not None:
                trace.terminate()
                trace.wait(10)
                if self.strace_attached:
                    self.syscalls = [line for line in log.read_text(errors="replace").splitlines()
                                     if any(p.replace("\\", "\\\\") in line for p in PROBES)]
            data = b""
            while True:
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    break
                if not chunk:
                    break
                data += chunk
            os.close(fd)
            pos = 0
            while pos + 16 <= len(data):
                _wd, mask, _cookie, size = struct.unpack_from("iIII", data, pos)
                name = data[pos + 16:pos + 16 + size].rstrip(b"\0").decode(errors="replace")
                pos += 16 + size
                if name in PROBES:
                    self.opened.append(f"{name} (mask {mask:#x})")


@pytest.fixture
def probes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Real PNGs under every name a payload points to; the working folder is theirs, so a
    relative name or a UNC name read as relative on Linux would find its file."""
    folder = tmp_path / "probes"
    folder.mkdir()
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    image.fill(0xFFFF0000)
    for name in PROBES:
        assert image.save(str(folder / name), "PNG")
    monkeypatch.chdir(folder)
    return folder


def payload(folder: Path) -> str:
    return (f'<img src="file://{folder / "probe-file.png"}"> <img src="{folder / "probe-abs.png"}"> '
            '<img src="\\\\host\\share\\probe-unc.png"> <img src="probe-rel.png">')


def test_the_watch_sees_qt_read_a_probe(qtbot, probes: Path) -> None:  # noqa: ANN001
    """The control: a rich-text label with the payload does open the probes."""
    watch = FileWatch(probes)
    with watch.watching():
        label = QLabel(payload(probes))  # AutoText: Qt guesses rich text
        qtbot.addWidget(label)
        label.show()
        label.grab()
    assert any("probe-abs.png" in o for o in watch.opened), watch.opened
    assert any("probe-unc.png" in o for o in watch.opened), watch.opened
    if watch.strace_attached:
        assert any("probe-file.png" in s for s in watch.syscalls), watch.syscalls[:5]


# --- S15-03 --------------------------------------------------------------------------------

def _hostile_archive(root: Path, bad: str) -> tuple[Archive, str]:
    archive = Archive.open(root)
    text = (f"{bad} Takedown report\n\nMeta removed 40 Facebook accounts and 12 Pages {bad} for "
            f"coordinated inauthentic behavior. The network originated in Russia {bad} and "
            f"targeted Ukraine. We found links to the Internet Research Agency {bad}.\n")
    doc_id = archive.import_text(text, '<img src="probe-name.png"> report.txt').added[0]
    doc = archive.document(doc_id, with_text=False)
    net_id = doc["networks"][0]["id"]
    archive.set_tags("document", doc_id, [bad, "fine"])
    archive.set_note("document", doc_id, bad)
    archive.set_tags("network", net_id, [bad])
    archive.set_note("network", net_id, bad, starred=True)
    archive.correct(doc_id, action="add", kind="actor", key=bad, role="attributed", note=bad)
    return archive, doc_id


def _views() -> list[QAbstractItemView]:
    return [w for w in QApplication.allWidgets() if isinstance(w, QAbstractItemView)
            and not isinstance(w, QHeaderView) and w.isVisible() and w.model() is not None]


def _show_every_tooltip(view: QAbstractItemView) -> list[str]:
    """Hover every index: the view asks its model for the tooltip and shows it, as Qt does."""
    shown: list[str] = []
    model = view.model()

    def walk(parent: QModelIndex) -> Iterator[QModelIndex]:
        for row in range(model.rowCount(parent)):
            for col in range(model.columnCount(parent)):
                index = model.index(row, col, parent)
                yield index
                if col == 0 and model.rowCount(index) > 0:
                    yield from walk(index)

    for index in walk(QModelIndex()):
        view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        rect = view.visualRect(index)
        if not rect.isValid():
            continue
        pos = rect.center()
        event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
        QApplication.sendEvent(view.viewport(), event)
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        if tip:
            shown.append(str(tip))
            _grab_tooltip()
    QToolTip.hideText()
    return shown


def _raiser(exc: BaseException) -> Any:
    def open_(*_a: Any, **_k: Any) -> None:
        raise exc
    return open_


def _hover(widget: QWidget) -> None:
    pos = widget.rect().center()
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos)))
    _grab_tooltip()
    QToolTip.hideText()


def _grab_tooltip() -> None:
    for w in QApplication.topLevelWidgets():
        if w.metaObject().className() == "QTipLabel" and w.isVisible():
            w.grab()


def test_S15_03_report_text_never_makes_qt_read_a_file(qtbot, probes: Path, tmp_path: Path,  # noqa: ANN001
                                                      immediate_runner, ui_settings,  # noqa: ANN001
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    bad = payload(probes)
    archive, doc_id = _hostile_archive(tmp_path / "archive", bad)
    session = ArchiveSession(archive)
    boxes: list[QMessageBox] = []

    def show_box(parent: QWidget | None, title: str, text: str, *_a: Any, **_k: Any) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          parent)  # as the static function builds it, but not modal
        qtbot.addWidget(box)  # closed at teardown, pass or fail
        box.show()
        box.grab()
        boxes.append(box)

    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, show_box)
    watch = FileWatch(probes)
    tips: list[str] = []
    with watch.watching():
        window = make_window(qtbot, session, immediate_runner, ui_settings)
        window.library.load_document(doc_id)
        window.reader.facts.expandAll()
        assert window.reader.document_id == doc_id
        window.reader.text.setHtml(bad)  # the reader's own loader, should markup reach it
        window.reader.text.grab()
        page = window.open_entity("actor", bad)
        assert isinstance(page, EntityPage) and page.summary is not None
        window.open_entity("country", "RU")
        window.tabs.setCurrentIndex(0)
        window.progress.show()
        window.progress._on_task_progressed(Progress("parse", 1, 2, bad))
        window.statusBar().showMessage(bad)
        window._on_text_link_copied(bad)
        window.banner.setText(bad)
        window.banner.show()
        window.archive_label.setText(bad)
        window.grab()  # the library tab with its reader, status bar, banner and progress
        window._on_imports_import_failed(bad)
        for exc in (ArchiveError(bad), ArchiveLocked(4242)):
            monkeypatch.setattr(ArchiveSession, "open", classmethod(_raiser(exc)))
            window.switch_archive(tmp_path / "other", create=False)
            args = desktop_app.parse_args(["--archive", str(tmp_path / bad.replace("/", "_")),
                                           "--settings", str(tmp_path / "ui.ini")])
            assert desktop_app.build_window(args, QApplication.instance()) is None
        report = ImportReportDialog(ImportResult(rejected=[Rejected(bad, bad)],
                                                 warnings=[f"{bad}: {bad}"]), parent=window)
        qtbot.addWidget(report)
        report.show()
        report.tree.expandAll()
        views = _views()
        assert {window.table, window.reader.facts, window.sidebar.tree, report.tree} <= set(views)
        for view in views:
            tips += _show_every_tooltip(view)
        for i in range(1, window.tabs.count()):  # the country and actor pages
            window.tabs.setCurrentIndex(i)
            for view in _views():
                tips += _show_every_tooltip(view)
            window.grab()
        QToolTip.showText(QPoint(5, 5), window.reader.facts_model.item(0).toolTip(), window)
        _grab_tooltip()
        report.grab()
        export = ExportDialog(archive, [doc_id], "", immediate_runner, window)
        qtbot.addWidget(export)
        export.show()
        export._on_task_succeeded(ExportDone(tmp_path / bad.replace("/", "_"), 1, "json",
                                             (bad,)))
        tips.append(export.status.toolTip())
        _hover(export.status)
        export.grab()
    assert watch.opened == [], watch.opened
    assert watch.syscalls == [], watch.syscalls[:5]
    assert watch.python_opens == []
    assert watch.strace_attached or not shutil.which("strace")  # stats were watched too
    # The payload did reach the tooltips, labels and boxes it was meant to test.
    assert sum("probe-abs.png" in t for t in tips) >= 8, tips[:3]
    assert len(boxes) == 5 and "probe-abs.png" in boxes[0].text()
    assert "probe-name.png" in window.reader.title.text()
    window.close()
    archive.close()


def test_S15_03_the_reader_refuses_every_resource(qtbot, probes: Path) -> None:  # noqa: ANN001
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    watch = FileWatch(probes)
    with watch.watching():
        browser.setHtml(payload(probes) + f'<link rel="stylesheet" href="{probes / "probe-abs.png"}">'
                        '<img src="http://x.invalid/a.png">')
        browser.show()
        browser.grab()
    assert watch.opened == [] and watch.syscalls == [], (watch.opened, watch.syscalls[:3])


# --- S15-04: the desktop glue ----------------------------------------------------------------

@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Archive, dict[str, str]]]:
    root = tmp_path_factory.mktemp("s15_04_desktop")
    archive = Archive.open(root / "archive")
    ids = {}
    for name, (data, _) in CASES.items():
        folder = root / "in" / name.replace(".", "_")
        folder.mkdir(parents=True)
        (folder / name).write_bytes(data)
        ids[name] = archive.import_paths([folder / name]).added[0]
    yield archive, ids
    archive.close()


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What reached the system (openUrl) and what the user was told instead."""
    seen: dict[str, list[str]] = {"opened": [], "told": []}
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: seen["opened"].append(url.toLocalFile()) or True)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **_k: seen["told"].append(str(a[2])))
    return seen


@pytest.mark.parametrize("name", list(CASES))
def test_S15_04_open_original_hands_only_pdf_and_text_to_the_system(
        qtbot, originals: tuple[Archive, dict[str, str]], system: dict[str, list[str]],  # noqa: ANN001
        tmp_path: Path, name: str) -> None:
    archive, ids = originals
    data, may_leave = CASES[name]
    temp = SessionTemp(tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    prompts.handle_original(parent, archive, ids[name], "open", temp)
    if not may_leave:
        assert system["opened"] == [], name
        assert system["told"] == [REFUSED]
        assert temp.folder is None  # nothing was even written for it
        return
    assert system["told"] == [] and len(system["opened"]) == 1
    opened = Path(system["opened"][0])
    assert temp.folder is not None and temp.folder in opened.parents
    assert opened.suffix == (".pdf" if name.endswith(".pdf") else ".txt")
    assert opened.read_bytes() == data


def test_S15_04_the_reader_menu_goes_through_the_core(
        qtbot, originals: tuple[Archive, dict[str, str]], system: dict[str, list[str]],  # noqa: ANN001
        tmp_path: Path, immediate_runner, ui_settings) -> None:  # noqa: ANN001
    archive, ids = originals
    from desktop.mainwindow import MainWindow

    window = MainWindow(ArchiveSession(archive), immediate_runner, ui_settings,
                        SessionTemp(tmp_path))
    qtbot.addWidget(window)
    for name in ("saved_page", "scripted.svg", "saved.mhtml", "notes.txt"):
        window.library.load_document(ids[name])
        assert window.reader.document_id == ids[name]
        window.reader._open_action.trigger()  # "Original ▸ Open in default application"
    assert len(system["told"]) == 3
    assert [Path(p).name for p in system["opened"]] == ["notes.txt"]


# --- S15-14d: one session folder for viewer copies, removed on exit --------------------------

def _session_folders(base: Path) -> list[Path]:
    return sorted(p for p in base.iterdir() if p.name.startswith(temp_copies.PREFIX))


def test_S15_14d_copies_share_one_session_folder_that_goes_on_close(
        qtbot, originals: tuple[Archive, dict[str, str]], system: dict[str, list[str]],  # noqa: ANN001
        tmp_path: Path, immediate_runner, ui_settings) -> None:  # noqa: ANN001
    archive, ids = originals
    from desktop.mainwindow import MainWindow

    base = tmp_path / "tmp"
    base.mkdir()
    window = MainWindow(ArchiveSession(archive), immediate_runner, ui_settings, SessionTemp(base))
    qtbot.addWidget(window)
    for name in ("notes.txt", "report.pdf", "notes.txt", "angles.txt"):
        window._on_reader_original_requested(ids[name], "open")
    opened = [Path(p) for p in system["opened"]]
    assert len(opened) == 4 and all(p.is_file() for p in opened)
    folders = _session_folders(base)
    assert len(folders) == 1 and all(folders[0] in p.parents for p in opened)
    assert folders[0].name.startswith(f"{temp_copies.PREFIX}{os.getpid()}-")
    assert opened[0] != opened[2] and opened[0].name == opened[2].name  # never overwritten
    window.close()
    assert _session_folders(base) == [] and not any(p.exists() for p in opened)
    assert sorted(base.iterdir()) == []


def test_S15_14d_the_app_cleans_on_exit_and_old_leftovers_on_start(
        qtbot, originals: tuple[Archive, dict[str, str]], system: dict[str, list[str]],  # noqa: ANN001
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, ids = originals
    base = tmp_path / "tmp"
    base.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(base))  # the app's "system temp folder"
    dead = subprocess.Popen(["true"])
    dead.wait()
    day = 24 * 3600
    made = {}
    for label, pid, age in (("old_dead", dead.pid, day + 60), ("new_dead", dead.pid, 60),
                            ("old_ours", os.getpid(), day + 60)):
        folder = base / f"{temp_copies.PREFIX}{pid}-{label}"
        (folder / "x").mkdir(parents=True)
        (folder / "x" / "copy.txt").write_text("left over")
        os.utime(folder, (time.time() - age, time.time() - age))
        made[label] = folder
    unrelated = base / "someone-elses-folder"
    unrelated.mkdir()
    os.utime(unrelated, (time.time() - 9 * day, time.time() - 9 * day))
    during: dict[str, Any] = {}
    with Archive.open(tmp_path / "archive") as archive:
        doc_id = archive.import_text(CASES["notes.txt"][0].decode(), "notes.txt").added[0]

    def run_event_loop(_app: Any) -> int:  # stands in for app.exec(): the user opens one
        window = during["window"]
        window._on_reader_original_requested(doc_id, "open")
        during["folders"] = _session_folders(base)
        during["ours"] = window.temp_copies.folder
        return 0

    from desktop.dialogs import error_dialog

    build = desktop_app.build_window

    def build_and_keep(*a: Any) -> Any:
        during["window"] = window = build(*a)
        qtbot.addWidget(window)
        return window

    monkeypatch.setattr(desktop_app, "build_window", build_and_keep)

    monkeypatch.setattr(QApplication, "exec", run_event_loop)
    monkeypatch.setattr(error_dialog, "install_excepthook", lambda: None)
    assert desktop_app.main(["--archive", str(tmp_path / "archive"),
                             "--settings", str(tmp_path / "ui.ini")]) == 0
    assert ids  # the module's archive is untouched by this one
    assert not made["old_dead"].exists()  # a day old, its process gone: removed on start
    assert made["new_dead"].exists() and made["old_ours"].exists() and unrelated.exists()
    ours = during["ours"]
    assert ours is not None and ours in during["folders"] and len(system["opened"]) == 1
    assert not ours.exists()  # removed on exit
    assert set(base.iterdir()) == {made["new_dead"], made["old_ours"], unrelated}
