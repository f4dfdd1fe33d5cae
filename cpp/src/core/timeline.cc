#include "rrflow/core/timeline.h"

#include <arrow/status.h>
#include <arrow/type.h>

namespace rrflow {

std::string_view TimeTypeName(TimeType type) {
  switch (type) {
    case TimeType::kSequence:
      return "sequence";
    case TimeType::kDurationNs:
      return "duration_ns";
    case TimeType::kTimestampNs:
      return "timestamp_ns";
  }
  return "sequence";
}

arrow::Result<TimeType> TimeTypeFromName(std::string_view name) {
  if (name == "sequence") return TimeType::kSequence;
  if (name == "duration_ns") return TimeType::kDurationNs;
  if (name == "timestamp_ns") return TimeType::kTimestampNs;
  return arrow::Status::Invalid("Unknown timeline type '", name,
                                "', expected 'sequence', 'duration_ns', or 'timestamp_ns'");
}

std::shared_ptr<arrow::DataType> TimeTypeToArrow(TimeType type) {
  switch (type) {
    case TimeType::kSequence:
      return arrow::int64();
    case TimeType::kDurationNs:
      return arrow::duration(arrow::TimeUnit::NANO);
    case TimeType::kTimestampNs:
      return arrow::timestamp(arrow::TimeUnit::NANO);
  }
  return arrow::int64();
}

arrow::Result<TimeType> TimeTypeFromArrow(const arrow::DataType& type) {
  switch (type.id()) {
    case arrow::Type::INT64:
      return TimeType::kSequence;
    case arrow::Type::DURATION:
      if (static_cast<const arrow::DurationType&>(type).unit() == arrow::TimeUnit::NANO) {
        return TimeType::kDurationNs;
      }
      break;
    case arrow::Type::TIMESTAMP:
      if (static_cast<const arrow::TimestampType&>(type).unit() == arrow::TimeUnit::NANO) {
        return TimeType::kTimestampNs;
      }
      break;
    default:
      break;
  }
  return arrow::Status::TypeError("Unsupported time type: ", type.ToString());
}

}  // namespace rrflow
