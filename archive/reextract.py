"""Re-run importers and the extractor over stored originals; corrections are re-applied.

Used after the extractor improves (`takedown-atlas reextract`) and to retry files that
could not be read before. Each document is rewritten in its own transaction.
"""

from __future__ import annotations

import json
from collections import deque
from concurrent.futures import Future, wait

from archive import doc_text
from archive.corrections import apply_corrections
from archive.errors import ArchiveError, ReaderUnavailable
from archive.parsing import ParsedFile
from archive.parts import ImportParts
from archive.progress import CancelToken, Progress, ProgressCallback, throttle
from archive.records import SourceFile

READ_AHEAD = 8  # documents handed to the readers before they are rewritten


def reextract_all(parts: ImportParts, *, on_progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None, reparse: bool = True,
                  ids: list[str] | None = None) -> int:
    """Every document (or those in *ids*) read again from its original and re-extracted
    (by the readers, READ_AHEAD documents ahead of the one being rewritten)."""
    from archive.parsing import extract_document

    report = throttle(on_progress)
    store = parts.store
    rows = store.conn.execute("SELECT id, sha256, file, flags FROM document ORDER BY id").fetchall()
    if ids is not None:
        rows = [r for r in rows if r["id"] in set(ids)]
    changed = 0
    readings: deque[Future[ParsedFile] | None] = deque()

    def read_next(k: int) -> None:
        if not reparse or k >= len(rows):
            return
        row = rows[k]
        try:
            readings.append(parts.parser.submit(SourceFile(row["file"],
                                                           parts.blobs.read(row["sha256"]))))
        except OSError:
            readings.append(None)

    for k in range(min(READ_AHEAD, len(rows))):
        read_next(k)
    try:
        for n, row in enumerate(rows, start=1):
            if cancel:
                cancel.raise_if_cancelled()
            doc = store.document_row(row["id"], with_text=False)  # (a damaged text is re-read)
            flags = json.loads(row["flags"] or "[]")
            raw, facts = None, None
            if reparse:
                reading = readings.popleft()
                read_next(n - 1 + READ_AHEAD)
                try:
                    if reading is not None:
                        parsed = reading.result()
                        raw, facts = parsed.raw, parsed.facts
                except ReaderUnavailable:
                    raise  # the environment, not this file: every re-parse would fail the same way
                except ArchiveError:
                    raw = None
            if raw is None:
                from archive.records import RawDocument

                raw = RawDocument(text=doc_text.unpack(doc["text_z"]), media_type=doc["media_type"],
                                  title=doc["title"], publisher=doc["publisher"],
                                  published=doc["published"], language=doc["language"],
                                  importer=doc["importer"], flags=flags)
                facts = None
            if facts is None:
                facts = extract_document(raw, row["file"])
            with parts.transaction():
                store.conn.execute(
                    "UPDATE document SET text_z = ?, title = ?, publisher = ?, published = ?, "
                    "source_type = ?, language = ?, media_type = ?, importer = ?, flags = ?, "
                    "warnings = ?, extractor_version = ? WHERE id = ?",
                    (doc_text.pack(raw.text), raw.title or doc["title"],
                     facts.publisher or raw.publisher,
                     facts.published or raw.published, facts.source_type or "other",
                     facts.language or raw.language, raw.media_type, raw.importer,
                     json.dumps(raw.flags), json.dumps(raw.warnings, ensure_ascii=False),
                     parts.extractor_version, row["id"]))
                store.write_networks(row["id"], facts, raw.text)
                store.seal_document(row["id"])
                apply_corrections(store, row["id"])
                store.queue_index(row["id"])
            changed += 1
            report(Progress("reextract", n, len(rows), row["file"]))
    finally:
        wait([r for r in readings if r is not None and not r.cancel()])
    parts.catch_up(on_progress)
    return changed
