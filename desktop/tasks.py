"""Run archive work off the GUI thread: one writer thread, a reader pool, progress, cancel.

Code submitted here must never touch widgets. Results come back through TaskSignals;
Qt delivers them on the GUI thread because that is where the signals object lives.
`ImmediateRunner` runs tasks inline, for tests that do not exercise threads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from archive.errors import ArchiveError, Cancelled
from archive.progress import CancelToken, Progress, throttle


class TaskSignals(QObject):
    """Signals:
    progressed(Progress): a progress update (throttled to ten a second).
    succeeded(object): the function's return value.
    failed(object): the exception instance.
    cancelled(): the user cancelled; a normal outcome, not an error.
    finished(object): the Task, always emitted last.
    """

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal(object)


class Task(QRunnable):
    """Wraps fn(*args, on_progress=..., cancel=..., **kwargs) for a thread pool."""

    def __init__(self, fn: Callable[..., Any], /, *args: Any, label: str = "",
                 **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner owns the lifetime, not the pool
        self.signals = TaskSignals()  # created here, so it lives on the GUI thread
        self.token = CancelToken()
        self.label = label
        self._fn, self._args, self._kwargs = fn, args, kwargs

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def is_cancelled(self) -> bool:
        return self.token.cancelled

    def _emit_progress(self, progress: Progress) -> None:
        self.signals.progressed.emit(progress)

    def run(self) -> None:  # runs on a pool thread
        try:
            result = self._fn(*self._args, on_progress=throttle(self._emit_progress),
                              cancel=self.token, **self._kwargs)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # reported to the GUI, never swallowed
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit(self)


class TaskRunner(QObject):
    """Owns the pools. Writes are serialised on one thread; reads run beside them.

    A task that fails with anything but an ArchiveError (the user's environment, reported
    where it happens) is a bug: the runner logs it and shows the details dialog.

    Signals:
    busy_changed(bool): a write task started (True) or the last one ended (False).
    bug_reported(object): a task failed with a bug (the exception), after the dialog is shown.
    """

    busy_changed = Signal(bool)
    bug_reported = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)  # one writer for SQLite and Whoosh
        self._writer.setExpiryTimeout(-1)  # keep the thread, and its Archive, alive
        self._reader = QThreadPool(self)
        self._reader.setMaxThreadCount(1)  # one reading connection is enough and cheap
        self._reader.setExpiryTimeout(-1)
        self._running: set[Task] = set()
        self._writes: set[Task] = set()

    def submit(self, task: Task, *, writes: bool) -> Task:
        self._running.add(task)
        # A bound slot on this GUI-thread object, not a lambda: Qt then queues the call,
        # so the last reference to the task is dropped on this thread.
        task.signals.finished.connect(self._on_task_finished)
        task.signals.failed.connect(self._on_task_failed)
        if writes:
            self._writes.add(task)
            if len(self._writes) == 1:
                self.busy_changed.emit(True)
        self._start(task, writes)
        return task

    def _start(self, task: Task, writes: bool) -> None:
        (self._writer if writes else self._reader).start(task)

    @property
    def writing(self) -> bool:
        return bool(self._writes)

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ArchiveError):
            return
        from desktop.dialogs.error_dialog import report_bug

        sender = self.sender()
        label = next((t.label for t in self._running if t.signals is sender), "")
        report_bug(exc, label or "running a background task")
        self.bug_reported.emit(exc)

    @Slot(object)
    def _on_task_finished(self, task: Task) -> None:
        self._running.discard(task)
        if task in self._writes:
            self._writes.discard(task)
            if not self._writes:
                self.busy_changed.emit(False)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Cancel everything and wait; call before closing the archive."""
        for task in list(self._running):
            task.cancel()
        self._writer.waitForDone(timeout_ms)
        self._reader.waitForDone(timeout_ms)


class ImmediateRunner(TaskRunner):
    """Runs each task inline on the calling thread (tests; Picard's fake thread pool)."""

    def _start(self, task: Task, writes: bool) -> None:
        task.run()
