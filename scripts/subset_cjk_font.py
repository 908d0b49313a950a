"""Build core/fonts/NotoSansSC-{Regular,Bold}-subset.otf from Debian's Noto Sans CJK (OFL).

Kept: ASCII, Latin-1, general punctuation, CJK symbols, full-width forms and the
6,763 GB 2312 hanzi, which cover the characters of ordinary Chinese documents.
"""

from fontTools import subset
from fontTools.ttLib import TTCollection

chars = (
    set(range(0x20, 0x7F))
    | set(range(0xA0, 0x180))
    | set(range(0x2000, 0x2070))
    | set(range(0x2100, 0x2200))
    | set(range(0x2460, 0x24FF))
    | set(range(0x2500, 0x2600))
    | set(range(0x25A0, 0x2700))
    | set(range(0x3000, 0x3040))
    | set(range(0xFF00, 0xFFF0))
    | {0x2713, 0x2717, 0x2714, 0x2716}
)
for hi in range(0xB0, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(ord(bytes([hi, lo]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
# GB2312 row symbols (punctuation, Greek, Cyrillic, numbers)
for hi in range(0xA1, 0xAA):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(ord(bytes([hi, lo]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
print(len(chars))
for weight in ("Regular", "Bold"):
    font = TTCollection(f"/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc").fonts[2]
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.desubroutinize = False
    s = subset.Subsetter(opts)
    s.populate(unicodes=chars)
    s.subset(font)
    font.save(f"core/fonts/NotoSansSC-{weight}-subset.otf")
