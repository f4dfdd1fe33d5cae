#include "io/mcap/ros2_cdr_to_arrow_internal.h"

#include <random>

#include <arrow/api.h>
#include <gtest/gtest.h>

#include "io/mcap/ros2_cdr_test_util.h"
#include "test_util.h"

namespace rrflow::internal {
namespace {

using rrflow::testing::CdrWriter;
using rrflow::testing::Json;

constexpr const char* kSeparator =
    "================================================================================\n";

std::unique_ptr<Ros2CdrColumnBuilder> BuilderFor(const std::string& text,
                                                 const std::string& name = "pkg/msg/Root") {
  auto plan = Ros2DecodePlan::Make(name, text);
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  auto builder = Ros2CdrColumnBuilder::Make(*plan);
  EXPECT_TRUE(builder.ok()) << builder.status().ToString();
  return *std::move(builder);
}

arrow::Status Append(Ros2CdrColumnBuilder& builder, const std::vector<uint8_t>& bytes) {
  return builder.Append(bytes.data(), bytes.size());
}

void ExpectRows(Ros2CdrColumnBuilder& builder, const std::string& json) {
  auto column = builder.Finish();
  ASSERT_TRUE(column.ok()) << column.status().ToString();
  ASSERT_TRUE((*column)->ValidateFull().ok());
  EXPECT_TRUE((*column)->type()->Equals(*builder.plan().type()));
  const auto expected = Json((*column)->type(), json);
  EXPECT_TRUE((*column)->Equals(*expected))
      << "got      " << (*column)->ToString() << "\nexpected " << expected->ToString();
}

const char kPrimitives[] =
    "bool a\nbyte b\nchar c\nint8 d\nuint8 e\nint16 f\nuint16 g\nint32 h\nuint32 i\n"
    "int64 j\nuint64 k\nfloat32 l\nfloat64 m\nstring n\n";

std::vector<uint8_t> PrimitivesPayload(bool big_endian) {
  CdrWriter w(big_endian);
  w.Put<uint8_t>(1).Put<uint8_t>(200).Put<int8_t>(-3).Put<int8_t>(-128).Put<uint8_t>(255);
  w.Put<int16_t>(-12345).Put<uint16_t>(54321).Put<int32_t>(-7).Put<uint32_t>(4000000000u);
  w.Put<int64_t>(-9000000000LL).Put<uint64_t>(18000000000000000000ULL);
  w.Put<float>(1.5f).Put<double>(-2.25).String("héllo");
  return w.bytes();
}

constexpr const char* kPrimitivesRow =
    R"({"a": true, "b": 200, "c": -3, "d": -128, "e": 255, "f": -12345, "g": 54321,
        "h": -7, "i": 4000000000, "j": -9000000000, "k": 18000000000000000000,
        "l": 1.5, "m": -2.25, "n": "héllo"})";

TEST(Ros2CdrToArrow, EveryPrimitiveLittleAndBigEndian) {
  auto builder = BuilderFor(kPrimitives);
  ASSERT_TRUE(Append(*builder, PrimitivesPayload(false)).ok());
  ASSERT_TRUE(Append(*builder, PrimitivesPayload(true)).ok());
  EXPECT_EQ(builder->length(), 2);
  ExpectRows(*builder, std::string("[") + kPrimitivesRow + "," + kPrimitivesRow + "]");
}

TEST(Ros2CdrToArrow, AlignmentIsFromThePayloadStart) {
  // uint8 at payload offset 0, then 7 bytes of padding before the float64.
  auto builder = BuilderFor("uint8 a\nfloat64 b\nuint8 c\nuint16 d\n");
  const std::vector<uint8_t> bytes = CdrWriter().Put<uint8_t>(7).Put<double>(0.5)
                                         .Put<uint8_t>(1).Put<uint16_t>(2).bytes();
  EXPECT_EQ(bytes.size(), 4u + 8 + 8 + 2 + 2);
  ASSERT_TRUE(Append(*builder, bytes).ok());
  ExpectRows(*builder, R"([{"a": 7, "b": 0.5, "c": 1, "d": 2}])");
}

