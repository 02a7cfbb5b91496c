"""The window's data flow: queries, documents, country/actor pages and small writes.

Reads run on the reader pool, writes on the writer thread; results come back here (on
the GUI thread) and are passed on as signals. Stale answers are dropped by request number.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from archive.entity import EntitySummary
from archive.errors import ArchiveError
from desktop import jobs
from desktop.models.document_table import PAGE, DocumentTableModel
from desktop.models.facets import FacetModel
from desktop.session import ArchiveSession
from desktop.tasks import Task, TaskRunner

BACKUP_POLL_MS = 30_000


class LibraryController(QObject):
    """Signals:
    query_finished(object): a QueryOutcome that is still current.
    document_loaded(object): a DocumentOutcome that is still current.
    entity_loaded(object): an EntitySummary.
    changed(object): a jobs.Changed after a write.
    failed(str): a one-line message for the status bar.
    """

    query_finished = Signal(object)
    document_loaded = Signal(object)
    entity_loaded = Signal(object)
    changed = Signal(object)
    failed = Signal(str)

    def __init__(self, session: ArchiveSession, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.table = DocumentTableModel(self._load_rows, self)
        self.facets = FacetModel(self)
        self.query = ""
        self.sort = "date"
        self.reverse = False
        self._query_no = 0
        self._doc_no = 0
        self.table.sort_requested.connect(self._on_table_sort_requested)
        self.facets.filters_changed.connect(self._on_facets_filters_changed)
        # Edits (tags, notes, stars, corrections) go into a backup once the journalist pauses.
        self._unsaved_edits = False
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_POLL_MS)
        self._backup_timer.timeout.connect(self._on_backup_timer_timeout)
        self._backup_timer.start()

    def set_session(self, session: ArchiveSession) -> None:
        self.session = session
        self.table.show_ids([])

    def _load_rows(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        return self.session.archive.document_rows(ids)

    # Reads

    def run_query(self, query: str | None = None) -> Task:
        if query is not None:
            self.query = query
        self._query_no += 1
        task = Task(jobs.run_query, self.session, self._query_no, self.query,
                    self.facets.filters, self.sort, reverse=self.reverse, first_page=PAGE,
                    label="Searching")
        task.signals.succeeded.connect(self._on_query_task_succeeded)
        task.signals.failed.connect(self._on_task_failed)
        return self.runner.submit(task, writes=False)

    def load_document(self, doc_id: str) -> Task:
        self._doc_no += 1
        task = Task(jobs.load_document, self.session, self._doc_no, doc_id, label="Opening")
        task.signals.succeeded.connect(self._on_document_task_succeeded)
        task.signals.failed.connect(self._on_task_failed)
        return self.runner.submit(task, writes=False)

    def load_entity(self, kind: str, key: str) -> Task:
        task = Task(jobs.load_entity, self.session, kind, key, label="Gathering networks")
        task.signals.succeeded.connect(self._on_entity_task_succeeded)
        task.signals.failed.connect(self._on_task_failed)
        return self.runner.submit(task, writes=False)

    # Writes

    def correct(self, doc_id: str, fields: dict[str, Any]) -> Task:
        return self._write(Task(jobs.correct, self.session, doc_id, fields, label="Saving correction"))

    def undo_correction(self, doc_id: str, correction_id: int) -> Task:
        return self._write(Task(jobs.undo_correction, self.session, doc_id, correction_id,
                                label="Undoing correction"))

    def annotate(self, doc_id: str, target_type: str, target_id: str,
                 changes: dict[str, Any]) -> Task:
        kwargs: dict[str, Any] = {}
        if "tags" in changes:
            kwargs["tags"] = changes["tags"]
        if "note" in changes:
            kwargs["note"], kwargs["note_given"] = changes["note"], True
        if "starred" in changes:
            kwargs["starred"] = changes["starred"]
        return self._write(Task(jobs.annotate, self.session, doc_id, target_type, target_id,
                                label="Saving", **kwargs))

    def _write(self, task: Task) -> Task:
        task.signals.succeeded.connect(self._on_write_task_succeeded)
        task.signals.failed.connect(self._on_task_failed)
        return self.runner.submit(task, writes=True)

    # Slots (queued from the pools onto the GUI thread)

    def _on_table_sort_requested(self, sort: str, reverse: bool) -> None:
        self.sort, self.reverse = sort, reverse
        self.run_query()

    def _on_facets_filters_changed(self, _filters: dict) -> None:
        self.run_query()

    def _on_query_task_succeeded(self, outcome: jobs.QueryOutcome) -> None:
        if outcome.request != self._query_no:
            return  # a newer query is on its way
        self.table.show_ids(outcome.ids, outcome.first_rows)
        self.facets.set_counts(outcome.facets)
        self.query_finished.emit(outcome)

    def _on_document_task_succeeded(self, outcome: jobs.DocumentOutcome) -> None:
        if outcome.request == self._doc_no:
            self.document_loaded.emit(outcome)

    def _on_entity_task_succeeded(self, summary: EntitySummary) -> None:
        self.entity_loaded.emit(summary)

    def _on_backup_timer_timeout(self) -> None:
        if self._unsaved_edits and not self.session.readonly:
            self._unsaved_edits = False
            task = Task(jobs.backup_if_idle, self.session, label="")
            task.signals.succeeded.connect(self._on_backup_task_succeeded)
            task.signals.failed.connect(self._on_task_failed)
            self.runner.submit(task, writes=True)

    def _on_backup_task_succeeded(self, still_waiting: bool) -> None:
        self._unsaved_edits = self._unsaved_edits or still_waiting

    def _on_write_task_succeeded(self, changed: jobs.Changed) -> None:
        self._unsaved_edits = True  # (a backup that finds nothing waiting costs nothing)
        self.table.refresh(changed.document_ids)
        self.changed.emit(changed)
        if changed.facets:
            self.run_query()

    def _on_task_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ArchiveError):
            self.failed.emit(str(exc) or type(exc).__name__)
        else:  # a bug: the task runner shows its details
            self.failed.emit(f"Internal error ({type(exc).__name__}); the details are shown.")
