"""Status-bar progress for the running write task, with a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from archive.progress import Progress
from desktop.safe_text import plain_label
from desktop.tasks import Task

STAGES = {"scan": "Finding files", "import": "Importing", "parse": "Reading",
          "store": "Saving", "index": "Indexing"}


class ProgressPanel(QWidget):
    """Shows one task's progress; hidden when no task is bound."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain_label(QLabel(self))  # file names being read
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._task: Task | None = None
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.hide()

    @property
    def task(self) -> Task | None:
        return self._task

    def bind(self, task: Task) -> None:
        self._task = task
        self.label.setText(task.label or "Working…")
        self.bar.setRange(0, 0)  # busy until the first report
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel")
        task.signals.progressed.connect(self._on_task_progressed)
        task.signals.finished.connect(self._on_task_finished)
        self.show()

    def _on_task_progressed(self, progress: Progress) -> None:
        if progress.total:
            self.bar.setRange(0, progress.total)
            self.bar.setValue(min(progress.done, progress.total))
        stage = STAGES.get(progress.stage, progress.stage.capitalize())
        detail = progress.detail.rsplit("/", 1)[-1][:48]
        count = f" {progress.done:,}/{progress.total:,}" if progress.total else ""
        self.label.setText(f"{stage}{count} {detail}".strip())

    def _on_task_finished(self, task: Task) -> None:
        if task is self._task:
            self._task = None
            self.hide()

    def _on_cancel_button_clicked(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText("Cancelling…")