TEST(Ros2CdrToArrow, RepresentationIdsOfTheReference) {
  auto builder = BuilderFor("uint16 a\n");
  for (const uint8_t id : {0x00, 0x01, 0x10, 0x11, 0x14, 0x15}) {
    std::vector<uint8_t> bytes = CdrWriter(id % 2 == 0).Put<uint16_t>(258).bytes();
    bytes[1] = id;
    EXPECT_TRUE(Append(*builder, bytes).ok()) << int{id};
  }
  for (const auto& header : std::vector<std::vector<uint8_t>>{
           {0x00, 0x02}, {0x00, 0x03}, {0x00, 0x04}, {0x00, 0x16}, {0x01, 0x01}}) {
    std::vector<uint8_t> bytes = CdrWriter().Put<uint16_t>(258).bytes();
    bytes[0] = header[0];
    bytes[1] = header[1];
    const auto status = Append(*builder, bytes);
    EXPECT_TRUE(status.IsInvalid());
    EXPECT_NE(status.message().find("is not plain CDR"), std::string::npos) << status.message();
  }
  ExpectRows(*builder, R"([{"a": 258}, {"a": 258}, {"a": 258}, {"a": 258}, {"a": 258},
                           {"a": 258}])");
}

const std::string kNested =
    std::string("std_msgs/Header header\nInner[] inners\nInner[2] pair\nKind kind\n"
                "float64[<=3] values\nbool[] flags\nstring[] names\nint16[3] fixed\nuint8 tail\n") +
    kSeparator + "MSG: std_msgs/Header\nbuiltin_interfaces/Time stamp\nstring frame_id\n" +
    kSeparator + "MSG: builtin_interfaces/Time\nint32 sec\nuint32 nanosec\n" + kSeparator +
    "MSG: custom/Inner\nuint8 x\nfloat64[] ds\n" + kSeparator +
    "MSG: custom/Kind\nint16 A=1\nint16 B=2\n";

void WriteInner(CdrWriter& w, uint8_t x, const std::vector<double>& ds) {
  w.Put<uint8_t>(x).Count(static_cast<uint32_t>(ds.size()));
  for (double d : ds) w.Put<double>(d);
}

std::vector<uint8_t> NestedPayload(bool big_endian, bool empty) {
  CdrWriter w(big_endian);
  w.Put<int32_t>(-1).Put<uint32_t>(5).String("map");
  if (empty) {
    w.Count(0);
  } else {
    w.Count(2);
    WriteInner(w, 1, {0.5});
    WriteInner(w, 2, {});
  }
  WriteInner(w, 3, {1.0, 2.0});
  WriteInner(w, 4, {});
  w.Put<int16_t>(2);
  if (empty) {
    w.Count(0).Count(0).Count(0);
  } else {
    w.Count(2).Put<double>(9.5).Put<double>(-1);
    w.Count(3).Put<uint8_t>(1).Put<uint8_t>(0).Put<uint8_t>(1);
    w.Count(2).String("").String("b");
  }
  w.Put<int16_t>(1).Put<int16_t>(2).Put<int16_t>(3).Put<uint8_t>(42);
  return w.bytes();
}

TEST(Ros2CdrToArrow, NestedArraysOfStructsAndSequences) {
  auto builder = BuilderFor(kNested, "custom/msg/Thing");
  ASSERT_TRUE(Append(*builder, NestedPayload(false, false)).ok());
  ASSERT_TRUE(Append(*builder, NestedPayload(true, true)).ok());
  ExpectRows(*builder, R"([
    {"header": {"stamp": {"sec": -1, "nanosec": 5}, "frame_id": "map"},
     "inners": [{"x": 1, "ds": [0.5]}, {"x": 2, "ds": []}],
     "pair": [{"x": 3, "ds": [1.0, 2.0]}, {"x": 4, "ds": []}], "kind": 2,
     "values": [9.5, -1], "flags": [true, false, true], "names": ["", "b"],
     "fixed": [1, 2, 3], "tail": 42},
    {"header": {"stamp": {"sec": -1, "nanosec": 5}, "frame_id": "map"}, "inners": [],
     "pair": [{"x": 3, "ds": [1.0, 2.0]}, {"x": 4, "ds": []}], "kind": 2,
     "values": [], "flags": [], "names": [], "fixed": [1, 2, 3], "tail": 42}])");
}

