"""The command line: a thin face over Archive (DESIGN §4). Parse, make one call, print.

Errors are one line on stderr and an exit code (0 ok, 1 problems found, 2 usage or
environment); a traceback only with --debug. Progress goes to a terminal's stderr only.
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

from archive.api import Archive
from archive.errors import DAMAGED_HINT, ArchiveError, ArchiveLocked, Cancelled
from archive.export.registry import FORMATS
from archive.logs import configure_logging
from archive.paths import resolve_archive_path
from archive.progress import CancelToken, Progress
from archive.safe_text import printable

PROG = "takedown-atlas"
log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, exit 2, as for every usage error
        sys.stderr.write(f"{PROG}: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="Offline archive of platform takedown disclosures.")
    p.add_argument("--archive", metavar="PATH", help="archive folder (default: "
                   "$TAKEDOWN_ATLAS_ARCHIVE or your user data folder)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    s = sub.add_parser("open", help="open the desktop app, importing any PATHs given "
                       "(the launcher's command: a file manager passes the files)")
    s.add_argument("paths", nargs="*", metavar="PATH")

    s = sub.add_parser("import", help="import files, folders and .zip bundles")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--json", action="store_true")
    s.add_argument("--keep-paths", action="store_true",
                   help="also record the path each file was given under (by default the "
                        "archive keeps only file names, not the folders they came from)")

    s = sub.add_parser("search", help="full-text search (Whoosh syntax)")
    s.add_argument("query")
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--sort", choices=("relevance", "date", "date_asc"), default="relevance")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("show", help="show one document")
    s.add_argument("id")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("export", help=f"export {', '.join(FORMATS)} (pdf: a briefing)")
    s.add_argument("format", choices=tuple(FORMATS))
    s.add_argument("-o", "--output", required=True, metavar="FILE", help="'-' for stdout")
    s.add_argument("--country", metavar="CC")
    s.add_argument("--actor", metavar="NAME")
    s.add_argument("--query", metavar="Q")
    s.add_argument("--since", metavar="YYYY-MM-DD")
    s.add_argument("--ids", nargs="+", metavar="ID", help="only these documents")

    s = sub.add_parser("summary", help="a country's or an actor's networks and removed assets")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--country", metavar="CC")
    g.add_argument("--actor", metavar="NAME")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("check", help="consistency check; exit 1 if problems")
    s.add_argument("--repair", action="store_true", help="fix what can be fixed")
    s.add_argument("--purge-quarantine", action="store_true",
                   help="with --repair: delete the originals earlier repairs moved aside")
    s.add_argument("--json", action="store_true")

    sub.add_parser("reindex", help="rebuild the search index from SQLite")
    s = sub.add_parser("reextract", help="re-run the extractor over every document")
    s.add_argument("--no-reparse", action="store_true", help="reuse the stored text")

    s = sub.add_parser("info", help="counts, sizes, versions")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("correct", help="correct, add or delete one extracted fact")
    s.add_argument("id", help="document id")
    s.add_argument("--network", type=int, default=1, help="network number (default 1)")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--set", dest="action", action="store_const", const="set")
    g.add_argument("--add", dest="action", action="store_const", const="add")
    g.add_argument("--delete", dest="action", action="store_const", const="delete")
    g.add_argument("--undo", type=int, metavar="CORRECTION_ID")
    s.add_argument("--kind", default="count", help="count, audience, country, actor, ...")
    s.add_argument("--key", help="metric, country code, actor name, ...")
    s.add_argument("--role")
    s.add_argument("--value")
    s.add_argument("--qualifier")
    s.add_argument("--new-key")
    s.add_argument("--new-role")
    s.add_argument("--note")
    s.add_argument("--json", action="store_true")

    sub.add_parser("backup", help="write a verified backup of the database (keeps the last 5)")
    s = sub.add_parser("restore", help="go back to the latest backup (or --from FILE); "
                       "the current database is kept aside")
    s.add_argument("--from", dest="source", metavar="FILE", help="a backup file to restore")
    s.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    s = sub.add_parser("export-bundle", help="write every original plus a manifest to a zip")
    s.add_argument("-o", "--output", required=True, metavar="FILE")
    s = sub.add_parser("import-bundle", help="import a bundle made by export-bundle")
    s.add_argument("path", metavar="BUNDLE")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("tag", help="set the tags of a document")
    s.add_argument("id")
    s.add_argument("tags", nargs="*")
    return p


def main(argv: Sequence[str] | None = None,
         gui: Callable[[list[str]], int] | None = None) -> int:
    """Run one command; with no command, hand over to *gui* (the desktop launcher passes it)."""
    args = build_parser().parse_args(argv)
    if args.version:
        from archive import __version__

        print(f"{PROG} {__version__}")
        return 0
    if args.command in (None, "open"):
        if gui is None:
            _err("no command given; the desktop app starts from `takedown-atlas` "
                 f"with no arguments (see `{PROG} --help`)")
            return 2
        paths = getattr(args, "paths", [])
        return int(gui([*(["--archive", args.archive] if args.archive else []),
                        *(["--", *paths] if paths else [])]))
    configure_logging(debug=args.debug)
    log.info("command %s", args.command)
    try:
        with _safe_output():
            return int(_run(args))
    except Cancelled:
        _err("cancelled")
        return 1
    except ArchiveError as exc:
        log.warning("command %s stopped: %s", args.command, exc)
        if args.debug:
            raise
        _err(str(exc))
        return exc.exit_code
    except sqlite3.DatabaseError as exc:  # a damaged row met outside check: one line, the way out
        log.exception("database error in command %s", args.command)
        if args.debug:
            raise
        _err(f"{DAMAGED_HINT} ({str(exc)[:120]})")
        return 2
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        log.exception("internal error in command %s", args.command)
        if args.debug:
            raise
        _err(f"internal error: {type(exc).__name__}: {str(exc)[:200]} (run with --debug for details)")
        return 2


def _run(args: argparse.Namespace) -> int:
    path = resolve_archive_path(args.archive)
    cmd = args.command
    if cmd == "restore":  # works on a database too damaged to open
        return _cmd_restore(path, args)
    writes = cmd in ("import", "reindex", "reextract", "correct", "tag", "backup",
                     "import-bundle") or (cmd == "check" and args.repair)
    create = cmd in ("import", "import-bundle")
    if cmd == "check" and not writes:
        # A check takes the writer lock when it is free, so a crash left behind is recovered
        # from first (what the next window would do); with another window open it only reads.
        try:
            archive = Archive.open(path, create=False, write=True)
        except ArchiveLocked:
            archive = Archive.open(path, create=False, write=False)
        with archive:
            return int(COMMANDS[cmd](archive, args))
    with Archive.open(path, create=create, write=writes) as archive:
        return int(COMMANDS[cmd](archive, args))


def _cmd_import(archive: Archive, args: argparse.Namespace) -> int:
    bar = _ProgressBar()
    result = archive.import_paths(args.paths, on_progress=bar, cancel=CancelToken(),
                                  keep_paths=args.keep_paths)
    bar.done()
    if args.json:
        _print_json(result.to_json())
    else:
        n = len(result.restored)
        restored = f" ({n} original{'s' if n != 1 else ''} restored)" if n else ""
        print(f"{len(result.added)} added, {len(result.duplicates)} already in the archive"
              f"{restored}, {len(result.rejected)} rejected")
        for d in result.duplicates:
            print(f"  duplicate: {d.file} (same content as {d.id})")
        for d in result.restored:
            print(f"  original restored: {d.file} (it was missing or damaged in {d.id})")
    for r in result.rejected:
        _err(f"{r.file}: {r.reason}")
    return 1 if result.rejected else 0


def _cmd_search(archive: Archive, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise ArchiveError("--limit must be at least 1")
    result = archive.search(args.query, limit=args.limit, sort=args.sort)
    if result.notice:
        _err(result.notice)
    if args.json:
        _print_json(result.to_json())
        return 0
    print(f"{result.total} documents match")
    for h in result.hits:
        print(f"{h.id}  {h.published or '----------'}  {h.title}")
        if h.snippet:
            print("    " + _plain(h.snippet))
    return 0


def _cmd_show(archive: Archive, args: argparse.Namespace) -> int:
    doc = archive.document(args.id)
    if args.json:
        _print_json(doc)
        return 0
    print(f"{doc['title'] or doc['file']}\n{doc['publisher'] or 'unknown publisher'} · "
          f"{doc['published'] or 'undated'} · {doc['source_type']} · {doc['file']} · id {doc['id']}")
    for n, net in enumerate(doc["networks"], start=1):
        print(f"\nNetwork {n}: {net['label']}")
        for metric, value in net["counts"].items():
            q = net["count_qualifiers"].get(metric, "exact")
            print(f"  {metric}: {value:,}" + ("" if q == "exact" else f" ({q.replace('_', ' ')})"))
        for key in ("origin_countries", "target_countries", "platforms", "languages"):
            if net[key]:
                print(f"  {key.replace('_', ' ')}: {', '.join(net[key])}")
        for a in net["actors"]:
            print(f"  actor ({a['role']}): {a['name']}")
    print("\n" + doc["text"])
    return 0


def _cmd_export(archive: Archive, args: argparse.Namespace) -> int:
    bar = _ProgressBar() if args.output != "-" else None
    warnings: list[str] = []
    n = archive.export(args.format, args.output, country=args.country, actor=args.actor,
                       query=args.query, since=args.since, ids=args.ids, on_progress=bar,
                       on_warning=warnings.append)
    if bar:
        bar.done()
        print(f"exported {n} documents to {args.output}", file=sys.stderr)
    for line in warnings:
        print(f"{PROG}: warning: {line}", file=sys.stderr)
    return 0


def _cmd_summary(archive: Archive, args: argparse.Namespace) -> int:
    kind, key = ("country", args.country) if args.country else ("actor", args.actor)
    s = archive.entity_summary(kind, key)
    if args.json:
        _print_json(s.to_json())
        return 0
    print(f"{s.title}: {len(s.networks)} networks in {s.documents} documents, "
          f"{s.total_assets:,} removed assets")
    for label, n in s.totals:
        print(f"  {label}: {n:,}")
    for row in s.networks:
        print(f"  {row.published or '----------'}  {row.name}  ({', '.join(row.roles)})  "
              f"{row.assets:,}")
    return 0


def _cmd_check(archive: Archive, args: argparse.Namespace) -> int:
    if args.purge_quarantine and not args.repair:
        raise ArchiveError("--purge-quarantine goes with --repair")
    rep = archive.check(repair=args.repair, purge_quarantine=args.purge_quarantine)
    if args.json:
        _print_json(rep.to_json())
    else:
        for r in rep.repaired:
            print(f"repaired: {r}")
        for p in rep.problems:
            print(f"problem: {p}")
        for n in rep.notes:
            print(f"note: {n}")
        print("ok" if rep.ok else f"{len(rep.problems)} problems")
    return 0 if rep.ok else 1


def _cmd_reindex(archive: Archive, args: argparse.Namespace) -> int:
    bar = _ProgressBar()
    n = archive.reindex(on_progress=bar)
    bar.done()
    print(f"indexed {n} documents")
    return 0


def _cmd_reextract(archive: Archive, args: argparse.Namespace) -> int:
    bar = _ProgressBar()
    n = archive.reextract(on_progress=bar, reparse=not args.no_reparse)
    bar.done()
    print(f"re-extracted {n} documents (corrections kept)")
    return 0


def _cmd_info(archive: Archive, args: argparse.Namespace) -> int:
    info = archive.info()
    if args.json:
        _print_json(info)
    else:
        for k, v in info.items():
            print(f"{k}: {v}")
    return 0


def _cmd_correct(archive: Archive, args: argparse.Namespace) -> int:
    if args.undo is not None:
        archive.undo_correction(args.undo)
        print(f"correction {args.undo} undone")
        return 0
    if not args.key:
        raise ArchiveError("--key is required (the metric, country code or name to correct)")
    value: Any = args.value
    cid = archive.correct(args.id, network=args.network, action=args.action, kind=args.kind,
                          key=args.key, role=args.role, value=value, qualifier=args.qualifier,
                          new_key=args.new_key, new_role=args.new_role, note=args.note)
    if args.json:
        _print_json({"correction": cid})
    else:
        print(f"correction {cid} saved (undo with: {PROG} correct {args.id} --undo {cid})")
    return 0


def _cmd_tag(archive: Archive, args: argparse.Namespace) -> int:
    doc_id = archive.store.resolve_id(args.id)
    archive.set_tags("document", doc_id, args.tags)
    print(", ".join(archive.store.tags_of("document", doc_id)) or "(no tags)")
    return 0


def _cmd_backup(archive: Archive, args: argparse.Namespace) -> int:
    print(f"backup written: {archive.backup()}")
    return 0


def _cmd_restore(path: Any, args: argparse.Namespace) -> int:
    from pathlib import Path

    from archive.backup import describe, restore_question

    root = Path(path)
    source, question = restore_question(root, Path(args.source) if args.source else None)
    question += " [y/N] "
    if not args.yes:
        if not sys.stdin.isatty():
            raise ArchiveError(f"{question.split('?')[0]}? Add --yes to confirm.")
        if input(question).strip().lower() not in ("y", "yes"):
            _err("nothing was changed")
            return 1
    res = Archive.restore(root, source)
    if res.restored_from is None:
        print(f"built a new database from the originals: {describe(res.contents)}")
    else:
        print(f"restored the backup taken {res.taken_at} ({res.restored_from.name}): "
              f"{describe(res.contents)}")
    if res.damaged_kept_as:
        print(f"the previous database was kept as {res.damaged_kept_as}")
    if res.readded:
        print(f"{res.readded} originals stored after the backup were imported again")
    return 0


def _cmd_export_bundle(archive: Archive, args: argparse.Namespace) -> int:
    n = archive.export_bundle(args.output)
    print(f"exported {n} originals and a manifest to {args.output}", file=sys.stderr)
    return 0


def _cmd_import_bundle(archive: Archive, args: argparse.Namespace) -> int:
    result, applied = archive.import_bundle(args.path)
    rejected = [r for r in result.rejected if not r.file.endswith("!manifest.json")]
    if args.json:
        _print_json({**result.to_json(), "corrections": applied})
    else:
        print(f"{len(result.added)} added, {len(result.duplicates)} already in the archive, "
              f"{len(rejected)} rejected, {applied} corrections re-applied")
    for r in rejected:
        _err(f"{r.file}: {r.reason}")
    return 1 if rejected else 0


COMMANDS = {
    "import": _cmd_import, "search": _cmd_search, "show": _cmd_show, "export": _cmd_export,
    "summary": _cmd_summary,
    "check": _cmd_check, "reindex": _cmd_reindex, "reextract": _cmd_reextract,
    "info": _cmd_info, "correct": _cmd_correct, "tag": _cmd_tag,
    "backup": _cmd_backup, "export-bundle": _cmd_export_bundle,
    "import-bundle": _cmd_import_bundle,
}


class _ProgressBar:
    """A one-line bar on a terminal's stderr; silent when stderr is not a terminal."""

    def __init__(self) -> None:
        self.active = sys.stderr.isatty()
        self.shown = False

    def __call__(self, p: Progress) -> None:
        if not self.active:
            return
        if p.total:
            width = 30
            filled = int(width * min(p.done, p.total) / p.total)
            bar = "#" * filled + "-" * (width - filled)
            line = f"{p.stage:8} [{bar}] {p.done}/{p.total} {p.detail[-40:]}"
        else:
            line = f"{p.stage:8} {p.done} {p.detail[-50:]}"
        out = getattr(sys.stderr, "unfiltered", sys.stderr)  # its own \r must get through
        out.write("\r" + printable(line, one_line=True).ljust(100)[:100])
        out.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            out = getattr(sys.stderr, "unfiltered", sys.stderr)
            out.write("\r" + " " * 100 + "\r")
            out.flush()


class _SafeStream:
    """Standard output or error with every control, bidi-override or lone-surrogate character
    shown as an escape (`archive.safe_text`): a title, a snippet, a zip entry or a file name
    can never move the cursor, clear the screen or read backwards. Inside JSON the escape
    reads as the same character."""

    def __init__(self, stream: IO[str]) -> None:
        self.unfiltered = stream

    def write(self, text: str) -> int:
        self.unfiltered.write(printable(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.unfiltered, name)


@contextmanager
def _safe_output() -> Iterator[None]:
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SafeStream(sys.stdout), _SafeStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _plain(snippet: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"</?b[^>]*>", "", snippet))


def _err(message: str) -> None:
    # One line whatever the message holds: a newline in a file name is shown, not obeyed.
    sys.stderr.write(f"{PROG}: {printable(message.strip(), one_line=True) or 'error'}\n")


if __name__ == "__main__":  # `python -m archive.cli ...` as `python -m archive ...`
    raise SystemExit(main())
