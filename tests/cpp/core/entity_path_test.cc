#include "rrflow/core/entity_path.h"

#include <gtest/gtest.h>

namespace rrflow {
namespace {

std::string Printed(std::string_view text) { return EntityPath::Parse(text).ToString(); }

TEST(EntityPath, RootForms) {
  EXPECT_EQ(Printed(""), "/");
  EXPECT_EQ(Printed("/"), "/");
  EXPECT_EQ(Printed("//"), "/");
  EXPECT_TRUE(EntityPath::Parse("//").is_root());
}

TEST(EntityPath, EmptyPiecesAreDropped) {
  EXPECT_EQ(Printed("foo/bar/"), "/foo/bar");
  EXPECT_EQ(Printed("/foo///bar//"), "/foo/bar");
  EXPECT_EQ(Printed("foo"), "/foo");
  EXPECT_EQ(EntityPath::Parse("/a/b").parts(), (std::vector<std::string>{"a", "b"}));
}

TEST(EntityPath, PunctuationAndSpacesAreEscaped) {
  EXPECT_EQ(Printed("foo/bar:baz"), "/foo/bar\\:baz");
  EXPECT_EQ(Printed("foo/Hallå Där!"), "/foo/Hallå\\ Där\\!");
  EXPECT_EQ(Printed("a/#x"), "/a/\\#x");
  EXPECT_EQ(Printed("keep_-."), "/keep_-.");
}

TEST(EntityPath, NonAlphanumericUnicodeUsesCodePointEscape) {
  EXPECT_EQ(Printed("a/☮"), "/a/\\u{262E}");
  EXPECT_EQ(Printed("\u0301x"), "/\\u{0301}x");  // a combining mark is not alphabetic
  EXPECT_EQ(Printed("ab\u0903"), "/ab\u0903");   // but this spacing mark is
  EXPECT_EQ(Printed("é/日本/١٢"), "/é/日本/١٢");
}

TEST(EntityPath, EscapesAreResolvedWhenParsing) {
  EXPECT_EQ(EntityPath::Parse("a\\/b").parts(), (std::vector<std::string>{"a/b"}));
  EXPECT_EQ(Printed("a\\/b"), "/a\\/b");
  EXPECT_EQ(Printed("x\\u{262E}"), "/x\\u{262E}");
  EXPECT_EQ(EntityPath::Parse("x\\u{262E}").parts()[0], "x☮");
  EXPECT_EQ(Printed("a\\qb"), "/aqb");
  EXPECT_EQ(Printed("t\\"), "/t\\\\");
  EXPECT_EQ(Printed("a\tb\n"), "/a\\tb\\n");
  EXPECT_EQ(EntityPath::Parse("a\\nb").parts()[0], "a\nb");
}

TEST(EntityPath, PrintedFormParsesBackToTheSamePath) {
  for (const char* text : {"/a b/c:d", "/x/☮/é", "/__properties/x", "/a\\/b/c"}) {
    const auto path = EntityPath::Parse(text);
    EXPECT_EQ(EntityPath::Parse(path.ToString()), path) << text;
  }
}

// Found by fuzz/content_filter_fuzz.cc: bytes that are not UTF-8 were kept,
// printed as \u{FFFD} and so parsed back as another path.
TEST(EntityPath, InvalidUtf8BecomesReplacementCharacters) {
  const auto path = EntityPath::Parse("/robot/\xa4" "amera/\\\xc3");
  EXPECT_EQ(path.parts(), (std::vector<std::string>{"robot", "\uFFFD" "amera", "\uFFFD"}));
  EXPECT_EQ(EntityPath::Parse(path.ToString()), path);
}

// As in rerun-sdk 0.33.1, whose printed form of such a part is this text too:
// a code point past U+FFFF that is not alphanumeric prints with five hex
// digits, which parsing (four digits only) keeps as literal text.
TEST(EntityPath, PrintingPastTheBasicPlaneDoesNotRoundTrip) {
  const EntityPath path(std::vector<std::string>{"x\U000C958D"});
  EXPECT_EQ(path.ToString(), "/x\\u{C958D}");
  EXPECT_EQ(EntityPath::Parse(path.ToString()).parts(), (std::vector<std::string>{"x\\u{C958D}"}));
}

TEST(EntityPath, PropertyPaths) {
  EXPECT_TRUE(EntityPath::Parse("/__properties").IsProperty());
  EXPECT_TRUE(EntityPath::Parse("/__properties/a").IsProperty());
  EXPECT_FALSE(EntityPath::Parse("/a/__properties").IsProperty());
}

TEST(EntityPath, NaturalOrder) {
  auto less = [](const char* a, const char* b) {
    return EntityPath::CompareNatural(EntityPath::Parse(a), EntityPath::Parse(b)) < 0;
  };
  EXPECT_TRUE(less("/e2", "/e10"));
  EXPECT_TRUE(less("/a", "/a/b"));
  EXPECT_TRUE(less("/zzz", "/__properties"));
  EXPECT_TRUE(less("/apple", "/Banana"));
  EXPECT_TRUE(less("/A", "/a"));
  EXPECT_EQ(EntityPath::CompareNatural(EntityPath::Parse("/x"), EntityPath::Parse("x")), 0);
}

}  // namespace
}  // namespace rrflow
