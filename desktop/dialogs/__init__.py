"""Dialogs: import report, fact editing, about. They ask and show; the archive decides."""
