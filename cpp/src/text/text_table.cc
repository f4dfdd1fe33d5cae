// A re-implementation of the parts of comfy-table (the Rust crate the
// reference prints chunks with) that Chunk::Format relies on: the UTF8_FULL
// preset, dynamic content arrangement under percentage upper bounds, and its
// line-splitting rules. The quirks are deliberate: output must match
// byte for byte.
#include "text/text_table_internal.h"

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

// Rust's `str::split('\n')`: a trailing '\n' yields a final empty line.
std::vector<TextLine> SplitCellLines(std::string_view text) {
  std::vector<TextLine> lines;
  size_t start = 0;
  while (true) {
    const size_t end = text.find('\n', start);
    const std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    lines.push_back({std::string(line), DisplayWidth(line)});
    if (end == std::string_view::npos) return lines;
    start = end + 1;
  }
}

// comfy-table completes a line early when no more than this many columns are left.
constexpr int kMinFreeColumns = 2;

// The longest prefix of `word` made of whole grapheme clusters that fits in
// `allowed_width`; returns its length in bytes.
size_t FittingPrefixLength(std::string_view word, int allowed_width) {
  int width = 0;
  size_t length = 0;
  while (length < word.size()) {
    const size_t end = GraphemeClusterEnd(word, length);
    width += DisplayWidth(word.substr(length, end - length));
    if (width > allowed_width) break;
    length = end;
  }
  return length;
}

// Wraps a line wider than `content_width` the way comfy-table does: words
// (split on single spaces) fill lines greedily; a word wider than a whole line
// is cut between grapheme clusters, its start filling the current line when
// more than kMinFreeColumns columns are left there. A line that leaves no more
// than kMinFreeColumns columns free is complete.
std::vector<std::string> SplitLine(std::string_view line, int content_width) {
  std::vector<std::string_view> words;  // a stack: the next word is at the back
  for (size_t end = line.size();;) {
    const size_t space = line.rfind(' ', end == 0 ? 0 : end - 1);
    if (end == 0 || space == std::string_view::npos) {
      words.push_back(line.substr(0, end));
      break;
    }
    words.push_back(line.substr(space + 1, end - space - 1));
    end = space;
  }

  std::vector<std::string> lines;
  std::string current;
  int current_width = 0;  // widths add up: a space ends every character sequence
  const auto complete_if_full = [&] {
    if (current_width > std::max(content_width - kMinFreeColumns, 0)) {
      lines.push_back(std::move(current));
      current.clear();
      current_width = 0;
    }
  };
  while (!words.empty()) {
    std::string_view next = words.back();
    words.pop_back();
    const int next_width = DisplayWidth(next);
    const int separator = current.empty() ? 0 : 1;

    if (current_width + separator + next_width <= content_width) {
      if (separator) current += ' ';
      current += next;
      current_width += separator + next_width;
      complete_if_full();
      continue;
    }

    int remaining_width = std::max(content_width - current_width - separator, 0);
    if (!current.empty() && remaining_width <= kMinFreeColumns) {
      lines.push_back(std::move(current));
      current.clear();
      current_width = 0;
      remaining_width = content_width;
    }

    if (next_width > content_width) {
      const bool fresh_line = current.empty();
      if (!fresh_line) current += ' ';
      size_t prefix_length = FittingPrefixLength(next, remaining_width);
      // When not even one cluster fits a fresh line, comfy-table takes a single
      // code point (not a cluster) rather than loop forever.
      if (fresh_line && prefix_length == 0) DecodeUtf8(next, &prefix_length);
      current += next.substr(0, prefix_length);
      words.push_back(next.substr(prefix_length));
      lines.push_back(std::move(current));
      current.clear();
      current_width = 0;
      continue;
    }

    if (!current.empty()) lines.push_back(std::move(current));
    current = std::string(next);
    current_width = next_width;
    complete_if_full();
  }
  if (!current.empty()) lines.push_back(std::move(current));
  return lines;
}

