"""The export dialog: format, scope and destination, then one `ExportJob` run off the GUI thread.

It only gathers choices and shows progress, errors and a PDF preview; what is exported and
how is decided by `archive.export.jobs.ExportJob` and `Archive.export`, never here.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from PySide6.QtCore import QDate, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from archive.api import Archive
from archive.errors import ArchiveError
from archive.export.jobs import ExportJob
from archive.export.registry import FORMATS
from archive.names import country_name
from archive.progress import CancelToken, Progress, ProgressCallback
from desktop.safe_text import literal
from desktop.tasks import Task, TaskRunner

PREVIEW_WIDTH = 360  # pixels; one page at about a third of A4 at 96 dpi
STAGES = {"export": "Reading documents", "layout": "Laying out page"}


@dataclass(frozen=True, slots=True)
class ExportDone:
    """What a finished export wrote."""

    path: Path
    count: int
    fmt: str
    warnings: tuple[str, ...] = ()


def run_export(root: Path, job: ExportJob, target: str, *,
               on_progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None) -> ExportDone:
    """Worker side (Qt-free): its own read-only Archive, because SQLite connections are per thread."""
    warnings: list[str] = []
    with Archive.open(root, create=False, write=False) as archive:
        count = job.run(archive, target, on_progress=on_progress, cancel=cancel,
                        on_warning=warnings.append)
    return ExportDone(Path(target), count, job.fmt, tuple(warnings))


def country_choices(facets: dict[str, list[tuple[str, int]]]) -> list[tuple[str, str]]:
    """(code, "Name (CODE)") for every origin or target country, sorted by name."""
    codes = {code.upper() for name in ("origin", "target") for code, _n in facets.get(name, [])}
    labelled = [(code, f"{country_name(code)} ({code})") for code in codes]
    return sorted(labelled, key=lambda cl: cl[1].casefold())


def actor_choices(facets: dict[str, list[tuple[str, int]]]) -> list[str]:
    return sorted((actor for actor, _n in facets.get("actor", [])), key=str.casefold)


def render_first_page(path: Path, width: int = PREVIEW_WIDTH) -> QImage:
    """The first page of a PDF as an image *width* pixels wide (null image if unreadable).

    Called on the GUI thread only: pdfium allows one caller at a time in the process.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return QImage()
    try:
        if len(pdf) == 0:
            return QImage()
        page = pdf[0]
        try:
            bitmap = page.render(scale=width / max(page.get_width(), 1.0))
            pil = bitmap.to_pil().convert("RGB")
        finally:
            page.close()
    finally:
        pdf.close()
    data = pil.tobytes()
    image = QImage(data, pil.width, pil.height, 3 * pil.width, QImage.Format.Format_RGB888)
    return image.copy()  # detach from *data*, which Python will free


def default_folder(archive_root: Path) -> Path:
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else archive_root.parent


def first_line(exc: BaseException) -> str:
    if isinstance(exc, ArchiveError):
        text = str(exc)
    else:  # a bug in the core: still one line here, the details belong in a log
        text = f"Export failed unexpectedly: {type(exc).__name__}: {exc}"
    return (text.strip().splitlines() or ["Export failed."])[0]


