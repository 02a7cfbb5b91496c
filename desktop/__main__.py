"""`python -m desktop` opens the window (see desktop.app for the start-up order)."""

import sys

from desktop.app import main

sys.exit(main(sys.argv[1:]))