// The lines of `cell` laid out in a column `content_width` wide: the cell
// itself when every line fits, else its wrapped lines, kept in `storage`.
const std::vector<TextLine>& WrapCell(const std::vector<TextLine>& cell, int content_width,
                                      std::vector<TextLine>* storage) {
  const bool fits = std::all_of(cell.begin(), cell.end(),
                                [&](const TextLine& line) { return line.width <= content_width; });
  if (fits) return cell;
  storage->clear();
  for (const auto& line : cell) {
    if (line.width <= content_width) {
      storage->push_back(line);
      continue;
    }
    for (auto& part : SplitLine(line.text, content_width)) {
      const int width = DisplayWidth(part);
      storage->push_back({std::move(part), width});
    }
  }
  return *storage;
}

// UTF8_FULL box-drawing pieces.
struct BorderStyle {
  std::string_view left;
  std::string_view fill;
  std::string_view junction;
  std::string_view right;
};
constexpr BorderStyle kTopBorder{"┌", "─", "┬", "┐"};
constexpr BorderStyle kHeaderSeparator{"╞", "═", "╪", "╡"};
constexpr BorderStyle kRowSeparator{"├", "╌", "┼", "┤"};
constexpr BorderStyle kBottomBorder{"└", "─", "┴", "┘"};
constexpr std::string_view kOuterVertical = "│";
constexpr std::string_view kInnerVertical = "┆";
constexpr int kCellPadding = 2;  // one space on each side

void AppendBorder(const BorderStyle& style, const std::vector<int>& widths, std::string* out) {
  out->append(style.left);
  for (size_t i = 0; i < widths.size(); ++i) {
    if (i > 0) out->append(style.junction);
    for (int k = 0; k < widths[i] + kCellPadding; ++k) out->append(style.fill);
  }
  out->append(style.right);
}

