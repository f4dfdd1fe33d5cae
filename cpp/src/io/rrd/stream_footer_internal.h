// The 32-byte trailer after a stream's End message: where the RrdFooter
// payload is, its length and xxHash32, then `RRF2` `FOOT` and an entry count.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

namespace rrflow::internal {

inline constexpr int64_t kStreamFooterSize = 32;

struct StreamFooter {
  /// Offset of the RrdFooter payload from the start of its stream.
  uint64_t footer_start = 0;
  uint64_t footer_length = 0;
  /// xxHash32 of the payload (seed kFooterChecksumSeed).
  uint32_t checksum = 0;
};

inline constexpr uint32_t kFooterChecksumSeed = 7850921;

/// The trailer in `bytes`, or nullopt when they are not one (wrong magic, or
/// an entry count other than 1, which the reference never writes).
std::optional<StreamFooter> ParseStreamFooter(const std::array<uint8_t, kStreamFooterSize>& bytes);

std::array<uint8_t, kStreamFooterSize> SerializeStreamFooter(const StreamFooter& footer);

/// xxHash32 of an RrdFooter payload with the format's seed.
uint32_t FooterChecksum(const uint8_t* data, int64_t size);

}  // namespace rrflow::internal
