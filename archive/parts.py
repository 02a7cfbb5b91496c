"""The parts a service works with, handed down by the facade (STYLE 14): never the facade.

`ImportParts` is what importing and re-extracting use; `CheckParts` what the consistency
check and crash recovery use. The facade builds them; nothing here imports it back.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from archive.blobs import BlobStore
from archive.limits import Limits
from archive.parsing import Parser
from archive.progress import CancelToken, ProgressCallback
from archive.store import Store

Transaction = Callable[[], AbstractContextManager[Store]]  # BEGIN IMMEDIATE ... COMMIT
CatchUp = Callable[[ProgressCallback | None], None]  # let the index catch up with SQLite


@dataclass(frozen=True, slots=True)
class ImportParts:
    store: Store
    blobs: BlobStore
    parser: Parser
    limits: Limits
    transaction: Transaction
    catch_up: CatchUp
    extractor_version: str


@dataclass(frozen=True, slots=True)
class CheckParts:
    store: Store
    blobs: BlobStore
    root: Path
    readonly: bool
    writable: bool
    rebuild_index: Callable[[ProgressCallback | None, CancelToken | None], None]
    sync_index: Callable[[], None]
    reread: Callable[[list[str]], int]  # re-extract these documents from their originals
