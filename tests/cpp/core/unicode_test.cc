// The shared Unicode layer: UTF-8 coding and the generated property tables.
#include "core/unicode_internal.h"

#include <gtest/gtest.h>

namespace rrflow::internal {
namespace {

std::u32string DecodeAll(std::string_view text) {
  std::u32string out;
  for (size_t pos = 0; pos < text.size();) out.push_back(DecodeUtf8(text, &pos));
  return out;
}

TEST(Utf8, DecodesAndEncodes) {
  EXPECT_EQ(DecodeAll("aé漢😀"), U"aé漢😀");
  std::string encoded;
  for (const char32_t cp : std::u32string(U"aé漢😀")) AppendUtf8(cp, &encoded);
  EXPECT_EQ(encoded, "aé漢😀");
}

TEST(Utf8, InvalidBytesDecodeOneAtATime) {
  EXPECT_EQ(DecodeAll("\xff" "a"), U"\uFFFDa");
  EXPECT_EQ(DecodeAll("\xe6\xbc"), U"\uFFFD\uFFFD");  // truncated
  EXPECT_EQ(DecodeAll("\xc3" "a"), U"\uFFFDa");     // not a continuation byte
}

// Found by fuzz/selector_fuzz.cc: C0 B1 decoded as an overlong '1', which the
// selector lexer took for a digit it then could not read, and looped.
TEST(Utf8, OverlongSurrogateAndOutOfRangeFormsAreInvalid) {
  EXPECT_EQ(DecodeAll("\xc0\xb1"), U"\uFFFD\uFFFD");              // overlong '1'
  EXPECT_EQ(DecodeAll("\xe0\x80\xaf"), U"\uFFFD\uFFFD\uFFFD");     // overlong '/'
  EXPECT_EQ(DecodeAll("\xed\xa0\x80"), U"\uFFFD\uFFFD\uFFFD");     // surrogate U+D800
  EXPECT_EQ(DecodeAll("\xf4\x90\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");  // past U+10FFFF
  EXPECT_EQ(DecodeAll("\xf8\x88\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");  // no such lead byte
  EXPECT_EQ(DecodeAll("\xf4\x8f\xbf\xbf"), U"\U0010FFFF");
}

TEST(UnicodeTables, AlphabeticTable) {
  EXPECT_TRUE(IsUnicodeAlphabetic(U'é'));
  EXPECT_TRUE(IsUnicodeAlphabetic(U'Ⅳ'));  // a letter number
  EXPECT_FALSE(IsUnicodeAlphabetic(U'²'));
  EXPECT_FALSE(IsUnicodeAlphabetic(U'_'));
  EXPECT_FALSE(IsUnicodeAlphabetic(0x301));  // a combining mark
}

TEST(UnicodeTables, AlphanumericAddsNumbers) {
  EXPECT_TRUE(IsUnicodeAlphanumeric(U'7'));
  EXPECT_TRUE(IsUnicodeAlphanumeric(U'²'));
  EXPECT_TRUE(IsUnicodeAlphanumeric(U'é'));
  EXPECT_FALSE(IsUnicodeAlphanumeric(U'-'));
  EXPECT_FALSE(IsUnicodeAlphanumeric(0x301));
}

TEST(UnicodeTables, Whitespace) {
  EXPECT_TRUE(IsUnicodeWhitespace(U' '));
  EXPECT_TRUE(IsUnicodeWhitespace(0x3000));
  EXPECT_FALSE(IsUnicodeWhitespace(0x200B));  // zero width space is not White_Space
}

TEST(UnicodeTables, CodePointDisplayWidth) {
  EXPECT_EQ(CodePointDisplayWidth(U'a'), 1);
  EXPECT_EQ(CodePointDisplayWidth(0x01), 1);
  EXPECT_EQ(CodePointDisplayWidth(0x301), 0);
  EXPECT_EQ(CodePointDisplayWidth(U'漢'), 2);
  EXPECT_EQ(CodePointDisplayWidth(U'😀'), 2);
  EXPECT_EQ(CodePointDisplayWidth(0x17D8), 3);
}

TEST(UnicodeTables, EmojiSequenceProperties) {
  EXPECT_TRUE(IsEmojiPresentationBase(U'❤'));
  EXPECT_TRUE(IsTextPresentationBase(U'⌚'));
  EXPECT_TRUE(IsEmojiModifierBase(U'👍'));
  EXPECT_TRUE(IsZwjEmoji(U'👨'));
  EXPECT_FALSE(IsZwjEmoji(U'a'));
  EXPECT_TRUE(IsSpacingMark(0x903));  // Devanagari sign visarga
  EXPECT_TRUE(IsFormatControl(0x200B));
}

}  // namespace
}  // namespace rrflow::internal
