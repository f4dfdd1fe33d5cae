// FindChunkDifference: what counts as a chunk's data and how a difference is named.
#include "rrflow/chunk/chunk_difference.h"

#include <cmath>
#include <limits>

#include <arrow/api.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow {
namespace {

using testing::Int64s;
using testing::ListOfDoubles;

ChunkPtr Make(const std::string& entity, std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>> timelines,
              std::vector<std::vector<double>> values, const std::string& component = "Scalars:scalars") {
  auto chunk = Chunk::FromColumns(EntityPath::Parse(entity), std::move(timelines),
                                  {{ComponentDescriptor(component, "rerun.archetypes.Scalars"), ListOfDoubles(values)}});
  EXPECT_TRUE(chunk.ok()) << chunk.status().ToString();
  return *chunk;
}

ChunkPtr Points(std::vector<std::vector<double>> values = {{1.0}, {2.0}, {3.0}}) {
  return Make("/points", {{"frame", Int64s({0, 1, 2})}}, std::move(values));
}

std::string Difference(const ChunkPtr& a, const ChunkPtr& b) {
  const auto difference = FindChunkDifference(*a, *b);
  return difference ? difference->ToString() : "";
}

TEST(FindChunkDifference, ChunkIdsAndRowIdsAreNotData) {
  const auto a = Points(), b = Points();
  ASSERT_NE(a->id(), b->id());
  ASSERT_NE(a->row_id(0), b->row_id(0));
  EXPECT_EQ(FindChunkDifference(*a, *b), std::nullopt);
}

TEST(FindChunkDifference, NamesTheColumnAndRowOfAValue) {
  const auto difference = FindChunkDifference(*Points(), *Points({{1.0}, {2.5}, {3.0}}));
  ASSERT_TRUE(difference);
  EXPECT_EQ(difference->column, "Scalars:scalars");
  EXPECT_EQ(difference->row, 1);
  EXPECT_EQ(difference->ToString(), "Scalars:scalars, row 1: [2.0] vs [2.5]");
}

TEST(FindChunkDifference, WholeChunkDifferencesComeFirst) {
  EXPECT_EQ(Difference(Points(), Make("/other", {{"frame", Int64s({0, 1, 2})}}, {{1.0}, {2.0}, {3.0}})),
            "entity /points vs /other");
  EXPECT_EQ(Difference(Points(), Make("/points", {}, {{1.0}, {2.0}, {3.0}})), "temporal vs static");
  EXPECT_EQ(Difference(Points(), Make("/points", {{"frame", Int64s({0, 1})}}, {{1.0}, {2.0}})), "3 rows vs 2");
}

TEST(FindChunkDifference, TimelinesByNameTypeAndValue) {
  EXPECT_EQ(Difference(Points(), Make("/points", {{"frame", Int64s({0, 1, 3})}}, {{1.0}, {2.0}, {3.0}})),
            "frame, row 2: 2 vs 3");
  const auto durations = Int64s({0, 1, 2})->View(arrow::duration(arrow::TimeUnit::NANO)).ValueOrDie();
  EXPECT_EQ(Difference(Points(), Make("/points", {{"frame", durations}}, {{1.0}, {2.0}, {3.0}})),
            "frame: sequence vs duration_ns");
  EXPECT_EQ(Difference(Points(), Make("/points", {{"frame", Int64s({0, 1, 2})}, {"tick", Int64s({0, 1, 2})}},
                                      {{1.0}, {2.0}, {3.0}})),
            "tick: timeline in the second chunk only");
}

TEST(FindChunkDifference, LogTimeIsIgnoredUnlessAsked) {
  const auto logged = Make("/points", {{"frame", Int64s({0, 1, 2})}, {"log_time", Int64s({7, 8, 9})}},
                           {{1.0}, {2.0}, {3.0}});
  const auto relogged = Make("/points", {{"frame", Int64s({0, 1, 2})}, {"log_time", Int64s({4, 5, 6})}},
                             {{1.0}, {2.0}, {3.0}});
  EXPECT_EQ(Difference(logged, relogged), "");
  EXPECT_EQ(Difference(logged, Points()), "");
  ChunkComparisonOptions every_timeline;
  every_timeline.ignored_timelines.clear();
  const auto difference = FindChunkDifference(*logged, *relogged, every_timeline);
  ASSERT_TRUE(difference);
  EXPECT_EQ(difference->ToString(), "log_time, row 0: 7 vs 4");
}

TEST(FindChunkDifference, TheRecordingStartTimeIsIgnoredUnlessAsked) {
  const auto started = [](double time) {
    return Make("/__properties", {}, {{time}}, "RecordingInfo:start_time");
  };
  EXPECT_EQ(Difference(started(1.0), started(2.0)), "");
  EXPECT_EQ(Difference(started(1.0), Make("/__properties", {}, {{1.0}})), "Scalars:scalars: component in the second chunk only");
  ChunkComparisonOptions every_component;
  every_component.ignored_components.clear();
  const auto difference = FindChunkDifference(*started(1.0), *started(2.0), every_component);
  ASSERT_TRUE(difference);
  EXPECT_EQ(difference->ToString(), "RecordingInfo:start_time, row 0: [1.0] vs [2.0]");
}

TEST(FindChunkDifference, ComponentsByIdentifierDescriptorAndType) {
  EXPECT_EQ(Difference(Points(), Make("/points", {{"frame", Int64s({0, 1, 2})}}, {{1.0}, {2.0}, {3.0}}, "other")),
            "Scalars:scalars: component in the first chunk only");
  auto untyped = Chunk::FromColumns(EntityPath::Parse("/points"), {{"frame", Int64s({0, 1, 2})}},
                                    {{ComponentDescriptor("Scalars:scalars"), ListOfDoubles({{1.0}, {2.0}, {3.0}})}});
  ASSERT_OK(untyped.status());
  EXPECT_EQ(Difference(Points(), *untyped), "Scalars:scalars: archetype rerun.archetypes.Scalars vs none");
  auto floats = ListOfDoubles({{1.0}, {2.0}, {3.0}});
  ASSERT_OK_AND_ASSIGN(auto narrowed, floats->View(arrow::list(arrow::int64())));
  auto integers = Chunk::FromColumns(
      EntityPath::Parse("/points"), {{"frame", Int64s({0, 1, 2})}},
      {{ComponentDescriptor("Scalars:scalars", "rerun.archetypes.Scalars"), narrowed}});
  ASSERT_OK(integers.status());
  EXPECT_EQ(Difference(Points(), *integers), "Scalars:scalars: type list<item: double> vs list<item: int64>");
}

TEST(FindChunkDifference, NanEqualsNanAndNullIsAValue) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(Difference(Points({{nan}, {2.0}, {3.0}}), Points({{nan}, {2.0}, {3.0}})), "");
  arrow::ListBuilder builder(arrow::default_memory_pool(), std::make_shared<arrow::DoubleBuilder>());
  auto* values = static_cast<arrow::DoubleBuilder*>(builder.value_builder());
  ASSERT_OK(builder.Append());
  ASSERT_OK(values->Append(1.0));
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK(builder.Append());
  ASSERT_OK(values->Append(3.0));
  auto sparse = Chunk::FromColumns(
      EntityPath::Parse("/points"), {{"frame", Int64s({0, 1, 2})}},
      {{ComponentDescriptor("Scalars:scalars", "rerun.archetypes.Scalars"), builder.Finish().ValueOrDie()}});
  ASSERT_OK(sparse.status());
  EXPECT_EQ(Difference(Points(), *sparse), "Scalars:scalars, row 1: [2.0] vs null");
}

TEST(FindChunkDifference, ColumnOrderIsNotData) {
  auto make = [](bool swapped) {
    std::vector<std::pair<ComponentDescriptor, std::shared_ptr<arrow::Array>>> components = {
        {ComponentDescriptor("a"), ListOfDoubles({{1.0}})}, {ComponentDescriptor("b"), ListOfDoubles({{2.0}})}};
    if (swapped) std::swap(components[0], components[1]);
    auto chunk = Chunk::FromColumns(EntityPath::Parse("/e"), {}, std::move(components));
    EXPECT_TRUE(chunk.ok());
    return *chunk;
  };
  EXPECT_EQ(Difference(make(false), make(true)), "");
}

}  // namespace
}  // namespace rrflow
