#include "rrflow/query/lens.h"
#include "rrflow/stream/lazy_chunk_stream.h"

#include <numeric>

#include <arrow/api.h>
#include <arrow/array/concatenate.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow {
namespace {

using rrflow::testing::Int64s;

std::shared_ptr<arrow::Array> FromJson(const std::shared_ptr<arrow::DataType>& type,
                                       const std::string& json) {
  return arrow::json::ArrayFromJSONString(type, json).ValueOrDie();
}

const auto kImu = arrow::struct_({arrow::field("x", arrow::float64()),
                                  arrow::field("y", arrow::float64()),
                                  arrow::field("t", arrow::int64())});

// /sensor with frame=[1,2,3], Imu:accel (one struct per row) and Imu:temperature.
ChunkPtr ImuChunk() {
  return Chunk::FromColumns(
             EntityPath::Parse("/sensor"), {{"frame", Int64s({1, 2, 3})}},
             {{ComponentDescriptor("Imu:accel"),
               FromJson(arrow::list(kImu),
                        R"([[{"x":1,"y":2,"t":30}], [{"x":4,"y":5,"t":10}], [{"x":7,"y":8,"t":20}]])")},
              {ComponentDescriptor("Imu:temperature"), FromJson(arrow::float64(), "[20, 21, 22]")}})
      .ValueOrDie();
}

Selector Parse(const std::string& query) { return Selector::Parse(query).ValueOrDie(); }

DeriveLens Derive(const std::string& input, const std::string& output, const std::string& query,
                  std::optional<std::string> entity = std::nullopt, bool scatter = false) {
  std::optional<EntityPath> target;
  if (entity) target = EntityPath::Parse(*entity);
  return DeriveLens(input, target, scatter).ToComponent(ComponentDescriptor(output), Parse(query));
}

arrow::Result<std::vector<ChunkPtr>> Apply(const ChunkPtr& chunk, std::vector<Lens> lenses,
                                           LensOutputMode mode = LensOutputMode::kForwardUnmatched) {
  ARROW_ASSIGN_OR_RAISE(auto set, LensSet::Make(std::move(lenses)));
  return set.Apply(chunk, mode);
}

std::vector<std::string> ComponentNames(const Chunk& chunk) {
  std::vector<std::string> names;
  for (const auto& column : chunk.components()) names.push_back(column.descriptor.component);
  return names;
}

std::string Column(const Chunk& chunk, const std::string& component) {
  const auto* column = chunk.FindComponent(component);
  return column == nullptr ? "missing" : column->list->ToString();
}

std::string ListJson(const std::shared_ptr<arrow::DataType>& item, const std::string& json) {
  return FromJson(arrow::list(item), json)->ToString();
}

bool SameRowIds(const Chunk& a, const Chunk& b) { return a.row_ids()->Equals(*b.row_ids()); }

TEST(LensTest, ImuFieldToScalarsMergesIntoTheChunk) {
  const auto chunk = ImuChunk();
  ASSERT_OK_AND_ASSIGN(auto outputs,
                       Apply(chunk, {Derive("Imu:accel", "Scalars:scalars", ".x")}));
  ASSERT_EQ(outputs.size(), 1u);
  const auto& out = *outputs[0];
  EXPECT_EQ(out.entity_path().ToString(), "/sensor");
  EXPECT_NE(out.id(), chunk->id());
  EXPECT_TRUE(SameRowIds(out, *chunk));
  EXPECT_EQ(ComponentNames(out), (std::vector<std::string>{"Imu:temperature", "Scalars:scalars"}));
  EXPECT_EQ(Column(out, "Scalars:scalars"), ListJson(arrow::float64(), "[[1], [4], [7]]"));
  EXPECT_EQ(out.timeline_names(), std::vector<std::string>{"frame"});
}

TEST(LensTest, NoMatchOrNoLensesReturnsTheChunkItself) {
  const auto chunk = ImuChunk();
  ASSERT_OK_AND_ASSIGN(auto none, Apply(chunk, {}));
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0], chunk);
  ASSERT_OK_AND_ASSIGN(auto unmatched, Apply(chunk, {Derive("Other:thing", "X", ".x")}));
  EXPECT_EQ(unmatched[0], chunk);
  ASSERT_OK_AND_ASSIGN(auto dropped, Apply(chunk, {Derive("Other:thing", "X", ".x")},
                                           LensOutputMode::kDropUnmatched));
  EXPECT_TRUE(dropped.empty());
}

