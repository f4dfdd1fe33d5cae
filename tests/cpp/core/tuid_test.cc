#include "rrflow/core/tuid.h"

#include <regex>
#include <set>

#include <gtest/gtest.h>

namespace rrflow {
namespace {

TEST(Tuid, NewIdsAreUniqueAndIncreasing) {
  std::set<Tuid> seen;
  Tuid previous = Tuid::New();
  for (int i = 0; i < 1000; ++i) {
    const Tuid next = Tuid::New();
    EXPECT_LT(previous, next);
    EXPECT_TRUE(seen.insert(next).second);
    previous = next;
  }
}

TEST(Tuid, BytesAreBigEndianAndRoundTrip) {
  const Tuid tuid{0x0102030405060708ULL, 0x1112131415161718ULL};
  const auto bytes = tuid.ToBytes();
  EXPECT_EQ(bytes[0], 0x01);
  EXPECT_EQ(bytes[7], 0x08);
  EXPECT_EQ(bytes[8], 0x11);
  EXPECT_EQ(bytes[15], 0x18);
  EXPECT_EQ(Tuid::FromBytes(bytes.data()), tuid);
}

TEST(Tuid, ByteOrderMatchesValueOrder) {
  const Tuid small{1, 0xFFFFFFFFFFFFFFFFULL};
  const Tuid large{2, 0};
  EXPECT_LT(small, large);
  EXPECT_LT(small.ToBytes(), large.ToBytes());
}

TEST(Tuid, TextFormHasUppercaseTimeAndLowercaseCounter) {
  const Tuid tuid{0x18EB0B4A777C97C8ULL, 0x11e5bd98d356df89ULL};
  EXPECT_EQ(tuid.ToHex(), "18EB0B4A777C97C811e5bd98d356df89");
  EXPECT_EQ(ChunkId{tuid}.ToString(), "chunk_18EB0B4A777C97C811e5bd98d356df89");
  EXPECT_EQ(RowId{tuid}.ToString(), "row_18EB0B4A777C97C811e5bd98d356df89");
  EXPECT_TRUE(std::regex_match(ChunkId::New().ToString(),
                               std::regex("^chunk_[0-9A-F]{16}[0-9a-f]{16}$")));
}

TEST(Tuid, ParseAcceptsPrefixOrNoneAndEitherCase) {
  const Tuid tuid{0x18EB0B4A777C97C8ULL, 0x11e5bd98d356df89ULL};
  EXPECT_EQ(ChunkId::Parse("chunk_18EB0B4A777C97C811e5bd98d356df89")->tuid, tuid);
  EXPECT_EQ(ChunkId::Parse("18eb0b4a777c97c811E5BD98D356DF89")->tuid, tuid);
  EXPECT_EQ(RowId::Parse("row_18EB0B4A777C97C811e5bd98d356df89")->tuid, tuid);
}

TEST(Tuid, ParseRejectsBadText) {
  EXPECT_FALSE(ChunkId::Parse("row_18EB0B4A777C97C811e5bd98d356df89").ok());
  EXPECT_FALSE(ChunkId::Parse("garbage").ok());
  EXPECT_FALSE(ChunkId::Parse("chunk_18EB0B4A777C97C811e5bd98d356dfXX").ok());
  EXPECT_FALSE(Tuid::ParseHex("18EB").ok());
}

TEST(Tuid, IncrementKeepsTime) {
  const Tuid tuid{5, 7};
  EXPECT_EQ(tuid.Next(), (Tuid{5, 8}));
  EXPECT_EQ(tuid.IncrementedBy(3), (Tuid{5, 10}));
}

}  // namespace
}  // namespace rrflow
