// The 12-byte header that starts every RRD stream: `RRF2`, the writer's
// version, the compression byte, the serializer byte and two reserved bytes.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include <arrow/result.h>

#include "rrflow/io/rrd/rerun_version.h"
#include "rrflow/io/rrd/rrd_message.h"

namespace rrflow::internal {

inline constexpr int64_t kStreamHeaderSize = 12;
inline constexpr std::array<uint8_t, 4> kRrdFourCc = {'R', 'R', 'F', '2'};

struct StreamHeader {
  RerunVersion version;
  /// The header's advisory compression byte (readers trust each ArrowMsg).
  RrdCompression compression = RrdCompression::kLz4;
};

/// True when `bytes` (at least 4) begin with `RRF2`.
bool StartsWithRrdFourCc(const uint8_t* bytes);

/// Parses and checks a stream header: the FourCC, a version >= 0.23, a known
/// compression byte, the protobuf serializer and zero reserved bytes.
/// `offset` and `source` only name the place in errors.
arrow::Result<StreamHeader> ParseStreamHeader(const std::array<uint8_t, kStreamHeaderSize>& bytes,
                                              const std::string& source, int64_t offset);

std::array<uint8_t, kStreamHeaderSize> SerializeStreamHeader(const StreamHeader& header);

}  // namespace rrflow::internal
