// Timelines: named time axes and the Arrow types of their columns.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

namespace rrflow {

/// The kind of a timeline. All three are stored as 64-bit integers.
enum class TimeType {
  kSequence,     ///< an ordinal index such as a frame number (Arrow Int64)
  kDurationNs,   ///< elapsed nanoseconds (Arrow Duration(ns))
  kTimestampNs,  ///< nanoseconds since the Unix epoch (Arrow Timestamp(ns), no zone)
};

/// `sequence`, `duration_ns` or `timestamp_ns`: the names the API accepts.
std::string_view TimeTypeName(TimeType type);
arrow::Result<TimeType> TimeTypeFromName(std::string_view name);

/// The Arrow type a time column of this kind is emitted with.
std::shared_ptr<arrow::DataType> TimeTypeToArrow(TimeType type);

/// The kind for an incoming Arrow type: Int64, Duration(ns), Timestamp(ns, any
/// zone). Anything else is an error naming the type.
arrow::Result<TimeType> TimeTypeFromArrow(const arrow::DataType& type);

/// A timeline: a name and a kind. Orders by name (bytes), then kind.
struct Timeline {
  std::string name;
  TimeType type = TimeType::kSequence;

  auto operator<=>(const Timeline&) const = default;
};

}  // namespace rrflow
