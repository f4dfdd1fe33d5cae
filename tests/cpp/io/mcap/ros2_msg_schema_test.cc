#include "io/mcap/ros2_msg_schema_internal.h"

#include <gtest/gtest.h>

namespace rrflow::internal {
namespace {

constexpr const char* kSeparator =
    "================================================================================\n";

Ros2Schema Parsed(const std::string& text, const std::string& name = "pkg/msg/Root") {
  auto schema = Ros2Schema::Parse(name, text);
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  return schema.ok() ? *std::move(schema) : Ros2Schema{};
}

std::string ErrorOf(const std::string& text) {
  auto schema = Ros2Schema::Parse("pkg/msg/Root", text);
  EXPECT_FALSE(schema.ok()) << "parsed: " << text;
  return schema.ok() ? "" : schema.status().message();
}

TEST(Ros2MsgSchema, RootAndDependenciesAfterSeparators) {
  const auto schema = Parsed(std::string("std_msgs/Header header\nfloat64 x\n") + kSeparator +
                             "MSG: std_msgs/Header\nbuiltin_interfaces/Time stamp\n"
                             "string frame_id\n" +
                             kSeparator + "MSG: builtin_interfaces/Time\nint32 sec\nuint32 nanosec\n");
  EXPECT_EQ(schema.root.name, "pkg/msg/Root");
  ASSERT_EQ(schema.root.fields.size(), 2u);
  EXPECT_EQ(schema.root.fields[0].type.package, "std_msgs");
  EXPECT_EQ(schema.root.fields[0].type.name, "Header");
  EXPECT_FALSE(schema.root.fields[0].type.primitive);
  EXPECT_EQ(schema.root.fields[1].type.primitive, Ros2Primitive::kFloat64);
  EXPECT_EQ(schema.root.fields[1].line, 2);
  ASSERT_EQ(schema.dependencies.size(), 2u);
  EXPECT_EQ(schema.dependencies[0].name, "std_msgs/Header");
  EXPECT_EQ(schema.dependencies[0].fields[1].name, "frame_id");
  EXPECT_EQ(schema.dependencies[0].fields[1].line, 6);
  EXPECT_EQ(schema.dependencies[1].name, "builtin_interfaces/Time");
  EXPECT_EQ(schema.dependencies[1].fields[1].type.primitive, Ros2Primitive::kUInt32);
}

TEST(Ros2MsgSchema, EveryBuiltInType) {
  const auto schema = Parsed(
      "bool a\nbyte b\nchar c\nfloat32 d\nfloat64 e\nint8 f\nint16 g\nint32 h\nint64 i\n"
      "uint8 j\nuint16 k\nuint32 l\nuint64 m\nstring n\nwstring o\nstring<=5 p\nwstring<=7 q\n");
  const Ros2Primitive expected[] = {
      Ros2Primitive::kBool,    Ros2Primitive::kByte,   Ros2Primitive::kChar,
      Ros2Primitive::kFloat32, Ros2Primitive::kFloat64, Ros2Primitive::kInt8,
      Ros2Primitive::kInt16,   Ros2Primitive::kInt32,  Ros2Primitive::kInt64,
      Ros2Primitive::kUInt8,   Ros2Primitive::kUInt16, Ros2Primitive::kUInt32,
      Ros2Primitive::kUInt64,  Ros2Primitive::kString, Ros2Primitive::kWString,
      Ros2Primitive::kString,  Ros2Primitive::kWString};
  ASSERT_EQ(schema.root.fields.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    EXPECT_EQ(schema.root.fields[i].type.primitive, expected[i]) << i;
    EXPECT_EQ(schema.root.fields[i].name, std::string(1, static_cast<char>('a' + i)));
  }
  EXPECT_FALSE(schema.root.fields[13].type.string_bound);
  EXPECT_EQ(schema.root.fields[15].type.string_bound, 5u);
  EXPECT_EQ(schema.root.fields[16].type.string_bound, 7u);
}

TEST(Ros2MsgSchema, ArraysFixedBoundedAndUnbounded) {
  const auto schema = Parsed("float32[] a\nint16[3] b\nuint8[<=16] c\nstring<=4[2] d\nInner[] e\n"
                             "geometry_msgs/Point[<=9] f\n");
  const auto& fields = schema.root.fields;
  ASSERT_EQ(fields.size(), 6u);
  EXPECT_EQ(fields[0].type.array, Ros2ArrayKind::kUnbounded);
  EXPECT_EQ(fields[1].type.array, Ros2ArrayKind::kFixed);
  EXPECT_EQ(fields[1].type.array_size, 3u);
  EXPECT_EQ(fields[2].type.array, Ros2ArrayKind::kBounded);
  EXPECT_EQ(fields[2].type.array_size, 16u);
  EXPECT_EQ(fields[3].type.string_bound, 4u);
  EXPECT_EQ(fields[3].type.array_size, 2u);
  EXPECT_EQ(fields[4].type.name, "Inner");
  EXPECT_EQ(fields[4].type.package, "");
  EXPECT_EQ(fields[5].type.package, "geometry_msgs");
  EXPECT_EQ(fields[5].type.name, "Point");
  EXPECT_EQ(fields[5].type.array, Ros2ArrayKind::kBounded);
}

TEST(Ros2MsgSchema, ConstantsDefaultsAndComments) {
  const auto schema = Parsed(
      "# a comment line\n"
      "uint8 MODE_IDLE=0\n"
      "string LABEL = \"a # not a comment\"  # a comment\n"
      "float64 SCALE=1.5e3\n"
      "int32 count 5   # default\n"
      "bool on true\n"
      "float32[3] k [1.0, 2, -3.5]\n"
      "string<=8 name 'x'\n"
      "   int64    spaced\t\n");
  ASSERT_EQ(schema.root.constants.size(), 3u);
  EXPECT_EQ(schema.root.constants[0].name, "MODE_IDLE");
  EXPECT_EQ(schema.root.constants[0].value, "0");
  EXPECT_EQ(schema.root.constants[1].name, "LABEL");
  EXPECT_EQ(schema.root.constants[1].value, "a # not a comment");
  EXPECT_EQ(schema.root.constants[2].value, "1.5e3");
  ASSERT_EQ(schema.root.fields.size(), 5u);
  EXPECT_EQ(schema.root.fields[0].default_value, "5");
  EXPECT_EQ(schema.root.fields[1].default_value, "true");
  EXPECT_EQ(schema.root.fields[2].default_value, "[1.0, 2, -3.5]");
  EXPECT_EQ(schema.root.fields[3].default_value, "'x'");
  EXPECT_EQ(schema.root.fields[4].name, "spaced");
  EXPECT_FALSE(schema.root.fields[4].default_value);
  EXPECT_FALSE(schema.root.EnumType());
}

TEST(Ros2MsgSchema, ConstantsOnlyDefinitionStandsForTheirType) {
  const auto schema =
      Parsed(std::string("Kind kind\n") + kSeparator + "MSG: pkg/Kind\nint32 A=1\nint32 B=2\n");
  ASSERT_EQ(schema.dependencies.size(), 1u);
  EXPECT_EQ(schema.dependencies[0].EnumType(), Ros2Primitive::kInt32);
  const std::string mixed = ErrorOf(std::string("Kind kind\n") + kSeparator +
                                    "MSG: pkg/Kind\nint32 A=1\nuint8 B=2\n");
  EXPECT_NE(mixed.find("line 5"), std::string::npos) << mixed;
  EXPECT_NE(mixed.find("one type"), std::string::npos) << mixed;
}

TEST(Ros2MsgSchema, SectionsWithoutMsgLineOrBodyAreSkipped) {
  const auto schema = Parsed(std::string("int32 a\n") + kSeparator + "MSG: pkg/Empty\n" +
                             kSeparator + "not a section\nint32 b\n" + kSeparator +
                             "MSG: pkg/Blank\n\n" + kSeparator + "  MSG:  pkg/Spaced  \nint8 c\n");
  ASSERT_EQ(schema.dependencies.size(), 2u);
  EXPECT_EQ(schema.dependencies[0].name, "pkg/Blank");
  EXPECT_TRUE(schema.dependencies[0].fields.empty());
  EXPECT_EQ(schema.dependencies[1].name, "pkg/Spaced");
  EXPECT_EQ(schema.dependencies[1].fields[0].name, "c");
}

TEST(Ros2MsgSchema, CrLfLinesAndShortSeparators) {
  const auto schema = Parsed("int32 a\r\nint8 b\r\n===\r\nMSG: pkg/X\r\nbool c\r\n");
  ASSERT_EQ(schema.root.fields.size(), 2u);
  EXPECT_EQ(schema.root.fields[1].name, "b");
  ASSERT_EQ(schema.dependencies.size(), 1u);
  EXPECT_EQ(schema.dependencies[0].fields[0].name, "c");
}

TEST(Ros2MsgSchema, InvalidUtf8BecomesReplacementCharacters) {
  const auto schema = Parsed("int32 a\xff\n");
  ASSERT_EQ(schema.root.fields.size(), 1u);
  EXPECT_EQ(schema.root.fields[0].name, "a\xEF\xBF\xBD");
}

TEST(Ros2MsgSchema, MalformedLinesNameTheLine) {
  struct Case {
    const char* text;
    const char* says;
  };
  const Case cases[] = {
      {"int32 a\nint32\n", "line 2 (`int32`) of `pkg/msg/Root`: missing name"},
      {"int32[ a\n", "missing `]`"},
      {"int32[x] a\n", "invalid array size `x`"},
      {"int32[<=y] a\n", "invalid array bound `y`"},
      {"string<=z a\n", "invalid string bound `z`"},
      {"/Type a\n", "invalid type `/Type`"},
      {"pkg/ a\n", "invalid type `pkg/`"},
      {"int32 lower=1\n", "constant name `lower`"},
      {"int32 A__B=1\n", "constant name"},
      {"int32 AB_=1\n", "constant name"},
      {"int32[2] AB=1\n", "cannot be an array"},
      {"pkg/T AB=1\n", "built-in type"},
      {"int32 AB=x\n", "invalid value `x`"},
      {"uint8 AB=-1\n", "invalid value `-1`"},
      {"bool on maybe\n", "invalid value `maybe`"},
      {"float64 f 1.0.0\n", "invalid value `1.0.0`"},
      {"int32[] v 1, 2\n", "array value"},
      {"int32[] v [1, x]\n", "invalid value `x`"},
      {"pkg/T t 1\n", "message type cannot have a value"},
  };
  for (const Case& c : cases) {
    const std::string error = ErrorOf(c.text);
    EXPECT_NE(error.find("Invalid ROS 2 schema `pkg/msg/Root`, line "), std::string::npos)
        << error;
    EXPECT_NE(error.find(c.says), std::string::npos) << c.text << " -> " << error;
  }
  const std::string in_dependency =
      ErrorOf(std::string("int32 a\n") + kSeparator + "MSG: pkg/Dep\nint32 ok\nint32[?] bad\n");
  EXPECT_NE(in_dependency.find("line 5 (`int32[?] bad`) of `pkg/Dep`"), std::string::npos)
      << in_dependency;
}

TEST(Ros2MsgSchema, NumbersAsRustReadsThem) {
  Parsed("int8 field\nint32 A=+5\nuint32 B=+7\nfloat64 C=-inf\nfloat32 D=.5\nint64 E=-9223372036854775808\n");
  EXPECT_NE(ErrorOf("int32 A=+-5\n").find("invalid value"), std::string::npos);
  EXPECT_NE(ErrorOf("uint64 A=18446744073709551616\n").find("invalid value"), std::string::npos);
}

}  // namespace
}  // namespace rrflow::internal
