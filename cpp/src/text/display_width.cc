// Display width and grapheme clusters as comfy-table (the Rust crate the
// reference prints chunks with) measures and cuts text: the `unicode-width`
// crate's rules for emoji sequences and ligatures on top of the per-code-point
// widths, and Unicode's extended grapheme clusters. The quirks are deliberate:
// output must match byte for byte.
#include "text/display_width_internal.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/unicode_internal.h"

namespace rrflow::internal {
namespace {

// What the rules below ask about a code point, packed: its own display width
// in the low two bits, then one bit per property of the Unicode layer.
enum PropertyBits : uint16_t {
  kWidthMask = 0x03,
  kZwjEmojiBit = 1 << 2,
  kEmojiPresentationBaseBit = 1 << 3,
  kTextPresentationBaseBit = 1 << 4,
  kEmojiModifierBaseBit = 1 << 5,
  kSpacingMarkBit = 1 << 6,
  kFormatControlBit = 1 << 7,
  // Code points that DisplayWidth treats specially in sequences.
  kSequenceBit = 1 << 8,
};

constexpr char32_t kZeroWidthJoiner = 0x200D;
constexpr char32_t kEmojiVariationSelector = 0xFE0F;
constexpr char32_t kTextVariationSelector = 0xFE0E;
constexpr char32_t kCombiningKeycap = 0x20E3;
constexpr char32_t kArabicLam = 0x644;

bool IsSkinToneModifier(char32_t cp) { return cp >= 0x1F3FB && cp <= 0x1F3FF; }

bool IsRegionalIndicator(char32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }

bool IsArabicAlef(char32_t cp) {
  return cp == 0x622 || cp == 0x623 || cp == 0x625 || cp == 0x627;
}

uint16_t LookUpProperties(char32_t cp) {
  auto properties = static_cast<uint16_t>(CodePointDisplayWidth(cp));
  if (IsZwjEmoji(cp)) properties |= kZwjEmojiBit;
  if (IsEmojiPresentationBase(cp)) properties |= kEmojiPresentationBaseBit;
  if (IsTextPresentationBase(cp)) properties |= kTextPresentationBaseBit;
  if (IsEmojiModifierBase(cp)) properties |= kEmojiModifierBaseBit;
  if (IsSpacingMark(cp)) properties |= kSpacingMarkBit;
  if (IsFormatControl(cp)) properties |= kFormatControlBit;
  if (cp == kZeroWidthJoiner || cp == kEmojiVariationSelector || cp == kTextVariationSelector ||
      cp == kCombiningKeycap || cp == kArabicLam || IsArabicAlef(cp) || IsSkinToneModifier(cp) ||
      IsRegionalIndicator(cp)) {
    properties |= kSequenceBit;
  }
  return properties;
}

// Text is measured often (every line, several times), so the properties of
// the Basic Multilingual Plane are looked up once.
uint16_t Properties(char32_t cp) {
  static const std::array<uint16_t, 0x10000> kBmp = [] {
    std::array<uint16_t, 0x10000> table{};
    for (char32_t c = 0; c < table.size(); ++c) table[c] = LookUpProperties(c);
    return table;
  }();
  return cp < kBmp.size() ? kBmp[cp] : LookUpProperties(cp);
}

bool Has(char32_t cp, PropertyBits bit) { return (Properties(cp) & bit) != 0; }

int CodePointWidth(char32_t cp) { return Properties(cp) & kWidthMask; }

// Zero-width marks between a lam and an alef that keep the ligature.
bool IsTransparentToLigatures(char32_t cp) {
  const bool hangul_jamo = (cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF);
  const bool unassigned_tag = (cp >= 0xE0080 && cp <= 0xE00FF) || cp >= 0xE01F0;
  return CodePointWidth(cp) == 0 && !hangul_jamo && !unassigned_tag;
}

bool IsExtendedPictographic(char32_t cp) {
  constexpr uint16_t kEmojiBits = kZwjEmojiBit | kEmojiPresentationBaseBit | kEmojiModifierBaseBit;
  return cp >= 0x80 && !IsSkinToneModifier(cp) && (Properties(cp) & kEmojiBits) != 0;
}

// Code points that end a grapheme cluster on both sides (GB4, GB5).
bool IsGraphemeControl(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
         Has(cp, kFormatControlBit);
}

// Prepended concatenation marks and other Prepend code points: they attach
// to the following cluster (GB9b).
bool IsGraphemePrepend(char32_t cp) {
  return (cp >= 0x600 && cp <= 0x605) || cp == 0x6DD || cp == 0x70F || cp == 0x890 ||
         cp == 0x891 || cp == 0x8E2 || cp == 0xD4E || cp == 0x110BD || cp == 0x110CD ||
         cp == 0x111C2 || cp == 0x111C3 || cp == 0x1193F || cp == 0x11941 || cp == 0x11A3A ||
         (cp >= 0x11A84 && cp <= 0x11A89) || cp == 0x11D46 || cp == 0x11F02;
}

// Code points that attach to the preceding cluster (GB9, GB9a).
bool IsGraphemeExtender(char32_t cp) {
  if (IsGraphemeControl(cp)) return false;
  return CodePointWidth(cp) == 0 || IsSkinToneModifier(cp) || Has(cp, kSpacingMarkBit);
}

enum class HangulKind { kNone, kLeading, kVowel, kTrailing, kSyllableLv, kSyllableLvt };

HangulKind HangulKindOf(char32_t cp) {
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0xA960 && cp <= 0xA97C)) {
    return HangulKind::kLeading;
  }
  if ((cp >= 0x1160 && cp <= 0x11A7) || (cp >= 0xD7B0 && cp <= 0xD7C6)) return HangulKind::kVowel;
  if ((cp >= 0x11A8 && cp <= 0x11FF) || (cp >= 0xD7CB && cp <= 0xD7FB)) {
    return HangulKind::kTrailing;
  }
  if (cp >= 0xAC00 && cp <= 0xD7A3) {
    return (cp - 0xAC00) % 28 == 0 ? HangulKind::kSyllableLv : HangulKind::kSyllableLvt;
  }
  return HangulKind::kNone;
}