void AppendRow(const std::vector<const std::vector<TextLine>*>& cells,
               const std::vector<int>& widths, std::string* out) {
  size_t height = 0;
  for (const auto* cell : cells) height = std::max(height, cell->size());
  for (size_t line = 0; line < height; ++line) {
    out->push_back('\n');
    out->append(kOuterVertical);
    for (size_t column = 0; column < widths.size(); ++column) {
      if (column > 0) out->append(kInnerVertical);
      out->push_back(' ');
      int used = 0;
      if (column < cells.size() && line < cells[column]->size()) {
        const TextLine& text = (*cells[column])[line];
        out->append(text.text);
        used = text.width;
      }
      out->append(static_cast<size_t>(std::max(widths[column] - used, 0)) + 1, ' ');
    }
    out->append(kOuterVertical);
  }
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

void TextTable::SetHeader(const std::vector<std::string>& cells) {
  has_header_ = true;
  header_.clear();
  for (const auto& cell : cells) header_.push_back(SplitCellLines(cell));
}

void TextTable::AddRow(const std::vector<std::string>& cells) {
  Row row;
  row.reserve(cells.size());
  for (const auto& cell : cells) row.push_back(SplitCellLines(cell));
  rows_.push_back(std::move(row));
}

void TextTable::SetDynamicWidth(uint16_t width, uint16_t max_column_percent) {
  dynamic_ = true;
  width_ = width;
  max_column_percent_ = std::min<int>(max_column_percent, 100);
}

size_t TextTable::num_columns() const {
  size_t count = header_.size();
  for (const auto& row : rows_) count = std::max(count, row.size());
  return count;
}

template <typename Visitor>
void TextTable::ForEachCellInColumn(size_t column, Visitor&& visit) const {
  if (has_header_ && column < header_.size()) visit(header_[column]);
  for (const auto& row : rows_) {
    if (column < row.size()) visit(row[column]);
  }
}

std::vector<int> TextTable::ArrangeColumns() const {
  if (dynamic_) return ArrangeDynamically();
  std::vector<int> widths(num_columns(), 0);
  for (size_t column = 0; column < widths.size(); ++column) {
    ForEachCellInColumn(column, [&](const Cell& cell) {
      for (const auto& line : cell) widths[column] = std::max(widths[column], line.width);
    });
    widths[column] = std::max(widths[column], 1);
  }
  return widths;
}

int TextTable::LongestLineAfterSplit(size_t column, int width) const {
  int longest = 0;
  ForEachCellInColumn(column, [&](const Cell& cell) {
    for (const auto& line : cell) {
      if (line.width <= width) {
        longest = std::max(longest, line.width);
        continue;
      }
      for (const auto& part : SplitLine(line.text, width)) {
        longest = std::max(longest, DisplayWidth(part));
      }
    }
  });
  return longest;
}

// comfy-table's dynamic arrangement, step by step:
//  1. Space for content: the table width minus borders and cell padding.
//  2. Repeatedly fix columns that need no more than the average remaining
//     space: a column whose content reaches its upper bound gets the bound, one
//     whose content fits gets its content width.
//  3. For the undecided columns, simulate wrapping at the average width; a
//     column whose wrapped content leaves at least 3 columns unused is fixed at
//     its longest wrapped line.
//  4. Share what is left equally, the remainder going to the leftmost columns.
// Every column is at least one column wide.
std::vector<int> TextTable::ArrangeDynamically() const {
  const size_t count = num_columns();
  const int column_count = static_cast<int>(count);
  std::vector<int> max_content(count, 0);
  for (size_t column = 0; column < count; ++column) {
    ForEachCellInColumn(column, [&](const Cell& cell) {
      for (const auto& line : cell) {
        max_content[column] = std::max(max_content[column], line.width);
      }
    });
  }
  const int borders = column_count + 1;
  // The upper bound includes the cell padding.
  const int upper_bound = std::max(width_ - borders, 0) * max_column_percent_ / 100;

  std::vector<int> widths(count, -1);  // -1: not decided yet
  int remaining_width = std::max(width_ - borders - kCellPadding * column_count, 0);
  int remaining_columns = column_count;
  const auto fix = [&](size_t column, int width) {
    widths[column] = width;
    remaining_width = std::max(remaining_width - width, 0);
    --remaining_columns;
  };

  for (bool fixed_any = true; fixed_any && remaining_columns > 0;) {
    fixed_any = false;
    int average = remaining_width / remaining_columns;
    if (average == 0) break;
    for (size_t column = 0; column < count && remaining_columns > 0; ++column) {
      if (widths[column] >= 0) continue;
      if (upper_bound <= average + kCellPadding &&
          max_content[column] + kCellPadding >= upper_bound) {
        fix(column, std::max(upper_bound - kCellPadding, 0));
      } else if (max_content[column] <= average) {
        fix(column, max_content[column]);
      } else {
        continue;
      }
      if (remaining_columns > 0) average = remaining_width / remaining_columns;
      fixed_any = true;
    }
  }

  if (remaining_columns > 0) {
    int average = remaining_width / remaining_columns;
    for (bool fixed_any = true; fixed_any && remaining_columns > 0;) {
      fixed_any = false;
      for (size_t column = 0; column < count && remaining_columns > 0; ++column) {
        if (widths[column] >= 0) continue;
        const int longest = LongestLineAfterSplit(column, average);
        if (average - longest < 3) continue;
        fix(column, longest);
        if (remaining_columns > 0) average = remaining_width / remaining_columns;
        fixed_any = true;
      }
    }
  }

  if (remaining_columns > 0) {
    const int average = remaining_width / remaining_columns;
    int excess = remaining_width - average * remaining_columns;
    for (size_t column = 0; column < count; ++column) {
      if (widths[column] >= 0) continue;
      widths[column] = average + (excess > 0 ? 1 : 0);
      if (excess > 0) --excess;
    }
  }
  for (int& width : widths) width = std::max(width, 1);
  return widths;
}

std::string TextTable::Render() const {
  const std::vector<int> widths = ArrangeColumns();
  std::vector<std::vector<TextLine>> storage(widths.size());
  const auto wrap_row = [&](const Row& row) {
    std::vector<const std::vector<TextLine>*> cells;
    cells.reserve(row.size());
    for (size_t column = 0; column < row.size() && column < widths.size(); ++column) {
      cells.push_back(&WrapCell(row[column], widths[column], &storage[column]));
    }
    return cells;
  };

  std::string out;
  AppendBorder(kTopBorder, widths, &out);
  if (has_header_) {
    AppendRow(wrap_row(header_), widths, &out);
    out.push_back('\n');
    AppendBorder(kHeaderSeparator, widths, &out);  // drawn even without body rows
  }
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (i > 0) {
      out.push_back('\n');
      AppendBorder(kRowSeparator, widths, &out);
    }
    AppendRow(wrap_row(rows_[i]), widths, &out);
  }
  out.push_back('\n');
  AppendBorder(kBottomBorder, widths, &out);
  return out;
}

}  // namespace rrflow::internal
