"""The journalist's edits that are not imports: corrections, tags, notes and stars.

Each is one transaction that also queues the document for the index; the caller lets the
index catch up afterwards. Corrections themselves live in `archive.corrections`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from archive import corrections
from archive.errors import ArchiveError
from archive.parts import Transaction
from archive.store import Store


def correct(transaction: Transaction, c: corrections.Correction) -> int:
    with transaction() as store:
        cid = corrections.record(store, c)
        store.queue_index(c.document_id)
    return cid


def undo_correction(transaction: Transaction, correction_id: int) -> None:
    with transaction() as store:
        store.queue_index(corrections.undo(store, correction_id))


def set_tags(transaction: Transaction, target_type: str, target_id: str,
             tags: Iterable[str]) -> None:
    clean = sorted({t.strip() for t in tags if t.strip()})
    _annotate(transaction, target_type, target_id,
              lambda s: s.set_tags(target_type, target_id, clean))


def set_note(transaction: Transaction, target_type: str, target_id: str, note: str | None,
             starred: bool | None = None) -> None:
    _annotate(transaction, target_type, target_id,
              lambda s: s.set_note(target_type, target_id, note, starred))


def _annotate(transaction: Transaction, target_type: str, target_id: str,
              write: Callable[[Store], None]) -> None:
    if target_type not in ("document", "network"):
        raise ArchiveError("tags and notes go on documents or networks")
    with transaction() as store:
        write(store)
        store.queue_index(target_id.split("-n")[0] if target_type == "network" else target_id)
