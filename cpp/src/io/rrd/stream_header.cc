#include <algorithm>

#include "io/rrd/rrd_error_internal.h"
#include "io/rrd/stream_header_internal.h"

namespace rrflow::internal {
namespace {

constexpr uint8_t kSerializerMsgPack = 1;
constexpr uint8_t kSerializerProtobuf = 2;

}  // namespace

bool StartsWithRrdFourCc(const uint8_t* bytes) {
  return std::equal(kRrdFourCc.begin(), kRrdFourCc.end(), bytes);
}

arrow::Result<StreamHeader> ParseStreamHeader(const std::array<uint8_t, kStreamHeaderSize>& bytes,
                                              const std::string& source, int64_t offset) {
  if (!StartsWithRrdFourCc(bytes.data())) {
    if (bytes[0] == 'R' && bytes[1] == 'R' && bytes[2] == 'F' &&
        (bytes[3] == '0' || bytes[3] == '1')) {
      return RrdError(source, offset, "RRD stream of an old, unsupported format (`RRF",
                      static_cast<char>(bytes[3]), "`, Rerun < 0.23)");
    }
    return RrdError(source, offset, "not an RRD stream: expected `RRF2`");
  }
  RerunVersion version = RerunVersion::FromBytes({bytes[4], bytes[5], bytes[6], bytes[7]});
  if (version == RerunVersion{}) version = RerunVersion{0, 2, 0};  // how the reference reads zeros
  if (!version.IsReadable()) {
    return RrdError(source, offset, "RRD stream written by Rerun ", version.ToString(),
                    " is not supported (needs ", RerunVersion::OldestReadable().ToString(),
                    " or newer)");
  }
  StreamHeader header{version};
  switch (bytes[8]) {
    case 0:
      header.compression = RrdCompression::kNone;
      break;
    case 1:
      header.compression = RrdCompression::kLz4;
      break;
    default:
      return RrdError(source, offset + 8, "unknown RRD compression ", static_cast<int>(bytes[8]));
  }
  if (bytes[9] == kSerializerMsgPack) {
    return RrdError(source, offset + 9, "RRD stream uses the old MsgPack serializer");
  }
  if (bytes[9] != kSerializerProtobuf) {
    return RrdError(source, offset + 9, "unknown RRD serializer ", static_cast<int>(bytes[9]));
  }
  if (bytes[10] != 0 || bytes[11] != 0) {
    return RrdError(source, offset + 10, "non-zero reserved bytes in RRD stream header");
  }
  return header;
}

std::array<uint8_t, kStreamHeaderSize> SerializeStreamHeader(const StreamHeader& header) {
  const auto version = header.version.ToBytes();
  return {kRrdFourCc[0],
          kRrdFourCc[1],
          kRrdFourCc[2],
          kRrdFourCc[3],
          version[0],
          version[1],
          version[2],
          version[3],
          static_cast<uint8_t>(header.compression == RrdCompression::kLz4 ? 1 : 0),
          kSerializerProtobuf,
          0,
          0};
}

}  // namespace rrflow::internal
