#include "selector/parser_internal.h"

#include <gtest/gtest.h>

#include "rrflow/query/selector.h"
#include "test_util.h"

namespace rrflow {
namespace {

std::string Canonical(std::string_view query) {
  auto selector = Selector::Parse(query);
  if (!selector.ok()) return "error: " + selector.status().message();
  return selector->ToString();
}

TEST(SelectorParserTest, CanonicalForms) {
  EXPECT_EQ(Canonical(".a.b.c"), ".a.b.c");
  EXPECT_EQ(Canonical(".a | .b | .c"), ".a | .b | .c");
  EXPECT_EQ(Canonical(". | .a.b"), ". | .a.b");
  EXPECT_EQ(Canonical("..a.b"), ".a.b");
  EXPECT_EQ(Canonical(".[0]"), "[0]");
  EXPECT_EQ(Canonical(". [0]"), "[0]");
  EXPECT_EQ(Canonical(".[]"), "[]");
  EXPECT_EQ(Canonical(".foo | .[0]"), ".foo | [0]");
  EXPECT_EQ(Canonical(".a.b[] |.c[0]"), ".a.b[] | .c[0]");
  EXPECT_EQ(Canonical("f(\"a\";\"b\")"), "f(\"a\"; \"b\")");
  EXPECT_EQ(Canonical("f(\"a\\n\\t\")"), "f(\"a\\n\\t\")");
  EXPECT_EQ(Canonical("f(\"a\rb\")"), "f(\"a\\rb\")");
  EXPECT_EQ(Canonical("[007]"), "[7]");
  EXPECT_EQ(Canonical(".a?.b"), ".a?.b");
  EXPECT_EQ(Canonical(".foo?!"), ".foo?!");
  EXPECT_EQ(Canonical("map(.x .y)"), "map(.x.y)");
  EXPECT_EQ(Canonical("map(.x) | .[0]"), "map(.x) | [0]");
  EXPECT_EQ(Canonical("frobnicate"), "frobnicate");
  EXPECT_EQ(Canonical("pack()"), "pack()");
  EXPECT_EQ(Canonical(".foo\t|\r.bar"), ".foo | .bar");
}

TEST(SelectorParserTest, ErrorMessages) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "unexpected end of input"},
      {"   ", "unexpected end of input"},
      {".foo |", "unexpected end of input"},
      {".[0", "unexpected end of input"},
      {"map", "unexpected end of input"},
      {"map()", "unexpected symbol `)`"},
      {"map .x", "expected `(` but found `.x`"},
      {"map(map)", "expected `(` but found `)`"},
      {"[1a]", "expected `]` but found `a`"},
      {"[1.5]", "expected `]` but found `.`"},
      {"[x]", "unexpected symbol `x`"},
      {"f(.x)", "unexpected symbol `.x`"},
      {"f(42)", "unexpected symbol `42`"},
      {"f(\"a\";)", "unexpected symbol `)`"},
      {"f(\"a\" \"b\")", "expected `)` but found `\"b\"`"},
      {".x|foo?", "unexpected symbol `?`"},
      {"invalid query", "unexpected symbol `query`"},
      {".a .", "unexpected symbol `.`"},
      {".foo.[0]", "unexpected symbol `.`"},
      {"._x", "unexpected symbol `_x`"},
      {".1", "unexpected symbol `1`"},
      {".\"x\"", "unexpected symbol `\"x\"`"},
      {".?", "unexpected symbol `?`"},
      {".!", "unexpected symbol `!`"},
      {"map(.x).y", "unexpected symbol `.y`"},
      {"map(.x)?", "unexpected symbol `?`"},
      {"x.y", "unexpected symbol `.y`"},
      {"pack(.x)", "unexpected symbol `.x`"},
      {". . .foo", "unexpected symbol `.`"},
      {"| .x", "unexpected symbol `|`"},
      {"f()()", "unexpected symbol `(`"},
  };
  for (const auto& [query, message] : cases) {
    EXPECT_EQ(Canonical(query), std::string("error: Failed to parse selector: ") + message)
        << query;
  }
}

TEST(SelectorParserTest, NestingIsBounded) {
  std::string deep;
  for (int i = 0; i < internal::kMaxSelectorNesting + 1; ++i) deep += "map(";
  EXPECT_EQ(Canonical(deep), "error: Failed to parse selector: selector nests more than 256 levels deep");
  // Long pipes are not nesting: they are walked iteratively.
  std::string long_path;
  for (int i = 0; i < 100000; ++i) long_path += ".a";
  EXPECT_EQ(Canonical(long_path), long_path);
}

TEST(SelectorParserTest, PipeAndFunctionDisplay) {
  ASSERT_OK_AND_ASSIGN(auto left, Selector::Parse(".a | .b"));
  ASSERT_OK_AND_ASSIGN(auto right, Selector::Parse(".x | .y"));
  EXPECT_EQ(left.Pipe(right).ToString(), ".a | .b | .x | .y");
  auto identity = [](const std::shared_ptr<arrow::Array>& array) -> arrow::Result<std::shared_ptr<arrow::Array>> {
    return array;
  };
  const auto piped = left.Pipe(Selector::FromFunction(identity));
  EXPECT_EQ(piped.ToString(), ".a | .b | <function>");
  EXPECT_TRUE(piped.HasFunction());
  EXPECT_FALSE(left.HasFunction());
}

}  // namespace
}  // namespace rrflow
