#include "io/mcap/foxglove_lenses_internal.h"

#include <cstdio>
#include <cstring>
#include <limits>

#include <arrow/api.h>
#include <gtest/gtest.h>

#include "io/mcap/protobuf_test_util.h"
#include "test_util.h"

namespace rrflow::internal::mcap {
namespace {

using rrflow::testing::Decode;
using rrflow::testing::Encode;
using rrflow::testing::Json;
using rrflow::testing::SchemaOf;

// The parts of the Foxglove schemas the lenses read, with Foxglove's field types.
const char kFoxglove[] = R"(
  name: "foxglove_test.proto" package: "foxglove" syntax: "proto3"
  dependency: "google/protobuf/timestamp.proto"
  message_type { name: "Vector3"
    field { name: "x" number: 1 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "y" number: 2 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "z" number: 3 type: TYPE_DOUBLE label: LABEL_OPTIONAL } }
  message_type { name: "Quaternion"
    field { name: "x" number: 1 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "y" number: 2 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "z" number: 3 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "w" number: 4 type: TYPE_DOUBLE label: LABEL_OPTIONAL } }
  message_type { name: "Pose"
    field { name: "position" number: 1 type: TYPE_MESSAGE type_name: ".foxglove.Vector3" label: LABEL_OPTIONAL }
    field { name: "orientation" number: 2 type: TYPE_MESSAGE type_name: ".foxglove.Quaternion" label: LABEL_OPTIONAL } }
  message_type { name: "Color"
    field { name: "r" number: 1 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "g" number: 2 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "b" number: 3 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "a" number: 4 type: TYPE_DOUBLE label: LABEL_OPTIONAL } }
  message_type { name: "Log"
    field { name: "timestamp" number: 1 type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" label: LABEL_OPTIONAL }
    field { name: "level" number: 2 type: TYPE_ENUM type_name: ".foxglove.Log.Level" label: LABEL_OPTIONAL }
    field { name: "message" number: 3 type: TYPE_STRING label: LABEL_OPTIONAL }
    enum_type { name: "Level" value { name: "UNKNOWN" number: 0 } value { name: "DEBUG" number: 1 }
      value { name: "INFO" number: 2 } value { name: "WARNING" number: 3 }
      value { name: "ERROR" number: 4 } value { name: "FATAL" number: 5 } } }
  message_type { name: "PackedElementField"
    field { name: "name" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "offset" number: 2 type: TYPE_FIXED32 label: LABEL_OPTIONAL }
    field { name: "type" number: 3 type: TYPE_ENUM type_name: ".foxglove.PackedElementField.NumericType" label: LABEL_OPTIONAL }
    enum_type { name: "NumericType" value { name: "UNKNOWN" number: 0 } value { name: "UINT8" number: 1 }
      value { name: "INT8" number: 2 } value { name: "UINT16" number: 3 } value { name: "INT16" number: 4 }
      value { name: "UINT32" number: 5 } value { name: "INT32" number: 6 }
      value { name: "FLOAT32" number: 7 } value { name: "FLOAT64" number: 8 } } }
  message_type { name: "PointCloud"
    field { name: "timestamp" number: 1 type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" label: LABEL_OPTIONAL }
    field { name: "frame_id" number: 2 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "pose" number: 3 type: TYPE_MESSAGE type_name: ".foxglove.Pose" label: LABEL_OPTIONAL }
    field { name: "point_stride" number: 4 type: TYPE_FIXED32 label: LABEL_OPTIONAL }
    field { name: "fields" number: 5 type: TYPE_MESSAGE type_name: ".foxglove.PackedElementField" label: LABEL_REPEATED }
    field { name: "data" number: 6 type: TYPE_BYTES label: LABEL_OPTIONAL } }
  message_type { name: "RawImage"
    field { name: "timestamp" number: 1 type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" label: LABEL_OPTIONAL }
    field { name: "frame_id" number: 7 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "width" number: 2 type: TYPE_FIXED32 label: LABEL_OPTIONAL }
    field { name: "height" number: 3 type: TYPE_FIXED32 label: LABEL_OPTIONAL }
    field { name: "encoding" number: 4 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "step" number: 5 type: TYPE_FIXED32 label: LABEL_OPTIONAL }
    field { name: "data" number: 6 type: TYPE_BYTES label: LABEL_OPTIONAL } }
  message_type { name: "FrameTransform"
    field { name: "timestamp" number: 1 type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" label: LABEL_OPTIONAL }
    field { name: "parent_frame_id" number: 2 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "child_frame_id" number: 3 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "translation" number: 4 type: TYPE_MESSAGE type_name: ".foxglove.Vector3" label: LABEL_OPTIONAL }
    field { name: "rotation" number: 5 type: TYPE_MESSAGE type_name: ".foxglove.Quaternion" label: LABEL_OPTIONAL } }
  message_type { name: "FrameTransforms"
    field { name: "transforms" number: 1 type: TYPE_MESSAGE type_name: ".foxglove.FrameTransform" label: LABEL_REPEATED } }
  message_type { name: "LocationFix"
    field { name: "timestamp" number: 6 type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" label: LABEL_OPTIONAL }
    field { name: "frame_id" number: 7 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "latitude" number: 1 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "longitude" number: 2 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "color" number: 8 type: TYPE_MESSAGE type_name: ".foxglove.Color" label: LABEL_OPTIONAL } }
  message_type { name: "CameraCalibration"
    field { name: "timestamp" number: 1 type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" label: LABEL_OPTIONAL }
    field { name: "frame_id" number: 9 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "width" number: 2 type: TYPE_FIXED32 label: LABEL_OPTIONAL }
    field { name: "height" number: 3 type: TYPE_FIXED32 label: LABEL_OPTIONAL }
    field { name: "K" number: 6 type: TYPE_DOUBLE label: LABEL_REPEATED } }
  message_type { name: "CompressedVideo"
    field { name: "timestamp" number: 1 type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" label: LABEL_OPTIONAL }
    field { name: "frame_id" number: 2 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "data" number: 3 type: TYPE_BYTES label: LABEL_OPTIONAL }
    field { name: "format" number: 4 type: TYPE_STRING label: LABEL_OPTIONAL } }
)";

// A Log whose fields have other types than Foxglove's: a ROS-like stamp and
// a numeric message.
const char kOddLog[] = R"(
  name: "odd.proto" package: "foxglove" syntax: "proto3"
  message_type { name: "Stamp"
    field { name: "sec" number: 1 type: TYPE_INT64 label: LABEL_OPTIONAL }
    field { name: "nsec" number: 2 type: TYPE_INT32 label: LABEL_OPTIONAL } }
  message_type { name: "Log"
    field { name: "timestamp" number: 1 type: TYPE_MESSAGE type_name: ".foxglove.Stamp" label: LABEL_OPTIONAL }
    field { name: "message" number: 3 type: TYPE_INT32 label: LABEL_OPTIONAL } }
)";

constexpr int64_t kLogTime = 1'700'000'000'000'000'000;

// What the protobuf decoder makes of `texts` (messages of foxglove.`type`
// as protobuf text): one message a row at the topic /topic, logged 1 ns apart.
ChunkPtr MessageChunk(const std::string& type, const std::vector<std::string>& texts,
                      const char* file = kFoxglove) {
  const auto schema = SchemaOf("foxglove." + type, file);
  std::vector<std::string> payloads;
  std::vector<int64_t> times;
  for (const auto& text : texts) {
    payloads.push_back(Encode(*schema, text));
    times.push_back(kLogTime + static_cast<int64_t>(times.size()));
  }
  const auto messages = Decode(schema, payloads);
  std::vector<int32_t> offsets;
  for (int32_t row = 0; row <= static_cast<int32_t>(texts.size()); ++row) offsets.push_back(row);
  arrow::Int32Builder offset_builder;
  EXPECT_TRUE(offset_builder.AppendValues(offsets).ok());
  const auto list =
      arrow::ListArray::FromArrays(*offset_builder.Finish().ValueOrDie(), *messages).ValueOrDie();
  auto log_times = rrflow::testing::Int64s(times)->data()->Copy();
  log_times->type = arrow::timestamp(arrow::TimeUnit::NANO);
  auto chunk = Chunk::FromColumns(
      EntityPath::Parse("/topic"), {{"message_log_time", arrow::MakeArray(log_times)}},
      {{ComponentDescriptor("foxglove." + type + ":message", "foxglove." + type), list}});
  EXPECT_TRUE(chunk.ok()) << chunk.status().ToString();
  return chunk.ValueOr(nullptr);
}

struct Lensed {
  std::vector<ChunkPtr> chunks;
  std::vector<Problem> problems;

  const Chunk& only() const {
    EXPECT_EQ(chunks.size(), 1u);
    return *chunks.front();
  }
  const ComponentColumn& column(const std::string& name) const {
    const auto* found = only().FindComponent(name);
    EXPECT_NE(found, nullptr) << name;
    return *found;
  }
  std::vector<int64_t> times(const std::string& timeline) const {
    const auto* found = only().FindTimeline(timeline);
    EXPECT_NE(found, nullptr) << timeline;
    return std::vector<int64_t>(found->values(), found->values() + found->length());
  }
};

Lensed Apply(const ChunkPtr& chunk, TimeType type = TimeType::kTimestampNs) {
  CollectingProblemHandler problems;
  auto chunks = ApplyFoxgloveLenses(chunk, type, "file.mcap", &problems);
  EXPECT_TRUE(chunks.ok()) << chunks.status().ToString();
  return Lensed{chunks.ValueOr(std::vector<ChunkPtr>{}), problems.Take()};
}

void ExpectColumn(const ComponentColumn& column, const std::string& type, const std::string& json) {
  EXPECT_EQ(column.list->type()->ToString(), type);
  const auto expected = Json(column.list->type(), json);
  EXPECT_TRUE(column.list->Equals(*expected))
      << "got      " << column.list->ToString() << "\nexpected " << expected->ToString();
}

// Protobuf text escaping of little-endian bytes.
template <typename T>
std::string Bytes(T value) {
  std::string bytes(sizeof(T), '\0');
  std::memcpy(bytes.data(), &value, sizeof(T));
  return bytes;
}

std::string Escaped(const std::string& bytes) {
  std::string text;
  for (const unsigned char c : bytes) {
    char octal[5];
    std::snprintf(octal, sizeof(octal), "\\%03o", c);
    text += octal;
  }
  return text;
}

std::string Field(const std::string& name, int offset, const std::string& type) {
  return "fields { name: \"" + name + "\" offset: " + std::to_string(offset) + " type: " + type +
         " } ";
}

TEST(McapFoxgloveLenses, LogBecomesTextLogOnANewChunkWithATimestampTimeline) {
  const auto chunk = MessageChunk(
      "Log", {"timestamp { seconds: 2 nanos: 5 } level: WARNING message: \"careful\"",
              "level: FATAL message: \"down\"", "level: UNKNOWN", "level: DEBUG"});
  const auto lensed = Apply(chunk);
  const Chunk& out = lensed.only();
  EXPECT_NE(out.id(), chunk->id());
  EXPECT_NE(out.row_id(0), chunk->row_id(0));
  EXPECT_EQ(out.entity_path().ToString(), "/topic");
  EXPECT_EQ(out.FindComponent("foxglove.Log:message"), nullptr);
  // An unset timestamp is 0, as in the reference.
  EXPECT_EQ(lensed.times("timestamp"), (std::vector<int64_t>{2'000'000'005, 0, 0, 0}));
  EXPECT_EQ(lensed.times("message_log_time"),
            (std::vector<int64_t>{kLogTime, kLogTime + 1, kLogTime + 2, kLogTime + 3}));
  ExpectColumn(lensed.column("TextLog:level"), "list<item: string>",
               R"([["WARN"], ["CRITICAL"], [null], ["DEBUG"]])");
  ExpectColumn(lensed.column("TextLog:text"), "list<item: string>",
               R"([["careful"], ["down"], [""], [""]])");
  const auto& level = lensed.column("TextLog:level").descriptor;
  EXPECT_EQ(level.archetype, "rerun.archetypes.TextLog");
  EXPECT_EQ(level.component_type, "rerun.components.TextLogLevel");
  EXPECT_TRUE(lensed.problems.empty());
}

TEST(McapFoxgloveLenses, TimestampTimelineTakesTheSelectedTimeType) {
  const auto lensed = Apply(MessageChunk("Log", {"timestamp { seconds: 1 }"}),
                            TimeType::kDurationNs);
  EXPECT_EQ(lensed.only().FindTimeline("timestamp")->type(), TimeType::kDurationNs);
}

TEST(McapFoxgloveLenses, AnOverflowingTimestampLeavesOutTheTimelineOnly) {
  const auto lensed = Apply(MessageChunk(
      "Log", {"timestamp { sec: 9223372037 nsec: 0 } message: 1"}, kOddLog));
  EXPECT_EQ(lensed.only().FindTimeline("timestamp"), nullptr);
  EXPECT_NE(lensed.only().FindTimeline("message_log_time"), nullptr);
  // The numeric `message` is not the string Foxglove's Log has: left out too.
  EXPECT_EQ(lensed.only().FindComponent("TextLog:text"), nullptr);
  EXPECT_EQ(lensed.only().FindComponent("TextLog:level"), nullptr);
  ASSERT_EQ(lensed.problems.size(), 3u);
  EXPECT_NE(lensed.problems[0].message.find("timeline `timestamp` left out: timestamp "
                                            "9223372037 s + 0 ns overflows"),
            std::string::npos)
      << lensed.problems[0].message;
  EXPECT_EQ(lensed.problems[0].source, "file.mcap");
  EXPECT_NE(lensed.problems[1].message.find("TextLog:text left out: field `message` is of type int32"),
            std::string::npos)
      << lensed.problems[1].message;
  EXPECT_NE(lensed.problems[2].message.find("TextLog:level left out: no field `level`"),
            std::string::npos)
      << lensed.problems[2].message;
}

TEST(McapFoxgloveLenses, RosStyleStampSpellingsAreRead) {
  const auto lensed = Apply(MessageChunk("Log", {"timestamp { sec: 3 nsec: -1 }"}, kOddLog));
  EXPECT_EQ(lensed.times("timestamp"), (std::vector<int64_t>{2'999'999'999}));
}

TEST(McapFoxgloveLenses, AChunkWithoutAFoxgloveColumnComesBackAsItIs) {
  const auto chunk = MessageChunk("Vector3", {"x: 1"});
  const auto lensed = Apply(chunk);
  ASSERT_EQ(lensed.chunks.size(), 1u);
  EXPECT_EQ(lensed.chunks.front(), chunk);
}

TEST(McapFoxgloveLenses, FrameTransformsScatterOneRowPerTransform) {
  const auto lensed = Apply(MessageChunk(
      "FrameTransforms",
      {"transforms { timestamp { seconds: 1 } parent_frame_id: \"map\" child_frame_id: \"a\" "
       "translation { x: 0.1 } rotation { w: 1 } } "
       "transforms { timestamp { seconds: 2 } child_frame_id: \"b\" }",
       "", "transforms { timestamp { seconds: 3 } child_frame_id: \"c\" rotation { z: 1 } }"}));
  // The message without transforms gives no row (the reference loses the chunk).
  EXPECT_EQ(lensed.times("message_log_time"),
            (std::vector<int64_t>{kLogTime, kLogTime, kLogTime + 2}));
  EXPECT_EQ(lensed.times("timestamp"),
            (std::vector<int64_t>{1'000'000'000, 2'000'000'000, 3'000'000'000}));
  ExpectColumn(lensed.column("Transform3D:child_frame"), "list<item: string>",
               R"([["a"], ["b"], ["c"]])");
  ExpectColumn(lensed.column("Transform3D:parent_frame"), "list<item: string>",
               R"([["map"], [""], [""]])");
  // An unset translation is one instance of nulls; the item becomes nullable.
  ExpectColumn(lensed.column("Transform3D:translation"),
               "list<item: fixed_size_list<item: float>[3]>",
               "[[[0.1, 0, 0]], [[null, null, null]], [[null, null, null]]]");
  ExpectColumn(lensed.column("Transform3D:quaternion"),
               "list<item: fixed_size_list<item: float>[4]>",
               "[[[0, 0, 0, 1]], [[null, null, null, null]], [[0, 0, 1, 0]]]");
}

TEST(McapFoxgloveLenses, ScatterWithoutAnyElementGivesNoChunk) {
  EXPECT_TRUE(Apply(MessageChunk("FrameTransforms", {"", ""})).chunks.empty());
}

TEST(McapFoxgloveLenses, LocationFixColoursAreClampedRoundedAndPacked) {
  const auto lensed = Apply(MessageChunk(
      "LocationFix",
      {"frame_id: \"gps\" latitude: 48.1 longitude: 11.5 color { r: 1 g: 0.5 b: 0 a: 1 }",
       "color { r: 1.5 g: -0.2 b: 0.25 a: 0.5 }", "color { r: nan g: 0.002 b: 0.998 a: inf }",
       "latitude: 1"}));
  // 0.5·255 = 127.5 rounds up to 128, 0.25·255 = 63.75 to 64; NaN is 0.
  ExpectColumn(lensed.column("GeoPoints:colors"), "list<item: uint32>",
               "[[4286578943], [4278206592], [130815], null]");
  ExpectColumn(lensed.column("GeoPoints:positions"),
               "list<item: fixed_size_list<item: double not null>[2]>",
               "[[[48.1, 11.5]], [[0, 0]], [[0, 0]], [[1, 0]]]");
  ExpectColumn(lensed.column("CoordinateFrame:frame"), "list<item: string>",
               R"([["gps"], [""], [""], [""]])");
}

TEST(McapFoxgloveLenses, PackedFieldsOfEveryNumericType) {
  // x int8, y uint16, z int32, red int16, green uint32, blue float64, alpha int8.
  const std::string fields = Field("x", 0, "INT8") + Field("y", 1, "UINT16") +
                             Field("z", 3, "INT32") + Field("red", 7, "INT16") +
                             Field("green", 9, "UINT32") + Field("blue", 13, "FLOAT64") +
                             Field("alpha", 21, "INT8");
  const std::string point = Bytes<int8_t>(-3) + Bytes<uint16_t>(500) + Bytes<int32_t>(-70000) +
                            Bytes<int16_t>(-5) + Bytes<uint32_t>(1000) + Bytes<double>(0.5) +
                            Bytes<int8_t>(-1);
  // Two whole points and two bytes too few for a third.
  const std::string data = point + point.substr(0, 21) + Bytes<int8_t>(100) + "\x01\x02";
  const auto lensed = Apply(MessageChunk(
      "PointCloud", {"point_stride: 22 " + fields + "data: \"" + Escaped(data) + "\""}));
  ExpectColumn(lensed.column("Points3D:positions"),
               "list<item: fixed_size_list<item: float not null>[3]>",
               "[[[-3, 500, -70000], [-3, 500, -70000]]]");
  // Integers saturate into 0..255 (negative → 0); 0.5·255 = 127.5 truncates to 127.
  ExpectColumn(lensed.column("Points3D:colors"), "list<item: uint32>",
               "[[16744192, 16744292]]");
}

TEST(McapFoxgloveLenses, PackedFieldsReadPastTheEndAsZero) {
  const std::string fields = Field("x", 0, "FLOAT32") + Field("y", 2, "FLOAT32") +
                             Field("z", 6, "UINT8") + Field("red", 0, "UINT8") +
                             Field("green", 1, "UINT8") + Field("blue", 9, "UINT8");
  const std::string data = Bytes<float>(1.5f) + Bytes<float>(2.5f);
  const auto lensed = Apply(MessageChunk(
      "PointCloud", {"point_stride: 4 " + fields + "data: \"" + Escaped(data) + "\""}));
  const auto& positions = lensed.column("Points3D:positions");
  ASSERT_EQ(positions.list->value_length(0), 2);
  const auto& floats = static_cast<const arrow::FloatArray&>(
      *static_cast<const arrow::FixedSizeListArray&>(*positions.list->values()).values());
  // Point 1 (bytes 4..7): y at byte 6 needs 4 bytes where 2 are left, z at 10 is past the end.
  EXPECT_EQ(floats.Value(3), 2.5f);
  EXPECT_EQ(floats.Value(4), 0.0f);
  EXPECT_EQ(floats.Value(5), 0.0f);
  // Alpha defaults to 255; blue at byte 9 of point 1 is past the end.
  const std::string first = Bytes<float>(1.5f);
  const uint32_t red0 = static_cast<uint8_t>(first[0]);
  const uint32_t green0 = static_cast<uint8_t>(first[1]);
  const auto& colors = static_cast<const arrow::UInt32Array&>(
      *lensed.column("Points3D:colors").list->values());
  ASSERT_EQ(colors.length(), 2);
  EXPECT_EQ(colors.Value(0) >> 16, red0 << 8 | green0);
  EXPECT_EQ(colors.Value(1) & 0xFF, 255u);
  EXPECT_EQ(colors.Value(1) >> 8 & 0xFF, 0u);
}

TEST(McapFoxgloveLenses, FloatColoursScaleAndTruncateInSinglePrecision) {
  const std::string fields = Field("x", 0, "UINT8") + Field("y", 0, "UINT8") +
                             Field("z", 0, "UINT8") + Field("red", 0, "FLOAT32") +
                             Field("green", 4, "FLOAT32") + Field("blue", 8, "FLOAT32") +
                             Field("alpha", 12, "FLOAT32");
  const std::string data = Bytes<float>(1.0f) + Bytes<float>(0.5f) + Bytes<float>(2.0f) +
                           Bytes<float>(-0.5f);
  const auto lensed = Apply(MessageChunk(
      "PointCloud", {"point_stride: 16 " + fields + "data: \"" + Escaped(data) + "\""}));
  ExpectColumn(lensed.column("Points3D:colors"), "list<item: uint32>", "[[4286578432]]");
}

TEST(McapFoxgloveLenses, PointCloudRowsWithoutWhatTheyNeedAreNull) {
  const std::string xyz = Field("x", 0, "UINT8") + Field("y", 0, "UINT8") + Field("z", 0, "UINT8");
  const auto lensed = Apply(MessageChunk(
      "PointCloud",
      {"point_stride: 0 " + xyz + "data: \"\\001\"",                    // stride 0
       "point_stride: 1 " + Field("x", 0, "UINT8") + "data: \"\\001\"",  // no y, z
       "point_stride: 1 data: \"\\001\"",                                // no fields
       "point_stride: 1 " + xyz + "data: \"\\007\" pose { position { x: 1 } }"}));
  ExpectColumn(lensed.column("Points3D:positions"),
               "list<item: fixed_size_list<item: float not null>[3]>",
               "[null, null, null, [[7, 7, 7]]]");
  ExpectColumn(lensed.column("Points3D:colors"), "list<item: uint32>", "[null, null, null, null]");
  // A row without pose is null, and makes the item nullable, as in the reference.
  ExpectColumn(lensed.column("InstancePoses3D:translations"),
               "list<item: fixed_size_list<item: float>[3]>", "[null, null, null, [[1, 0, 0]]]");
  ExpectColumn(lensed.column("InstancePoses3D:quaternions"),
               "list<item: fixed_size_list<item: float>[4]>", "[null, null, null, null]");
}

TEST(McapFoxgloveLenses, AnUnknownPackedTypeLeavesOutTheColumnThatMatchedIt) {
  const auto lensed = Apply(MessageChunk(
      "PointCloud", {"point_stride: 1 " + Field("x", 0, "UNKNOWN") + Field("y", 0, "UINT8") +
                     Field("z", 0, "UINT8") + Field("red", 0, "UINT8") + Field("green", 0, "UINT8") +
                     Field("blue", 0, "UINT8") + "data: \"\\002\""}));
  EXPECT_EQ(lensed.only().FindComponent("Points3D:positions"), nullptr);
  ExpectColumn(lensed.column("Points3D:colors"), "list<item: uint32>", "[[33686271]]");
  ASSERT_EQ(lensed.problems.size(), 1u);
  EXPECT_NE(lensed.problems[0].message.find(
                "Points3D:positions left out: packed field `x` has the unknown numeric type 0"),
            std::string::npos)
      << lensed.problems[0].message;
}

TEST(McapFoxgloveLenses, RawImageRowsLosePaddingAndExtraBytes) {
  const auto lensed = Apply(MessageChunk(
      "RawImage",
      {R"(frame_id: "cam" width: 2 height: 2 encoding: "rgb8" step: 8 data: "ABCDEFghIJKLMNop")",
       R"(width: 2 height: 2 encoding: "mono8" step: 0 data: "ABCDxyz")",
       R"(width: 2 height: 2 encoding: "mono16" step: 4 data: "ABCDEFGH")",
       // Padded rows with data that ends inside the second row: cut where it ends.
       R"(width: 2 height: 2 encoding: "rgb8" step: 8 data: "ABCDEFghIJ")",
       R"(width: 2 height: 2 encoding: "yuyv" data: "ABCDEFGH")",
       R"(width: 2 height: 2 encoding: "nv12" data: "ABCDEFGH")",
       R"(width: 1 height: 1 encoding: "64FC1" data: "ABCDEFGHI")"}));
  const auto& buffers = lensed.column("Image:buffer");
  EXPECT_EQ(buffers.list->type()->ToString(), "list<item: list<item: uint8 not null>>");
  // Step 0 takes the stride from the data's length, even where that finds
  // padding (mono8, nv12), as the reference does.
  const std::vector<std::string> expected = {"ABCDEFIJKLMN", "ABDx", "ABCDEFGH", "ABCDEFIJ",
                                             "ABCDEFGH", "ABCEFG", "ABCDEFGH"};
  const auto& blobs = static_cast<const arrow::ListArray&>(*buffers.list->values());
  ASSERT_EQ(blobs.length(), static_cast<int64_t>(expected.size()));
  for (size_t row = 0; row < expected.size(); ++row) {
    const auto bytes = blobs.value_slice(static_cast<int64_t>(row));
    const auto& values = static_cast<const arrow::UInt8Array&>(*bytes);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(values.raw_values()),
                          static_cast<size_t>(values.length())),
              expected[row])
        << "row " << row;
  }
  ExpectColumn(lensed.column("Image:format"),
               "list<item: struct<width: uint32 not null, height: uint32 not null, pixel_format: "
               "uint8, color_model: uint8, channel_datatype: uint8>>",
               R"([[{"width": 2, "height": 2, "pixel_format": null, "color_model": 2, "channel_datatype": 6}],
                   [{"width": 2, "height": 2, "pixel_format": null, "color_model": 1, "channel_datatype": 6}],
                   [{"width": 2, "height": 2, "pixel_format": null, "color_model": 1, "channel_datatype": 8}],
                   [{"width": 2, "height": 2, "pixel_format": null, "color_model": 2, "channel_datatype": 6}],
                   [{"width": 2, "height": 2, "pixel_format": 27, "color_model": null, "channel_datatype": null}],
                   [{"width": 2, "height": 2, "pixel_format": 26, "color_model": null, "channel_datatype": null}],
                   [{"width": 1, "height": 1, "pixel_format": null, "color_model": null, "channel_datatype": 35}]])");
  ExpectColumn(lensed.column("CoordinateFrame:frame"), "list<item: string>",
               R"([["cam_image_plane"], [""], [""], [""], [""], [""], [""]])");
}

TEST(McapFoxgloveLenses, RawImageWithAnUnknownEncodingLosesFormatAndBuffer) {
  const auto lensed = Apply(MessageChunk(
      "RawImage", {R"(width: 2 height: 2 encoding: "rgb8" data: "abcdefghijkl")",
                   R"(width: 2 height: 2 encoding: "8uc1" data: "abcd")"}));
  EXPECT_EQ(lensed.only().FindComponent("Image:format"), nullptr);
  EXPECT_EQ(lensed.only().FindComponent("Image:buffer"), nullptr);
  EXPECT_NE(lensed.only().FindComponent("CoordinateFrame:frame"), nullptr);
  ASSERT_EQ(lensed.problems.size(), 2u);
  EXPECT_NE(lensed.problems[0].message.find("unsupported image encoding `8uc1`"),
            std::string::npos)
      << lensed.problems[0].message;
}

TEST(McapFoxgloveLenses, HugeImageSizesAreAnErrorNotAnOverflow) {
  const auto lensed = Apply(MessageChunk(
      "RawImage", {R"(width: 4294967295 height: 4294967295 encoding: "rgba16" data: "ab")"}));
  EXPECT_EQ(lensed.only().FindComponent("Image:buffer"), nullptr);
  EXPECT_NE(lensed.only().FindComponent("Image:format"), nullptr);
}

TEST(McapFoxgloveLenses, CameraCalibrationTransposesK) {
  const auto lensed = Apply(MessageChunk(
      "CameraCalibration",
      {"frame_id: \"cam\" width: 640 height: 480 K: [525, 0, 319.5, 0, 525, 239.5, 0, 0, 1]",
       "width: 1 height: 2"}));
  // A message without K is a null row (the reference drops the column).
  ExpectColumn(lensed.column("Pinhole:image_from_camera"),
               "list<item: fixed_size_list<item: float not null>[9]>",
               "[[[525, 0, 0, 0, 525, 0, 319.5, 239.5, 1]], null]");
  ExpectColumn(lensed.column("Pinhole:resolution"),
               "list<item: fixed_size_list<item: float not null>[2]>", "[[[640, 480]], [[1, 2]]]");
  ExpectColumn(lensed.column("Pinhole:child_frame"), "list<item: string>",
               R"([["cam_image_plane"], [""]])");
  ExpectColumn(lensed.column("Pinhole:parent_frame"), "list<item: string>", R"([["cam"], [""]])");
}

TEST(McapFoxgloveLenses, KOfAnotherSizeLeavesOutTheProjection) {
  const auto lensed = Apply(MessageChunk("CameraCalibration", {"K: [1, 2, 3, 4]"}));
  EXPECT_EQ(lensed.only().FindComponent("Pinhole:image_from_camera"), nullptr);
  ASSERT_EQ(lensed.problems.size(), 1u);
  EXPECT_NE(lensed.problems[0].message.find("`K` has 4 values, not 9"), std::string::npos);
  // No K at all: no column and nothing to report, as the reference.
  const auto without = Apply(MessageChunk("CameraCalibration", {"width: 1"}));
  EXPECT_EQ(without.only().FindComponent("Pinhole:image_from_camera"), nullptr);
  EXPECT_TRUE(without.problems.empty());
}

TEST(McapFoxgloveLenses, VideoCodecsIgnoreCaseAndAnUnknownOneLeavesOutTheCodec) {
  const auto known = Apply(MessageChunk(
      "CompressedVideo", {R"(format: "H264")", R"(format: "hEvC")"}));
  EXPECT_EQ(known.only().FindComponent("VideoStream:codec"), nullptr);
  ASSERT_EQ(known.problems.size(), 1u);
  EXPECT_NE(known.problems[0].message.find("unsupported video format `hEvC`"), std::string::npos);
  const auto codecs = Apply(MessageChunk(
      "CompressedVideo", {R"(format: "H264" data: "xy")", R"(format: "Vp9")"}));
  ExpectColumn(codecs.column("VideoStream:codec"), "list<item: uint32>",
               "[[1635148593], [1987063865]]");
  ExpectColumn(codecs.column("VideoStream:sample"), "list<item: list<item: uint8 not null>>",
               "[[[120, 121]], [[]]]");
}

TEST(McapFoxgloveLenses, OtherColumnsStayInAChunkOfTheirOwn) {
  const auto messages = MessageChunk("Log", {"message: \"a\"", "message: \"b\""});
  auto notes = rrflow::testing::Int64s({7, 8});
  auto chunk = Chunk::FromColumns(
      EntityPath::Parse("/topic"),
      {{"message_log_time", messages->FindTimeline("message_log_time")->times()}},
      {{messages->components().front().descriptor, messages->components().front().list},
       {ComponentDescriptor("note"), notes}});
  ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
  const auto lensed = Apply(*chunk);
  ASSERT_EQ(lensed.chunks.size(), 2u);
  EXPECT_NE(lensed.chunks[0]->FindComponent("TextLog:text"), nullptr);
  EXPECT_EQ(lensed.chunks[0]->FindComponent("note"), nullptr);
  const Chunk& rest = *lensed.chunks[1];
  ASSERT_EQ(rest.components().size(), 1u);
  EXPECT_EQ(rest.components().front().descriptor.component, "note");
  EXPECT_EQ(rest.row_id(0), (*chunk)->row_id(0));
}

TEST(McapFoxgloveLenses, AColumnThatIsNotOneMessageARowIsLeftAsItIs) {
  const auto messages = MessageChunk("Log", {"message: \"a\""});
  const auto& list = *messages->components().front().list;
  // The one message twice in one row.
  arrow::Int32Builder offsets;
  ASSERT_TRUE(offsets.AppendValues({0, 2}).ok());
  const auto doubled = arrow::ListArray::FromArrays(
      *offsets.Finish().ValueOrDie(),
      *arrow::Concatenate({list.values(), list.values()}).ValueOrDie()).ValueOrDie();
  auto chunk = Chunk::FromColumns(
      EntityPath::Parse("/topic"),
      {{"message_log_time", messages->FindTimeline("message_log_time")->times()}},
      {{messages->components().front().descriptor, doubled}});
  ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
  const auto lensed = Apply(*chunk);
  ASSERT_EQ(lensed.chunks.size(), 1u);
  EXPECT_EQ(lensed.chunks.front(), *chunk);
  ASSERT_EQ(lensed.problems.size(), 1u);
  EXPECT_NE(lensed.problems[0].message.find("row 0 does not hold exactly one message"),
            std::string::npos)
      << lensed.problems[0].message;
}

}  // namespace
}  // namespace rrflow::internal::mcap
