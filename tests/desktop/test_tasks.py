"""A bug in a background task or an event handler shows its traceback, with a copy button."""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication

from archive.errors import ArchiveError
from desktop.dialogs import error_dialog
from desktop.tasks import ImmediateRunner, Task


def _broken_step(*, on_progress, cancel) -> None:  # noqa: ANN001
    raise RuntimeError("the sorter lost a row")


def _environment(*, on_progress, cancel) -> None:  # noqa: ANN001
    raise ArchiveError("disk full")


def test_a_failing_task_shows_the_traceback(qtbot) -> None:  # noqa: ANN001
    runner = ImmediateRunner()
    error_dialog._open.clear()
    with qtbot.waitSignal(runner.bug_reported) as seen:
        runner.submit(Task(_broken_step, label="Sorting"), writes=False)
    assert isinstance(seen.args[0], RuntimeError)
    dialog = error_dialog._open[-1]
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and not dialog.isModal()
    text = dialog.text.toPlainText()
    assert "Traceback" in text and "_broken_step" in text and "the sorter lost a row" in text
    assert "While: Sorting" in text
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.details
    dialog.close()
    assert dialog not in error_dialog._open


def test_an_environment_error_is_not_a_bug(qtbot) -> None:  # noqa: ANN001
    runner = ImmediateRunner()
    error_dialog._open.clear()
    failed = []
    task = Task(_environment)
    task.signals.failed.connect(failed.append)
    runner.submit(task, writes=True)
    assert [str(e) for e in failed] == ["disk full"] and error_dialog._open == []


def test_the_excepthook_shows_the_dialog(qtbot, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    error_dialog.install_excepthook()
    error_dialog._open.clear()
    try:
        raise KeyError("slot went wrong")
    except KeyError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    dialog = error_dialog._open[-1]
    qtbot.addWidget(dialog)
    assert "slot went wrong" in dialog.details and "test_the_excepthook" in dialog.details
    dialog.close()
