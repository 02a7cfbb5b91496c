"""Window state the user expects to find again: geometry, splitters, columns, recent archives.

Every key is declared once with its type and default (Picard's options.py). Stored with
QSettings in IniFormat; archive preferences live in the archive, not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

MAX_RECENT = 8


@dataclass(frozen=True, slots=True)
class Key:
    name: str
    type: type
    default: Any


GEOMETRY = Key("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Key("window/state", QByteArray, QByteArray())
MAIN_SPLITTER = Key("window/main_splitter", QByteArray, QByteArray())
LIBRARY_SPLITTER = Key("window/library_splitter", QByteArray, QByteArray())
READER_SPLITTER = Key("window/reader_splitter", QByteArray, QByteArray())
TABLE_HEADER = Key("results/header", QByteArray, QByteArray())
SORT = Key("results/sort", str, "date")
RECENT = Key("archives/recent", list, [])


class UiSettings:
    """Typed access to the UI settings file."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self._qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                 "takedown-atlas", "desktop")
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    def get(self, key: Key) -> Any:
        value = self._qs.value(key.name, key.default)
        if value is None:
            return key.default
        if key.type is list:
            if isinstance(value, str):
                return [value]
            return list(value) if isinstance(value, list | tuple) else key.default
        if key.type is QByteArray and not isinstance(value, QByteArray):
            return key.default
        if key.type is str:
            return str(value)
        return value

    def set(self, key: Key, value: Any) -> None:
        self._qs.setValue(key.name, value)

    def recent_archives(self) -> list[str]:
        return [str(p) for p in self.get(RECENT) if p]

    def add_recent_archive(self, path: str | Path) -> list[str]:
        path = str(Path(path).expanduser().resolve())
        recent = [path] + [p for p in self.recent_archives() if p != path]
        self.set(RECENT, recent[:MAX_RECENT])
        return recent[:MAX_RECENT]

    def sync(self) -> None:
        self._qs.sync()

    def reset(self) -> None:
        self._qs.clear()


def restore_window(ui: UiSettings, window: QMainWindow, splitters: dict[Key, QSplitter],
                   header: QHeaderView) -> None:
    for key, splitter in splitters.items():
        state = ui.get(key)
        if not state.isEmpty():
            splitter.restoreState(state)
    geometry = ui.get(GEOMETRY)
    if not geometry.isEmpty():
        window.restoreGeometry(geometry)
    state = ui.get(TABLE_HEADER)
    if not state.isEmpty():
        header.restoreState(state)


def save_window(ui: UiSettings, window: QMainWindow, splitters: dict[Key, QSplitter],
                header: QHeaderView) -> None:
    ui.set(GEOMETRY, window.saveGeometry())
    ui.set(WINDOW_STATE, window.saveState())
    for key, splitter in splitters.items():
        ui.set(key, splitter.saveState())
    ui.set(TABLE_HEADER, header.saveState())
    ui.sync()
