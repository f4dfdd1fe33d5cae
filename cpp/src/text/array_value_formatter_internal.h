// The values of Arrow arrays as arrow-rs 57 prints them (its
// `ArrayFormatter`), which Chunk::Format reproduces.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <arrow/array.h>
#include <arrow/result.h>

namespace rrflow::internal {

class ValueWriter;

/// Prints the values of one array like arrow-rs's `ArrayFormatter`, with nulls
/// (also nested ones) shown as `null`: floats `1.0`, lists `[1, 2]`, structs
/// `{x: 1.0}`, maps `{k: v}`, unions `{name=value}`, binary as lowercase hex,
/// timestamps `1970-01-01T00:00:01.500`, durations `PT1.5S`. A value arrow-rs
/// cannot convert (a date out of range, say) prints as `ERROR: <reason>` in
/// place and the rest of the value is still printed.
class ArrayValueFormatter {
 public:
  /// Fails where arrow-rs refuses the whole array, with its message: list
  /// views (`Not yet implemented: formatting ListView(Int8) is not yet
  /// supported`) and unknown time zones (`Parser error: Invalid timezone ...`).
  static arrow::Result<ArrayValueFormatter> Make(const std::shared_ptr<arrow::Array>& array);

  /// The text of value `index`.
  std::string Format(int64_t index) const;

 private:
  explicit ArrayValueFormatter(std::shared_ptr<const ValueWriter> writer)
      : writer_(std::move(writer)) {}

  std::shared_ptr<const ValueWriter> writer_;
};

}  // namespace rrflow::internal
