"""Import on the real writer thread: progress arrives, a mid-run cancel leaves a consistent
archive, and the window shows the new documents without a restart."""

from __future__ import annotations

from pathlib import Path

from desktop.tasks import TaskRunner
from tests.desktop.conftest import make_window


def _reports(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"report_{i:03}.txt").write_text(
            f"Report {i}: Meta removed {10 + i} Facebook accounts and {i + 2} Pages "
            f"originating in Azerbaijan and targeting Armenia. Case {i}.\n\n" * 20,
            encoding="utf-8")
    return folder


def test_import_with_progress_and_cancel(qtbot, empty_session, ui_settings, tmp_path):
    runner = TaskRunner()
    window = make_window(qtbot, empty_session, runner, ui_settings)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.empty)  # a new archive
    folder = _reports(tmp_path / "in", 80)
    progressed = []

    with qtbot.waitSignal(window.imports.import_finished, timeout=60_000) as done:
        task = window.imports.import_paths([str(folder)])
        assert task is not None and window.progress.isVisible()
        task.signals.progressed.connect(progressed.append)
        qtbot.waitUntil(lambda: any(p.done >= 3 for p in progressed), timeout=30_000)
        window.progress.cancel_button.click()
    result = done.args[0]
    assert result.cancelled
    assert 3 <= len(result.added) < 80
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: len(window.library.table.ids) == len(result.added), timeout=10_000)
    assert window.stack.currentWidget() is window.main_splitter
    assert window.last_report is not None and "cancelled" in window.last_report.summary.text()
    archive = empty_session.archive
    assert archive.store.count("document") == len(result.added)
    report = archive.check()
    assert report.ok, report.problems

    # The rest imports on a second run; what came before counts as duplicates.
    with qtbot.waitSignal(window.imports.import_finished, timeout=60_000) as again:
        window.imports.import_paths([str(folder)])
    second = again.args[0]
    assert len(second.added) + len(second.duplicates) == 80 and not second.cancelled
    qtbot.waitUntil(lambda: len(window.library.table.ids) == 80, timeout=10_000)
    runner.shutdown()
