// UTF-8 and the Unicode properties that the reference's text rules depend on.
// The properties come from tables read off the reference implementation
// (core/unicode_*_table.inc, written by tools/gen_unicode_*.py), so they match
// the Unicode version it was built with rather than the one of this machine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rrflow::internal {

/// Decodes the code point at `text[*pos]` and advances `*pos`. Invalid UTF-8
/// decodes as U+FFFD, one byte at a time.
char32_t DecodeUtf8(std::string_view text, size_t* pos);

void AppendUtf8(char32_t code_point, std::string* out);

/// Unicode Alphabetic or Numeric: what entity paths print unescaped.
bool IsUnicodeAlphanumeric(char32_t code_point);

/// Unicode Alphabetic: the characters a selector name may start with.
bool IsUnicodeAlphabetic(char32_t code_point);

/// Unicode White_Space, what Rust's `str::trim` strips.
bool IsUnicodeWhitespace(char32_t code_point);

/// Terminal columns one code point takes on its own, as the Rust
/// `unicode-width` crate counts them: 0 for combining marks and most format
/// characters, 2 for East Asian wide characters and emoji, 1 for the rest
/// (control characters included), and 3 for U+17D8.
int CodePointDisplayWidth(char32_t code_point);

// What the sequence rules of display width and grapheme clusters need to know
// about a code point.

/// Narrow code points that U+FE0F (emoji presentation) widens to 2 columns.
bool IsEmojiPresentationBase(char32_t code_point);
/// Wide code points that U+FE0E (text presentation) narrows to 1 column.
bool IsTextPresentationBase(char32_t code_point);
/// Code points that absorb a following skin-tone modifier.
bool IsEmojiModifierBase(char32_t code_point);
/// Wide emoji that join into one emoji through U+200D (zero width joiner).
bool IsZwjEmoji(char32_t code_point);
/// General category Mc: they extend the grapheme cluster before them.
bool IsSpacingMark(char32_t code_point);
/// Zero-width format characters that stand alone as grapheme clusters.
bool IsFormatControl(char32_t code_point);

}  // namespace rrflow::internal
