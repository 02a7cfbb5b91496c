"""A Qt-free export job for the desktop: what to export, a proposed file name, and one run call.

The desktop runs `ExportJob.run` on a worker with `on_progress` and a `cancel` token;
it never touches reportlab, pandas or stix2 itself.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from archive.export import registry
from archive.export.atomic import safe_filename
from archive.names import country_name
from archive.progress import CancelToken, ProgressCallback


class Exporter(Protocol):
    """What a job needs of the archive (the facade satisfies it; this layer cannot import it)."""

    def export(self, fmt: str, target: str | os.PathLike[str], *, country: str | None = ...,
               actor: str | None = ..., query: str | None = ..., since: str | None = ...,
               ids: Iterable[str] | None = ..., on_progress: ProgressCallback | None = ...,
               cancel: CancelToken | None = ...,
               on_warning: Callable[[str], None] | None = ...) -> int: ...


@dataclass(slots=True)
class ExportJob:
    """One export as the user chose it in the dialog."""

    fmt: str
    country: str | None = None
    actor: str | None = None
    query: str | None = None
    since: str | None = None
    ids: list[str] | None = None
    today: str = field(default_factory=lambda: dt.date.today().isoformat())

    def proposed_filename(self) -> str:
        """A sanitised file name from the scope, e.g. "Azerbaijan briefing 2026-05-01.pdf"."""
        if self.country:
            what = country_name(self.country)
        elif self.actor:
            what = self.actor
        elif self.query:
            what = f"search {self.query}"
        elif self.ids:
            what = f"{len(self.ids)} selected documents"
        else:
            what = "archive"
        fmt = registry.FORMATS.get(self.fmt)
        noun, suffix = (fmt.noun, fmt.suffix) if fmt else ("export", "")
        return safe_filename(f"{what} {noun} {self.today}", suffix, 100)

    def run(self, archive: Exporter, target: str | os.PathLike[str], *,
            on_progress: ProgressCallback | None = None,
            cancel: CancelToken | None = None,
            on_warning: Callable[[str], None] | None = None) -> int:
        """Write the export (temp file + rename); return how many documents it covers.
        Warnings for the report (a character no bundled font draws) go to *on_warning*."""
        return archive.export(self.fmt, target, country=self.country, actor=self.actor,
                              query=self.query, since=self.since, ids=self.ids,
                              on_progress=on_progress, cancel=cancel, on_warning=on_warning)
