// Decodes the CDR payloads of one ROS 2 channel (XCDR1 plain encoding, as
// ROS 2 writes it) into rows of an Arrow struct column laid out by a
// Ros2DecodePlan, straight into reused builders.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <arrow/array/builder_nested.h>
#include <arrow/memory_pool.h>
#include <arrow/result.h>

#include "io/mcap/ros2_decode_plan_internal.h"

namespace rrflow::internal {

/// A payload may hold at most this many values of zero wire size (elements
/// of empty messages): a 4-byte count could otherwise ask for billions of rows.
inline constexpr uint64_t kMaxCdrEmptyValues = uint64_t{1} << 20;

/// Appends one row per CDR payload; not thread-safe (one per channel and chunk).
class Ros2CdrColumnBuilder {
 public:
  static arrow::Result<std::unique_ptr<Ros2CdrColumnBuilder>> Make(
      std::shared_ptr<const Ros2DecodePlan> plan,
      arrow::MemoryPool* pool = arrow::default_memory_pool());
  ~Ros2CdrColumnBuilder();

  /// Decodes one payload: the 4-byte encapsulation header (byte 0 zero;
  /// byte 1 0x00/0x01 for CDR big/little endian, or 0x10-0x15 which the
  /// reference accepts, even ids big endian), then the fields in order, each
  /// primitive aligned to its size (at most 8) from the first byte after the
  /// header; trailing bytes are ignored. A payload that is short, has
  /// another encapsulation, a bool other than 0 or 1, a string that is not
  /// UTF-8 or too many empty values returns Invalid naming the field path and
  /// byte offset, and appends nothing: the payload is checked in full before
  /// any builder is touched. Only a failure to allocate can stop an append
  /// half-way; the builder then refuses every later call.
  arrow::Status Append(const uint8_t* data, size_t size);

  int64_t length() const;

  /// The rows appended so far, as a struct array of plan().type(); the
  /// builder is empty afterwards.
  arrow::Result<std::shared_ptr<arrow::StructArray>> Finish();

  const Ros2DecodePlan& plan() const { return *plan_; }

  /// The builders of one field (or of the root), with those of the fields
  /// of its struct values.
  struct Node;
  /// Where a payload is being read; reused across payloads.
  class Reader;

 private:
  Ros2CdrColumnBuilder() = default;

  std::shared_ptr<const Ros2DecodePlan> plan_;
  std::unique_ptr<arrow::StructBuilder> root_;
  std::unique_ptr<Node> root_node_;
  std::unique_ptr<Reader> reader_;
  arrow::Status broken_;
};

}  // namespace rrflow::internal
