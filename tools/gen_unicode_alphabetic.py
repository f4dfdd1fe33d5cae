"""Regenerate cpp/src/core/unicode_alphabetic_table.inc.

A selector name (`.field` or a function name) starts with a character that has
the Unicode Alphabetic property. Python's unicodedata lacks Other_Alphabetic,
so the table is read off the reference implementation's lexer: every code
point is tried as the first character of a field name in a rerun-sdk
Selector, and the ones that parse are collected into ranges.

Needs rerun-sdk (a test dependency). Run: python tools/gen_unicode_alphabetic.py
"""

from code_point_tables import write_tables
from rerun.experimental import Selector


def starts_name(code_point: int) -> bool:
    try:
        Selector("." + chr(code_point))
    except ValueError:
        return False
    return True


def main() -> None:
    keep = [cp for cp in range(0x80, 0x110000) if not 0xD800 <= cp <= 0xDFFF and starts_name(cp)]
    out = write_tables(
        "unicode_alphabetic_table.inc",
        "tools/gen_unicode_alphabetic.py",
        [("kAlphabetic", "Non-ASCII code points that may start a selector name (Unicode Alphabetic).", keep)],
    )
    print(f"{len(keep)} code points -> {out}")


if __name__ == "__main__":
    main()
