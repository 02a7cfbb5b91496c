"""The export formats: one `ExportFormat` each, read by `Archive.export`, the CLI and the dialog.

A format is one module with an `export(parts, doc_ids, target, *, scope, fmt, on_progress,
cancel) -> int` function, plus one entry here (a typed loader, so mypy checks the module
against `ExportFunction`). Modules load on first use: a search never pays for reportlab.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from archive.errors import ArchiveError

if TYPE_CHECKING:  # (the CLI reads FORMATS for its usage line: nothing else is loaded)
    from archive.export.model import Scope
    from archive.progress import CancelToken, ProgressCallback
    from archive.store import Store


@dataclass(frozen=True, slots=True)
class ExportParts:
    """What an exporter may use: the store (read only), the archive's display name, and
    its folder (which no export may write into: `archive.export.atomic`)."""

    store: Store
    archive_name: str = "archive"
    root: Path | None = None


Warn = Callable[[str], None]  # a problem that does not stop the export, one line


class ExportFunction(Protocol):
    def __call__(self, parts: ExportParts, doc_ids: Sequence[str],
                 target: str | os.PathLike[str], *, scope: Scope, fmt: str,
                 on_progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None, on_warning: Warn | None = None) -> int: ...


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str  # on the command line: "csv"
    label: str  # in the dialog: "CSV table"
    suffix: str  # of the proposed file name: ".csv"
    noun: str  # in the proposed file name: "Azerbaijan networks 2026-05-01.csv"
    load: Callable[[], ExportFunction]  # imports the module that writes it


FORMATS: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat) -> ExportFormat:
    FORMATS[fmt.name] = fmt
    return fmt


def get(name: str) -> ExportFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise ArchiveError(
            f"unknown export format {name!r} (one of {', '.join(FORMATS)})") from None


def _json() -> ExportFunction:
    from archive.export import json_export

    return json_export.export


def _tables() -> ExportFunction:
    from archive.export import tables

    return tables.export


def _stix() -> ExportFunction:
    from archive.export import stix_export

    return stix_export.export


def _pdf() -> ExportFunction:
    from archive.export import briefing

    return briefing.export


register(ExportFormat("json", "JSON (takedown-atlas/1)", ".json", "export", _json))
register(ExportFormat("csv", "CSV table", ".csv", "networks", _tables))
register(ExportFormat("xlsx", "Excel workbook", ".xlsx", "networks", _tables))
register(ExportFormat("stix", "STIX 2.1 bundle", ".stix.json", "export", _stix))
register(ExportFormat("pdf", "PDF briefing", ".pdf", "briefing", _pdf))
