"""Import flows: files, folders, drops and pasted text, on the writer thread with progress.

Emits the ImportResult when done; the window shows the report and refreshes from it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QUrl, Signal

from archive.records import ImportResult
from desktop import jobs
from desktop.session import ArchiveSession
from desktop.tasks import Task, TaskRunner


def local_paths(urls: Sequence[QUrl]) -> list[str]:
    """Local files and folders among dropped URLs; anything remote is ignored, never fetched."""
    return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile()]


class ImportController(QObject):
    """Signals:
    import_started(object): the Task (bind a progress panel to it).
    import_finished(object): the ImportResult (also when cancelled part-way).
    import_failed(str): a one-line reason.
    """

    import_started = Signal(object)
    import_finished = Signal(object)
    import_failed = Signal(str)

    def __init__(self, session: ArchiveSession, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.current: Task | None = None

    @property
    def busy(self) -> bool:
        return self.current is not None

    def import_paths(self, paths: Sequence[str]) -> Task | None:
        if not paths or self.busy:
            return None
        n = len(paths)
        label = f"Importing {n} item{'s' if n != 1 else ''}"
        return self._start(Task(jobs.import_paths, self.session, list(paths), label=label))

    def import_text(self, text: str, name: str = "pasted text.txt") -> Task | None:
        if not text.strip() or self.busy:
            return None
        return self._start(Task(jobs.import_text, self.session, text, name, label="Importing pasted text"))

    def _start(self, task: Task) -> Task:
        self.current = task
        task.signals.succeeded.connect(self._on_task_succeeded)
        task.signals.failed.connect(self._on_task_failed)
        task.signals.finished.connect(self._on_task_finished)
        self.import_started.emit(task)  # before submitting: an inline runner finishes at once
        self.runner.submit(task, writes=True)
        return task

    def _on_task_succeeded(self, result: ImportResult) -> None:
        self.import_finished.emit(result)

    def _on_task_failed(self, exc: BaseException) -> None:
        self.import_failed.emit(str(exc) or type(exc).__name__)

    def _on_task_finished(self, task: Task) -> None:
        if task is self.current:
            self.current = None
