#include "rrflow/io/rrd/rerun_version.h"

#include <gtest/gtest.h>

namespace rrflow {
namespace {

using Tag = RerunVersion::Tag;

TEST(RerunVersion, ReleaseBytesAndBits) {
  const RerunVersion version = RerunVersion::Written();
  EXPECT_EQ(version.ToBytes(), (std::array<uint8_t, 4>{0x00, 0x21, 0x01, 0x00}));
  EXPECT_EQ(version.ToStoreVersionBits(), 73984);
  EXPECT_EQ(version.ToString(), "0.33.1");
  EXPECT_EQ(RerunVersion::FromStoreVersionBits(73984), version);
}

TEST(RerunVersion, MetaByteRoundTrips) {
  const struct {
    RerunVersion version;
    uint8_t meta;
    const char* text;
  } cases[] = {
      {{0, 34, 0, Tag::kReleaseCandidate, 2}, 0x42, "0.34.0-rc.2"},
      {{0, 36, 0, Tag::kAlpha, 5}, 0x85, "0.36.0-alpha.5"},
      {{0, 37, 0, Tag::kAlphaDev, 1}, 0xC1, "0.37.0-alpha.1+dev"},
      {{1, 2, 3, Tag::kAlpha, 63}, 0xBF, "1.2.3-alpha.63"},
  };
  for (const auto& c : cases) {
    const auto bytes = c.version.ToBytes();
    EXPECT_EQ(bytes[3], c.meta) << c.text;
    EXPECT_EQ(RerunVersion::FromBytes(bytes), c.version) << c.text;
    EXPECT_EQ(c.version.ToString(), c.text);
    EXPECT_EQ(RerunVersion::FromStoreVersionBits(c.version.ToStoreVersionBits()), c.version);
  }
}

TEST(RerunVersion, PreReleaseBitsAreNegative) {
  // 0.37.0-alpha.1+dev = 00 25 00 C1 as a little-endian int32.
  const RerunVersion version{0, 37, 0, Tag::kAlphaDev, 1};
  EXPECT_EQ(version.ToStoreVersionBits(), static_cast<int32_t>(0xC1002500u));
  EXPECT_LT(version.ToStoreVersionBits(), 0);
}

TEST(RerunVersion, ZeroTagWithNumberReadsAsRelease) {
  const auto version = RerunVersion::FromBytes({0, 30, 0, 0x05});
  EXPECT_EQ(version.tag, Tag::kRelease);
  EXPECT_EQ(version.tag_number, 0);
}

TEST(RerunVersion, ReadableFrom0_23) {
  EXPECT_FALSE((RerunVersion{0, 22, 9}.IsReadable()));
  EXPECT_TRUE((RerunVersion{0, 23, 0}.IsReadable()));
  EXPECT_TRUE((RerunVersion{0, 23, 0, Tag::kReleaseCandidate, 1}.IsReadable()));
  EXPECT_TRUE((RerunVersion{1, 0, 0}.IsReadable()));
  EXPECT_TRUE((RerunVersion{0, 99, 0}.IsReadable()));
}

}  // namespace
}  // namespace rrflow
