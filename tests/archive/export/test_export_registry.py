"""Export formats come from one registry: Archive.export, the CLI's choices and the dialog's
labels and file names all read it, so a new format is its module plus one entry."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from archive import cli
from archive.api import Archive
from archive.export import registry
from archive.export.jobs import ExportJob
from archive.export.model import Scope
from archive.progress import CancelToken, ProgressCallback


def _ids_export(parts: registry.ExportParts, doc_ids: Sequence[str],
                target: str | os.PathLike[str], *, scope: Scope, fmt: str,
                on_progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None, on_warning: registry.Warn | None = None) -> int:
    Path(target).write_text("\n".join(doc_ids) + f"\n{parts.archive_name}\n", encoding="utf-8")
    return len(doc_ids)


@pytest.fixture
def ids_format() -> Iterator[registry.ExportFormat]:
    fmt = registry.register(registry.ExportFormat("ids", "Id list", ".ids.txt", "ids",
                                                  lambda: _ids_export))
    yield fmt
    del registry.FORMATS["ids"]


def test_a_registered_format_is_everywhere(ids_format: registry.ExportFormat,
                                           sample_archive: Archive, tmp_path: Path) -> None:
    n = sample_archive.export("ids", tmp_path / "out", country="AZ")
    lines = (tmp_path / "out").read_text(encoding="utf-8").split()
    assert n == len(sample_archive.select(country="AZ")) == len(lines) - 1 > 0
    assert lines[-1] == sample_archive.root.name
    args = cli.build_parser().parse_args(["export", "ids", "-o", "x"])
    assert args.format == "ids"
    assert ExportJob("ids", country="AZ", today="2026-05-01").proposed_filename() == (
        "Azerbaijan ids 2026-05-01.ids.txt")


def test_the_builtin_formats_and_an_unknown_one() -> None:
    assert list(registry.FORMATS) == ["json", "csv", "xlsx", "stix", "pdf"]
    for fmt in registry.FORMATS.values():
        assert callable(fmt.load()) and fmt.suffix.startswith(".")
    with pytest.raises(Exception, match="unknown export format 'docx'"):
        registry.get("docx")
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["export", "docx", "-o", "x"])
