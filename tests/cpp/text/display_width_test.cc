// Display width and grapheme clusters, as comfy-table measures and cuts text.
#include "text/display_width_internal.h"

#include <gtest/gtest.h>

namespace rrflow::internal {
namespace {

TEST(DisplayWidth, MatchesUnicodeWidth) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("漢字"), 4);
  EXPECT_EQ(DisplayWidth("e\u0301"), 1);
  EXPECT_EQ(DisplayWidth("\t\x01"), 2);
  EXPECT_EQ(DisplayWidth("\u200b\u00ad"), 0);
  EXPECT_EQ(DisplayWidth("😀"), 2);
  EXPECT_EQ(DisplayWidth("👨\u200d👩\u200d👧"), 2);
  EXPECT_EQ(DisplayWidth("👍🏽"), 2);
  EXPECT_EQ(DisplayWidth("❤"), 1);
  EXPECT_EQ(DisplayWidth("❤\ufe0f"), 2);
  EXPECT_EQ(DisplayWidth("⌚\ufe0e"), 1);
  EXPECT_EQ(DisplayWidth("🇫🇷"), 2);
  EXPECT_EQ(DisplayWidth("🇫"), 1);
  EXPECT_EQ(DisplayWidth("1\ufe0f\u20e3"), 2);
  EXPECT_EQ(DisplayWidth("\u0644\u0627"), 1);
  EXPECT_EQ(DisplayWidth("\u17d8"), 3);
}

TEST(GraphemeClusters, KeepsSequencesTogether) {
  EXPECT_EQ(GraphemeClusters("ab"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(GraphemeClusters("e\u0301x"), (std::vector<std::string_view>{"e\u0301", "x"}));
  EXPECT_EQ(GraphemeClusters("👨\u200d👩!"), (std::vector<std::string_view>{"👨\u200d👩", "!"}));
  EXPECT_EQ(GraphemeClusters("🇫🇷🇫"), (std::vector<std::string_view>{"🇫🇷", "🇫"}));
  EXPECT_EQ(GraphemeClusters("\r\n\n"), (std::vector<std::string_view>{"\r\n", "\n"}));
}

}  // namespace
}  // namespace rrflow::internal
