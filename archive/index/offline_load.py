"""Loads Whoosh without urllib: `whoosh.compat` imports `urllib.request` (with http.client,
email and ssl: ~20 ms of every command's start) only to re-export `urlretrieve`, which
Whoosh never calls and this offline product must never call.

Whoosh is loaded against a stand-in whose `urlretrieve` refuses; the stand-in then leaves
`sys.modules`, so a real `import urllib.request` elsewhere gets the real module.
"""

from __future__ import annotations

import sys
import types

NO_NETWORK = "Takedown Atlas opens no network connection"


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError(NO_NETWORK)


def load_whoosh() -> None:
    if "whoosh.compat" in sys.modules or "urllib.request" in sys.modules:
        return  # (loaded already, or urllib is: nothing to save)
    stand_in = types.ModuleType("urllib.request", "stand-in while Whoosh loads")
    setattr(stand_in, "urlretrieve", _refuse)  # noqa: B010 (a module has no typed attribute)
    sys.modules["urllib.request"] = stand_in
    try:
        import whoosh.compat  # noqa: F401
    finally:
        if sys.modules.get("urllib.request") is stand_in:
            del sys.modules["urllib.request"]


load_whoosh()
