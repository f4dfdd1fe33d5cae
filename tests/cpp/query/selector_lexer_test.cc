#include "selector/lexer_internal.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow::internal {
namespace {

std::string Describe(std::string_view query) {
  auto tokens = Tokenize(query);
  if (!tokens.ok()) return "error: " + tokens.status().message();
  std::string out;
  for (const auto& token : *tokens) {
    if (token.kind == Token::Kind::kEnd) break;
    if (!out.empty()) out += " ";
    out += DescribeToken(token);
  }
  return out;
}

TEST(SelectorLexerTest, FieldsDotsAndIdentifiers) {
  EXPECT_EQ(Describe(".foo-bar_2"), ".foo-bar_2");
  EXPECT_EQ(Describe("..foo"), ". .foo");
  EXPECT_EQ(Describe("._x"), ". _x");
  EXPECT_EQ(Describe(".1"), ". 1");
  EXPECT_EQ(Describe(".[0]"), ". [ 0 ]");
  EXPECT_EQ(Describe("my-func(\"a\";\"b\")"), "my-func ( \"a\" ; \"b\" )");
  EXPECT_EQ(Describe(".é.Ⅳ.x²"), ".é .Ⅳ .x²");
  EXPECT_EQ(Describe("| ? ! ]"), "| ? ! ]");
}

TEST(SelectorLexerTest, IntegersAreUnsigned64Bit) {
  EXPECT_EQ(Describe("[007]"), "[ 7 ]");
  EXPECT_EQ(Describe("[18446744073709551615]"), "[ 18446744073709551615 ]");
  EXPECT_EQ(Describe("[18446744073709551616]"),
            "error: failed to parse `18446744073709551616` as integer: number too large to fit "
            "in target type");
}

// Found by fuzz/selector_fuzz.cc: an overlong UTF-8 digit hung the lexer.
TEST(SelectorLexerTest, InvalidUtf8IsAnUnexpectedCharacter) {
  EXPECT_EQ(Describe("M|\xc0\xb1"), "error: unexpected character `\uFFFD` at line 1, column 3");
}

TEST(SelectorLexerTest, StringEscapes) {
  ASSERT_OK_AND_ASSIGN(auto tokens, Tokenize(R"("a\\b\"c\nd\te")"));
  EXPECT_EQ(tokens[0].text, "a\\b\"c\nd\te");
  EXPECT_EQ(Describe(R"("a\q")"), "error: invalid escape sequence `\\q` at line 1, column 4");
  EXPECT_EQ(Describe("\"abc"), "error: unterminated string at line 1, column 2");
  EXPECT_EQ(Describe("  \"a\\"), "error: unterminated string at line 1, column 4");
  // A raw newline inside a string is content, not a new line.
  EXPECT_EQ(Describe("\"a\nb\" @"), "error: unexpected character `@` at line 1, column 7");
}

TEST(SelectorLexerTest, PositionsCountCharactersAndLines) {
  EXPECT_EQ(Describe(".foo @"), "error: unexpected character `@` at line 1, column 6");
  EXPECT_EQ(Describe(".[-1]"), "error: unexpected character `-` at line 1, column 3");
  EXPECT_EQ(Describe("\n\n  .x @"), "error: unexpected character `@` at line 3, column 6");
  EXPECT_EQ(Describe(".é @"), "error: unexpected character `@` at line 1, column 4");
  EXPECT_EQ(Describe(".²"), "error: unexpected character `²` at line 1, column 2");
  EXPECT_EQ(Describe("pack(.x, .y)"), "error: unexpected character `,` at line 1, column 8");
  EXPECT_EQ(Describe("\xc2\xa0.x"), "error: unexpected character `\xc2\xa0` at line 1, column 1");
  EXPECT_EQ(Describe(".x\v"), "error: unexpected character `\v` at line 1, column 3");
}

}  // namespace
}  // namespace rrflow::internal
