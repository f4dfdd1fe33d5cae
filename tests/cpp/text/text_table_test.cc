// Tables in comfy-table's UTF8_FULL style.
#include "text/text_table_internal.h"

#include <gtest/gtest.h>

namespace rrflow::internal {
namespace {

TEST(TextTable, FitsContentWithoutWidth) {
  TextTable table;
  table.SetHeader({"a", "b"});
  table.AddRow({"1", "line one\nline two"});
  EXPECT_EQ(table.Render(),
            "┌───┬──────────┐\n"
            "│ a ┆ b        │\n"
            "╞═══╪══════════╡\n"
            "│ 1 ┆ line one │\n"
            "│   ┆ line two │\n"
            "└───┴──────────┘");
}

TEST(TextTable, DynamicWidthWrapsAndSplits) {
  TextTable table;
  table.SetHeader({"name", "a longer header cell"});
  table.AddRow({"x", "some words that will wrap around"});
  table.AddRow({"漢字漢字漢字", "averyveryverylongwordwithoutspaces"});
  table.SetDynamicWidth(30, 50);
  EXPECT_EQ(table.Render(),
            "┌─────────────┬─────────────┐\n"
            "│ name        ┆ a longer    │\n"
            "│             ┆ header cell │\n"
            "╞═════════════╪═════════════╡\n"
            "│ x           ┆ some words  │\n"
            "│             ┆ that will   │\n"
            "│             ┆ wrap around │\n"
            "├╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌┤\n"
            "│ 漢字漢字漢  ┆ averyveryve │\n"
            "│ 字          ┆ rylongwordw │\n"
            "│             ┆ ithoutspace │\n"
            "│             ┆ s           │\n"
            "└─────────────┴─────────────┘");
}

}  // namespace
}  // namespace rrflow::internal
