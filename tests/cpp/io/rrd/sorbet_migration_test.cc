#include <arrow/util/key_value_metadata.h>
#include <gtest/gtest.h>

#include "io/rrd/rrd_test_util.h"
#include "io/rrd/sorbet_migration_internal.h"

namespace rrflow::internal {
namespace {

using namespace rrflow::testing;

std::shared_ptr<arrow::Field> Field(const std::string& name, std::shared_ptr<arrow::DataType> type,
                                    std::vector<std::string> keys,
                                    std::vector<std::string> values) {
  return arrow::field(name, std::move(type), name != "rerun.controls.RowId",
                      arrow::key_value_metadata(std::move(keys), std::move(values)));
}

std::shared_ptr<arrow::Array> RowIds(int64_t n) {
  arrow::FixedSizeBinaryBuilder builder(arrow::fixed_size_binary(16));
  for (int64_t i = 0; i < n; ++i) {
    EXPECT_TRUE(builder.Append(Tuid{1, static_cast<uint64_t>(i)}.ToBytes().data()).ok());
  }
  return builder.Finish().ValueOrDie();
}

std::shared_ptr<arrow::Array> NullList(int64_t n) {
  return arrow::MakeArrayOfNull(arrow::list(arrow::null()), n).ValueOrDie();
}

// What rerun-sdk 0.23 writes: dotted keys, the old descriptor triple, a
// separate indicator column, `/__properties/recording`.
std::shared_ptr<arrow::RecordBatch> Sorbet0_0_1Batch() {
  const std::string chunk_id = "chunk_" + Tuid{5, 6}.ToHex();
  auto schema = arrow::schema(
      {Field("Timestamp", arrow::list(arrow::int64()),
             {"rerun.kind", "rerun.archetype", "rerun.archetype_field", "rerun.component"},
             {"data", "rerun.archetypes.RecordingProperties", "start_time",
              "rerun.components.Timestamp"}),
       Field("frame", arrow::int64(), {"rerun.kind", "rerun.index_name", "rerun.is_sorted"},
             {"index", "frame", "true"}),
       Field("rerun.controls.RowId", arrow::fixed_size_binary(16),
             {"rerun.kind", "ARROW:extension:name", "rerun.is_sorted"},
             {"control", "rerun.datatypes.TUID", "true"}),
       Field("RecordingPropertiesIndicator", arrow::list(arrow::null()),
             {"rerun.kind", "rerun.component"},
             {"data", "rerun.components.RecordingPropertiesIndicator"}),
       Field("confidence", arrow::list(arrow::float64()), {"rerun.kind", "rerun.component"},
             {"data", "confidence"}),
       Field("PoseTranslation3D", arrow::list(arrow::float64()),
             {"rerun.kind", "rerun.archetype", "rerun.archetype_field", "rerun.component"},
             {"data", "rerun.archetypes.InstancePoses3D", "translations",
              "rerun.components.PoseTranslation3D"})},
      arrow::key_value_metadata({"rerun.id", "rerun.entity_path", "rerun.version"},
                                {chunk_id, "/__properties/recording", "1"}));
  return arrow::RecordBatch::Make(
      schema, 2,
      {ListOfDoubles({{1}, {2}})->View(arrow::list(arrow::int64())).ValueOrDie(), Int64s({1, 2}),
       RowIds(2), NullList(2), ListOfDoubles({{0.5}, {}}), ListOfDoubles({{1}, {2}})});
}

TEST(SorbetMigration, CurrentBatchesAreUntouched) {
  const auto batch = TemporalChunk("/a", 0, 2)->ToRecordBatch();
  ASSERT_OK_AND_ASSIGN(auto migrated, MigrateToCurrentSorbet(batch));
  EXPECT_EQ(migrated.get(), batch.get());
}

TEST(SorbetMigration, FromDottedLegacyLayout) {
  ASSERT_OK_AND_ASSIGN(auto migrated, MigrateToCurrentSorbet(Sorbet0_0_1Batch()));
  ASSERT_OK_AND_ASSIGN(auto chunk, Chunk::FromRecordBatch(*migrated));
  EXPECT_EQ(chunk->id().tuid, (Tuid{5, 6}));
  EXPECT_EQ(chunk->entity_path().ToString(), "/__properties");
  EXPECT_EQ(chunk->timeline_names(), std::vector<std::string>{"frame"});
  ASSERT_EQ(chunk->components().size(), 3u);  // the indicator is gone
  // Sorted the reference's way: no archetype first, then by archetype.
  EXPECT_EQ(chunk->components()[0].descriptor, ComponentDescriptor("confidence"));
  EXPECT_EQ(chunk->components()[1].descriptor,
            ComponentDescriptor("InstancePoses3D:translations", "rerun.archetypes.InstancePoses3D",
                                "rerun.components.Translation3D"));
  EXPECT_EQ(chunk->components()[2].descriptor,
            ComponentDescriptor("RecordingInfo:start_time", "rerun.archetypes.RecordingInfo",
                                "rerun.components.Timestamp"));
  EXPECT_EQ(migrated->schema()->metadata()->Get("sorbet:version").ValueOrDie(), "0.1.3");
}

TEST(SorbetMigration, StructTuidsBecomeBinary) {
  auto struct_ids = arrow::StructArray::Make({Int64s({7, 7})->View(arrow::uint64()).ValueOrDie(),
                                              Int64s({1, 2})->View(arrow::uint64()).ValueOrDie()},
                                             std::vector<std::string>{"time_ns", "inc"})
                        .ValueOrDie();
  auto schema = arrow::schema(
      {Field("rerun.controls.RowId", struct_ids->type(), {"rerun.kind"}, {"control"}),
       Field("Scalar", arrow::list(arrow::float64()),
             {"rerun.kind", "rerun.archetype", "rerun.archetype_field", "rerun.component"},
             {"data", "rerun.archetypes.Scalar", "scalar", "rerun.components.Scalar"})},
      arrow::key_value_metadata({"rerun.id", "rerun.entity_path"},
                                {"chunk_" + Tuid{1, 1}.ToHex(), "/plot"}));
  auto batch = arrow::RecordBatch::Make(schema, 2, {struct_ids, ListOfDoubles({{1}, {2}})});
  ASSERT_OK_AND_ASSIGN(auto migrated, MigrateToCurrentSorbet(batch));
  ASSERT_OK_AND_ASSIGN(auto chunk, Chunk::FromRecordBatch(*migrated));
  EXPECT_EQ(chunk->row_id(1).tuid, (Tuid{7, 2}));
  EXPECT_EQ(chunk->components()[0].descriptor.component, "Scalars:scalars");
  EXPECT_EQ(chunk->components()[0].descriptor.archetype, "rerun.archetypes.Scalars");
}

TEST(SorbetMigration, From0_1_1And0_1_2) {
  auto make = [](const std::string& version, std::vector<std::string> keys,
                 std::vector<std::string> values) {
    auto schema = arrow::schema(
        {Field("rerun.controls.RowId", arrow::fixed_size_binary(16), {"rerun:kind"}, {"control"}),
         Field("c", arrow::list(arrow::float64()), std::move(keys), std::move(values))},
        arrow::key_value_metadata({"rerun:id", "rerun:entity_path", "sorbet:version"},
                                  {"chunk_" + Tuid{1, 1}.ToHex(), "/e", version}));
    return arrow::RecordBatch::Make(schema, 1, {RowIds(1), ListOfDoubles({{1}})});
  };
  auto descriptor_after = [](const std::shared_ptr<arrow::RecordBatch>& batch) {
    auto migrated = MigrateToCurrentSorbet(batch).ValueOrDie();
    return Chunk::FromRecordBatch(*migrated).ValueOrDie()->components()[0].descriptor;
  };
  EXPECT_EQ(
      descriptor_after(make("0.1.1", {"rerun:kind", "rerun:component", "rerun:archetype"},
                            {"data", "Transform3D:axis_length", "rerun.archetypes.Transform3D"})),
      ComponentDescriptor("TransformAxes3D:axis_length", "rerun.archetypes.TransformAxes3D"));
  EXPECT_EQ(descriptor_after(make("0.1.1", {"rerun:kind", "rerun:component"},
                                  {"data", "CoordinateFrame:frame_id"})),
            ComponentDescriptor("CoordinateFrame:frame"));
  EXPECT_EQ(
      descriptor_after(
          make("0.1.2", {"rerun:kind", "rerun:component", "rerun:component_type"},
               {"data", "SeriesLines:visible_series", "rerun.components.SeriesVisible"})),
      ComponentDescriptor("SeriesLines:visible_series", std::nullopt, "rerun.components.Visible"));
  // Indicators are dropped from 0.1.0 batches.
  auto indicator = MigrateToCurrentSorbet(make("0.1.0", {"rerun:kind", "rerun:component"},
                                               {"data", "rerun.components.Points3DIndicator"}))
                       .ValueOrDie();
  EXPECT_EQ(indicator->num_columns(), 1);
}

}  // namespace
}  // namespace rrflow::internal
