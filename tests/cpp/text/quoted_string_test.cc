// Strings quoted like Rust's `{:?}`; every expected string below was produced
// by rerun-sdk 0.33.1 (in selector parse errors).
#include "text/quoted_string_internal.h"

#include <gtest/gtest.h>

namespace rrflow::internal {
namespace {

TEST(RustDebugString, EscapesLikeRust) {
  EXPECT_EQ(RustDebugString("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(RustDebugString(std::string("tab\there\nnl\r\0", 13)), R"("tab\there\nnl\r\0")");
  EXPECT_EQ(RustDebugString("e\u0301"), R"("e\u{301}")");
  EXPECT_EQ(RustDebugString("\u00a0\u200b\u00ad"), R"("\u{a0}\u{200b}\u{ad}")");
  EXPECT_EQ(RustDebugString("漢字😀"), "\"漢字😀\"");
  EXPECT_EQ(RustDebugString("\ue000\U000f0000"), R"("\u{e000}\u{f0000}")");
  EXPECT_EQ(RustDebugString("\u1160\ufeff"), "\"\u1160\\u{feff}\"");
  EXPECT_EQ(RustDebugString("\x7f\u0085"), R"("\u{7f}\u{85}")");
}

}  // namespace
}  // namespace rrflow::internal
