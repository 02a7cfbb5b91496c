"""Fixtures for the importer tests: sockets blocked, PDFs generated once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import pytest_socket
from importer_helpers import make_two_column_pdf


@pytest.fixture(autouse=True)
def _no_network() -> Iterator[None]:
    # Importers must never fetch: any socket use fails the test.
    pytest_socket.disable_socket()
    yield
    pytest_socket.enable_socket()



@pytest.fixture(scope="session")
def two_column_pdf() -> bytes:
    return make_two_column_pdf()
