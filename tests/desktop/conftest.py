"""Desktop fixtures; the only conftest that imports PySide6 (offscreen, settings in tmp).

Every test here is marked `gui`. Tests use the inline ImmediateRunner except the suite
that exercises real threads (test_import_threads.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.session import ArchiveSession
from desktop.settings import UiSettings
from desktop.tasks import ImmediateRunner


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def ui_settings(tmp_path: Path) -> UiSettings:
    """UI settings in a temp folder, never the user's."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    return UiSettings(folder / "ui.ini")


@pytest.fixture
def session(sample_archive: object) -> Iterator[ArchiveSession]:
    s = ArchiveSession(sample_archive)  # type: ignore[arg-type]
    yield s
    s.close()


@pytest.fixture
def empty_session(archive: object) -> Iterator[ArchiveSession]:
    s = ArchiveSession(archive)  # type: ignore[arg-type]
    yield s
    s.close()


@pytest.fixture
def immediate_runner() -> ImmediateRunner:
    return ImmediateRunner()


def make_window(qtbot, session, runner, ui):  # noqa: ANN001, ANN201
    from desktop.mainwindow import MainWindow

    window = MainWindow(session, runner, ui)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def window(qtbot, session, immediate_runner, ui_settings):  # noqa: ANN001, ANN201
    return make_window(qtbot, session, immediate_runner, ui_settings)


@pytest.fixture
def empty_window(qtbot, empty_session, immediate_runner, ui_settings):  # noqa: ANN001, ANN201
    return make_window(qtbot, empty_session, immediate_runner, ui_settings)