TEST(LensTest, OtherEntityDerivesComeAfterThePrefixInLensOrder) {
  const auto chunk = ImuChunk();
  ASSERT_OK_AND_ASSIGN(auto outputs, Apply(chunk, {Derive("Imu:accel", "Scalars:scalars", ".x", "/out/x"),
                                                   Derive("Imu:accel", "Scalars:scalars", ".y", "out/y")}));
  ASSERT_EQ(outputs.size(), 3u);
  EXPECT_EQ(outputs[0]->entity_path().ToString(), "/sensor");
  EXPECT_TRUE(SameRowIds(*outputs[0], *chunk));
  EXPECT_EQ(ComponentNames(*outputs[0]), std::vector<std::string>{"Imu:temperature"});
  EXPECT_EQ(outputs[1]->entity_path().ToString(), "/out/x");
  EXPECT_EQ(outputs[2]->entity_path().ToString(), "/out/y");
  EXPECT_EQ(Column(*outputs[2], "Scalars:scalars"), ListJson(arrow::float64(), "[[2], [5], [8]]"));
  // Separate chunks get fresh sequential row ids and keep the source timelines.
  EXPECT_FALSE(SameRowIds(*outputs[1], *chunk));
  EXPECT_EQ(outputs[1]->row_id(0).tuid, outputs[1]->id().tuid.Next());
  EXPECT_EQ(outputs[1]->timeline_names(), std::vector<std::string>{"frame"});
}

TEST(LensTest, MutateAndDeriveCombined) {
  const auto chunk = ImuChunk();
  ASSERT_OK_AND_ASSIGN(auto outputs,
                       Apply(chunk, {MutateLens("Imu:accel", Parse(".x")),
                                     Derive("Imu:accel", "Scalars:scalars", ".y"),
                                     Derive("Imu:accel", "Scalars:scalars", ".x", "/derived")}));
  ASSERT_EQ(outputs.size(), 2u);
  const auto& prefix = *outputs[0];
  // The derive reads the un-mutated input, and the mutated input is not consumed.
  EXPECT_EQ(Column(prefix, "Imu:accel"), ListJson(arrow::float64(), "[[1], [4], [7]]"));
  EXPECT_EQ(Column(prefix, "Scalars:scalars"), ListJson(arrow::float64(), "[[2], [5], [8]]"));
  EXPECT_FALSE(SameRowIds(prefix, *chunk));
  EXPECT_EQ(outputs[1]->entity_path().ToString(), "/derived");
}

TEST(LensTest, MutateKeepsRowIdsOnRequestAndDropsAbsentColumns) {
  const auto chunk = ImuChunk();
  ASSERT_OK_AND_ASSIGN(auto kept, Apply(chunk, {MutateLens("Imu:accel", Parse(".t"), true)}));
  EXPECT_TRUE(SameRowIds(*kept[0], *chunk));
  EXPECT_EQ(Column(*kept[0], "Imu:accel"), ListJson(arrow::int64(), "[[30], [10], [20]]"));
  ASSERT_OK_AND_ASSIGN(auto absent, Apply(chunk, {MutateLens("Imu:accel", Parse(".missing"))}));
  EXPECT_EQ(ComponentNames(*absent[0]), std::vector<std::string>{"Imu:temperature"});
}

