"""Shared, Qt-free fixtures. Sockets are blocked for the whole suite (the product is offline).

Only tests/desktop/conftest.py may import PySide6; here we only set the environment.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Entry points called by tests log here, never into the user's log folder.
os.environ["TAKEDOWN_ATLAS_LOG_DIR"] = tempfile.mkdtemp(prefix="takedown-atlas-test-logs-")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_DIR = SHARED / "seeds"
SEED = SEED_DIR / "000_cffec3b07e7b5eab.txt"
SAMPLES = ROOT / "resources" / "samples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True, scope="session")
def _faults_enabled() -> None:
    """Tests arm the fault-injection switches explicitly (archive/faults.py); the app never
    does, so there the TAKEDOWN_ATLAS_CRASH_* / _PARSER_FAULT variables do nothing."""
    from archive import faults

    faults.enable()


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    return tmp_path / "archive"


@pytest.fixture
def archive(archive_dir: Path) -> Iterator[object]:
    """A fresh, empty archive opened for writing."""
    from archive.api import Archive

    a = Archive.open(archive_dir)
    yield a
    a.close()


@pytest.fixture(scope="session")
def _sample_archive_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from archive.api import Archive

    path = tmp_path_factory.mktemp("sample") / "archive"
    with Archive.open(path) as a:
        a.import_paths([SAMPLES, SEED])
    return path


@pytest.fixture
def sample_archive(_sample_archive_master: Path, tmp_path: Path) -> Iterator[object]:
    """The sample corpus plus the seed, built once per run and copied for each test."""
    from archive.api import Archive

    path = tmp_path / "sample"
    shutil.copytree(_sample_archive_master, path, ignore=shutil.ignore_patterns(".lock"))
    a = Archive.open(path)
    yield a
    a.close()
