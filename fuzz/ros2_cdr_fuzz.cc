// libFuzzer target: any bytes as a CDR payload (encapsulation header
// included) of one of a fixed set of ROS 2 schemas (the first byte picks the
// schema). The decoder must answer with a Status, never crash, hang, read
// out of bounds or over-allocate; a rejected payload must leave no partial
// row behind, and the column must validate and have the plan's type.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <arrow/array.h>

#include "io/mcap/ros2_cdr_to_arrow_internal.h"

namespace {

using rrflow::internal::Ros2CdrColumnBuilder;
using rrflow::internal::Ros2DecodePlan;

constexpr const char* kSeparator =
    "\n================================================================================\n";

// Every primitive; nested messages with sequences and fixed arrays of
// messages, strings, bools and an enum-like type; empty messages in a
// sequence; bounded types.
std::vector<std::pair<std::string, std::string>> Schemas() {
  return {
      {"fuzz/msg/Primitives",
       "bool a\nbyte b\nchar c\nint8 d\nuint8 e\nint16 f\nuint16 g\nint32 h\nuint32 i\n"
       "int64 j\nuint64 k\nfloat32 l\nfloat64 m\nstring n\nwstring o"},
      {"fuzz/msg/Nested",
       std::string("std_msgs/Header header\nInner[] inners\nInner[2] pair\nKind kind\n"
                   "float64[<=3] values\nbool[] flags\nstring[] names\nint16[3] fixed\nuint8 tail") +
           kSeparator + "MSG: std_msgs/Header\nbuiltin_interfaces/Time stamp\nstring frame_id" +
           kSeparator + "MSG: builtin_interfaces/Time\nint32 sec\nuint32 nanosec" + kSeparator +
           "MSG: fuzz/Inner\nuint8 x\nfloat64[] ds\nstring<=4[<=2] tags" + kSeparator +
           "MSG: fuzz/Kind\nint16 A=1\nint16 B=2"},
      {"fuzz/msg/Empties",
       std::string("Empty[] es\nHolder[] hs\nuint64 after") + kSeparator + "MSG: fuzz/Empty\n" +
           kSeparator + "MSG: fuzz/Holder\nEmpty[4] four\nEmpty[] more\nuint8[] bytes"},
      {"fuzz/msg/Empty", ""},
  };
}

std::vector<std::shared_ptr<const Ros2DecodePlan>> MakePlans() {
  std::vector<std::shared_ptr<const Ros2DecodePlan>> plans;
  for (const auto& [name, text] : Schemas()) {
    auto plan = Ros2DecodePlan::Make(name, text);
    if (!plan.ok()) std::abort();
    plans.push_back(*std::move(plan));
  }
  return plans;
}

// Every child of a struct is as long as the struct, every list's values as
// long as its offsets say: a half-appended row would break one of these.
bool LengthsAgree(const arrow::ArrayData& data) {
  const arrow::Type::type id = data.type->id();
  for (const auto& child : data.child_data) {
    if (id == arrow::Type::STRUCT && child->length != data.offset + data.length) return false;
    if (id == arrow::Type::LIST && data.length > 0 &&
        child->length != data.GetValues<int32_t>(1)[data.length]) {
      return false;
    }
    if (!LengthsAgree(*child)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto plans = MakePlans();
  if (size == 0) return 0;
  const auto& plan = plans[data[0] % plans.size()];
  auto builder = Ros2CdrColumnBuilder::Make(plan);
  if (!builder.ok()) std::abort();
  // The payload twice, and its second half (a header of its own or not).
  const uint8_t* payload = data + 1;
  const size_t payload_size = size - 1;
  const uint8_t* half = payload + payload_size / 2;
  const size_t half_size = payload_size - payload_size / 2;
  int64_t rows = 0;
  for (const auto& [bytes, length] :
       {std::pair{payload, payload_size}, std::pair{payload, payload_size},
        std::pair{half, half_size}}) {
    if ((*builder)->Append(bytes, length).ok()) ++rows;
  }
  auto column = (*builder)->Finish();
  if (!column.ok() || (*column)->length() != rows || !(*column)->ValidateFull().ok() ||
      !LengthsAgree(*(*column)->data()) ||
      !(*column)->type()->Equals(*plan->type(), /*check_metadata=*/true)) {
    std::abort();
  }
  return 0;
}