TEST(LensTest, OutputModes) {
  const auto chunk = ImuChunk();
  const auto same = Derive("Imu:accel", "X", ".x");
  ASSERT_OK_AND_ASSIGN(auto all, Apply(chunk, {same}, LensOutputMode::kForwardAll));
  EXPECT_EQ(ComponentNames(*all[0]), (std::vector<std::string>{"Imu:accel", "Imu:temperature", "X"}));
  ASSERT_OK_AND_ASSIGN(auto dropped, Apply(chunk, {same}, LensOutputMode::kDropUnmatched));
  EXPECT_EQ(ComponentNames(*dropped[0]), std::vector<std::string>{"X"});
  // An other-entity derive under forward_all leaves the source chunk untouched.
  ASSERT_OK_AND_ASSIGN(auto other, Apply(chunk, {Derive("Imu:accel", "X", ".x", "/o")},
                                         LensOutputMode::kForwardAll));
  ASSERT_EQ(other.size(), 2u);
  EXPECT_EQ(other[0], chunk);
}

TEST(LensTest, Collisions) {
  const auto chunk = ImuChunk();
  auto mutates = Apply(chunk, {MutateLens("Imu:accel", Parse(".x")), MutateLens("Imu:accel", Parse(".y"))});
  EXPECT_EQ(mutates.status().message(),
            "Lens collision at entity `/sensor`: mutate target `Imu:accel` already claimed by a prior lens");
  auto derives = Apply(chunk, {Derive("Imu:accel", "X", ".x", "/o"), Derive("Imu:accel", "X", ".y", "o")});
  EXPECT_EQ(derives.status().message(),
            "Lens collision at entity `/o`: derive output `X` already claimed by a prior lens");
  // Same-entity and other-entity claims are separate.
  EXPECT_TRUE(Apply(chunk, {Derive("Imu:accel", "X", ".x"), Derive("Imu:accel", "X", ".y", "/sensor")}).ok());
}

TEST(LensTest, ErrorsOfOneOutputAreJoined) {
  const auto chunk = ImuChunk();
  auto lens = DeriveLens("Imu:accel").ToComponent(ComponentDescriptor("X"), Parse("[0]"))
                  .ToComponent(ComponentDescriptor("Y"), Parse("[1]"));
  auto result = Apply(chunk, {lens});
  const std::string struct_type = "Struct(\"x\": Float64, \"y\": Float64, \"t\": Int64)";
  EXPECT_EQ(result.status().message(),
            "Failed to apply operations to component 'X' (entity: `/sensor`, input: `Imu:accel`): "
            "Invalid argument error: cannot access `[0]` on unexpected type " + struct_type +
            "; Failed to apply operations to component 'Y' (entity: `/sensor`, input: `Imu:accel`): "
            "Invalid argument error: cannot access `[1]` on unexpected type " + struct_type);
}

TEST(LensTest, DeferredChecks) {
  EXPECT_EQ(LensSet::Make({DeriveLens("A")}).status().message(),
            "Lens for input component `A` is missing output components");
  EXPECT_EQ(LensSet::Make({Derive("A", "A", ".x")}).status().message(),
            "Derive lens targets the same component as its input `A` on the same entity - use a "
            "mutate lens instead");
  EXPECT_TRUE(LensSet::Make({Derive("A", "A", ".x", "/sensor")}).ok());
  EXPECT_EQ(LensOutputModeFromName("bad").status().message(),
            "Unknown output_mode 'bad', expected 'forward_all', 'forward_unmatched', or 'drop_unmatched'");
}

