// A re-implementation of the parts of comfy-table (the Rust crate the
// reference prints chunks with) that Chunk::Format relies on: the UTF8_FULL
// preset, dynamic content arrangement under percentage upper bounds, and its
// line-splitting rules. The quirks are deliberate: output must match
// byte for byte.
#include "text/text_table_internal.h"

#include <algorithm>

#include "core/unicode_internal.h"
#include "text/display_width_internal.h"

namespace rrflow::internal {
namespace {

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
  for (const std::string_view cluster : GraphemeClusters(word)) {
    width += DisplayWidth(cluster);
    if (width > allowed_width) break;
    length += cluster.size();
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
