"""The main window: composes the facet sidebar, search bar, result table, reader and
country/actor pages over one ArchiveSession. Composition and wiring only; the data flow
lives in LibraryController and ImportController, the rules in `archive`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from archive import APP_NAME
from archive.entity import EntitySummary
from archive.errors import ArchiveError
from archive.importers import file_dialog_filter
from archive.records import ImportResult
from desktop import jobs, settings
from desktop.actions import build_actions, install_menus
from desktop.dialogs import prompts
from desktop.dialogs.about import show_about
from desktop.dialogs.import_report import ImportReportDialog, summary_line
from desktop.imports import ImportController, local_paths
from desktop.library import LibraryController
from desktop.safe_text import literal, plain_label
from desktop.session import ArchiveSession
from desktop.tasks import TaskRunner
from desktop.temp_copies import SessionTemp
from desktop.views.empty_state import EmptyState
from desktop.views.entity_page import EntityPage
from desktop.views.facet_sidebar import FacetSidebar
from desktop.views.progress_panel import ProgressPanel
from desktop.views.reader import ReaderPane
from desktop.views.result_table import ResultTableView
from desktop.views.search_bar import SearchBar


class MainWindow(QMainWindow):
    """The archive browser. Owns the session it is given and closes it on close."""

    def __init__(self, session: ArchiveSession, runner: TaskRunner,
                 ui: settings.UiSettings, temp_copies: SessionTemp | None = None) -> None:
        super().__init__()
        self.session, self.runner, self.ui = session, runner, ui
        # Copies of originals opened in the system's viewer; removed when the window closes.
        self.temp_copies = temp_copies if temp_copies is not None else SessionTemp()
        self.library = LibraryController(session, runner, self)
        self.imports = ImportController(session, runner, self)
        self.last_report: ImportReportDialog | None = None
        # Files the window was opened with wait for the first query: on a new archive that
        # query builds the search index, and an import beside it would build it a second
        # time, into the same folder (the two threads' Archives do not coordinate).
        self._first_query_done = False
        self._opened_files: list[str] = []
        self.actions_ = build_actions(self)
        self.setAcceptDrops(True)
        self.resize(1280, 820)

        self.sidebar = FacetSidebar(self.library.facets, self)
        self.search = SearchBar(self)
        self.table = ResultTableView(self.library.table, self)
        self.reader = ReaderPane(self)
        self.empty = EmptyState(self)
        self.progress = ProgressPanel(self)
        self.banner = plain_label(QLabel(self))
        self.banner.setObjectName("readonlyBanner")
        self.banner.setStyleSheet("background:#f0ad4e; color:black; padding:4px 8px;")
        self.banner.hide()

        results = QWidget(self)
        col = QVBoxLayout(results)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.search)
        col.addWidget(self.table, 1)
        self.library_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.library_splitter.addWidget(results)
        self.library_splitter.addWidget(self.reader)
        self.library_splitter.setSizes([300, 480])
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.addWidget(self.sidebar)
        self.main_splitter.addWidget(self.library_splitter)
        self.main_splitter.setSizes([260, 1020])
        self.main_splitter.setStretchFactor(1, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.main_splitter)
        self.stack.addWidget(self.empty)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.addTab(self.stack, "Library")
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.banner)
        outer.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.archive_label = plain_label(QLabel(self))
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.archive_label)
        self._build_menus()
        self._connect()
        self._restore_state()
        self._show_session()

    # --- composition ---------------------------------------------------------------------

    def _build_menus(self) -> None:
        self.recent_menu = install_menus(self, self.actions_)
        for action in self.actions_.values():
            action.triggered.connect(getattr(self, f"_on_{action.objectName()[7:]}_triggered"))
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)

    def _connect(self) -> None:
        lib = self.library
        lib.query_finished.connect(self._on_library_query_finished)
        lib.document_loaded.connect(self._on_library_document_loaded)
        lib.entity_loaded.connect(self._on_library_entity_loaded)
        lib.changed.connect(self._on_library_changed)
        lib.failed.connect(self._on_library_failed)
        self.imports.import_started.connect(self._on_imports_import_started)
        self.imports.import_finished.connect(self._on_imports_import_finished)
        self.imports.import_failed.connect(self._on_imports_import_failed)
        self.search.query_changed.connect(self._on_search_query_changed)
        self.search.results_focus_requested.connect(self._on_search_results_focus_requested)
        self.search.entity_requested.connect(self.open_entity)
        self.sidebar.entity_requested.connect(self.open_entity)
        self.table.current_document_changed.connect(self._on_table_current_document_changed)
        self.table.document_activated.connect(self._on_table_document_activated)
        self.table.annotate_requested.connect(self._on_table_annotate_requested)
        self.reader.correction_requested.connect(lib.correct)
        self.reader.undo_requested.connect(lib.undo_correction)
        self.reader.annotation_requested.connect(lib.annotate)
        self.reader.entity_requested.connect(self.open_entity)
        self.reader.edit_requested.connect(self._on_reader_edit_requested)
        self.reader.original_requested.connect(self._on_reader_original_requested)
        self.reader.text.link_copied.connect(self._on_text_link_copied)
        self.empty.import_requested.connect(self._on_import_files_triggered)
        self.empty.paste_requested.connect(self._on_paste_document_triggered)
        self.tabs.tabCloseRequested.connect(self._on_tabs_tab_close_requested)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_style_hints_color_scheme_changed)

    def _show_session(self) -> None:
        s = self.session
        self.setWindowTitle(f"{s.root.name} — {APP_NAME}")
        self.archive_label.setText(str(s.root))
        readonly = s.readonly
        self.banner.setText("Read-only: " + (" ".join(s.archive.notices)
                                             or "this archive cannot be changed.") if readonly else "")
        self.banner.setVisible(readonly)
        for action in self.actions_.values():
            if action.property("writes"):
                action.setEnabled(not readonly)
        self.reader.add_button.setVisible(not readonly)
        self.ui.add_recent_archive(s.root)
        self.reader.clear()
        self.library.run_query(self.search.text)

    def _restore_state(self) -> None:
        settings.restore_window(self.ui, self, self._splitters(), self.table.horizontalHeader())

    def save_state(self) -> None:
        settings.save_window(self.ui, self, self._splitters(), self.table.horizontalHeader())

    def _splitters(self) -> dict[settings.Key, QSplitter]:
        return {settings.MAIN_SPLITTER: self.main_splitter,
                settings.LIBRARY_SPLITTER: self.library_splitter,
                settings.READER_SPLITTER: self.reader.splitter}

    # --- what other parts call --------------------------------------------------------------

    def open_entity(self, kind: str, key: str) -> EntityPage:
        """Show (or switch to) the page of a country or an actor."""
        for i in range(1, self.tabs.count()):
            page = self.tabs.widget(i)
            if isinstance(page, EntityPage) and (page.kind, page.key) == (kind, key):
                self.tabs.setCurrentIndex(i)
                return page
        page = EntityPage(kind, key, self)
        page.entity_requested.connect(self.open_entity)
        page.document_requested.connect(self.open_document)
        self.tabs.setCurrentIndex(self.tabs.addTab(page, page.page_title))
        self.library.load_entity(kind, key)
        return page

    def open_document(self, doc_id: str) -> None:
        self.tabs.setCurrentIndex(0)
        if not self.table.select_document(doc_id):
            self.library.load_document(doc_id)

    def switch_archive(self, path: str | Path, *, create: bool) -> bool:
        try:
            session = ArchiveSession.open(path, create=create)
        except ArchiveError as exc:
            QMessageBox.warning(self, APP_NAME, literal(str(exc)))
            return False
        self.runner.shutdown()
        self.session.close()
        self.session = self.library.session = self.imports.session = session
        self.library.set_session(session)
        while self.tabs.count() > 1:
            self._close_tab(1)
        self._show_session()
        return True

    # --- drag and drop ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self.session.readonly and local_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData().urls())
        if paths and not self.session.readonly:
            event.acceptProposedAction()
            self.imports.import_paths(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.runner.shutdown()
        self.session.close()
        self.temp_copies.remove()
        super().closeEvent(event)

    # --- slots --------------------------------------------------------------------------------

    def import_when_ready(self, paths: Sequence[str]) -> None:
        """Import *paths* (the files the app was opened with) once the first query is done."""
        self._opened_files.extend(paths)
        if self._first_query_done:
            self._start_opened_files()

    def _start_opened_files(self) -> None:
        paths, self._opened_files = self._opened_files, []
        if paths:
            self.imports.import_paths(paths)

    def _on_library_query_finished(self, outcome: jobs.QueryOutcome) -> None:
        if not self._first_query_done:
            self._first_query_done = True
            self._start_opened_files()
        title = EntityPage(*outcome.entity).page_title if outcome.entity else None
        self.search.set_result(len(outcome.ids), outcome.notice, outcome.entity, title)
        empty = not outcome.ids and not self.search.text.strip() and not self.library.facets.filters
        self.stack.setCurrentWidget(self.empty if empty else self.main_splitter)
        current = self.reader.document_id
        if current and not self.table.select_document(current):
            self.table.clearSelection()

    def _on_library_document_loaded(self, outcome: jobs.DocumentOutcome) -> None:
        self.reader.show_document(outcome.document, outcome.corrections)

    def _on_library_entity_loaded(self, summary: EntitySummary) -> None:
        for i in range(1, self.tabs.count()):
            page = self.tabs.widget(i)
            if isinstance(page, EntityPage) and (page.kind, page.key) == (summary.kind, summary.key):
                page.show_summary(summary)

    def _on_library_changed(self, changed: jobs.Changed) -> None:
        if self.reader.document_id in changed.document_ids:
            self.library.load_document(self.reader.document_id or "")

    def _on_library_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        if not self._first_query_done:
            self._first_query_done = True
            self._start_opened_files()

    def _on_imports_import_started(self, task: Any) -> None:
        self.progress.bind(task)

    def _on_imports_import_finished(self, result: ImportResult) -> None:
        self.statusBar().showMessage(summary_line(result), 10000)
        self.last_report = ImportReportDialog(result, parent=self)
        self.last_report.open()
        self.library.run_query()

    def _on_imports_import_failed(self, message: str) -> None:
        QMessageBox.warning(self, "Import failed", literal(message))
        self.library.run_query()

    def _on_search_query_changed(self, text: str) -> None:
        self.library.run_query(text)

    def _on_search_results_focus_requested(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid():
            self.table.select_row(0)

    def _on_table_current_document_changed(self, doc_id: str) -> None:
        if doc_id and doc_id != self.reader.document_id:
            self.library.load_document(doc_id)

    def _on_table_document_activated(self, doc_id: str) -> None:
        if doc_id != self.reader.document_id:
            self.library.load_document(doc_id)
        self.reader.text.setFocus()

    def _on_table_annotate_requested(self, doc_id: str, what: str) -> None:
        row = self.session.archive.document(doc_id, with_text=False)
        if what == "star":
            self.library.annotate(doc_id, "document", doc_id, {"starred": not row.get("starred")})
        else:
            self._on_reader_edit_requested(doc_id, row, what)

    def _on_reader_edit_requested(self, doc_id: str, target: Any, what: str) -> None:
        networks = len(self.reader.document["networks"]) if self.reader.document else 1
        prompts.ask_edit(self, self.library, doc_id, target, what, networks)

    def _on_reader_original_requested(self, doc_id: str, mode: str) -> None:
        prompts.handle_original(self, self.session.archive, doc_id, mode, self.temp_copies)

    def _on_text_link_copied(self, url: str) -> None:
        self.statusBar().showMessage(f"Link copied (links are never opened): {url}", 6000)

    def _on_tabs_tab_close_requested(self, index: int) -> None:
        if index > 0:
            self._close_tab(index)

    def _close_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is not None:
            page.deleteLater()
        self.tabs.removeTab(index)

    def _on_style_hints_color_scheme_changed(self, _scheme: Any) -> None:
        if self.reader.document_id:
            self.library.load_document(self.reader.document_id)

    def _on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        for path in self.ui.recent_archives():
            action = self.recent_menu.addAction(path)
            action.setData(path)
            action.triggered.connect(self._on_recent_action_triggered)

    def _on_recent_action_triggered(self) -> None:
        action = self.sender()
        path = action.data() if isinstance(action, QAction) else None
        if path and Path(path) != self.session.root:
            self.switch_archive(path, create=False)

    # Actions (one slot per entry of desktop.actions.ACTIONS)

    def _on_new_archive_triggered(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose an empty folder for the new archive")
        if folder:
            path = Path(folder)
            if any(path.iterdir()) and not (path / "archive.sqlite").exists():
                path = path / "Takedown Atlas archive"
            self.switch_archive(path, create=True)

    def _on_open_archive_triggered(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open an archive folder")
        if folder:
            self.switch_archive(folder, create=False)

    def _on_import_files_triggered(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import reports", "", file_dialog_filter())
        self.imports.import_paths(files)

    def _on_import_folder_triggered(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import every report in a folder")
        if folder:
            self.imports.import_paths([folder])

    def _on_paste_document_triggered(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.statusBar().showMessage("The clipboard holds no text to import.", 6000)
            return
        self.imports.import_text(text)

    def _on_export_triggered(self) -> None:
        if not prompts.run_export_hook(self, self.session.archive, self.library.table.ids,
                                       self.search.text):
            self.statusBar().showMessage("Export is not available in this build yet.", 6000)

    def _on_quit_triggered(self) -> None:
        self.close()

    def _on_focus_search_triggered(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.focus_search()

    def _on_next_result_triggered(self) -> None:
        self.table.step(1)

    def _on_previous_result_triggered(self) -> None:
        self.table.step(-1)

    def _on_open_result_triggered(self) -> None:
        doc_id = self.table.current_document()
        if doc_id:
            self._on_table_document_activated(doc_id)

    def _on_clear_filters_triggered(self) -> None:
        self.library.facets.clear_checks()

    def _on_search_help_triggered(self) -> None:
        self.search.show_help()

    def _on_close_tab_triggered(self) -> None:
        self._on_tabs_tab_close_requested(self.tabs.currentIndex())

    def _on_about_triggered(self) -> None:
        show_about(self, prompts.extractor_version(self.session.archive))
