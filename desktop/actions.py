"""Every menu and toolbar action in one table: id, text, shortcuts, tip.

The window creates them once with `build_actions()` and connects each to a slot named
`_on_<id>_triggered`; nothing else declares shortcuts.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    text: str
    shortcuts: tuple[str, ...] = ()
    tip: str = ""
    writes: bool = False  # disabled on a read-only archive


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new_archive", "&New archive…", ("Ctrl+N",), "Create an empty archive folder"),
    ActionSpec("open_archive", "&Open archive…", ("Ctrl+O",), "Open another archive folder"),
    ActionSpec("import_files", "&Import reports…", ("Ctrl+I",),
               "Import files, folders or .zip bundles", True),
    ActionSpec("import_folder", "Import a &folder…", (), "Import every report in a folder", True),
    ActionSpec("paste_document", "&Paste as report", ("Ctrl+Shift+V",),
               "Import the text on the clipboard as a report", True),
    ActionSpec("export", "&Export…", ("Ctrl+E",), "Export the current results"),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",)),
    ActionSpec("focus_search", "&Find", ("Ctrl+F",), "Focus the search field"),
    ActionSpec("next_result", "&Next result", ("J",)),
    ActionSpec("previous_result", "&Previous result", ("K",)),
    ActionSpec("open_result", "&Open result", (), "Read the selected report"),
    ActionSpec("clear_filters", "&Clear filters", ("Ctrl+Shift+L",)),
    ActionSpec("search_help", "Search &syntax", ("F1",)),
    ActionSpec("close_tab", "Close &page", ("Ctrl+W",)),
    ActionSpec("about", "&About Takedown Atlas"),
)


def build_actions(parent: QObject) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{spec.id}")
        if spec.shortcuts:
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        tip = spec.tip or spec.text.replace("&", "").rstrip("…")
        if spec.shortcuts:
            tip += f" ({spec.shortcuts[0]})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setProperty("writes", spec.writes)
        actions[spec.id] = action
    return actions


MENUS = (
    ("&File", ("new_archive", "open_archive", "@recent", "-", "import_files", "import_folder",
               "paste_document", "export", "-", "quit")),
    ("&View", ("focus_search", "clear_filters", "next_result", "previous_result", "open_result",
               "close_tab")),
    ("&Help", ("search_help", "about")),
)
TOOLBAR = ("import_files", "paste_document", "export")


def install_menus(window: QMainWindow, actions: dict[str, QAction]) -> QMenu:
    """Menus and toolbar from the tables above; returns the (empty) recent-archives menu."""
    recent = QMenu("Recent archives", window)
    for title, entries in MENUS:
        menu = window.menuBar().addMenu(title)
        for entry in entries:
            if entry == "-":
                menu.addSeparator()
            elif entry == "@recent":
                menu.addMenu(recent)
            else:
                menu.addAction(actions[entry])
    toolbar = QToolBar("Main", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in TOOLBAR:
        toolbar.addAction(actions[name])
    window.addToolBar(toolbar)
    for action in actions.values():
        window.addAction(action)  # shortcuts work wherever the focus is in the window
    return recent
