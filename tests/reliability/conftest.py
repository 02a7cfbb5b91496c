"""Reliability-suite fixtures: a Python audit hook that fails any test touching the network.

pytest-socket blocks socket creation; the audit hook (PEP 578) also sees connect and
getaddrinfo from code that bypasses it. AF_UNIX stays allowed (the sandbox uses pipes).
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from typing import Any

import pytest

NET_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
              "socket.sendto", "urllib.Request", "http.client.connect"}
violations: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event not in NET_EVENTS:
        return
    if event in ("socket.connect", "socket.sendto") and args and \
            getattr(args[0], "family", None) == socket.AF_UNIX:
        return
    violations.append(f"{event} {args[1:]!r}"[:200])
    raise PermissionError(f"network access in an offline test: {event}")


sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def no_network_events() -> Iterator[None]:
    start = len(violations)
    yield
    new = violations[start:]
    del violations[start:]
    assert new == [], f"network events during the test: {new}"