// GB6-GB8: the Hangul jamo sequences that form one syllable.
bool JoinsHangul(HangulKind before, HangulKind after) {
  switch (before) {
    case HangulKind::kLeading:
      return after == HangulKind::kLeading || after == HangulKind::kVowel ||
             after == HangulKind::kSyllableLv || after == HangulKind::kSyllableLvt;
    case HangulKind::kVowel:
    case HangulKind::kSyllableLv:
      return after == HangulKind::kVowel || after == HangulKind::kTrailing;
    case HangulKind::kTrailing:
    case HangulKind::kSyllableLvt:
      return after == HangulKind::kTrailing;
    case HangulKind::kNone:
      return false;
  }
  return false;
}

// The end (in bytes) of the grapheme cluster that starts at `start`.
size_t GraphemeClusterEnd(std::string_view text, size_t start) {
  size_t pos = start;
  char32_t previous = DecodeUtf8(text, &pos);
  bool pictographic_run = IsExtendedPictographic(previous);  // GB11: emoji, then extenders
  int regional_indicators = IsRegionalIndicator(previous) ? 1 : 0;  // GB12/13: flags are pairs
  while (pos < text.size()) {
    size_t next = pos;
    const char32_t cp = DecodeUtf8(text, &next);
    bool joins = false;
    if (previous == '\r' && cp == '\n') {
      joins = true;
    } else if (IsGraphemeControl(previous) || IsGraphemeControl(cp)) {
      joins = false;
    } else if (IsGraphemeExtender(cp) || IsGraphemePrepend(previous)) {
      joins = true;
    } else if (previous == kZeroWidthJoiner && pictographic_run && IsExtendedPictographic(cp)) {
      joins = true;
    } else if (IsRegionalIndicator(previous) && IsRegionalIndicator(cp)) {
      joins = regional_indicators % 2 == 1;
    } else {
      joins = JoinsHangul(HangulKindOf(previous), HangulKindOf(cp));
    }
    if (!joins) break;
    // A ZWJ continues the run only as the link to the next emoji.
    if (IsExtendedPictographic(cp)) {
      pictographic_run = true;
    } else if (previous == kZeroWidthJoiner || !IsGraphemeExtender(cp)) {
      pictographic_run = false;
    }
    regional_indicators = IsRegionalIndicator(cp) ? regional_indicators + 1 : 0;
    previous = cp;
    pos = next;
  }
  return pos;
}

}  // namespace