TEST(Ros2CdrToArrow, EmptySequenceDoesNotAlignWhatFollows) {
  // After the count (bytes 0-3), the empty float64[] leaves the uint8 at payload byte 4.
  auto builder = BuilderFor("float64[] a\nuint8 b\n");
  ASSERT_TRUE(Append(*builder, CdrWriter().Count(0).Put<uint8_t>(9).bytes()).ok());
  ExpectRows(*builder, R"([{"a": [], "b": 9}])");
}

TEST(Ros2CdrToArrow, EmptyMessages) {
  auto builder = BuilderFor("# nothing\n", "pkg/msg/Empty");
  ASSERT_TRUE(Append(*builder, CdrWriter().bytes()).ok());
  ASSERT_TRUE(Append(*builder, CdrWriter().Put<uint8_t>(0).bytes()).ok()) << "trailing bytes";
  EXPECT_EQ(builder->length(), 2);
  auto column = builder->Finish();
  ASSERT_TRUE(column.ok());
  EXPECT_EQ((*column)->length(), 2);
  EXPECT_EQ((*column)->num_fields(), 0);
}

TEST(Ros2CdrToArrow, StringsDropTheirLastByte) {
  auto builder = BuilderFor("string a\nstring b\n");
  // A zero length is the empty string; a missing NUL still loses the last byte.
  ASSERT_TRUE(Append(*builder, CdrWriter().Count(0).Count(3).Raw({'x', 'y', 'z'}).bytes()).ok());
  ExpectRows(*builder, R"([{"a": "", "b": "xy"}])");
}

void ExpectRejected(Ros2CdrColumnBuilder& builder, const std::vector<uint8_t>& bytes,
                    const std::string& says) {
  const auto status = Append(builder, bytes);
  EXPECT_TRUE(status.IsInvalid()) << status.ToString();
  EXPECT_NE(status.message().find(says), std::string::npos) << status.message();
}

TEST(Ros2CdrToArrow, BadPayloadsNameTheFieldAndOffsetAndAppendNothing) {
  auto builder = BuilderFor(kNested, "custom/msg/Thing");
  const auto good = NestedPayload(false, false);
  ExpectRejected(*builder, {0, 1}, "4-byte encapsulation header, this one has 2 bytes");
  ExpectRejected(*builder, std::vector<uint8_t>(good.begin(), good.begin() + 6),
                 "at byte 4, field `header.stamp.sec`: needs 4 bytes, the payload has 2 left");
  // Cut inside the second inner's ds count.
  ExpectRejected(*builder, std::vector<uint8_t>(good.begin(), good.begin() + 50),
                 "field `inners[1].ds`");
  ExpectRejected(*builder, std::vector<uint8_t>(good.begin(), good.end() - 1),
                 "field `tail`: needs 1 bytes, the payload has 0 left");
  // A bool of 2.
  auto bad_bool = BuilderFor("bool[] flags\n");
  ExpectRejected(*bad_bool, CdrWriter().Count(2).Put<uint8_t>(1).Put<uint8_t>(2).bytes(),
                 "at byte 9, field `flags`: a bool is 0 or 1, not 2");
  // A count larger than the bytes left, and a string longer than the payload.
  ExpectRejected(*builder, CdrWriter().Put<int32_t>(0).Put<uint32_t>(0).Count(0x7fffffff).bytes(),
                 "field `header.frame_id`: a string of 2147483647 bytes");
  auto counted = BuilderFor("float64[] values\n");
  ExpectRejected(*counted, CdrWriter().Count(1000).Put<double>(1).bytes(),
                 "field `values`: 1000 values need at least 8000 bytes, the payload has 12 left");
  auto text = BuilderFor("string s\n");
  ExpectRejected(*text, CdrWriter().Count(3).Raw({0xff, 0xfe, 0}).bytes(), "not UTF-8");
  EXPECT_EQ(builder->length(), 0);
  ExpectRows(*builder, "[]");
  ExpectRows(*bad_bool, "[]");
}

