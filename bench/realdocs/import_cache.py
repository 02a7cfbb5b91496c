"""Copy truth annotations from a cache folder into bench/realdocs/ (manifest + truth).

The cache holds docs/<file> and truth/<id>.truth.json as annotators wrote them; this
checks every sha256, replaces each title by a hash of its words (the repository keeps no
copied text) and rewrites manifest.jsonl. Usage: python bench/realdocs/import_cache.py CACHE
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


def main(cache: Path) -> int:
    manifest = []
    for path in sorted((cache / "truth").glob("*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        data = (cache / "docs" / truth["file"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != truth["sha256"]:
            print(f"{truth['id']}: sha256 differs; not imported", file=sys.stderr)
            continue
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
