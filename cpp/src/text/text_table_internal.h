// Plain-text tables drawn like comfy-table's UTF8_FULL preset, the layout
// engine behind Chunk::Format.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rrflow::internal {

/// One line of a table cell, with its display width measured once.
struct TextLine {
  std::string text;
  int width = 0;
};

/// A grid of text cells with a header row, rendered in comfy-table's UTF8_FULL
/// style: `┌─┬─┐` borders, `┆` between columns, `╞═╪═╡` under the header and
/// `├╌┼╌┤` between body rows. Each cell is padded with one space on both sides;
/// a '\n' in a cell starts a new line.
class TextTable {
 public:
  /// Sets the header row, drawn above the `╞═╪═╡` line. Optional.
  void SetHeader(const std::vector<std::string>& cells);
  void AddRow(const std::vector<std::string>& cells);

  /// Fits the table into `width` terminal columns the way comfy-table's
  /// dynamic arrangement does when every column carries an upper-bound
  /// constraint of `max_column_percent`% of the width: content that does not
  /// fit wraps on spaces, and words wider than their column are cut. The width
  /// is an upper bound: a table whose content fits keeps its natural size.
  /// Without this call every column is as wide as its widest line.
  void SetDynamicWidth(uint16_t width, uint16_t max_column_percent);

  /// The table's lines joined with '\n', without a trailing newline.
  std::string Render() const;

 private:
  using Cell = std::vector<TextLine>;  // the lines of one cell
  using Row = std::vector<Cell>;

  size_t num_columns() const;
  /// The content width (padding excluded) of every column.
  std::vector<int> ArrangeColumns() const;
  std::vector<int> ArrangeDynamically() const;
  /// The widest line of column `column` once every line wider than `width` is wrapped.
  int LongestLineAfterSplit(size_t column, int width) const;
  /// Visits every cell of the header and the body in column `column`.
  template <typename Visitor>
  void ForEachCellInColumn(size_t column, Visitor&& visit) const;

  bool has_header_ = false;
  Row header_;
  std::vector<Row> rows_;
  bool dynamic_ = false;
  int width_ = 0;
  int max_column_percent_ = 100;
};

}  // namespace rrflow::internal
