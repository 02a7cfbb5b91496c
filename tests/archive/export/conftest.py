"""Fixtures for export tests: small archives built straight through the Store, once per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_helpers import HOSTILE, LONG_WORD, hostile_document, seed_like

from archive.api import Archive


@pytest.fixture(scope="module")
def az_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    """The seed-shaped Azerbaijani network only."""
    a = Archive.open(tmp_path_factory.mktemp("az") / "archive")
    seed_like(a)
    yield a
    a.close()


@pytest.fixture(scope="module")
def hostile_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    """The seed-shaped network plus one document per hostile string in every field."""
    a = Archive.open(tmp_path_factory.mktemp("hostile") / "archive")
    seed_like(a)
    for n, bad in enumerate([*HOSTILE, LONG_WORD]):
        hostile_document(a, bad, n)
    yield a
    a.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path
