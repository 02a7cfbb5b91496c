"""Backups of the archive database and the portable export bundle (originals + manifest).

Copies of the live database are made only with SQLite's backup API, never a file copy,
then verified with integrity_check, compressed when the database is large (gzip), and
only then given their final name; N are kept, within a size cap. Both forms are read back.
`restore` sets the damaged file aside (like Zotero) and re-adds originals newer than
the backup through the normal import path. Bundles are read as untrusted input.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archive import corrections
from archive.blobs import BlobStore
from archive.errors import ArchiveError, CorruptArchive, StorageError
from archive.faults import crash_point
from archive.lock import WriterLock
from archive.parts import ImportParts
from archive.records import ImportResult, SourceFile
from archive.store import DB_NAME, Store

BACKUP_DIR = "backups"
KEEP = 5
PLAIN, COMPRESSED = ".sqlite", ".sqlite.gz"
# A database larger than this is backed up gzip-compressed (a third of its size or less);
# a small one stays a plain SQLite file any tool opens.
COMPRESS_ABOVE_BYTES = 4 * 1024 * 1024
COMPRESS_LEVEL = 3
# Older backups go once all of them together would outgrow this share of the database, or
# CAP_MIN_BYTES if more (the newest is always kept): five full copies made a 30k archive
# 8.5x its input; a small archive keeps all five.
CAP_FACTOR = 0.5
CAP_MIN_BYTES = 32 * 1024 * 1024
MANIFEST = "manifest.json"
BUNDLE_SCHEMA = "takedown-atlas-bundle/1"
MAX_MANIFEST_BYTES = 32 * 1024 * 1024


# A burst of edits (tags, notes, stars, corrections) is one backup: an "after-edit" backup
# younger than this is replaced by the next one instead of rotating older backups away.
EDIT_COALESCE_S = 600.0


EDIT_IDLE_S = 20.0  # edits are backed up once the journalist pauses this long


class EditBackups:
    """When the journalist's edits (tags, notes, stars, corrections) get their backup: once
    they pause for a while, and on close; a burst of them is one backup (EDIT_COALESCE_S)."""

    def __init__(self, conn: sqlite3.Connection, root: Path, *, writable: bool) -> None:
        self._conn, self._root, self._writable = conn, root, writable
        self._at: float | None = None

    def edited(self) -> None:
        self._at = time.monotonic()

    @property
    def waiting(self) -> bool:
        return self._at is not None

    def on_close(self, imported: bool) -> list[str]:
        """The backup due when the archive closes (after imports or edits); notices to show."""
        if not (imported or self.waiting) or not self._writable:
            return []
        self._at = None
        try:
            backup_database(self._conn, self._root,
                            reason="after-import" if imported else "after-edit")
        except ArchiveError as exc:  # the import itself is safe; say so, do not fail
            return [f"No automatic backup was made: {exc}"]
        return []

    def if_idle(self, idle_s: float | None = None) -> Path | None:
        """A backup once the edits have paused for *idle_s* (EDIT_IDLE_S); None when nothing
        is waiting."""
        pause = EDIT_IDLE_S if idle_s is None else idle_s
        if self._at is None or time.monotonic() - self._at < pause or not self._writable:
            return None
        self._at = None
        try:
            return backup_database(self._conn, self._root, reason="after-edit")
        except ArchiveError:
            self._at = time.monotonic()  # try again at the next pause
            raise


@dataclass(slots=True)
class RestoreResult:
    restored_from: Path | None  # None: no backup, the database was rebuilt from the originals
    taken_at: str
    damaged_kept_as: Path | None
    readded: int
    contents: dict[str, int]  # what the restored database holds (documents, tags, ...)


_CONTENTS = (
    ("documents", "SELECT count(*) FROM document"),
    ("networks", "SELECT count(*) FROM network"),
    ("tags", "SELECT count(*) FROM tag"),
    ("notes", "SELECT (SELECT count(*) FROM document WHERE coalesce(note, '') != '') + "
              "(SELECT count(*) FROM network WHERE coalesce(note, '') != '')"),
    ("stars", "SELECT (SELECT count(*) FROM document WHERE starred) + "
              "(SELECT count(*) FROM network WHERE starred)"),
    ("corrections", "SELECT count(*) FROM correction"),
)


def contents(conn: sqlite3.Connection) -> dict[str, int]:
    """What a database holds that a journalist would miss: documents and their own edits."""
    out: dict[str, int] = {}
    for name, sql in _CONTENTS:
        try:
            out[name] = int(conn.execute(sql).fetchone()[0])
        except sqlite3.Error:
            out[name] = 0  # a table an old backup does not have
    return out


def backup_contents(path: Path) -> dict[str, int]:
    try:
        with readable_copy(path) as db:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                return contents(conn)
            except sqlite3.DatabaseError:
                return {}
            finally:
                conn.close()
    except (sqlite3.Error, OSError, EOFError, gzip.BadGzipFile):
        return {}


@contextlib.contextmanager
def readable_copy(path: Path) -> Iterator[Path]:
    """A backup as an SQLite file: itself when plain, else decompressed beside it for the
    duration (a damaged compressed file raises OSError, EOFError or BadGzipFile)."""
    if not path.name.endswith(COMPRESSED):
        yield path
        return
    fd, name = tempfile.mkstemp(prefix=".open-", suffix=PLAIN, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out, gzip.open(path, "rb") as src:
            shutil.copyfileobj(src, out, 1024 * 1024)
        yield Path(name)
    finally:
        _unlink(Path(name))


def describe(held: dict[str, int]) -> str:
    """"12 documents, 3 tags, 1 note, 2 stars, 4 corrections" (zeros after documents left out)."""
    parts = []
    for name, n in held.items():
        if n or name == "documents":
            word = name if n != 1 else name[:-1]
            parts.append(f"{n} {word}")
    return ", ".join(parts)


def restore_question(root: Path, source: Path | None = None) -> tuple[Path | None, str]:
    """What `restore` would bring back, as a question for the journalist (the command line
    and the app ask the same): the backup (None: rebuild from the originals) and the words.
    ArchiveError when there is nothing to restore from."""
    chosen = source or useful_backup(root)
    if chosen is None:
        originals = sum(1 for _ in BlobStore(root / "blobs").all_shas())
        if (root / DB_NAME).exists() or not originals:
            raise ArchiveError(f"no backup found in {root / BACKUP_DIR}")
        return None, (f"No backup is left. Build a new database from the {originals} originals? "
                      "Their tags, notes and corrections were only in the lost database.")
    held = backup_contents(chosen)
    return chosen, (f"Restore the backup taken {backup_time(chosen)} ({chosen.name}, "
                    f"{describe(held) if held else 'contents unknown'})? The current database, "
                    "if any, is kept aside; originals imported after the backup are imported again.")


def useful_backup(root: Path) -> Path | None:
    """The newest backup that holds documents (an empty one made by mistake is skipped);
    the newest of all if none does."""
    backups = list_backups(root)
    return next((b for b in backups if backup_contents(b).get("documents")),
                backups[0] if backups else None)


def backup_database(conn: sqlite3.Connection, root: Path, reason: str = "manual",
                    keep: int = KEEP) -> Path:
    """Write a verified, self-contained copy of the database into root/backups; rotate."""
    folder = root / BACKUP_DIR
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create the backups folder: {exc.strerror}") from None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    compress = _database_bytes(conn) > COMPRESS_ABOVE_BYTES
    final = folder / f"archive-{stamp}-{reason}{COMPRESSED if compress else PLAIN}"
    # (a burst of edits is one backup: the last one of the burst replaces the first)
    replaces = _recent_edit_backup(root) if reason == "after-edit" else None
    tmp = folder / f".{final.name}.part"
    copy = folder / f".{final.name}.copy{PLAIN}" if compress else tmp
    try:
        dest = sqlite3.connect(copy, isolation_level=None)
        try:
            conn.backup(dest, pages=256, progress=lambda *_: crash_point("backup.in_copy"))
            dest.execute("PRAGMA journal_mode = DELETE")  # one file, fit for any media
            ok = [r[0] for r in dest.execute("PRAGMA integrity_check").fetchall()]
        finally:
            dest.close()
        if ok != ["ok"]:
            raise CorruptArchive(f"the backup failed its integrity check ({ok[0][:80]}); "
                                 "the database may be damaged: run `takedown-atlas check`")
        if compress:
            with open(copy, "rb") as src, gzip.open(tmp, "wb", COMPRESS_LEVEL) as out:
                shutil.copyfileobj(src, out, 1024 * 1024)
            _unlink(copy)
        _fsync(tmp)
        os.replace(tmp, final)
    except sqlite3.Error as exc:
        _unlink_all(tmp, copy)
        raise StorageError(_storage_message("the backup", exc)) from None
    except OSError as exc:
        _unlink_all(tmp, copy)
        raise StorageError(_storage_message("the backup", exc)) from None
    except BaseException:
        _unlink_all(tmp, copy)
        raise
    if replaces is not None and replaces != final:
        _unlink(replaces)
    for old in _beyond_keep(root, keep, cap=max(CAP_FACTOR * _database_bytes(conn),
                                                    CAP_MIN_BYTES)):
        _unlink(old)
    return final


def _database_bytes(conn: sqlite3.Connection) -> int:
    try:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        return int(pages) * int(size)
    except sqlite3.Error:
        return 0


def _beyond_keep(root: Path, keep: int, cap: float) -> list[Path]:
    """Backups to remove: past the newest *keep*, or once the kept ones outgrow *cap* bytes
    (the newest is always kept)."""
    out, held = [], 0
    for i, b in enumerate(list_backups(root)):
        try:
            held += b.stat().st_size
        except OSError:
            continue
        if i >= keep or (i > 0 and held > cap):
            out.append(b)
    return out


def backup_reason(path: Path) -> str:
    """"after-edit", "manual", ... from a backup's name (either form)."""
    name = path.name.removesuffix(".gz").removesuffix(PLAIN)
    return name.split("-", 2)[2] if name.count("-") >= 2 else ""


