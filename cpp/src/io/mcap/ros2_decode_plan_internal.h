// A ROS 2 schema resolved for decoding CDR payloads: every field's wire
// layout and the Arrow type the reflection decoder gives the message.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "io/mcap/ros2_msg_schema_internal.h"

namespace rrflow::internal {

/// Message types nest at most this deep (deeper schemas are refused instead
/// of exhausting the stack while decoding).
inline constexpr int kMaxRos2Nesting = 100;

/// What one wire value is, after resolution: enum-like definitions have
/// become their constant type, `char` is Int8 and `byte` UInt8 (as in 0.33.1).
enum class CdrScalar : uint8_t {
  kBool,
  kInt8,
  kUInt8,
  kInt16,
  kUInt16,
  kInt32,
  kUInt32,
  kInt64,
  kUInt64,
  kFloat32,
  kFloat64,
  kString,
  kStruct,
};

/// The wire size (and alignment) of a scalar other than kString and kStruct.
int CdrScalarSize(CdrScalar scalar);

/// One field: a value, a fixed number of values, or a sequence (a u32 count
/// and that many values; bounded and unbounded arrays alike).
struct CdrField {
  std::string name;
  CdrScalar scalar = CdrScalar::kStruct;
  /// For kStruct: the index of its struct in Ros2DecodePlan::structs().
  uint32_t struct_index = 0;
  bool sequence = false;
  /// Set for `T[N]`.
  bool fixed = false;
  uint32_t fixed_length = 0;
};

struct CdrStruct {
  std::string name;
  std::vector<CdrField> fields;
  /// The Arrow type of one value: every child nullable, arrays as List.
  std::shared_ptr<arrow::StructType> type;
  /// The fewest payload bytes one value takes (padding not counted), so that
  /// a count can be checked against the bytes left before decoding.
  uint64_t min_size = 0;
};

/// An immutable, shareable plan, compiled once per channel.
class Ros2DecodePlan {
 public:
  /// Resolves every message type the root uses, as the reference does: an
  /// absolute `pkg/Type` names the dependency written `MSG: pkg/Type`, a
  /// relative `Type` the one in the package of the message using it; there
  /// are no built-in definitions. An unresolved type, a type containing
  /// itself, nesting deeper than kMaxRos2Nesting or a fixed array longer than
  /// 2^32-1 is Invalid naming the schema, the message, the field and its line.
  /// `wstring` is decoded as `string`, as the reference does.
  static arrow::Result<std::shared_ptr<const Ros2DecodePlan>> Make(const Ros2Schema& schema);

  /// Parses `text` (Ros2Schema::Parse) and resolves it.
  static arrow::Result<std::shared_ptr<const Ros2DecodePlan>> Make(std::string_view schema_name,
                                                                  std::string_view text);

  const std::string& schema_name() const { return structs_.front().name; }
  /// Index 0 is the root message.
  const std::vector<CdrStruct>& structs() const { return structs_; }
  const CdrStruct& root() const { return structs_.front(); }
  const std::shared_ptr<arrow::StructType>& type() const { return structs_.front().type; }

 private:
  Ros2DecodePlan() = default;
  std::vector<CdrStruct> structs_;
};

}  // namespace rrflow::internal
