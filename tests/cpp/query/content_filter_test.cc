#include "rrflow/query/content_filter.h"

#include <gtest/gtest.h>

namespace rrflow {
namespace {

const char* const kPaths[] = {"/",
                              "/world",
                              "/world/car",
                              "/world/car/driver",
                              "/world/car/driver/head",
                              "/__properties",
                              "/__properties/x"};

std::string Matches(const ContentFilter& filter) {
  std::string out;
  for (const char* path : kPaths) out += filter.Matches(EntityPath::Parse(path)) ? '1' : '0';
  return out;
}

struct Case {
  std::vector<std::string> expressions;
  const char* expected;
};

TEST(ContentFilter, SpecTable) {
  const Case cases[] = {
      {{"/**"}, "1111100"},
      {{"/world"}, "0100000"},
      {{"/world/**"}, "0111100"},
      {{"/** -/world/car/**"}, "1100000"},
      {{"/**", "-/world/car/**", "/world/car/driver"}, "1101000"},
      {{"+ /world/** - /world - /world/car/** + /world/car/driver"}, "0001000"},
      {{"-/world/car/** /world/**"}, "0100000"},
      {{"/** /__properties/**"}, "1111111"},
      {{"/** /__properties"}, "1111110"},
      {{}, "0000000"},
      {{""}, "0000000"},
      {{"world/**"}, "0111100"},
      {{"/world/**  -/world"}, "0011100"},
  };
  for (const auto& c : cases) {
    std::string joined;
    for (const auto& e : c.expressions) joined += "[" + e + "]";
    EXPECT_EQ(Matches(ContentFilter::Parse(c.expressions)), c.expected) << joined;
  }
}

TEST(ContentFilter, Tokenisation) {
  EXPECT_EQ(Matches(ContentFilter::Parse("+ /world")), "0100000");
  // A newline ends a rule even right after the sign: a lone "+" is the root.
  EXPECT_EQ(Matches(ContentFilter::Parse("+\n/world")), "1100000");
  EXPECT_TRUE(ContentFilter::Parse("/a\\ b").Matches(EntityPath::Parse("/a\\ b")));
  EXPECT_TRUE(ContentFilter::Parse("/weird/path-").Matches(EntityPath::Parse("/weird/path-")));
  EXPECT_TRUE(ContentFilter::Parse("//a//b/").Matches(EntityPath::Parse("/a/b")));
}

// As in rerun-sdk 0.33.1: a rule's trailing whitespace is trimmed even when
// escaped, so `+/a\ ` names `/a\` and no rule names `/a `.
TEST(ContentFilter, EscapedTrailingSpaceIsTrimmed) {
  const auto filter = ContentFilter::Parse("+/a\\ ");
  EXPECT_TRUE(filter.Matches(EntityPath(std::vector<std::string>{"a\\"})));
  EXPECT_FALSE(filter.Matches(EntityPath(std::vector<std::string>{"a "})));
}

TEST(ContentFilter, RepeatedPatternLastOneWins) {
  EXPECT_FALSE(ContentFilter::Parse("/a -/a").Matches(EntityPath::Parse("/a")));
  EXPECT_TRUE(ContentFilter::Parse("-/a /a").Matches(EntityPath::Parse("/a")));
}

TEST(ContentFilter, Equality) {
  EXPECT_EQ(ContentFilter::Parse("/a /b"), ContentFilter::Parse(std::vector<std::string>{"/b", "/a"}));
  EXPECT_FALSE(ContentFilter::Parse("/a") == ContentFilter::Parse("/a/**"));
}

}  // namespace
}  // namespace rrflow
