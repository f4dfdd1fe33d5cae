// Time-based unique ids: the 128-bit TUID and the ChunkId / RowId built on it.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include <arrow/result.h>

namespace rrflow {

/// A 128-bit time-ordered unique id: nanoseconds since the Unix epoch, then a
/// counter. Stored big-endian so that byte order, numeric order and creation
/// order agree.
struct Tuid {
  uint64_t time_ns = 0;
  uint64_t counter = 0;

  /// A fresh id: the current time and the next value of this thread's counter.
  static Tuid New();

  /// The id with the same time and the counter advanced by `n`.
  Tuid IncrementedBy(uint64_t n) const { return Tuid{time_ns, counter + n}; }
  Tuid Next() const { return IncrementedBy(1); }

  /// The 16 big-endian bytes.
  std::array<uint8_t, 16> ToBytes() const;
  static Tuid FromBytes(const uint8_t* bytes);

  /// 16 uppercase hex digits of time, then 16 lowercase hex digits of counter.
  std::string ToHex() const;
  /// Parses 32 hex digits (either case).
  static arrow::Result<Tuid> ParseHex(std::string_view hex);

  auto operator<=>(const Tuid&) const = default;
};

/// Identifies a chunk. Prints as `chunk_<tuid>`.
struct ChunkId {
  Tuid tuid;

  static ChunkId New() { return ChunkId{Tuid::New()}; }
  std::string ToString() const { return "chunk_" + tuid.ToHex(); }
  /// Accepts `chunk_<hex>` or bare hex.
  static arrow::Result<ChunkId> Parse(std::string_view text);

  auto operator<=>(const ChunkId&) const = default;
};

/// Identifies a row. Prints as `row_<tuid>`.
struct RowId {
  Tuid tuid;

  static RowId New() { return RowId{Tuid::New()}; }
  std::string ToString() const { return "row_" + tuid.ToHex(); }
  /// Accepts `row_<hex>` or bare hex.
  static arrow::Result<RowId> Parse(std::string_view text);

  auto operator<=>(const RowId&) const = default;
};

}  // namespace rrflow
