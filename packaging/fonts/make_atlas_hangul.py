"""Write resources/fonts/AtlasHangul.ttf: the Hangul of NanumGothic (OFL-1.1), renamed.

Run once, by hand, when the font is to change; the app never runs it:
    apt-get install fonts-nanum            # Debian 12: 20200506-1, NanumGothic 3.021
    python3 -m venv /tmp/ft && /tmp/ft/bin/pip install fonttools==4.68.0
    /tmp/ft/bin/python packaging/fonts/make_atlas_hangul.py \
        /usr/share/fonts/truetype/nanum/NanumGothic.ttf resources/fonts/AtlasHangul.ttf
Hangul syllables, jamo and compatibility jamo only (the rest of NanumGothic repeats what
DejaVu Sans and Droid Sans Fallback draw): 1.89 MB instead of 4.69 MB. A subset is a
modified version under the OFL, which may not keep the Reserved Font Name ("Nanum",
"NanumGothic" ...), hence the new name; copyright, licence and trademark notices are kept.
"""

from __future__ import annotations

import sys

from fontTools import subset
from fontTools.ttLib import TTFont

HANGUL = [(0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F),
          (0xD7B0, 0xD7FF)]
NAMES = {1: "Atlas Hangul", 2: "Regular", 3: "AtlasHangul-Regular 1.0",
         4: "Atlas Hangul Regular", 6: "AtlasHangul-Regular", 16: "Atlas Hangul",
         17: "Regular"}
DESCRIPTION = ("Hangul subset of NanumGothic (NAVER Corporation, OFL-1.1), renamed for "
               "Takedown Atlas as the licence requires of modified versions.")


def main(source: str, target: str) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]  # hinting sources
    font = TTFont(source, recalcTimestamp=False)  # the same bytes on every run
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for lo, hi in HANGUL for c in range(lo, hi + 1)])
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in NAMES or record.nameID in (18, 21, 22):
            names.removeNames(nameID=record.nameID)
    for name_id, text in NAMES.items():
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    names.setName(DESCRIPTION, 10, 3, 1, 0x409)
    font.save(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
