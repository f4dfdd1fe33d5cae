"""Regenerate cpp/src/core/unicode_alphanumeric_table.inc.

Entity paths print a character unescaped exactly when it is Unicode
alphanumeric (Alphabetic or Numeric property). Python's unicodedata lacks the
Other_Alphabetic property, so the table is read off the reference
implementation's behaviour: every code point is printed through a rerun-sdk
entity path and the ones that come back unescaped are collected into ranges.

Needs rerun-sdk (a test dependency). Run: python tools/gen_unicode_alphanumeric.py
"""

import pyarrow as pa
import rerun as rr
from code_point_tables import write_tables
from rerun.experimental import Chunk


class _Column:
    def component_descriptor(self):
        return rr.ComponentDescriptor("c")

    def as_arrow_array(self):
        return pa.array([0])


def unescaped(code_points: list[int]) -> list[int]:
    parts = [chr(cp) for cp in code_points]
    path = Chunk.from_columns("/".join("\\" + p if p in "/\\" else p for p in parts), [], [_Column()]).entity_path
    printed = path[1:].split("/")  # '/' inside parts is always escaped, so this split is exact
    assert len(printed) == len(parts), (code_points[0], len(printed))
    return [cp for cp, text in zip(code_points, printed) if text == chr(cp)]


def main() -> None:
    candidates = [cp for cp in range(0x80, 0x110000) if not 0xD800 <= cp <= 0xDFFF]
    keep: list[int] = []
    step = 4096
    for start in range(0, len(candidates), step):
        keep += unescaped(candidates[start : start + step])
    out = write_tables(
        "unicode_alphanumeric_table.inc",
        "tools/gen_unicode_alphanumeric.py",
        [
            (
                "kAlphanumeric",
                "Non-ASCII code points that entity paths print unescaped (Unicode Alphabetic or Numeric).",
                keep,
            )
        ],
    )
    print(f"{len(keep)} code points -> {out}")


if __name__ == "__main__":
    main()
