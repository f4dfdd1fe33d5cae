#include "io/mcap/ros2_decode_plan_internal.h"

#include <arrow/api.h>
#include <gtest/gtest.h>

namespace rrflow::internal {
namespace {

constexpr const char* kSeparator =
    "================================================================================\n";

std::shared_ptr<const Ros2DecodePlan> PlanOf(const std::string& name, const std::string& text) {
  auto plan = Ros2DecodePlan::Make(name, text);
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  return plan.ok() ? *plan : nullptr;
}

std::string ErrorOf(const std::string& text) {
  auto plan = Ros2DecodePlan::Make("pkg/msg/Root", text);
  EXPECT_FALSE(plan.ok());
  return plan.ok() ? "" : plan.status().message();
}

void ExpectType(const Ros2DecodePlan& plan, const arrow::FieldVector& fields) {
  const auto expected = arrow::struct_(fields);
  EXPECT_TRUE(plan.type()->Equals(*expected, /*check_metadata=*/true))
      << "got      " << plan.type()->ToString(true) << "\nexpected " << expected->ToString(true);
}

TEST(Ros2DecodePlan, BuiltInTypesMapToArrowAllNullable) {
  const auto plan = PlanOf("pkg/msg/Root",
                           "bool a\nbyte b\nchar c\nfloat32 d\nfloat64 e\nint8 f\nint16 g\n"
                           "int32 h\nint64 i\nuint8 j\nuint16 k\nuint32 l\nuint64 m\nstring n\n"
                           "string<=3 o\nwstring p\n");
  ASSERT_NE(plan, nullptr);
  ExpectType(*plan, {arrow::field("a", arrow::boolean()), arrow::field("b", arrow::uint8()),
                     arrow::field("c", arrow::int8()), arrow::field("d", arrow::float32()),
                     arrow::field("e", arrow::float64()), arrow::field("f", arrow::int8()),
                     arrow::field("g", arrow::int16()), arrow::field("h", arrow::int32()),
                     arrow::field("i", arrow::int64()), arrow::field("j", arrow::uint8()),
                     arrow::field("k", arrow::uint16()), arrow::field("l", arrow::uint32()),
                     arrow::field("m", arrow::uint64()), arrow::field("n", arrow::utf8()),
                     arrow::field("o", arrow::utf8()), arrow::field("p", arrow::utf8())});
  EXPECT_EQ(plan->schema_name(), "pkg/msg/Root");
  // 1+1+1+4+8+1+2+4+8+1+2+4+8 bytes of numbers and three 4-byte string lengths.
  EXPECT_EQ(plan->root().min_size, 45u + 12u);
}

TEST(Ros2DecodePlan, NestedTypesResolveAbsoluteAndRelative) {
  const auto plan = PlanOf(
      "custom/msg/Thing",
      std::string("std_msgs/Header header\nInner[] inners\nInner[2] pair\nKind kind\n"
                  "float32[<=4] values\n") +
          kSeparator + "MSG: std_msgs/Header\nbuiltin_interfaces/Time stamp\nstring frame_id\n" +
          kSeparator + "MSG: builtin_interfaces/Time\nint32 sec\nuint32 nanosec\n" + kSeparator +
          "MSG: custom/Inner\nuint16 x\nstring[] tags\n" + kSeparator +
          "MSG: custom/Kind\nuint8 A=1\nuint8 B=2\n");
  ASSERT_NE(plan, nullptr);
  const auto time = arrow::struct_(
      {arrow::field("sec", arrow::int32()), arrow::field("nanosec", arrow::uint32())});
  const auto header =
      arrow::struct_({arrow::field("stamp", time), arrow::field("frame_id", arrow::utf8())});
  const auto inner = arrow::struct_(
      {arrow::field("x", arrow::uint16()), arrow::field("tags", arrow::list(arrow::utf8()))});
  ExpectType(*plan, {arrow::field("header", header), arrow::field("inners", arrow::list(inner)),
                     arrow::field("pair", arrow::list(inner)),
                     arrow::field("kind", arrow::uint8()),
                     arrow::field("values", arrow::list(arrow::float32()))});
  const auto& fields = plan->root().fields;
  EXPECT_EQ(fields[0].scalar, CdrScalar::kStruct);
  EXPECT_TRUE(fields[1].sequence);
  EXPECT_TRUE(fields[2].fixed);
  EXPECT_EQ(fields[2].fixed_length, 2u);
  EXPECT_EQ(fields[1].struct_index, fields[2].struct_index) << "one struct per type";
  EXPECT_EQ(fields[3].scalar, CdrScalar::kUInt8);
  EXPECT_TRUE(fields[4].sequence);
  // header: 4+4+4; inners: 4; pair: 2 * (2+4); kind: 1; values: 4.
  EXPECT_EQ(plan->root().min_size, 12u + 4u + 12u + 1u + 4u);
}

TEST(Ros2DecodePlan, LaterDefinitionOfANameWins) {
  const auto plan = PlanOf("pkg/msg/Root", std::string("pkg/A a\n") + kSeparator +
                                               "MSG: pkg/A\nint8 old\n" + kSeparator +
                                               "MSG: pkg/A\nint64 new\n");
  ASSERT_NE(plan, nullptr);
  ExpectType(*plan, {arrow::field("a", arrow::struct_({arrow::field("new", arrow::int64())}))});
}

TEST(Ros2DecodePlan, EmptyMessages) {
  const auto root = PlanOf("pkg/msg/Empty", "# nothing\n");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->type()->num_fields(), 0);
  EXPECT_EQ(root->root().min_size, 0u);
  // A constants-only root is still a message (of no fields).
  const auto constants = PlanOf("pkg/msg/Codes", "int32 A=1\n");
  ASSERT_NE(constants, nullptr);
  EXPECT_EQ(constants->type()->num_fields(), 0);
}

TEST(Ros2DecodePlan, UnresolvedTypesNameTheFieldAndLine) {
  std::string error = ErrorOf(std::string("int32 a\nInner i\n") + kSeparator +
                              "MSG: other/Inner\nint32 x\n");
  EXPECT_NE(error.find("field `i` (line 2) of `pkg/msg/Root` has type `pkg/Inner`"),
            std::string::npos)
      << error;
  // A dependency with an empty body is dropped, as in the reference.
  error = ErrorOf(std::string("pkg/Empty e\n") + kSeparator + "MSG: pkg/Empty\n");
  EXPECT_NE(error.find("`pkg/Empty`, which the schema does not define"), std::string::npos)
      << error;
  // There are no built-in definitions.
  error = ErrorOf("builtin_interfaces/Time stamp\n");
  EXPECT_NE(error.find("builtin_interfaces/Time"), std::string::npos) << error;
}

TEST(Ros2DecodePlan, TypesContainingThemselvesAreRefused) {
  std::string error = ErrorOf(std::string("pkg/Node n\n") + kSeparator +
                              "MSG: pkg/Node\nint32 v\nNode[] kids\n");
  EXPECT_NE(error.find("`pkg/Node` contains itself"), std::string::npos) << error;
  error = ErrorOf(std::string("pkg/A a\n") + kSeparator + "MSG: pkg/A\nB b\n" + kSeparator +
                  "MSG: pkg/B\nA[2] a\n");
  EXPECT_NE(error.find("contains itself"), std::string::npos) << error;
}

TEST(Ros2DecodePlan, NestingAndFixedLengthsAreBounded) {
  std::string text = "pkg/T0 t\n";
  for (int i = 0; i <= kMaxRos2Nesting + 1; ++i) {
    text += std::string(kSeparator) + "MSG: pkg/T" + std::to_string(i) + "\nT" +
            std::to_string(i + 1) + " t\n";
  }
  text += std::string(kSeparator) + "MSG: pkg/T" + std::to_string(kMaxRos2Nesting + 2) +
          "\nint8 x\n";
  std::string error = ErrorOf(text);
  EXPECT_NE(error.find("nest deeper than 100"), std::string::npos) << error;
  error = ErrorOf("uint8[4294967296] big\n");
  EXPECT_NE(error.find("field `big` (line 1)"), std::string::npos) << error;
  EXPECT_NE(PlanOf("pkg/msg/Root", "uint8[4294967295] big\n"), nullptr);
}

}  // namespace
}  // namespace rrflow::internal
