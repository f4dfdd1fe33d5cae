// Chunk::Format against the reference: snapshots printed by rerun-sdk 0.33.1
// (`Chunk.format`), and unit tests of the arrow-rs style display of types and
// values and of the comfy-table style layout. Every expected string below was
// produced by the reference.
#include <cmath>
#include <limits>

#include <arrow/api.h>
#include <arrow/util/float16.h>
#include <gtest/gtest.h>

#include "rrflow/chunk/chunk.h"
#include "test_util.h"
#include "text/arrow_display_internal.h"
#include "text/text_table_internal.h"

namespace rrflow {
namespace {

using internal::ArrayValueFormatter;
using internal::DisplayWidth;
using internal::FormatDataType;
using internal::GraphemeClusters;
using internal::TextTable;

// ---------------------------------------------------------------------------
// Helpers

template <typename Builder, typename T>
std::shared_ptr<arrow::Array> Build(std::shared_ptr<arrow::DataType> type,
                                    const std::vector<std::optional<T>>& values) {
  std::unique_ptr<arrow::ArrayBuilder> builder;
  EXPECT_TRUE(arrow::MakeBuilder(arrow::default_memory_pool(), type, &builder).ok());
  auto& typed = static_cast<Builder&>(*builder);
  for (const auto& value : values) {
    EXPECT_TRUE((value ? typed.Append(*value) : typed.AppendNull()).ok());
  }
  return builder->Finish().ValueOrDie();
}

/// Every value of `array`, formatted.
std::vector<std::string> FormatAll(const std::shared_ptr<arrow::Array>& array) {
  auto formatter = ArrayValueFormatter::Make(array);
  EXPECT_TRUE(formatter.ok()) << formatter.status().ToString();
  std::vector<std::string> out;
  for (int64_t i = 0; i < array->length(); ++i) out.push_back(formatter->Format(i));
  return out;
}

using Strings = std::vector<std::string>;

/// Points3D positions: List<FixedSizeList<3 x non-null Float32>>.
std::shared_ptr<arrow::Array> Positions(const std::vector<std::vector<float>>& rows) {
  auto point_type = arrow::fixed_size_list(arrow::field("item", arrow::float32(), false), 3);
  arrow::ListBuilder lists(arrow::default_memory_pool(),
                           std::make_shared<arrow::FixedSizeListBuilder>(
                               arrow::default_memory_pool(),
                               std::make_shared<arrow::FloatBuilder>(), point_type),
                           arrow::list(point_type));
  auto* points = static_cast<arrow::FixedSizeListBuilder*>(lists.value_builder());
  auto* coordinates = static_cast<arrow::FloatBuilder*>(points->value_builder());
  for (const auto& row : rows) {
    EXPECT_TRUE(lists.Append().ok());
    EXPECT_TRUE(points->Append().ok());
    EXPECT_TRUE(coordinates->AppendValues(row).ok());
  }
  return lists.Finish().ValueOrDie();
}

std::shared_ptr<arrow::Array> Floats(const std::vector<std::vector<float>>& rows) {
  arrow::ListBuilder lists(arrow::default_memory_pool(), std::make_shared<arrow::FloatBuilder>());
  auto* values = static_cast<arrow::FloatBuilder*>(lists.value_builder());
  for (const auto& row : rows) {
    EXPECT_TRUE(lists.Append().ok());
    EXPECT_TRUE(values->AppendValues(row).ok());
  }
  return lists.Finish().ValueOrDie();
}

const ComponentDescriptor kPositions("Points3D:positions", "rerun.archetypes.Points3D",
                                     "rerun.components.Position3D");
const ComponentDescriptor kRadii("Points3D:radii", "rerun.archetypes.Points3D",
                                 "rerun.components.Radius");

/// The chunk of the reference's test suite: two points, two timelines.
ChunkPtr TemporalPoints() {
  arrow::DurationBuilder durations(arrow::duration(arrow::TimeUnit::NANO),
                                   arrow::default_memory_pool());
  EXPECT_TRUE(durations.AppendValues({1500000000, 1800000000000}).ok());
  auto chunk = Chunk::FromColumns(
      EntityPath::Parse("/test"),
      {{"frame", testing::Int64s({1, 2})}, {"time", durations.Finish().ValueOrDie()}},
      {{kPositions, Positions({{1, 2, 3}, {4, 5, 6}})}, {kRadii, Floats({{1}, {2}})}});
  EXPECT_TRUE(chunk.ok()) << chunk.status().ToString();
  return *chunk;
}

std::string Format(const Chunk& chunk, FormatOptions options) {
  auto text = chunk.Format(options);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? *text : "";
}

// ---------------------------------------------------------------------------
// Snapshots

TEST(ChunkFormat, StaticPointsRedacted) {
  ASSERT_OK_AND_ASSIGN(auto chunk,
                       Chunk::FromColumns(EntityPath::Parse("/test/static"), {},
                                          {{kPositions, Positions({{1, 2, 3}, {4, 5, 6}})}}));
  EXPECT_EQ(Format(*chunk, {.redact = true}),
            R"table(┌─────────────────────────────────────────────────────────────────────────────────────────────────────┐
│ METADATA:                                                                                           │
│ * entity_path: /test/static                                                                         │
│ * id: [**REDACTED**]                                                                                │
│ * version: [**REDACTED**]                                                                           │
├╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┤
│ ┌───────────────────────────────────────────────┬─────────────────────────────────────────────────┐ │
│ │ RowId                                         ┆ Points3D:positions                              │ │
│ │ ---                                           ┆ ---                                             │ │
│ │ type: non-null FixedSizeBinary(16)            ┆ type: List(FixedSizeList(3 x non-null Float32)) │ │
│ │ ARROW:extension:metadata: {"namespace":"row"} ┆ archetype: Points3D                             │ │
│ │ ARROW:extension:name: TUID                    ┆ component: Points3D:positions                   │ │
│ │ is_sorted: true                               ┆ component_type: Position3D                      │ │
│ │ kind: control                                 ┆ kind: data                                      │ │
│ ╞═══════════════════════════════════════════════╪═════════════════════════════════════════════════╡ │
│ │ row_[**REDACTED**]                            ┆ [[1.0, 2.0, 3.0]]                               │ │
│ ├╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┤ │
│ │ row_[**REDACTED**]                            ┆ [[4.0, 5.0, 6.0]]                               │ │
│ └───────────────────────────────────────────────┴─────────────────────────────────────────────────┘ │
└─────────────────────────────────────────────────────────────────────────────────────────────────────┘)table");
}

TEST(ChunkFormat, NarrowWidthWrapsCells) {
  EXPECT_EQ(Format(*TemporalPoints(), {.width = 80, .redact = true}),
            R"table(┌──────────────────────────────────────────────────────────────────────────────┐
│ METADATA:                                                                    │
│ * entity_path: /test                                                         │
│ * id: [**REDACTED**]                                                         │
│ * version: [**REDACTED**]                                                    │
├╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┤
│ ┌──────────────┬──────────────┬──────────────┬──────────────┬──────────────┐ │
│ │ RowId        ┆ frame        ┆ time         ┆ Points3D:pos ┆ Points3D:rad │ │
│ │ ---          ┆ ---          ┆ ---          ┆ itions       ┆ ii           │ │
│ │ type:        ┆ type: Int64  ┆ type:        ┆ ---          ┆ ---          │ │
│ │ non-null Fix ┆ index_name:  ┆ Duration(ns) ┆ type: List(F ┆ type: List(F │ │
│ │ edSizeBinary ┆ frame        ┆ index_name:  ┆ ixedSizeList ┆ loat32)      │ │
│ │ (16)         ┆ is_sorted:   ┆ time         ┆ (3 x         ┆ archetype:   │ │
│ │ ARROW:extens ┆ true         ┆ is_sorted:   ┆ non-null     ┆ Points3D     │ │
│ │ ion:metadata ┆ kind: index  ┆ true         ┆ Float32))    ┆ component:   │ │
│ │ : {"namespac ┆              ┆ kind: index  ┆ archetype:   ┆ Points3D:rad │ │
│ │ e":"row"}    ┆              ┆              ┆ Points3D     ┆ ii           │ │
│ │ ARROW:extens ┆              ┆              ┆ component:   ┆ component_ty │ │
│ │ ion:name:    ┆              ┆              ┆ Points3D:pos ┆ pe: Radius   │ │
│ │ TUID         ┆              ┆              ┆ itions       ┆ kind: data   │ │
│ │ is_sorted:   ┆              ┆              ┆ component_ty ┆              │ │
│ │ true         ┆              ┆              ┆ pe:          ┆              │ │
│ │ kind:        ┆              ┆              ┆ Position3D   ┆              │ │
│ │ control      ┆              ┆              ┆ kind: data   ┆              │ │
│ ╞══════════════╪══════════════╪══════════════╪══════════════╪══════════════╡ │
│ │ row_[**REDAC ┆ 1            ┆ PT1.5S       ┆ [[1.0, 2.0,  ┆ [1.0]        │ │
│ │ TED**]       ┆              ┆              ┆ 3.0]]        ┆              │ │
│ ├╌╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌╌┤ │
│ │ row_[**REDAC ┆ 2            ┆ PT1800S      ┆ [[4.0, 5.0,  ┆ [2.0]        │ │
│ │ TED**]       ┆              ┆              ┆ 6.0]]        ┆              │ │
│ └──────────────┴──────────────┴──────────────┴──────────────┴──────────────┘ │
└──────────────────────────────────────────────────────────────────────────────┘)table");
}

TEST(ChunkFormat, UnredactedWithUntrimmedKeys) {
  // The reference's chunk, read back with its ids.
  const auto points = TemporalPoints();
  ASSERT_OK_AND_ASSIGN(auto chunk_id, ChunkId::Parse("chunk_18EB0BB086026A0D78a7a25529fb0c5e"));
  arrow::FixedSizeBinaryBuilder row_ids(arrow::fixed_size_binary(16));
  for (uint64_t i = 1; i <= 2; ++i) {
    const auto bytes = chunk_id.tuid.IncrementedBy(i).ToBytes();
    ASSERT_OK(row_ids.Append(bytes.data()));
  }
  ASSERT_OK_AND_ASSIGN(auto row_id_array, row_ids.Finish());
  ASSERT_OK_AND_ASSIGN(
      auto chunk,
      Chunk::Make(chunk_id, points->entity_path(),
                  std::static_pointer_cast<arrow::FixedSizeBinaryArray>(row_id_array),
                  points->timelines(), points->components()));
  EXPECT_EQ(Format(*chunk, {.trim_metadata_keys = false}),
            R"table(┌──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐
│ METADATA:                                                                                                                                                                            │
│ * rerun:entity_path: /test                                                                                                                                                           │
│ * rerun:id: chunk_18EB0BB086026A0D78a7a25529fb0c5e                                                                                                                                   │
│ * sorbet:version: 0.1.3                                                                                                                                                              │
├╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┤
│ ┌──────────────────────────────────────────────┬─────────────────────────┬────────────────────────┬──────────────────────────────────────────────┬─────────────────────────────────┐ │
│ │ RowId                                        ┆ frame                   ┆ time                   ┆ Points3D:positions                           ┆ Points3D:radii                  │ │
│ │ ---                                          ┆ ---                     ┆ ---                    ┆ ---                                          ┆ ---                             │ │
│ │ type: non-null FixedSizeBinary(16)           ┆ type: Int64             ┆ type: Duration(ns)     ┆ type: List(FixedSizeList(3 x non-null        ┆ type: List(Float32)             │ │
│ │ ARROW:extension:metadata:                    ┆ rerun:index_name: frame ┆ rerun:index_name: time ┆ Float32))                                    ┆ rerun:archetype: Points3D       │ │
│ │ {"namespace":"row"}                          ┆ rerun:is_sorted: true   ┆ rerun:is_sorted: true  ┆ rerun:archetype: Points3D                    ┆ rerun:component: Points3D:radii │ │
│ │ ARROW:extension:name: TUID                   ┆ rerun:kind: index       ┆ rerun:kind: index      ┆ rerun:component: Points3D:positions          ┆ rerun:component_type: Radius    │ │
│ │ rerun:is_sorted: true                        ┆                         ┆                        ┆ rerun:component_type: Position3D             ┆ rerun:kind: data                │ │
│ │ rerun:kind: control                          ┆                         ┆                        ┆ rerun:kind: data                             ┆                                 │ │
│ ╞══════════════════════════════════════════════╪═════════════════════════╪════════════════════════╪══════════════════════════════════════════════╪═════════════════════════════════╡ │
│ │ row_18EB0BB086026A0D78a7a25529fb0c5f         ┆ 1                       ┆ PT1.5S                 ┆ [[1.0, 2.0, 3.0]]                            ┆ [1.0]                           │ │
│ ├╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┤ │
│ │ row_18EB0BB086026A0D78a7a25529fb0c60         ┆ 2                       ┆ PT1800S                ┆ [[4.0, 5.0, 6.0]]                            ┆ [2.0]                           │ │
│ └──────────────────────────────────────────────┴─────────────────────────┴────────────────────────┴──────────────────────────────────────────────┴─────────────────────────────────┘ │
└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘)table");
}

TEST(ChunkFormat, WrapsOnSpacesAndCutsLongWords) {
  ASSERT_OK_AND_ASSIGN(
      auto chunk,
      Chunk::FromColumns(
          EntityPath::Parse("/text"), {},
          {{ComponentDescriptor("text"),
            Build<arrow::StringBuilder, std::string>(
                arrow::utf8(),
                {"hello world, this is a long text with a verylongwordthatdoesnotfit",
                 "漢字漢字 emoji 👨\u200d👩\u200d👧 ok"})}}));
  EXPECT_EQ(Format(*chunk, {.width = 44, .redact = true}),
            R"table(┌─────────────────────────────────────────────┐
│ METADATA:                                   │
│ * entity_path: /text                        │
│ * id: [**REDACTED**]                        │
│ * version: [**REDACTED**]                   │
├╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┤
│ ┌────────────────────┬────────────────────┐ │
│ │ RowId              ┆ text               │ │
│ │ ---                ┆ ---                │ │
│ │ type: non-null Fix ┆ type: List(Utf8)   │ │
│ │ edSizeBinary(16)   ┆ component: text    │ │
│ │ ARROW:extension:me ┆ kind: data         │ │
│ │ tadata: {"namespac ┆                    │ │
│ │ e":"row"}          ┆                    │ │
│ │ ARROW:extension:na ┆                    │ │
│ │ me: TUID           ┆                    │ │
│ │ is_sorted: true    ┆                    │ │
│ │ kind: control      ┆                    │ │
│ ╞════════════════════╪════════════════════╡ │
│ │ row_[**REDACTED**] ┆ [hello world, this │ │
│ │                    ┆ is a long text     │ │
│ │                    ┆ with a verylongwor │ │
│ │                    ┆ dthatdoesnotfit]   │ │
│ ├╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┤ │
│ │ row_[**REDACTED**] ┆ [漢字漢字 emoji 👨‍👩‍👧 │ │
│ │                    ┆ ok]                │ │
│ └────────────────────┴────────────────────┘ │
└─────────────────────────────────────────────┘)table");
}

TEST(ChunkFormat, NegativeWidthIsAnError) {
  EXPECT_FALSE(TemporalPoints()->Format({.width = -1}).ok());
}

TEST(ChunkFormat, FormatsManyRows) {
  constexpr int64_t kRows = 100000;
  std::vector<int64_t> frames(kRows);
  for (int64_t i = 0; i < kRows; ++i) frames[static_cast<size_t>(i)] = i;
  ASSERT_OK_AND_ASSIGN(
      auto chunk, Chunk::FromColumns(EntityPath::Parse("/big"), {{"frame", testing::Int64s(frames)}},
                                     {{ComponentDescriptor("v"), testing::Int64s(frames)}}));
  ASSERT_OK_AND_ASSIGN(auto text, chunk->Format({.width = 60, .redact = true}));
  EXPECT_NE(text.find("┆ 99999"), std::string::npos);
}

// ---------------------------------------------------------------------------
// Data types

TEST(FormatDataType, Primitives) {
  EXPECT_EQ(FormatDataType(*arrow::null()), "Null");
  EXPECT_EQ(FormatDataType(*arrow::boolean()), "Boolean");
  EXPECT_EQ(FormatDataType(*arrow::int8()), "Int8");
  EXPECT_EQ(FormatDataType(*arrow::uint64()), "UInt64");
  EXPECT_EQ(FormatDataType(*arrow::float16()), "Float16");
  EXPECT_EQ(FormatDataType(*arrow::float32()), "Float32");
  EXPECT_EQ(FormatDataType(*arrow::float64()), "Float64");
  EXPECT_EQ(FormatDataType(*arrow::utf8()), "Utf8");
  EXPECT_EQ(FormatDataType(*arrow::large_utf8()), "LargeUtf8");
  EXPECT_EQ(FormatDataType(*arrow::utf8_view()), "Utf8View");
  EXPECT_EQ(FormatDataType(*arrow::binary()), "Binary");
  EXPECT_EQ(FormatDataType(*arrow::large_binary()), "LargeBinary");
  EXPECT_EQ(FormatDataType(*arrow::binary_view()), "BinaryView");
  EXPECT_EQ(FormatDataType(*arrow::fixed_size_binary(16)), "FixedSizeBinary(16)");
  EXPECT_EQ(FormatDataType(*arrow::decimal128(5, 2)), "Decimal128(5, 2)");
  EXPECT_EQ(FormatDataType(*arrow::decimal128(5, -2)), "Decimal128(5, -2)");
  EXPECT_EQ(FormatDataType(*arrow::decimal256(40, 3)), "Decimal256(40, 3)");
  EXPECT_EQ(FormatDataType(*arrow::decimal32(5, 1)), "Decimal32(5, 1)");
}

TEST(FormatDataType, Temporal) {
  EXPECT_EQ(FormatDataType(*arrow::timestamp(arrow::TimeUnit::NANO)), "Timestamp(ns)");
  EXPECT_EQ(FormatDataType(*arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")),
            "Timestamp(µs, \"UTC\")");
  EXPECT_EQ(FormatDataType(*arrow::timestamp(arrow::TimeUnit::SECOND, "+05:30")),
            "Timestamp(s, \"+05:30\")");
  EXPECT_EQ(FormatDataType(*arrow::duration(arrow::TimeUnit::MILLI)), "Duration(ms)");
  EXPECT_EQ(FormatDataType(*arrow::date32()), "Date32");
  EXPECT_EQ(FormatDataType(*arrow::date64()), "Date64");
  EXPECT_EQ(FormatDataType(*arrow::time32(arrow::TimeUnit::SECOND)), "Time32(s)");
  EXPECT_EQ(FormatDataType(*arrow::time64(arrow::TimeUnit::MICRO)), "Time64(µs)");
  EXPECT_EQ(FormatDataType(*arrow::month_day_nano_interval()), "Interval(MonthDayNano)");
}

TEST(FormatDataType, Nested) {
  EXPECT_EQ(FormatDataType(*arrow::list(arrow::float64())), "List(Float64)");
  EXPECT_EQ(FormatDataType(*arrow::list(arrow::field("item", arrow::int32(), false))),
            "List(non-null Int32)");
  EXPECT_EQ(FormatDataType(*arrow::list(arrow::field("foo", arrow::int32(), false))),
            "List(non-null Int32, field: 'foo')");
  EXPECT_EQ(FormatDataType(*arrow::large_list(arrow::int32())), "LargeList(Int32)");
  EXPECT_EQ(FormatDataType(*arrow::list_view(arrow::int8())), "ListView(Int8)");
  EXPECT_EQ(FormatDataType(*arrow::list(
                arrow::fixed_size_list(arrow::field("item", arrow::float32(), false), 3))),
            "List(FixedSizeList(3 x non-null Float32))");
  EXPECT_EQ(FormatDataType(*arrow::fixed_size_list(arrow::field("xyz", arrow::float32()), 3)),
            "FixedSizeList(3 x Float32, field: 'xyz')");
  EXPECT_EQ(FormatDataType(*arrow::struct_({arrow::field("x", arrow::float64(), false),
                                            arrow::field("s", arrow::utf8())})),
            "Struct(\"x\": non-null Float64, \"s\": Utf8)");
  EXPECT_EQ(FormatDataType(*arrow::struct_({})), "Struct()");
  EXPECT_EQ(FormatDataType(*arrow::map(arrow::utf8(), arrow::int32())),
            "Map(\"entries\": non-null Struct(\"key\": non-null Utf8, \"value\": Int32), "
            "unsorted)");
  EXPECT_EQ(FormatDataType(*arrow::dictionary(arrow::int32(), arrow::utf8())),
            "Dictionary(Int32, Utf8)");
  EXPECT_EQ(FormatDataType(*arrow::sparse_union({arrow::field("0", arrow::int64()),
                                                 arrow::field("1", arrow::utf8())})),
            "Union(Sparse, 0: (\"0\": Int64), 1: (\"1\": Utf8))");
  EXPECT_EQ(FormatDataType(*arrow::run_end_encoded(arrow::int32(), arrow::utf8())),
            "RunEndEncoded(\"run_ends\": non-null Int32, \"values\": Utf8)");
}

TEST(FormatDataType, FieldMetadataAndQuoting) {
  auto metadata = arrow::key_value_metadata({"k", "a"}, {"v", "b"});
  EXPECT_EQ(FormatDataType(*arrow::list(arrow::field("item", arrow::int8(), true, metadata))),
            "List(Int8, metadata: {\"a\": \"b\", \"k\": \"v\"})");
  auto odd = arrow::key_value_metadata({"x\n"}, {"y\"é\t"});
  EXPECT_EQ(FormatDataType(*arrow::list(arrow::field("it em\"'", arrow::int8(), false, odd))),
            "List(non-null Int8, field: 'it em\"'', metadata: {\"x\\n\": \"y\\\"é\\t\"})");
  EXPECT_EQ(FormatDataType(*arrow::struct_({arrow::field("e\u0301", arrow::int8()),
                                            arrow::field("\u00a0", arrow::int8())})),
            "Struct(\"e\\u{301}\": Int8, \"\\u{a0}\": Int8)");
}

// ---------------------------------------------------------------------------
// Values

TEST(FormatValue, Float64LikeRyu) {
  EXPECT_EQ(FormatAll(Build<arrow::DoubleBuilder, double>(
                arrow::float64(), {1.0, 0.1, 1e20, 1e-7, 123456789.0, 1e16, 1e15, 1e-5, 1e-6,
                                   1234567890123456.8, 5e-324, -0.0, std::nullopt})),
            (Strings{"1.0", "0.1", "1e20", "1e-7", "123456789.0", "1e16", "1000000000000000.0",
                     "0.00001", "1e-6", "1234567890123456.8", "5e-324", "-0.0", "null"}));
  EXPECT_EQ(FormatAll(Build<arrow::DoubleBuilder, double>(
                arrow::float64(), {std::numeric_limits<double>::quiet_NaN(),
                                   std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity(),
                                   3.4028234663852886e38})),
            (Strings{"NaN", "inf", "-inf", "3.4028234663852886e38"}));
}

TEST(FormatValue, Float32HasItsOwnThresholds) {
  EXPECT_EQ(FormatAll(Build<arrow::FloatBuilder, float>(
                arrow::float32(), {1e-6f, 1e-7f, 1.5e12f, 1e13f, 9.99e15f, 0.3f, 16777216.0f})),
            (Strings{"0.000001", "1e-7", "1500000000000.0", "1e13", "9.99e15", "0.3",
                     "16777216.0"}));
}

TEST(FormatValue, Float16LikeRustDisplay) {
  const auto half = [](float value) { return arrow::util::Float16(value).bits(); };
  EXPECT_EQ(FormatAll(Build<arrow::HalfFloatBuilder, uint16_t>(
                arrow::float16(), {half(1.0f), half(0.1f), half(65504.0f), half(1e-7f),
                                   half(-0.0f), half(1.0f / 3)})),
            (Strings{"1", "0.099975586", "65504", "0.00000011920929", "-0", "0.33325195"}));
}

TEST(FormatValue, IntegersBooleansStringsBinary) {
  EXPECT_EQ(FormatAll(Build<arrow::Int8Builder, int8_t>(arrow::int8(), {-128, 127, std::nullopt})),
            (Strings{"-128", "127", "null"}));
  EXPECT_EQ(FormatAll(Build<arrow::BooleanBuilder, bool>(arrow::boolean(), {true, false})),
            (Strings{"true", "false"}));
  EXPECT_EQ(FormatAll(Build<arrow::StringBuilder, std::string>(arrow::utf8(), {"a b", "x\ny"})),
            (Strings{"a b", "x\ny"}));
  EXPECT_EQ(FormatAll(Build<arrow::BinaryBuilder, std::string>(arrow::binary(),
                                                               {std::string("ab\0\xff", 4), ""})),
            (Strings{"616200ff", ""}));
}

TEST(FormatValue, Decimals) {
  arrow::Decimal128Builder builder(arrow::decimal128(5, 2));
  for (int64_t raw : {123, -5, 10000, 0}) ASSERT_OK(builder.Append(arrow::Decimal128(raw)));
  ASSERT_OK_AND_ASSIGN(auto decimals, builder.Finish());
  EXPECT_EQ(FormatAll(decimals), (Strings{"1.23", "-0.05", "100.00", "0.00"}));
  arrow::Decimal128Builder negative_scale(arrow::decimal128(5, -2));
  ASSERT_OK(negative_scale.Append(arrow::Decimal128(123)));
  ASSERT_OK_AND_ASSIGN(auto scaled, negative_scale.Finish());
  EXPECT_EQ(FormatAll(scaled), (Strings{"12300"}));
}

TEST(FormatValue, TimestampsShowFractionsOnlyWhenNeeded) {
  const auto timestamps = [](arrow::TimeUnit::type unit, std::string zone = "") {
    return Build<arrow::TimestampBuilder, int64_t>(arrow::timestamp(unit, zone),
                                                   {0, 1, 1500, -1});
  };
  EXPECT_EQ(FormatAll(timestamps(arrow::TimeUnit::SECOND)),
            (Strings{"1970-01-01T00:00:00", "1970-01-01T00:00:01", "1970-01-01T00:25:00",
                     "1969-12-31T23:59:59"}));
  EXPECT_EQ(FormatAll(timestamps(arrow::TimeUnit::MILLI)),
            (Strings{"1970-01-01T00:00:00", "1970-01-01T00:00:00.001", "1970-01-01T00:00:01.500",
                     "1969-12-31T23:59:59.999"}));
  EXPECT_EQ(FormatAll(timestamps(arrow::TimeUnit::MICRO, "UTC")),
            (Strings{"1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000001Z",
                     "1970-01-01T00:00:00.001500Z", "1969-12-31T23:59:59.999999Z"}));
  EXPECT_EQ(FormatAll(timestamps(arrow::TimeUnit::NANO, "-0330")),
            (Strings{"1969-12-31T20:30:00-03:30", "1969-12-31T20:30:00.000000001-03:30",
                     "1969-12-31T20:30:00.000001500-03:30",
                     "1969-12-31T20:29:59.999999999-03:30"}));
  EXPECT_EQ(FormatAll(Build<arrow::TimestampBuilder, int64_t>(
                arrow::timestamp(arrow::TimeUnit::MILLI, "Europe/Paris"), {0})),
            (Strings{"1970-01-01T01:00:00+01:00"}));
}

TEST(FormatValue, OutOfRangeTimesAreReportedInPlace) {
  EXPECT_EQ(FormatAll(Build<arrow::TimestampBuilder, int64_t>(
                arrow::timestamp(arrow::TimeUnit::SECOND), {INT64_MAX})),
            (Strings{"ERROR: Cast error: Failed to convert 9223372036854775807 to datetime for "
                     "Timestamp(s)"}));
  EXPECT_EQ(FormatAll(Build<arrow::Date32Builder, int32_t>(arrow::date32(),
                                                           {95026236, 95026237, -719529})),
            (Strings{"+262142-12-31",
                     "ERROR: Cast error: Failed to convert 95026237 to temporal for Date32",
                     "-0001-12-31"}));
  EXPECT_EQ(FormatAll(Build<arrow::Time32Builder, int32_t>(arrow::time32(arrow::TimeUnit::SECOND),
                                                           {3661, -1})),
            (Strings{"01:01:01",
                     "ERROR: Cast error: Failed to convert -1 to temporal for Time32(s)"}));
}

TEST(FormatValue, UnknownTimeZoneFailsTheWholeArray) {
  auto array = Build<arrow::TimestampBuilder, int64_t>(
      arrow::timestamp(arrow::TimeUnit::MILLI, "Mars/Olympus"), {0});
  auto formatter = ArrayValueFormatter::Make(array);
  ASSERT_FALSE(formatter.ok());
  EXPECT_EQ(formatter.status().message(),
            "Parser error: Invalid timezone \"Mars/Olympus\": failed to parse timezone");
}

TEST(FormatValue, DurationsInIso8601) {
  EXPECT_EQ(FormatAll(Build<arrow::DurationBuilder, int64_t>(
                arrow::duration(arrow::TimeUnit::NANO), {0, 1, 1500, -1, 3600000000005, INT64_MIN})),
            (Strings{"P0D", "PT0.000000001S", "PT0.0000015S", "-PT0.000000001S",
                     "PT3600.000000005S", "-PT9223372036.854775808S"}));
  EXPECT_EQ(FormatAll(Build<arrow::DurationBuilder, int64_t>(
                arrow::duration(arrow::TimeUnit::SECOND), {1500, INT64_MAX})),
            (Strings{"PT1500S", "<invalid>"}));
}

TEST(FormatValue, Intervals) {
  arrow::MonthDayNanoIntervalBuilder builder;
  ASSERT_OK(builder.Append({1, 2, 3}));
  ASSERT_OK(builder.Append({0, 0, 0}));
  ASSERT_OK(builder.Append({0, 0, 3661000000005}));
  ASSERT_OK(builder.Append({0, 0, -3600000000001}));
  ASSERT_OK_AND_ASSIGN(auto intervals, builder.Finish());
  EXPECT_EQ(FormatAll(intervals),
            (Strings{"1 mons 2 days 0.000000003 secs", "", "1 hours 1 mins 1.000000005 secs",
                     "-1 hours -0.000000001 secs"}));
}

TEST(FormatValue, NestedValues) {
  EXPECT_EQ(FormatAll(Positions({{1, 2, 3}})), (Strings{"[[1.0, 2.0, 3.0]]"}));
  auto xy = arrow::struct_({arrow::field("x", arrow::float64()), arrow::field("y", arrow::float64())});
  arrow::StructBuilder structs(xy, arrow::default_memory_pool(),
                               {std::make_shared<arrow::DoubleBuilder>(),
                                std::make_shared<arrow::DoubleBuilder>()});
  auto* x = static_cast<arrow::DoubleBuilder*>(structs.field_builder(0));
  auto* y = static_cast<arrow::DoubleBuilder*>(structs.field_builder(1));
  ASSERT_OK(structs.Append());
  ASSERT_OK(x->Append(1.0));
  ASSERT_OK(y->AppendNull());
  ASSERT_OK(structs.AppendNull());
  ASSERT_OK(x->AppendNull());
  ASSERT_OK(y->AppendNull());
  ASSERT_OK_AND_ASSIGN(auto struct_array, structs.Finish());
  EXPECT_EQ(FormatAll(struct_array), (Strings{"{x: 1.0, y: null}", "null"}));

  arrow::MapBuilder maps(arrow::default_memory_pool(), std::make_shared<arrow::StringBuilder>(),
                         std::make_shared<arrow::Int32Builder>());
  ASSERT_OK(maps.Append());
  ASSERT_OK(static_cast<arrow::StringBuilder*>(maps.key_builder())->Append("a"));
  ASSERT_OK(static_cast<arrow::Int32Builder*>(maps.item_builder())->AppendNull());
  ASSERT_OK(maps.Append());
  ASSERT_OK_AND_ASSIGN(auto map_array, maps.Finish());
  EXPECT_EQ(FormatAll(map_array), (Strings{"{a: null}", "{}"}));

  auto dictionary = arrow::DictionaryArray::FromArrays(
                        Build<arrow::Int8Builder, int8_t>(arrow::int8(), {0, std::nullopt, 1}),
                        Build<arrow::StringBuilder, std::string>(arrow::utf8(), {"x", std::nullopt}))
                        .ValueOrDie();
  EXPECT_EQ(FormatAll(dictionary), (Strings{"x", "null", "null"}));
}

TEST(FormatValue, UnionsNameTheirVariant) {
  auto type_ids = Build<arrow::Int8Builder, int8_t>(arrow::int8(), {0, 1});
  auto ints = Build<arrow::Int64Builder, int64_t>(arrow::int64(), {1, std::nullopt});
  auto strings = Build<arrow::StringBuilder, std::string>(arrow::utf8(), {"a", "b"});
  ASSERT_OK_AND_ASSIGN(auto sparse,
                       arrow::SparseUnionArray::Make(*type_ids, {ints, strings},
                                                     std::vector<std::string>{"i", "s"}));
  EXPECT_EQ(FormatAll(sparse), (Strings{"{i=1}", "{s=b}"}));
}

TEST(FormatValue, ListViewsAreNotSupported) {
  auto formatter = ArrayValueFormatter::Make(
      arrow::MakeEmptyArray(arrow::list_view(arrow::int8())).ValueOrDie());
  ASSERT_FALSE(formatter.ok());
  EXPECT_EQ(formatter.status().message(),
            "Not yet implemented: formatting ListView(Int8) is not yet supported");
}

// ---------------------------------------------------------------------------
// Text layout

TEST(DisplayWidth, MatchesUnicodeWidth) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("漢字"), 4);
  EXPECT_EQ(DisplayWidth("e\u0301"), 1);
  EXPECT_EQ(DisplayWidth("\t\x01"), 2);
  EXPECT_EQ(DisplayWidth("\u200b\u00ad"), 0);
  EXPECT_EQ(DisplayWidth("😀"), 2);
  EXPECT_EQ(DisplayWidth("👨\u200d👩\u200d👧"), 2);
  EXPECT_EQ(DisplayWidth("👍🏽"), 2);
  EXPECT_EQ(DisplayWidth("❤"), 1);
  EXPECT_EQ(DisplayWidth("❤\ufe0f"), 2);
  EXPECT_EQ(DisplayWidth("⌚\ufe0e"), 1);
  EXPECT_EQ(DisplayWidth("🇫🇷"), 2);
  EXPECT_EQ(DisplayWidth("🇫"), 1);
  EXPECT_EQ(DisplayWidth("1\ufe0f\u20e3"), 2);
  EXPECT_EQ(DisplayWidth("\u0644\u0627"), 1);
  EXPECT_EQ(DisplayWidth("\u17d8"), 3);
}

TEST(GraphemeClusters, KeepsSequencesTogether) {
  EXPECT_EQ(GraphemeClusters("ab"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(GraphemeClusters("e\u0301x"), (std::vector<std::string_view>{"e\u0301", "x"}));
  EXPECT_EQ(GraphemeClusters("👨\u200d👩!"), (std::vector<std::string_view>{"👨\u200d👩", "!"}));
  EXPECT_EQ(GraphemeClusters("🇫🇷🇫"), (std::vector<std::string_view>{"🇫🇷", "🇫"}));
  EXPECT_EQ(GraphemeClusters("\r\n\n"), (std::vector<std::string_view>{"\r\n", "\n"}));
}

TEST(TextTable, FitsContentWithoutWidth) {
  TextTable table;
  table.SetHeader({"a", "b"});
  table.AddRow({"1", "line one\nline two"});
  EXPECT_EQ(table.Render(),
            "┌───┬──────────┐\n"
            "│ a ┆ b        │\n"
            "╞═══╪══════════╡\n"
            "│ 1 ┆ line one │\n"
            "│   ┆ line two │\n"
            "└───┴──────────┘");
}

TEST(TextTable, DynamicWidthWrapsAndSplits) {
  TextTable table;
  table.SetHeader({"name", "a longer header cell"});
  table.AddRow({"x", "some words that will wrap around"});
  table.AddRow({"漢字漢字漢字", "averyveryverylongwordwithoutspaces"});
  table.SetDynamicWidth(30, 50);
  EXPECT_EQ(table.Render(),
            "┌─────────────┬─────────────┐\n"
            "│ name        ┆ a longer    │\n"
            "│             ┆ header cell │\n"
            "╞═════════════╪═════════════╡\n"
            "│ x           ┆ some words  │\n"
            "│             ┆ that will   │\n"
            "│             ┆ wrap around │\n"
            "├╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌┤\n"
            "│ 漢字漢字漢  ┆ averyveryve │\n"
            "│ 字          ┆ rylongwordw │\n"
            "│             ┆ ithoutspace │\n"
            "│             ┆ s           │\n"
            "└─────────────┴─────────────┘");
}

}  // namespace
}  // namespace rrflow
