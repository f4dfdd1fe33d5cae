// Chunk::Format against the reference: snapshots printed by rerun-sdk 0.33.1
// (`Chunk.format`). Every expected string below was produced by the
// reference; the pieces it is made of are tested in tests/cpp/text.
#include <arrow/api.h>
#include <gtest/gtest.h>

#include "rrflow/chunk/chunk.h"
#include "test_util.h"

namespace rrflow {
namespace {

using testing::Build;

// ---------------------------------------------------------------------------
// Helpers

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

}  // namespace
}  // namespace rrflow