TEST(LensTest, ToTimelineSortsTheDerivedChunk) {
  const auto chunk = ImuChunk();
  auto lens = DeriveLens("Imu:accel").ToComponent(ComponentDescriptor("X"), Parse(".x"))
                  .ToTimeline("a_time", TimeType::kTimestampNs, Parse(".t"));
  ASSERT_OK_AND_ASSIGN(auto outputs, Apply(chunk, {lens}));
  ASSERT_EQ(outputs.size(), 2u);
  const auto& derived = *outputs[1];
  EXPECT_EQ(derived.timeline_names(), (std::vector<std::string>{"a_time", "frame"}));
  // Rows sorted by a_time (the first timeline by name), then fresh row ids.
  EXPECT_EQ(Column(derived, "X"), ListJson(arrow::float64(), "[[4], [7], [1]]"));
  EXPECT_EQ(derived.FindTimeline("a_time")->type(), TimeType::kTimestampNs);
  EXPECT_EQ(derived.FindTimeline("frame")->times()->ToString(), Int64s({2, 3, 1})->ToString());

  auto floats = DeriveLens("Imu:accel").ToComponent(ComponentDescriptor("X"), Parse(".x"))
                    .ToTimeline("t", TimeType::kSequence, Parse(".x"));
  EXPECT_EQ(Apply(chunk, {floats}).status().message(),
            "Invalid time column type for timeline 't': expected List<Int64>, got Float64");
}

// rerun-sdk 0.33.1 takes the raw values buffer of a time selector's result,
// so a null time becomes 0 and a row with zero or several values shifts the
// times of later rows (or fails chunk validation). rrflow asks for exactly
// one non-null time per row.
TEST(LensTest, TimeSelectorsYieldingNullsAreAnError) {
  const auto chunk = Chunk::FromColumns(
                         EntityPath::Parse("/s"), {{"frame", Int64s({1, 2})}},
                         {{ComponentDescriptor("A"),
                           FromJson(arrow::list(kImu), R"([[{"x":1,"y":2,"t":null}], [{"x":1,"y":2,"t":5}]])")}})
                         .ValueOrDie();
  auto lens = DeriveLens("A").ToComponent(ComponentDescriptor("X"), Parse(".x"))
                  .ToTimeline("t", TimeType::kSequence, Parse(".t"));
  EXPECT_EQ(Apply(chunk, {lens}).status().message(),
            "Failed to apply operations to timeline 't' (entity: `/s`, input: `A`): got a null time "
            "value in row 0");
  const auto two = Chunk::FromColumns(
                       EntityPath::Parse("/s"), {{"frame", Int64s({1, 2})}},
                       {{ComponentDescriptor("A"),
                         FromJson(arrow::list(kImu), R"([[{"x":1,"y":2,"t":1},{"x":1,"y":2,"t":2}], [{"x":1,"y":2,"t":3}]])")}})
                       .ValueOrDie();
  auto t = DeriveLens("A").ToComponent(ComponentDescriptor("X"), Parse(".x"))
               .ToTimeline("t", TimeType::kSequence, Parse(".t"));
  EXPECT_EQ(Apply(two, {t}).status().message(),
            "Failed to apply operations to timeline 't' (entity: `/s`, input: `A`): expected exactly "
            "one time value per row, got 2 in row 0");
}

// rerun-sdk 0.33.1 fails chunk validation when every output of a 1:1 derive
// with timelines is absent; rrflow emits an empty chunk, as the reference
// does for a static source.
TEST(LensTest, DeriveWithEveryOutputAbsentGivesAnEmptyChunk) {
  ASSERT_OK_AND_ASSIGN(auto outputs, Apply(ImuChunk(), {Derive("Imu:accel", "X", ".missing", "/o")}));
  ASSERT_EQ(outputs.size(), 2u);
  EXPECT_EQ(outputs[1]->entity_path().ToString(), "/o");
  EXPECT_EQ(outputs[1]->num_rows(), 0);
  EXPECT_EQ(outputs[1]->timeline_names(), std::vector<std::string>{"frame"});
}