class ExportDialog(QDialog):
    """Choose what to export and where; run it with progress, Cancel and a PDF preview.

    Signals: none of its own; it listens to its Task's signals and to the runner's
    busy_changed (a preview waits while a writer task may be using pdfium).
    """

    def __init__(self, archive: Archive, ids: Iterable[str], query: str,
                 runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.archive_root = Path(archive.root)
        self.ids = list(ids)
        self.query = query.strip()
        self.runner = runner if runner is not None else TaskRunner(self)
        self._task: Task | None = None
        self._previewing = False
        self._pending_preview: Path | None = None
        self._temp_dir: Path | None = None
        self.last_result: ExportDone | None = None

        facets = archive.facets()
        self._build_format()
        self._build_scope(country_choices(facets), actor_choices(facets))
        self._build_status()
        self._build_buttons()
        layout = QVBoxLayout(self)
        for part in (self.format_box, self.scope_box, self.status_row, self.preview,
                     self.buttons_row):
            layout.addWidget(part)
        self._set_running(False)
        self._on_format_combo_changed()

    # --- construction -------------------------------------------------------------

    def _build_format(self) -> None:
        self.format_box = QGroupBox("Format", self)
        self.format_combo = QComboBox(self.format_box)
        for fmt, label in ((f.name, f.label) for f in FORMATS.values()):
            self.format_combo.addItem(label, fmt)
        QVBoxLayout(self.format_box).addWidget(self.format_combo)
        self.format_combo.currentIndexChanged.connect(self._on_format_combo_changed)

    def _build_scope(self, countries: list[tuple[str, str]], actors: list[str]) -> None:
        self.scope_box = QGroupBox("What to export", self)
        n = len(self.ids)
        self.ids_radio = QRadioButton(
            f"The {n} document{'s' if n != 1 else ''} in the result list", self.scope_box)
        self.query_radio = QRadioButton(f"The current search: “{self.query[:60]}”"
                                        if self.query else "The current search", self.scope_box)
        self.all_radio = QRadioButton("The whole archive", self.scope_box)
        self.ids_radio.setEnabled(bool(self.ids))
        self.query_radio.setEnabled(bool(self.query))
        self.scope_group = QButtonGroup(self)
        for radio in (self.ids_radio, self.query_radio, self.all_radio):
            self.scope_group.addButton(radio)
        (self.ids_radio if self.ids else self.query_radio if self.query else self.all_radio
         ).setChecked(True)

        self.country_combo = QComboBox(self.scope_box)
        self.country_combo.addItem("Any country", None)
        for code, label in countries:
            self.country_combo.addItem(label, code)
        self.actor_combo = QComboBox(self.scope_box)
        self.actor_combo.addItem("Any actor", None)
        for actor in actors:
            self.actor_combo.addItem(actor, actor)
        self.since_check = QCheckBox("Published since", self.scope_box)
        self.since_edit = QDateEdit(QDate.currentDate().addYears(-1), self.scope_box)
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("yyyy-MM-dd")
        self.since_edit.setEnabled(False)
        self.since_check.toggled.connect(self.since_edit.setEnabled)

        since_row = QHBoxLayout()
        since_row.addWidget(self.since_check)
        since_row.addWidget(self.since_edit, 1)
        form = QFormLayout()
        form.addRow("Country", self.country_combo)
        form.addRow("Actor", self.actor_combo)
        form.addRow(since_row)
        box = QVBoxLayout(self.scope_box)
        for radio in (self.ids_radio, self.query_radio, self.all_radio):
            box.addWidget(radio)
        box.addLayout(form)

    def _build_status(self) -> None:
        self.status_row = QWidget(self)
        self.progress = QProgressBar(self.status_row)
        self.status = QLabel(self.status_row)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # paths and errors are user text
        self.status.setWordWrap(True)  # a warning can be long
        row = QVBoxLayout(self.status_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress)
        row.addWidget(self.status)
        self.preview = QLabel(self)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.hide()

    def _build_buttons(self) -> None:
        self.buttons_row = QWidget(self)
        self.preview_button = QPushButton("Preview", self.buttons_row)
        self.export_button = QPushButton("Export…", self.buttons_row)
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel", self.buttons_row)
        self.open_folder_button = QPushButton("Open folder", self.buttons_row)
        self.close_button = QPushButton("Close", self.buttons_row)
        row = QHBoxLayout(self.buttons_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview_button)
        row.addStretch(1)
        for button in (self.open_folder_button, self.cancel_button, self.export_button,
                       self.close_button):
            row.addWidget(button)
        self.open_folder_button.hide()
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.open_folder_button.clicked.connect(self._on_open_folder_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.runner.busy_changed.connect(self._on_runner_busy_changed)

    # --- choices ------------------------------------------------------------------

    def current_job(self) -> ExportJob:
        """The user's choices as an ExportJob; the filters narrow whichever scope is chosen."""
        return ExportJob(
            self.format_combo.currentData(),
            country=self.country_combo.currentData(),
            actor=self.actor_combo.currentData(),
            query=self.query if self.query_radio.isChecked() else None,
            since=(self.since_edit.date().toString("yyyy-MM-dd")
                   if self.since_check.isChecked() else None),
            ids=list(self.ids) if self.ids_radio.isChecked() else None,
        )

    def select_format(self, fmt: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def select_country(self, code: str | None) -> None:
        self.country_combo.setCurrentIndex(max(self.country_combo.findData(code), 0))

    def choose_destination(self) -> str | None:
        """Ask where to save, prefilled with the proposed name; None if the user cancels."""
        job = self.current_job()
        suffix = FORMATS[job.fmt].suffix
        start = default_folder(self.archive_root) / job.proposed_filename()
        target, _ = QFileDialog.getSaveFileName(
            self, "Export to", str(start), f"{FORMATS[job.fmt].label} (*{suffix});;All files (*)")
        if not target:
            return None
        if not target.endswith(suffix) and not Path(target).suffix:
            target += suffix
        return target

    # --- running ------------------------------------------------------------------

    def start_export(self, target: str | Path, *, preview_only: bool = False) -> Task:
        """Run the chosen export into *target* on the reader pool."""
        self._previewing = preview_only
        self.last_result = None
        self.open_folder_button.hide()
        if not preview_only:
            self.preview.hide()
        job = self.current_job()
        task = Task(run_export, self.archive_root, job, str(target),
                    label=f"Exporting {FORMATS[job.fmt].label}")
        task.signals.progressed.connect(self._on_task_progressed)
        task.signals.succeeded.connect(self._on_task_succeeded)
        task.signals.failed.connect(self._on_task_failed)
        task.signals.cancelled.connect(self._on_task_cancelled)
        task.signals.finished.connect(self._on_task_finished)
        self._task = task
        self.status.setText("Preparing the preview…" if preview_only else "Exporting…")
        self._set_running(True)
        # Exports only read; with the inline test runner this returns after the task.
        return self.runner.submit(task, writes=False)

    @property
    def running(self) -> bool:
        return self._task is not None

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setRange(0, 0)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        for part in (self.format_box, self.scope_box, self.export_button):
            part.setEnabled(not running)
        self.preview_button.setEnabled(not running and self.format_combo.currentData() == "pdf")

    def _show_preview(self, path: Path) -> None:
        if self.runner.writing:  # an import may be inside pdfium on the writer thread
            self._pending_preview = path
            self.preview.setText("The preview will appear when the running import ends.")
            self.preview.show()
            return
        self._pending_preview = None
        image = render_first_page(path)
        if image.isNull():
            self.preview.setText("No preview: the PDF could not be rendered.")
        else:
            self.preview.setPixmap(QPixmap.fromImage(image))
        self.preview.show()

    def _preview_target(self) -> Path:
        if self._temp_dir is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="takedown-atlas-preview-"))
        return self._temp_dir / self.current_job().proposed_filename()

    # --- slots --------------------------------------------------------------------

    @Slot()
    def _on_format_combo_changed(self) -> None:
        self.preview_button.setEnabled(not self.running
                                       and self.format_combo.currentData() == "pdf")

    @Slot()
    def _on_preview_button_clicked(self) -> None:
        self.start_export(self._preview_target(), preview_only=True)

    @Slot()
    def _on_export_button_clicked(self) -> None:
        target = self.choose_destination()
        if target:
            self.start_export(target)

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")

    @Slot()
    def _on_open_folder_button_clicked(self) -> None:
        if self.last_result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_result.path.parent)))

    @Slot(object)
    def _on_task_progressed(self, progress: Progress) -> None:
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(min(progress.done, progress.total))
        stage = STAGES.get(progress.stage, progress.stage.capitalize())
        count = f" {progress.done:,}/{progress.total:,}" if progress.total else f" {progress.done}"
        self.status.setText(f"{stage}{count}…")

    @Slot(object)
    def _on_task_succeeded(self, done: ExportDone) -> None:
        noun = f"{done.count} document{'s' if done.count != 1 else ''}"
        warned = "".join(f"\nWarning: {w}" for w in done.warnings)
        if self._previewing:
            self.status.setText(f"Preview of {noun}; choose Export… to save it.{warned}")
        else:
            self.last_result = done
            self.status.setText(f"Exported {noun} to {done.path.name}.{warned}")
            self.status.setToolTip(literal(str(done.path)))
            self.open_folder_button.show()
        if done.fmt == "pdf":
            self._show_preview(done.path)

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        self.status.setText(first_line(exc))

    @Slot()
    def _on_task_cancelled(self) -> None:
        self.status.setText("Export cancelled; no file was written.")

    @Slot(object)
    def _on_task_finished(self, task: Task) -> None:
        if task is self._task:
            self._task = None
            self._set_running(False)

    @Slot(bool)
    def _on_runner_busy_changed(self, busy: bool) -> None:
        if not busy and self._pending_preview is not None:
            self._show_preview(self._pending_preview)

    # --- closing ------------------------------------------------------------------

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()  # the worker stops at its next check; nothing half-written stays
            # (closing the window goes through here too: QDialog.closeEvent calls reject)
        super().reject()

    def done(self, result: int) -> None:
        if self.runner.parent() is self:
            self.runner.shutdown()  # our own pool: wait for the cancelled worker
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None
        super().done(result)


def show_export_dialog(parent: QWidget, archive: Archive, ids: list[str], query: str) -> None:
    """Open the export dialog over *parent* (window-modal, not blocking the event loop)."""
    runner = getattr(parent, "runner", None)
    dialog = ExportDialog(archive, ids, query,
                          runner if isinstance(runner, TaskRunner) else None, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
