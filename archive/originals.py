"""Which originals may leave the app for the system's viewer, decided from the stored media type.

Only PDFs and plain text go out, under a name we choose (".pdf" / ".txt"), never the
original's: a saved page called `page.shtml`, `article.php` or `page`, or an SVG that an
importer read as text, would otherwise reach a browser that runs scripts and fetches.
"""

from __future__ import annotations

import re
from pathlib import PurePath

VIEWABLE = {"application/pdf": ".pdf", "text/plain": ".txt"}
# Text that a viewer could still treat as a page or an image with scripts: anything shaped
# like a tag, a comment, a doctype or a processing instruction. `xdg-open` without a desktop
# environment asks `file(1)`, which calls a ".txt" holding `<a href=` or `<title>` HTML.
_MARKUP = re.compile(rb"<(?:[a-z][\w:.-]*(?=[\s/>])|!|\?)", re.IGNORECASE)
_UNSAFE_NAME = re.compile(r"[^\w .()\-]+")
REFUSED = ("Only PDF reports and plain-text files are opened outside Takedown Atlas; a saved "
           "web page or an image could run scripts or fetch from the network. "
           "Use “Save a copy…” instead.")


def viewer_copy(file: str, media_type: str | None, data: bytes) -> tuple[str, bytes] | None:
    """(file name to write, bytes) for the system's viewer, or None if it must stay inside."""
    suffix = VIEWABLE.get((media_type or "").split(";")[0].strip().lower())
    if suffix is None:
        return None
    if suffix == ".pdf" and data.lstrip()[:5] != b"%PDF-":
        return None
    # NULs out first, so UTF-16 / UTF-32 markup is seen too; the whole file, not its start.
    if suffix == ".txt" and _MARKUP.search(data.replace(b"\x00", b"")):
        return None
    stem = PurePath(file.replace("\\", "/")).stem  # the stored name; a `!` is part of it
    stem = _UNSAFE_NAME.sub("_", stem).strip(" .")[:80] or "original"
    return stem + suffix, data