TEST(LensTest, ScatterExplodesLists) {
  // The spec's example: frame=[10,20], M:d = [[{v:[1,2,3]}], [{v:[]}]].
  const auto type = arrow::list(arrow::struct_({arrow::field("v", arrow::list(arrow::int64()))}));
  const auto chunk = Chunk::FromColumns(EntityPath::Parse("/r"), {{"frame", Int64s({10, 20})}},
                                        {{ComponentDescriptor("M:d"),
                                          FromJson(type, R"([[{"v":[1,2,3]}], [{"v":[]}]])")}})
                         .ValueOrDie();
  ASSERT_OK_AND_ASSIGN(auto outputs, Apply(chunk, {Derive("M:d", "o", ".v[]", "/o", true)}));
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(outputs[0]->FindTimeline("frame")->times()->ToString(),
            Int64s({10, 10, 10, 20})->ToString());
  EXPECT_EQ(Column(*outputs[0], "o"), ListJson(arrow::int64(), "[[1], [2], [3], []]"));

  // Null rows and null elements become null rows.
  const auto holes = Chunk::FromColumns(EntityPath::Parse("/r"), {{"frame", Int64s({1, 2, 3})}},
                                        {{ComponentDescriptor("M:d"),
                                          FromJson(type, R"([null, [{"v":[4,null]}], [{"v":null}]])")}})
                         .ValueOrDie();
  ASSERT_OK_AND_ASSIGN(auto scattered, Apply(holes, {Derive("M:d", "o", ".v[]", std::nullopt, true)}));
  ASSERT_EQ(scattered.size(), 1u);  // the input is consumed and nothing else is left
  EXPECT_EQ(Column(*scattered[0], "o"), ListJson(arrow::int64(), "[null, [4], null, null]"));

  auto all_absent = Apply(holes, {Derive("M:d", "o", ".missing", std::nullopt, true)});
  EXPECT_EQ(all_absent.status().message(), "No component outputs were produced for target entity `/r`");
}

TEST(LensTest, ScatterOutputsMustHaveTheSameShape) {
  const auto type = arrow::list(arrow::struct_({arrow::field("v", arrow::list(arrow::int64())),
                                                arrow::field("w", arrow::list(arrow::int64()))}));
  const auto chunk = Chunk::FromColumns(EntityPath::Parse("/r"), {{"frame", Int64s({1, 2})}},
                                        {{ComponentDescriptor("M:d"),
                                          FromJson(type, R"([[{"v":[1,2],"w":[1]}], [{"v":[3],"w":[2,3]}]])")}})
                         .ValueOrDie();
  auto lens = DeriveLens("M:d", std::nullopt, true)
                  .ToComponent(ComponentDescriptor("V"), Parse(".v[]"))
                  .ToComponent(ComponentDescriptor("W"), Parse(".w[]"));
  // Same total, different rows: rerun-sdk 0.33.1 pairs values of different
  // source rows here; rrflow reports it.
  EXPECT_EQ(Apply(chunk, {lens}).status().message(),
            "Output component 'W' for entity `/r` produced 1 rows for input row 0, expected 2 — "
            "row counts must be consistent across all output components");
  auto totals = DeriveLens("M:d", std::nullopt, true)
                    .ToComponent(ComponentDescriptor("V"), Parse(".v[]"))
                    .ToComponent(ComponentDescriptor("X"), Parse(".v"));
  EXPECT_EQ(Apply(chunk, {totals}).status().message(),
            "Output component 'X' for entity `/r` produced 2 rows, expected 3 — row counts must be "
            "consistent across all output components");
}

TEST(LensTest, PropertyChunksMatchNoLens) {
  const auto chunk = ImuChunk()->WithEntityPath(EntityPath::Parse("/__properties"));
  ASSERT_OK_AND_ASSIGN(auto outputs, Apply(chunk, {Derive("Imu:accel", "X", ".x")}));
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(outputs[0], chunk);
}