int DisplayWidth(std::string_view text) {
  // Every ASCII character, control characters included, is one column wide.
  if (std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; })) {
    return static_cast<int>(text.size());
  }
  int width = 0;
  char32_t previous = 0;
  int previous_width = 0;        // what `previous` added to `width`
  bool ends_in_emoji = false;    // the text so far ends with a complete emoji
  bool joining = false;          // `previous` is a ZWJ right after an emoji
  bool provisional = false;      // `previous` follows such a ZWJ but is not an emoji yet
  bool open_flag = false;        // `previous` is a regional indicator waiting for its pair
  bool after_lam = false;        // the last visible code point is an Arabic lam
  for (size_t pos = 0; pos < text.size();) {
    const char32_t cp = DecodeUtf8(text, &pos);
    const uint16_t properties = Properties(cp);
    // Fast path: a code point that neither continues nor starts a sequence.
    constexpr uint16_t kSpecialBits = kSequenceBit | kZwjEmojiBit | kEmojiPresentationBaseBit |
                                      kTextPresentationBaseBit | kEmojiModifierBaseBit;
    if ((properties & kSpecialBits) == 0 && !joining && !provisional && !open_flag &&
        !after_lam) {
      previous = cp;
      previous_width = properties & kWidthMask;
      width += previous_width;
      ends_in_emoji = false;
      continue;
    }
    if (cp == kZeroWidthJoiner) {
      joining = ends_in_emoji;
      after_lam = false;
      ends_in_emoji = provisional = open_flag = false;
      previous = cp;
      previous_width = 0;
      continue;
    }
    int added = CodePointWidth(cp);
    bool emoji = false;
    bool next_provisional = false;
    bool next_open_flag = false;
    // An emoji completed after a ZWJ join takes no room of its own: cancel
    // what its first code point added.
    const int completed_width = provisional ? -previous_width : 0;
    if (IsRegionalIndicator(cp)) {
      if (open_flag) {
        emoji = true;
        if (provisional) added = completed_width;
      } else {
        next_open_flag = true;
        next_provisional = joining;
      }
    } else if (joining && Has(cp, kZwjEmojiBit)) {
      added = 0;
      emoji = true;
    } else if (joining && (Has(cp, kEmojiPresentationBaseBit) ||
                           Has(cp, kEmojiModifierBaseBit))) {
      next_provisional = true;  // an emoji only with a following U+FE0F or skin tone
    } else if (cp == kEmojiVariationSelector && Has(previous, kEmojiPresentationBaseBit)) {
      added = provisional ? completed_width : 2 - previous_width;
      emoji = true;
    } else if (cp == kEmojiVariationSelector && Has(previous, kTextPresentationBaseBit)) {
      emoji = ends_in_emoji;  // already an emoji; the selector only confirms it
    } else if (cp == kTextVariationSelector && Has(previous, kTextPresentationBaseBit)) {
      added = 1 - previous_width;
    } else if (cp == kCombiningKeycap) {
      emoji = ends_in_emoji && previous == kEmojiVariationSelector;  // `1️⃣` is one emoji
    } else if (IsSkinToneModifier(cp) && Has(previous, kEmojiModifierBaseBit)) {
      if (provisional) {
        added = completed_width;
      } else {
        added = ends_in_emoji && previous_width == 0 ? 0 : 2 - previous_width;
      }
      emoji = true;
    } else if (after_lam && IsArabicAlef(cp)) {
      added = 0;  // the lam-alef ligature is one glyph
    } else {
      emoji = Has(cp, kZwjEmojiBit);
    }
    if (cp == kArabicLam) {
      after_lam = true;
    } else if (!IsTransparentToLigatures(cp)) {
      after_lam = false;
    }
    width += added;
    ends_in_emoji = emoji;
    joining = false;
    provisional = next_provisional;
    open_flag = next_open_flag;
    previous = cp;
    previous_width = added;
  }
  return width;
}

std::vector<std::string_view> GraphemeClusters(std::string_view text) {
  std::vector<std::string_view> clusters;
  for (size_t start = 0; start < text.size();) {
    const size_t end = GraphemeClusterEnd(text, start);
    clusters.push_back(text.substr(start, end - start));
    start = end;
  }
  return clusters;
}

}  // namespace rrflow::internal
