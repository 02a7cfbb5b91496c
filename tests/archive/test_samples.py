"""The sample corpus the app opens on: every file imports, in all three formats, many countries."""

from __future__ import annotations

from archive.api import Archive
from tests.conftest import SAMPLES


def test_every_sample_imports_cleanly(sample_archive: Archive) -> None:
    files = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    assert 20 <= len(files) <= 30
    assert {p.suffix for p in files} >= {".txt", ".html", ".pdf"}
    info = sample_archive.info()
    assert info["documents"] == len(files) + 1  # plus the seed
    docs = sample_archive.store.conn.execute(
        "SELECT file, length(ta_text(text_z)), flags FROM document").fetchall()
    for name, length, flags in docs:
        assert length > 200, name
        assert "unreadable" not in flags and "no_text_layer" not in flags, name


def test_samples_cover_at_least_ten_countries(sample_archive: Archive) -> None:
    facets = sample_archive.facets()
    countries = {c for c, _ in facets["origin"]} | {c for c, _ in facets["target"]}
    assert len(countries) >= 10, countries
    assert sample_archive.search("country:AZ").total >= 2