TEST(LensTest, ApplySelector) {
  const auto chunk = ImuChunk();
  ASSERT_OK_AND_ASSIGN(auto out, ApplySelector(chunk, "Imu:accel", Parse(".y")));
  EXPECT_NE(out->id(), chunk->id());
  EXPECT_EQ(out->row_id(0).tuid, out->id().tuid.Next());
  EXPECT_EQ(Column(*out, "Imu:accel"), ListJson(arrow::float64(), "[[2], [5], [8]]"));
  EXPECT_EQ(ApplySelector(chunk, "Nope", Parse(".y")).status().message(),
            "Component 'Nope' not found in chunk for entity `/sensor`");
  EXPECT_EQ(ApplySelector(chunk, "Imu:accel", Parse(".missing")).status().message(),
            "No component outputs were produced for target entity `/sensor`");
}

TEST(LensTest, StreamWiring) {
  const auto chunk = ImuChunk();
  const auto other = chunk->WithEntityPath(EntityPath::Parse("/elsewhere"));
  ASSERT_OK_AND_ASSIGN(auto lenses, LensSet::Make({Derive("Imu:accel", "X", ".x")}));
  // `content` scopes the lenses; other chunks pass unchanged even when dropping.
  auto node = MakeLenses(MakeChunkListSource({chunk, other}), lenses, LensOutputMode::kDropUnmatched,
                         ContentFilter::Parse("/elsewhere"));
  ASSERT_OK_AND_ASSIGN(auto outputs, ToChunks(node));
  ASSERT_EQ(outputs.size(), 2u);
  EXPECT_EQ(outputs[0], chunk);
  EXPECT_EQ(ComponentNames(*outputs[1]), std::vector<std::string>{"X"});

  ASSERT_OK_AND_ASSIGN(auto failing, LensSet::Make({Derive("Imu:accel", "X", "[0]")}));
  auto failed = ToChunks(MakeLenses(MakeChunkListSource({chunk}), failing,
                                    LensOutputMode::kDropUnmatched, std::nullopt));
  EXPECT_TRUE(failed.status().IsExecutionError());
  EXPECT_EQ(failed.status().message().rfind("Lenses error: Failed to apply operations", 0), 0u);
}

TEST(LensTest, StreamKeepsInputOrderAcrossParallelBatches) {
  // Enough rows for several batches of work on the thread pool.
  std::vector<ChunkPtr> chunks;
  std::vector<int64_t> frames(300);
  const auto accel = FromJson(arrow::list(kImu), R"([[{"x":1,"y":2,"t":3}]])");
  for (int i = 0; i < 600; ++i) {
    std::iota(frames.begin(), frames.end(), i * 300);
    std::vector<std::shared_ptr<arrow::Array>> rows(300, accel);
    ASSERT_OK_AND_ASSIGN(auto column, arrow::Concatenate(rows));
    ASSERT_OK_AND_ASSIGN(auto chunk, Chunk::FromColumns(EntityPath::Parse("/e" + std::to_string(i)),
                                                        {{"frame", Int64s(frames)}},
                                                        {{ComponentDescriptor("Imu:accel"), column}}));
    chunks.push_back(chunk);
  }
  ASSERT_OK_AND_ASSIGN(auto lenses, LensSet::Make({Derive("Imu:accel", "X", ".x", "/out"),
                                                   Derive("Imu:accel", "Y", ".y")}));
  ASSERT_OK_AND_ASSIGN(auto outputs, ToChunks(MakeLenses(MakeChunkListSource(chunks), lenses,
                                                         LensOutputMode::kDropUnmatched, std::nullopt)));
  ASSERT_EQ(outputs.size(), 1200u);
  for (size_t i = 0; i < chunks.size(); ++i) {
    EXPECT_EQ(outputs[2 * i]->entity_path().ToString(), "/e" + std::to_string(i));
    EXPECT_EQ(outputs[2 * i + 1]->entity_path().ToString(), "/out");
    EXPECT_EQ(outputs[2 * i + 1]->FindTimeline("frame")->values()[0], static_cast<int64_t>(i) * 300);
  }
}

}  // namespace
}  // namespace rrflow
