"""Loads Whoosh without two imports a search never uses (a CLI search is a whole process,
so every import counts): `whoosh.compat` imports `urllib.request` (with http.client, email
and ssl: ~20 ms) only to re-export `urlretrieve`, which Whoosh never calls and this offline
product must never call; `whoosh.query.terms` imports `whoosh.lang.morph_en` (~4 ms of
regular expressions) for the `Variations` query, which the query box never builds.

Whoosh is loaded against stand-ins: `urlretrieve` refuses, `variations` loads the real
module when first called. The stand-ins then leave `sys.modules`, so an import elsewhere
gets the real modules.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from typing import Any

NO_NETWORK = "Takedown Atlas opens no network connection"


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError(NO_NETWORK)


def _variations(word: str) -> Any:
    """whoosh.lang.morph_en.variations, loaded on first use (the stand-in has left by then)."""
    return importlib.import_module("whoosh.lang.morph_en").variations(word)


# module -> (the Whoosh module that imports it, the names it takes from it)
_STAND_INS: dict[str, tuple[str, dict[str, Callable[..., Any]]]] = {
    "urllib.request": ("whoosh.compat", {"urlretrieve": _refuse}),
    "whoosh.lang.morph_en": ("whoosh.query.terms", {"variations": _variations}),
}


def load_whoosh() -> None:
    placed: dict[str, types.ModuleType] = {}
    for name, (importer, names) in _STAND_INS.items():
        if name in sys.modules or importer in sys.modules:
            continue  # (loaded already: nothing to save)
        stand_in = types.ModuleType(name, "a stand-in while Whoosh loads")
        for attr, value in names.items():
            setattr(stand_in, attr, value)
        sys.modules[name] = placed[name] = stand_in
    try:
        import whoosh.compat  # noqa: F401
        import whoosh.query  # noqa: F401
    finally:
        for name, stand_in in placed.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


load_whoosh()
