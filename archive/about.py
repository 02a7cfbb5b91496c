"""The application's name, id and version: one place, importable by any layer."""

from __future__ import annotations

APP_ID = "org.takedownatlas.TakedownAtlas"
APP_NAME = "Takedown Atlas"
__version__ = "0.1.0"
