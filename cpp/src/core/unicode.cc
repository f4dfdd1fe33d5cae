#include "core/unicode_internal.h"

#include <algorithm>
#include <iterator>
#include <span>

namespace rrflow::internal {
namespace {

/// An inclusive range of code points; each generated table is a sorted array
/// of disjoint ranges.
struct CodePointRange {
  char32_t first;
  char32_t last;
};

#include "core/unicode_alphabetic_table.inc"
#include "core/unicode_alphanumeric_table.inc"
#include "core/unicode_display_width_table.inc"

bool InRanges(std::span<const CodePointRange> ranges, char32_t cp) {
  const auto after = std::upper_bound(
      ranges.begin(), ranges.end(), cp,
      [](char32_t value, const CodePointRange& range) { return value < range.first; });
  return after != ranges.begin() && cp <= std::prev(after)->last;
}

bool IsAsciiLetter(char32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'); }

}  // namespace

char32_t DecodeUtf8(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(*pos);
  if (lead < 0x80) {
    ++*pos;
    return lead;
  }
  int length = 0;
  char32_t code_point = 0;
  char32_t smallest = 0;  // below it the sequence is an overlong form
  if (lead >= 0xC2 && lead < 0xE0) {
    length = 2;
    code_point = lead & 0x1F;
    smallest = 0x80;
  } else if (lead >= 0xE0 && lead < 0xF0) {
    length = 3;
    code_point = lead & 0x0F;
    smallest = 0x800;
  } else if (lead >= 0xF0 && lead < 0xF5) {
    length = 4;
    code_point = lead & 0x07;
    smallest = 0x10000;
  }
  // Continuation bytes, C0/C1 and F5-FF never lead; a broken, overlong or
  // out-of-range sequence (surrogates, past U+10FFFF) gives U+FFFD and moves
  // on by one byte.
  if (length == 0 || *pos + length > text.size()) {
    ++*pos;
    return 0xFFFD;
  }
  for (int i = 1; i < length; ++i) {
    const unsigned char next = byte(*pos + i);
    if ((next & 0xC0) != 0x80) {
      ++*pos;
      return 0xFFFD;
    }
    code_point = (code_point << 6) | (next & 0x3F);
  }
  if (code_point < smallest || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    ++*pos;
    return 0xFFFD;
  }
  *pos += length;
  return code_point;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsUnicodeAlphanumeric(char32_t cp) {
  if (cp < 0x80) return IsAsciiLetter(cp) || (cp >= '0' && cp <= '9');
  return InRanges(kAlphanumeric, cp);
}

bool IsUnicodeAlphabetic(char32_t cp) {
  if (cp < 0x80) return IsAsciiLetter(cp);
  return InRanges(kAlphabetic, cp);
}

bool IsUnicodeWhitespace(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

int CodePointDisplayWidth(char32_t cp) {
  if (InRanges(kZeroWidth, cp)) return 0;
  if (InRanges(kDoubleWidth, cp)) return 2;
  if (InRanges(kTripleWidth, cp)) return 3;
  return 1;
}

bool IsEmojiPresentationBase(char32_t cp) { return InRanges(kEmojiPresentationBases, cp); }

bool IsTextPresentationBase(char32_t cp) { return InRanges(kTextPresentationBases, cp); }

bool IsEmojiModifierBase(char32_t cp) { return InRanges(kEmojiModifierBases, cp); }

bool IsZwjEmoji(char32_t cp) { return InRanges(kZwjEmoji, cp); }

bool IsSpacingMark(char32_t cp) { return InRanges(kSpacingMarks, cp); }

bool IsFormatControl(char32_t cp) { return InRanges(kFormatControls, cp); }

}  // namespace rrflow::internal
