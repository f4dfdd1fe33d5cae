"""Regenerate cpp/src/core/unicode_display_width_table.inc.

Chunk.format lays its tables out with comfy-table, which measures text with the
Rust `unicode-width` crate (display columns per code point, plus a few
sequence rules for emoji) and splits over-long words between grapheme
clusters. Rather than re-deriving those tables from the Unicode data files, the
widths are read off the reference implementation: each probe string is
formatted in a one-column chunk, and comfy-table pads every line to the column
width, so the padding after a string gives its display width.

Needs rerun-sdk (a test dependency). Takes about half a minute.
Run: python tools/gen_unicode_display_width.py
"""

import unicodedata

import pyarrow as pa
import rerun as rr
from code_point_tables import write_tables
from rerun.experimental import Chunk

ZWJ = "\u200d"
BATCH = 30000


class _Column:
    def __init__(self, values: list[str]) -> None:
        self._values = values

    def component_descriptor(self):
        return rr.ComponentDescriptor("c")

    def as_arrow_array(self):
        return pa.array(self._values)


def _widths_batch(strings: list[str]) -> list[int]:
    # Each value is `<index>|<probe>y`, printed as `[<index>|<probe>y]` plus padding.
    values = [f"{i:06X}|{s}y" for i, s in enumerate(strings)] + ["ZZZZZZ|xy"]
    text = Chunk.from_columns("/probe", [], [_Column(values)]).format(width=65535, redact=True)
    padding: dict[str, int] = {}
    for line in text.split("\n"):
        if not line.startswith("│ │ row"):
            continue
        cell = line.split("┆", 1)[1]
        padding[cell[2:8]] = len(cell) - cell.rindex("y]") - 2 - len(" │ │")
    reference = padding["ZZZZZZ"]  # `x` is one column wide
    return [reference + 1 - padding[f"{i:06X}"] for i in range(len(strings))]


def widths(strings: list[str]) -> list[int]:
    out: list[int] = []
    for start in range(0, len(strings), BATCH):
        out += _widths_batch(strings[start : start + BATCH])
    return out


def main() -> None:
    # '\n' splits cells into lines, surrogates cannot be encoded.
    probed = [cp for cp in range(0x110000) if cp != 0x0A and not 0xD800 <= cp <= 0xDFFF]
    width_of = dict(zip(probed, widths([chr(cp) for cp in probed])))
    narrow = [cp for cp in probed if width_of[cp] == 1]
    wide = [cp for cp in probed if width_of[cp] == 2]

    vs16_bases = [cp for cp, w in zip(narrow, widths([chr(cp) + "\ufe0f" for cp in narrow])) if w == 2]
    vs15_bases = [cp for cp, w in zip(wide, widths([chr(cp) + "\ufe0e" for cp in wide])) if w == 1]
    modifier = "\U0001f3fd"
    modifier_bases = [
        cp
        for cp, w in zip(narrow + wide, widths([chr(cp) + modifier for cp in narrow + wide]))
        if w == 2
    ]
    zwj_emoji = [cp for cp, w in zip(wide, widths([chr(cp) + ZWJ + "\U0001f469" for cp in wide])) if w == 2]

    # Grapheme classes come from Python's Unicode database (close enough to the
    # reference's version for the rare scripts where they differ).
    spacing_marks = [cp for cp in probed if unicodedata.category(chr(cp)) == "Mc"]
    prepended_marks = {0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD}
    format_controls = [
        cp
        for cp in probed
        if unicodedata.category(chr(cp)) == "Cf"
        and cp not in (0x200C, 0x200D)
        and not 0xE0020 <= cp <= 0xE007F
        and cp not in prepended_marks
    ]

    # Code points in none of these (and those not probed) are one column wide.
    width_tables = {
        0: ("kZeroWidth", "Code points that take no column."),
        2: ("kDoubleWidth", "Code points two columns wide."),
        3: ("kTripleWidth", "Code points three columns wide."),
    }
    assert set(width_of.values()) <= {1, *width_tables}, sorted(set(width_of.values()))
    out = write_tables(
        "unicode_display_width_table.inc",
        "tools/gen_unicode_display_width.py",
        [(name, text, [cp for cp in probed if width_of[cp] == width]) for width, (name, text) in width_tables.items()]
        + [
            ("kEmojiPresentationBases", "Narrow code points that U+FE0F widens to 2.", vs16_bases),
            ("kTextPresentationBases", "Wide code points that U+FE0E narrows to 1.", vs15_bases),
            ("kEmojiModifierBases", "Code points that absorb a following skin-tone modifier.", modifier_bases),
            ("kZwjEmoji", "Wide emoji that join into ZWJ sequences.", zwj_emoji),
            ("kSpacingMarks", "General category Mc: they extend a grapheme cluster.", spacing_marks),
            ("kFormatControls", "Zero-width format characters that stand alone as grapheme clusters.", format_controls),
        ],
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
