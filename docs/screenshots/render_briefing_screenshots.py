"""Render the first pages of a country briefing on the sample archive to docs/screenshots/.

Usage: .venv/bin/python docs/screenshots/render_briefing_screenshots.py [COUNTRY] [PAGES]
Imports resources/samples and the seed into a throwaway archive, exports the briefing,
and runs pdftoppm (poppler-utils) to write briefing-1.png, briefing-2.png, ...
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from archive.api import Archive

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEED = ROOT.parent / "shared" / "seeds"


def main() -> None:
    country = sys.argv[1] if len(sys.argv) > 1 else "AZ"
    pages = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        with Archive.open(Path(tmp) / "Sample archive") as archive:
            sources = [ROOT / "resources" / "samples"] + ([SEED] if SEED.is_dir() else [])
            archive.import_paths(sources)
            pdf = Path(tmp) / "briefing.pdf"
            archive.export("pdf", pdf, country=country)
        for old in HERE.glob("briefing-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", str(pages), str(pdf),
                        str(HERE / "briefing")], check=True)
    for png in sorted(HERE.glob("briefing-*.png")):
        # pdftoppm pads page numbers (briefing-01.png); keep short, stable names
        png.rename(HERE / f"briefing-{int(png.stem.split('-')[-1])}.png")
    print("\n".join(str(p.relative_to(ROOT)) for p in sorted(HERE.glob("briefing-*.png"))))


if __name__ == "__main__":
    main()
