"""The `takedown-atlas` entry point: a command runs the CLI, no command opens the window.

Lives in desktop/ so the dependency points the right way (desktop -> archive); Qt is
imported only when the window is actually wanted.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def _open_window(argv: list[str]) -> int:
    try:
        from desktop.app import main as desktop_main
    except ImportError as exc:
        sys.stderr.write(f"takedown-atlas: the desktop app is not available ({exc})\n")
        return 2
    return int(desktop_main(argv))


def main(argv: Sequence[str] | None = None) -> int:
    from archive.cli import main as cli_main

    return cli_main(argv, gui=_open_window)


if __name__ == "__main__":
    raise SystemExit(main())
