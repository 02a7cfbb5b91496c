"""Copy truth annotations from a cache folder into bench/realdocs/ (manifest + truth).

The cache holds docs/<file> and truth/<id>.truth.json as annotators wrote them; this
checks every sha256, replaces each title by a hash of its words, takes quoted fragments out
of the notes (the repository keeps no copied text) and rewrites manifest.jsonl. Usage: python bench/realdocs/import_cache.py CACHE
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _norm(s: str | None) -> str:
    return " ".join(re.sub(r"[^\w ]+", " ", (s or "").lower()).split())


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def _copies(s: str, doc: str) -> bool:
    """Eight words in a row that the document also has."""
    w = _words(s)
    return any(" ".join(w[i : i + 8]) in doc for i in range(len(w) - 7))


def own_words(note: str, doc_text: str) -> str:
    """A note as the repository keeps it: quoted fragments of five words or more become
    "(…)", and a sentence still repeating eight words of the document goes."""
    doc = " ".join(_words(doc_text))
    note = re.sub(r"[\"“'‘«][^\"”’'»]{10,400}[\"”’'»]",
                  lambda m: "(…)" if len(_words(m.group(0))) >= 5 else m.group(0), note)
    if not _copies(note, doc):
        return note
    return " ".join(x for x in re.split(r"(?<=[.;])\s+", note) if not _copies(x, doc))


def main(cache: Path) -> int:
    manifest = []
    for path in sorted((cache / "truth").glob("*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        data = (cache / "docs" / truth["file"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != truth["sha256"]:
            print(f"{truth['id']}: sha256 differs; not imported", file=sys.stderr)
            continue
        text = data.decode("utf-8", "replace")
        if truth.get("notes"):
            truth["notes"] = own_words(truth["notes"], text)
        for net in truth.get("networks", []):
            if net.get("label") and _copies(net["label"], " ".join(_words(text))):
                net["label"] = " ".join(_words(net["label"])[:5])
        if "title" in truth:
            title = truth.pop("title")
            truth["title_sha1"] = hashlib.sha1(_norm(title).encode()).hexdigest() if title else None
        manifest.append({"id": truth["id"], "file": truth["file"], "sha256": truth["sha256"],
                         "bytes": len(data), "format": truth.get("format"),
                         "language": truth["language"], "register": truth.get("register"),
                         "platform": truth.get("platform"), "source": truth["source"]})
        out = HERE / "truth" / f"{truth['id']}.truth.json"
        out.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    with (HERE / "manifest.jsonl").open("w", encoding="utf-8") as fh:
        for row in manifest:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(manifest)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
