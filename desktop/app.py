"""Start the desktop app. The order matters and is kept here in one place:

1. parse our own flags (before Qt sees argv), resolve the archive path once
   (--archive > TAKEDOWN_ATLAS_ARCHIVE > the platform data folder);
2. refuse politely when there is no display (exit 2) instead of letting Qt abort;
3. create the QApplication (Fusion style, palette from the system's light/dark scheme);
4. log to the user's log folder; unhandled exceptions show a details dialog;
5. open the archive (a clear message if another window holds it), show the window;
6. import the files it was opened with, if any (the launcher's `open %F`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from archive import APP_ID, APP_NAME, __version__
from archive.paths import resolve_archive_path

if TYPE_CHECKING:  # Qt is imported only once a display is known to be there
    from PySide6.QtGui import QIcon

    from desktop.session import ArchiveSession


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="takedown-atlas-desktop", description=f"{APP_NAME} desktop")
    p.add_argument("--archive", help="archive folder (default: $TAKEDOWN_ATLAS_ARCHIVE or the "
                   "platform data folder)")
    p.add_argument("--settings", help="UI settings file (default: the platform config folder)")
    p.add_argument("--reset-ui", action="store_true", help="forget window layout and columns")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders to import once the window is open")
    return p.parse_args(list(argv))


def display_available() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal", "vnc", "eglfs", "linuxfb")):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def build_window(args: argparse.Namespace, app: object) -> object:
    """Open the archive and make the main window (not yet shown); None after a message."""
    from PySide6.QtWidgets import QMessageBox

    from archive.errors import ArchiveError, ArchiveLocked, CorruptArchive, MissingDatabase
    from desktop.mainwindow import MainWindow
    from desktop.safe_text import literal
    from desktop.session import ArchiveSession
    from desktop.settings import UiSettings
    from desktop.tasks import TaskRunner

    path = resolve_archive_path(args.archive)
    ui = UiSettings(args.settings)
    if args.reset_ui:
        ui.reset()
    try:
        session = ArchiveSession.open(path)
    except ArchiveLocked as exc:
        QMessageBox.warning(None, APP_NAME, literal(f"{exc}\n\nClose the other window, or open "
                                                    "a different archive with --archive."))
        return None
    except (MissingDatabase, CorruptArchive) as exc:
        restored = offer_restore(path, exc)
        if restored is None:
            return None
        session = restored
    except ArchiveError as exc:
        QMessageBox.critical(None, APP_NAME, literal(f"Cannot open the archive at {path}:\n{exc}"))
        return None
    return MainWindow(session, TaskRunner(), ui)


def offer_restore(path: object, exc: Exception) -> ArchiveSession | None:
    """The database is missing or damaged: say what the newest useful backup holds and
    restore it if the journalist agrees (the current file is kept aside); the session on
    the restored archive, or None."""
    from PySide6.QtWidgets import QMessageBox

    from archive.api import Archive
    from archive.backup import describe, restore_question
    from archive.errors import ArchiveError
    from desktop.safe_text import literal
    from desktop.session import ArchiveSession

    root = Path(str(path))
    try:
        chosen, question = restore_question(root)
    except ArchiveError as err:  # nothing to restore from
        QMessageBox.critical(None, APP_NAME, literal(f"Cannot open the archive at {root}:\n{exc}\n{err}"))
        return None
    answer = QMessageBox.question(None, APP_NAME, literal(f"{exc}\n\n{question}"),
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        res = Archive.restore(root, chosen)
        session = ArchiveSession.open(root, create=False)
    except ArchiveError as err:
        QMessageBox.critical(None, APP_NAME, literal(f"The restore did not work: {err}"))
        return None
    QMessageBox.information(None, APP_NAME, literal(f"Restored: {describe(res.contents)}."))
    return session


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The app's icon at every size it ships (resources/icons, the launcher's too)."""
    from PySide6.QtGui import QIcon

    import resources

    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resources.path(f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png")))
    return icon


def make_application() -> object:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    QGuiApplication.setDesktopFileName(APP_ID)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        [sys.argv[0] if sys.argv else APP_NAME])
    app.setWindowIcon(app_icon())  # title bars and task switchers; the menu uses the theme
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("takedown-atlas")
    app.setStyle("Fusion")  # Fusion follows the system colour scheme (light or dark)
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not display_available():
        print(f"{APP_NAME}: no display found (set DISPLAY, or run `takedown-atlas --help` for "
              "the command line).", file=sys.stderr)
        return 2
    from archive.logs import configure_logging
    from desktop import temp_copies
    from desktop.dialogs.error_dialog import install_excepthook

    configure_logging()
    temp_copies.remove_stale()  # viewer copies left by sessions that did not end cleanly
    app = make_application()
    install_excepthook()
    window = build_window(args, app)
    if window is None:
        return 2
    window.show()  # type: ignore[attr-defined]
    import_opened_files(window, args.paths)
    try:
        return int(app.exec())  # type: ignore[attr-defined]
    finally:
        window.temp_copies.remove()  # type: ignore[attr-defined]


def import_opened_files(window: object, paths: Sequence[str]) -> list[str]:
    """Files handed over by a file manager or the launcher (`open %F`): imported in the
    background once the window's first query is done, with the usual report. A read-only
    archive imports nothing (the window says it is read-only). Returns what was queued."""
    if not paths or window.session.readonly:  # type: ignore[attr-defined]
        return []
    queued = [str(Path(p).expanduser().resolve()) for p in paths]
    window.import_when_ready(queued)  # type: ignore[attr-defined]
    return queued


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
