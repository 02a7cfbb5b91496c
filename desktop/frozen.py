"""The bundle's one entry point: the sandbox worker, every CLI command and the window.

PyInstaller freezes this file (packaging/takedown-atlas.spec). A frozen app cannot run
`python -m archive.sandbox`, so the sandbox starts the bundle itself with a flag, answered
here before Qt or anything heavy loads; everything else is the `takedown-atlas` launcher.
"""

from __future__ import annotations

import sys

from archive.sandbox import freeze_support


def main() -> int:
    freeze_support()  # `<bundle> --sandbox-worker BYTES` never returns from here
    from desktop.launcher import main as launcher_main

    return launcher_main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