TEST(Ros2CdrToArrow, EmptyValuesAreBounded) {
  auto builder = BuilderFor(std::string("pkg/E[] es\n") + kSeparator + "MSG: pkg/E\n\n");
  ASSERT_TRUE(Append(*builder, CdrWriter().Count(3).bytes()).ok());
  ExpectRejected(*builder, CdrWriter().Count(0xffffffff).bytes(), "values of empty messages");
  ExpectRows(*builder, R"([{"es": [{}, {}, {}]}])");
}

TEST(Ros2CdrToArrow, BuildersAreReusedAfterFinish) {
  auto builder = BuilderFor("int32[] a\n");
  for (int round = 0; round < 2; ++round) {
    ASSERT_TRUE(Append(*builder, CdrWriter().Count(1).Put<int32_t>(round).bytes()).ok());
    ExpectRows(*builder, "[{\"a\": [" + std::to_string(round) + "]}]");
  }
}

// Random messages of a schema with every kind of field, written by the test's
// writer, decode to the values written; cut short, they are refused.
TEST(Ros2CdrToArrow, RandomMessagesRoundTrip) {
  auto builder = BuilderFor(std::string("uint8 a\nInner[] b\nfloat64 c\nstring d\nint16[2] e\n") +
                            kSeparator + "MSG: pkg/Inner\nbool f\nint64[] g\nchar h\n");
  std::mt19937 random(15);
  std::string json = "[";
  for (int row = 0; row < 50; ++row) {
    const bool big_endian = random() % 2 == 0;
    CdrWriter w(big_endian);
    const auto a = static_cast<uint8_t>(random());
    w.Put<uint8_t>(a);
    const uint32_t inners = random() % 4;
    w.Count(inners);
    std::string inner_json;
    for (uint32_t i = 0; i < inners; ++i) {
      const bool f = random() % 2 == 0;
      const uint32_t gs = random() % 3;
      w.Put<uint8_t>(f).Count(gs);
      std::string g_json;
      for (uint32_t j = 0; j < gs; ++j) {
        const int64_t g = static_cast<int64_t>(random()) - 1000000;
        w.Put<int64_t>(g);
        if (j > 0) g_json += ',';
        g_json += std::to_string(g);
      }
      const auto h = static_cast<int8_t>(random());
      w.Put<int8_t>(h);
      inner_json += std::string(i ? "," : "") + "{\"f\":" + (f ? "true" : "false") + ",\"g\":[" +
                    g_json + "],\"h\":" + std::to_string(h) + "}";
    }
    const double c = static_cast<double>(random() % 1000) / 8;
    const std::string d(random() % 5, 'q');
    const auto e0 = static_cast<int16_t>(random());
    const auto e1 = static_cast<int16_t>(random());
    w.Put<double>(c).String(d).Put<int16_t>(e0).Put<int16_t>(e1);
    ASSERT_TRUE(Append(*builder, w.bytes()).ok());
    const auto& bytes = w.bytes();
    const size_t cut = 4 + random() % (bytes.size() - 4);
    EXPECT_FALSE(Append(*builder, std::vector<uint8_t>(bytes.begin(), bytes.begin() + cut)).ok())
        << "cut at " << cut;
    json += std::string(row ? "," : "") + "{\"a\":" + std::to_string(a) + ",\"b\":[" +
            inner_json + "],\"c\":" + std::to_string(c) + ",\"d\":\"" + d + "\",\"e\":[" +
            std::to_string(e0) + "," + std::to_string(e1) + "]}";
  }
  ExpectRows(*builder, json + "]");
}

}  // namespace
}  // namespace rrflow::internal