def _recent_edit_backup(root: Path) -> Path | None:
    newest = next(iter(list_backups(root)), None)
    if newest is None or backup_reason(newest) != "after-edit":
        return None
    try:
        taken = datetime.strptime(newest.name.split("-")[1][:21], "%Y%m%dT%H%M%S%f")
    except (IndexError, ValueError):
        return None
    age = datetime.now(UTC).replace(tzinfo=None) - taken
    return newest if age.total_seconds() < EDIT_COALESCE_S else None


def before_upgrade(conn: sqlite3.Connection, root: Path) -> Path:
    """The copy made before a schema upgrade touches the database."""
    return backup_database(conn, root, reason="before-upgrade")


def list_backups(root: Path) -> list[Path]:
    """Finished backups, newest first (temp files of an interrupted backup are ignored)."""
    folder = root / BACKUP_DIR
    if not folder.is_dir():
        return []
    found = [p for pattern in ("archive-*" + PLAIN, "archive-*" + COMPRESSED)
             for p in folder.glob(pattern) if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def backup_time(path: Path) -> str:
    """When a backup was taken, from its name (UTC, to the second)."""
    try:
        stamp = path.name.split("-")[1]
        return datetime.strptime(stamp[:15], "%Y%m%dT%H%M%S").strftime("%Y-%m-%d %H:%M UTC")
    except (IndexError, ValueError):
        return "unknown time"


def restore(root: Path, source: Path | None = None, *,
            readd: Callable[[Path], int] | None = None) -> RestoreResult:
    """Replace the archive's database with a backup; keep the damaged one aside.

    Works on a database too damaged to open. Takes the writer lock, so no other window
    can have the archive open. Then *readd* (the facade opens the restored archive and
    calls `readd_stray_originals`) imports again the originals stored after the backup;
    without it they stay in the blob store (`Archive.restore` always passes it).
    """
    root = Path(root)
    if not os.access(root, os.W_OK) or (root / DB_NAME).exists() and not os.access(
            root / DB_NAME, os.W_OK):
        raise StorageError(f"cannot restore: {root} is read-only; nothing was changed")
    chosen = Path(source) if source else useful_backup(root)
    if chosen is None:
        if not (root / DB_NAME).exists() and any(BlobStore(root / "blobs").all_shas()):
            return _rebuild_from_originals(root, readd)
        raise ArchiveError(f"no backup found in {root / BACKUP_DIR}")
    if not chosen.is_file():
        raise ArchiveError(f"no backup file at {chosen}")
    _verify_backup(chosen)
    lock = WriterLock(root / ".lock")
    lock.acquire()
    try:
        db = root / DB_NAME
        aside = None
        if db.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            aside = root / f"{DB_NAME}.damaged-{stamp}"
            os.replace(db, aside)
            for suffix in ("-wal", "-shm"):  # keep the pair together, never delete a -wal
                side = Path(str(db) + suffix)
                if side.exists():
                    os.replace(side, Path(str(aside) + suffix))
        tmp = root / f".{DB_NAME}.restoring"
        with readable_copy(chosen) as plain:
            src = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
            try:
                dest = sqlite3.connect(tmp, isolation_level=None)
                try:
                    src.backup(dest)
                finally:
                    dest.close()
            finally:
                src.close()
        os.replace(tmp, db)
        for stale in (root / "index", root / ".index-rebuild"):  # the index follows the database
            if stale.exists():
                import shutil

                shutil.rmtree(stale, ignore_errors=True)
    finally:
        lock.release()
    readded = readd(root) if readd is not None else 0
    return RestoreResult(chosen, backup_time(chosen), aside, readded, _contents_of(root))


def _rebuild_from_originals(root: Path, readd: Callable[[Path], int] | None) -> RestoreResult:
    """No database and no backup, but the originals are there: a new database, and every
    original imported again (tags, notes and corrections were only in the lost database)."""
    from archive.store import open_database

    lock = WriterLock(root / ".lock")
    lock.acquire()
    try:
        open_database(root / DB_NAME, readonly=False, before_upgrade=lambda _c: None).close()
    finally:
        lock.release()
    readded = readd(root) if readd is not None else 0
    return RestoreResult(None, "", None, readded, _contents_of(root))


def _contents_of(root: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{root / DB_NAME}?mode=ro", uri=True)
    try:
        return contents(conn)
    finally:
        conn.close()


def _verify_backup(path: Path) -> None:
    try:
        with readable_copy(path) as plain:
            conn = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
            try:
                ok = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            finally:
                conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptArchive(f"the backup {path.name} cannot be read ({exc})") from None
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise CorruptArchive(f"the backup {path.name} cannot be read ({exc})") from None
    if ok != ["ok"]:
        raise CorruptArchive(f"the backup {path.name} is damaged too ({ok[0][:80]})")


def readd_stray_originals(parts: ImportParts) -> int:
    """Originals in the blob store that the restored database does not know: import again."""
    from archive import quarantine
    from archive.pipeline import import_sources

    known = parts.store.known_shas()
    # (originals a repair moved aside come back when the restored database lacks them)
    root = parts.blobs.root.parent
    quarantine.take_back(root, parts.blobs, {p.name for p in quarantine.held(root)} - known)
    stray = [s for s in parts.blobs.all_shas() if s not in known]
    sources = [SourceFile(f"recovered-{sha[:12]}", parts.blobs.read(sha)) for sha in stray]
    parts.catch_up(None)  # the old index was dropped: rebuild it from the restored rows
    if not sources:
        return 0
    result = import_sources(parts, sources, total=len(sources))
    return len(result.added)


# --- the portable bundle ----------------------------------------------------------------


def export_bundle(store: Store, blobs: BlobStore, target: str | os.PathLike[str], *,
                  archive_root: Path | None = None) -> int:
    """Write originals + manifest.json (sha256, names, import dates, corrections) to a zip
    (never into *archive_root*: `archive.export.atomic`)."""
    from archive.export.atomic import atomic_output, safe_filename

    docs: list[dict[str, Any]] = []
    rows = store.conn.execute(
        "SELECT id, sha256, file, imported_at, media_type, title, encoding FROM document "
        "ORDER BY imported_at, id").fetchall()
    with atomic_output(str(target), archive_root=archive_root) as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
        for row in rows:
            entry = f"originals/{row['sha256'][:16]}/{safe_filename(row['file']) or 'file'}"
            zf.writestr(entry, blobs.read(row["sha256"]))
            docs.append({
                "id": row["id"], "sha256": row["sha256"], "file": row["file"],
                "path": entry, "imported_at": row["imported_at"],
                "media_type": row["media_type"], "title": row["title"],
                "encoding": row["encoding"], "names": store.provenance_of(row["id"]),
                "corrections": _corrections_of(store, row["id"]),
            })
        manifest = {"schema": BUNDLE_SCHEMA,
                    "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
                    "documents": docs}
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return len(docs)


def _corrections_of(store: Store, doc_id: str) -> list[dict[str, Any]]:
    keys = ("network_ordinal", "action", "kind", "key", "role", "value", "qualifier",
            "target_key", "target_role", "note")
    rows = store.conn.execute(
        "SELECT * FROM correction WHERE document_id = ? ORDER BY id", (doc_id,)).fetchall()
    columns = set(rows[0].keys()) if rows else set()
    return [{k: r[k] for k in keys if k in columns} for r in rows]


def import_bundle(parts: ImportParts, path: str | os.PathLike[str]) -> tuple[ImportResult, int]:
    """Import a bundle's originals as untrusted files, then re-apply its corrections.

    The manifest is only ever parsed as JSON; nothing in the bundle is executed or opened
    as a database or index. Returns (ImportResult, corrections applied).
    """
    from archive.importers.bundle import iter_sources
    from archive.pipeline import import_sources

    skip = f"{path}!{MANIFEST}"  # our own manifest is read below as data, not as a document
    sources = (s for s in iter_sources([Path(path)], parts.limits)
               if not (isinstance(s, SourceFile) and s.name == skip))
    result = import_sources(parts, sources)
    manifest = _read_manifest(Path(path))
    applied = 0
    for doc in manifest.get("documents", []):
        if not isinstance(doc, dict) or not isinstance(doc.get("sha256"), str):
            continue
        doc_id = parts.store.id_for_sha(doc["sha256"])
        if doc_id is None or corrections.list_corrections(parts.store, doc_id):
            continue  # not imported, or corrections already there (a second run)
        for c in doc.get("corrections") or []:
            if not isinstance(c, dict):
                continue
            with contextlib.suppress(ArchiveError, ValueError, TypeError):
                args = _replay_args(c)
                correction = corrections.Correction(
                    doc_id, args.pop("network"), args.pop("action"), args.pop("kind"),
                    args.pop("key"), **args)
                with parts.transaction() as store:
                    corrections.record(store, correction)
                    store.queue_index(doc_id)
                applied += 1
    if applied:
        parts.catch_up(None)
    return result, applied


def _replay_args(c: dict[str, Any]) -> dict[str, Any]:
    """Turn a stored correction row back into the arguments that made it."""
    action, key, role = str(c.get("action")), _opt(c.get("key")), _opt(c.get("role"))
    args: dict[str, Any] = {"network": int(c.get("network_ordinal") or 1), "action": action,
                            "kind": str(c.get("kind")), "value": _json_value(c.get("value")),
                            "qualifier": _opt(c.get("qualifier")), "note": _opt(c.get("note"))}
    if action == "add":
        args.update(key=key, role=role)
    else:
        target_key, target_role = _opt(c.get("target_key")) or key, _opt(c.get("target_role"))
        args.update(key=target_key, role=target_role,
                    new_key=key if key != target_key else None,
                    new_role=role if role != target_role else None)
    return args


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(MANIFEST)
            if info.file_size > MAX_MANIFEST_BYTES:
                return {}
            with zf.open(info) as fh:
                raw = fh.read(MAX_MANIFEST_BYTES + 1)
        data = json.loads(raw)
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, RuntimeError,
            NotImplementedError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("schema") != BUNDLE_SCHEMA:
        return {}
    return data


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _json_value(value: object) -> Any:
    """Correction values are stored as JSON text; decode them, never evaluate them."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _storage_message(what: str, exc: BaseException) -> str:
    text = str(exc).lower()
    if "full" in text or getattr(exc, "errno", None) == 28:
        return f"Could not write {what} (disk full). The archive is unchanged."
    return f"Could not write {what}: {exc}"


def _unlink_all(*paths: Path) -> None:
    for path in paths:
        _unlink(path)
