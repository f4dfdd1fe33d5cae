#include <gtest/gtest.h>

#include "io/rrd/stream_header_internal.h"

namespace rrflow::internal {
namespace {

std::array<uint8_t, kStreamHeaderSize> Header(std::array<uint8_t, 4> fourcc,
                                              std::array<uint8_t, 4> version, uint8_t compression,
                                              uint8_t serializer, uint8_t reserved = 0) {
  return {fourcc[0],  fourcc[1],  fourcc[2],   fourcc[3],  version[0], version[1],
          version[2], version[3], compression, serializer, reserved,   0};
}

constexpr std::array<uint8_t, 4> kRrf2 = {'R', 'R', 'F', '2'};
constexpr std::array<uint8_t, 4> k0_33_1 = {0, 33, 1, 0};

std::string ErrorOf(const std::array<uint8_t, kStreamHeaderSize>& bytes) {
  auto result = ParseStreamHeader(bytes, "file.rrd", 24);
  EXPECT_FALSE(result.ok());
  return result.status().message();
}

TEST(StreamHeader, WritesWhatRerun0_33_1Writes) {
  const auto bytes = SerializeStreamHeader({RerunVersion::Written(), RrdCompression::kLz4});
  EXPECT_EQ(bytes, Header(kRrf2, {0x00, 0x21, 0x01, 0x00}, 1, 2));
  auto parsed = ParseStreamHeader(bytes, "file.rrd", 0);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->version, RerunVersion::Written());
  EXPECT_EQ(parsed->compression, RrdCompression::kLz4);
  EXPECT_EQ(SerializeStreamHeader({RerunVersion::Written(), RrdCompression::kNone})[8], 0);
}

TEST(StreamHeader, FourCcCases) {
  EXPECT_EQ(ErrorOf(Header({'R', 'R', 'F', '0'}, k0_33_1, 1, 2)),
            "file.rrd: RRD stream of an old, unsupported format (`RRF0`, Rerun < 0.23) at byte 24");
  EXPECT_NE(ErrorOf(Header({'R', 'R', 'F', '1'}, k0_33_1, 1, 2)).find("`RRF1`"), std::string::npos);
  EXPECT_EQ(ErrorOf(Header({'P', 'K', 3, 4}, k0_33_1, 1, 2)),
            "file.rrd: not an RRD stream: expected `RRF2` at byte 24");
}

TEST(StreamHeader, VersionRules) {
  EXPECT_NE(ErrorOf(Header(kRrf2, {0, 22, 1, 0}, 1, 2)).find("Rerun 0.22.1 is not supported"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Header(kRrf2, {0, 0, 0, 0}, 1, 2)).find("Rerun 0.2.0"), std::string::npos);
  EXPECT_TRUE(ParseStreamHeader(Header(kRrf2, {0, 23, 0, 0}, 1, 2), "f", 0).ok());
  EXPECT_TRUE(ParseStreamHeader(Header(kRrf2, {0, 23, 0, 0xC1}, 1, 2), "f", 0).ok());
  EXPECT_TRUE(ParseStreamHeader(Header(kRrf2, {9, 0, 0, 0}, 0, 2), "f", 0).ok());
}

TEST(StreamHeader, OptionBytes) {
  EXPECT_EQ(ErrorOf(Header(kRrf2, k0_33_1, 2, 2)),
            "file.rrd: unknown RRD compression 2 at byte 32");
  EXPECT_EQ(ErrorOf(Header(kRrf2, k0_33_1, 1, 1)),
            "file.rrd: RRD stream uses the old MsgPack serializer at byte 33");
  EXPECT_EQ(ErrorOf(Header(kRrf2, k0_33_1, 1, 0)), "file.rrd: unknown RRD serializer 0 at byte 33");
  EXPECT_EQ(ErrorOf(Header(kRrf2, k0_33_1, 1, 2, 7)),
            "file.rrd: non-zero reserved bytes in RRD stream header at byte 34");
}

}  // namespace
}  // namespace rrflow::internal
