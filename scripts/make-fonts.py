#!/usr/bin/env python3
"""Makes Kvorum Sans, the font the PDFs embed, from Liberation Sans 2.1.5 (issue 17).

Liberation Sans carries TrueType hinting: instructions that snap outlines to a screen's pixels,
half of each file. A PDF is printed or drawn by viewers that hint (or not) on their own, so
the hinting only made the app larger (825 KB of fonts; 411 KB without). Every glyph, every
character, the metrics, kerning and layout tables are kept as they were.

A font changed this way is a Modified Version under the SIL Open Font License 1.1, which may
not use the Reserved Font Names "Liberation" (Red Hat) and "Arimo" (Google): hence its own
name. The copyright, trademark and licence entries are kept (fonts/LICENSE-Liberation.txt).

Run once, with fontTools (pip install fonttools), from the original Liberation Sans files
(Debian's fonts-liberation2, or git show 6b7a14b:crates/kvorum-docs/fonts/LiberationSans-Regular.ttf):
    python3 scripts/make-fonts.py LiberationSans-Regular.ttf LiberationSans-Bold.ttf
The results are committed (crates/kvorum-docs/fonts/KvorumSans-*.ttf); the build needs no Python.
"""
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent.parent / "crates/kvorum-docs/fonts"


def make(src: str) -> None:
    font = TTFont(src)
    style = font["name"].getDebugName(2)  # "Regular" / "Bold"
    options = subset.Options()
    options.glyph_names = False
    options.hinting = False
    options.legacy_kern = True
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=font.getGlyphOrder(), unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    family = "Kvorum Sans"
    postscript = "KvorumSans" + ("" if style == "Regular" else "-" + style)
    renamed = {
        1: family,
        3: f"Kvorum Sans {style} (Liberation Sans 2.1.5 without hinting)",
        4: family if style == "Regular" else f"{family} {style}",
        6: postscript,
        16: family,
    }
    for record in font["name"].names:
        if record.nameID in renamed:
            record.string = renamed[record.nameID]
    out = OUT / f"KvorumSans-{style}.ttf"
    font.save(out)
    print(f"{out}: {out.stat().st_size} bytes")


for path in sys.argv[1:]:
    make(path)
