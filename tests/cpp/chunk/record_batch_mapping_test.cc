#include <arrow/api.h>
#include <arrow/util/key_value_metadata.h>
#include <gtest/gtest.h>

#include "rrflow/chunk/chunk.h"
#include "test_util.h"

namespace rrflow {
namespace {

using testing::Doubles;
using testing::Int64s;
using testing::ListOfDoubles;

ChunkPtr MakeChunk() {
  return Chunk::FromColumns(
             EntityPath::Parse("/a b"), {{"frame", Int64s({0, 1})}},
             {{ComponentDescriptor("Points3D:radii", "rerun.archetypes.Points3D",
                                   "rerun.components.Radius"),
               ListOfDoubles({{1.0}, {2.0, 3.0}})}})
      .ValueOrDie();
}

std::string Meta(const arrow::Field& field, const std::string& key) {
  return field.metadata()->Get(key).ValueOr("<absent>");
}

TEST(RecordBatchMapping, Layout) {
  const auto chunk = MakeChunk();
  const auto batch = chunk->ToRecordBatch();
  const auto& schema = *batch->schema();
  ASSERT_EQ(schema.num_fields(), 3);
  EXPECT_EQ(schema.metadata()->Get("sorbet:version").ValueOrDie(), "0.1.3");
  EXPECT_EQ(schema.metadata()->Get("rerun:id").ValueOrDie(), chunk->id().ToString());
  EXPECT_EQ(schema.metadata()->Get("rerun:entity_path").ValueOrDie(), "/a\\ b");

  const auto& row_id = *schema.field(0);
  EXPECT_EQ(row_id.name(), "rerun.controls.RowId");
  EXPECT_FALSE(row_id.nullable());
  EXPECT_EQ(Meta(row_id, "rerun:kind"), "control");
  EXPECT_EQ(Meta(row_id, "ARROW:extension:name"), "rerun.datatypes.TUID");
  EXPECT_EQ(Meta(row_id, "ARROW:extension:metadata"), R"({"namespace":"row"})");
  EXPECT_EQ(Meta(row_id, "rerun:is_sorted"), "true");

  const auto& time = *schema.field(1);
  EXPECT_EQ(time.name(), "frame");
  EXPECT_TRUE(time.nullable());
  EXPECT_EQ(Meta(time, "rerun:kind"), "index");
  EXPECT_EQ(Meta(time, "rerun:index_name"), "frame");

  const auto& component = *schema.field(2);
  EXPECT_EQ(component.name(), "Points3D:radii");
  EXPECT_EQ(Meta(component, "rerun:kind"), "data");
  EXPECT_EQ(Meta(component, "rerun:component"), "Points3D:radii");
  EXPECT_EQ(Meta(component, "rerun:archetype"), "rerun.archetypes.Points3D");
  EXPECT_EQ(Meta(component, "rerun:component_type"), "rerun.components.Radius");
  EXPECT_FALSE(component.metadata()->Contains("rerun:entity_path"));
}

TEST(RecordBatchMapping, ToRecordBatchIsZeroCopy) {
  const auto chunk = MakeChunk();
  const auto batch = chunk->ToRecordBatch();
  EXPECT_EQ(batch->column(0)->data()->buffers[1], chunk->row_ids()->data()->buffers[1]);
  EXPECT_EQ(batch->column(2)->data(), chunk->components()[0].list->data());
}

TEST(RecordBatchMapping, RoundTripKeepsIdsAndData) {
  const auto chunk = MakeChunk();
  const auto batch = chunk->ToRecordBatch();
  ASSERT_OK_AND_ASSIGN(auto back, Chunk::FromRecordBatch(*batch));
  EXPECT_EQ(back->id(), chunk->id());
  EXPECT_EQ(back->entity_path(), chunk->entity_path());
  EXPECT_TRUE(back->ToRecordBatch()->Equals(*batch, /*check_metadata=*/true));
}

std::shared_ptr<arrow::RecordBatch> WithSchemaMetadata(
    const std::shared_ptr<arrow::RecordBatch>& batch,
    std::shared_ptr<const arrow::KeyValueMetadata> metadata) {
  return arrow::RecordBatch::Make(batch->schema()->WithMetadata(std::move(metadata)),
                                  batch->num_rows(), batch->columns());
}

TEST(RecordBatchMapping, MissingMetadataErrors) {
  const auto batch = MakeChunk()->ToRecordBatch();
  auto no_id = batch->schema()->metadata()->Copy();
  ASSERT_OK(no_id->Delete("rerun:id"));
  EXPECT_EQ(Chunk::FromRecordBatch(*WithSchemaMetadata(batch, no_id)).status().message(),
            "Missing chunk ID");

  auto no_path = batch->schema()->metadata()->Copy();
  ASSERT_OK(no_path->Delete("rerun:entity_path"));
  EXPECT_EQ(Chunk::FromRecordBatch(*WithSchemaMetadata(batch, no_path)).status().message(),
            "Missing entity path");

  auto bad_id = batch->schema()->metadata()->Copy();
  ASSERT_OK(bad_id->Set("rerun:id", "garbage"));
  const auto status = Chunk::FromRecordBatch(*WithSchemaMetadata(batch, bad_id)).status();
  EXPECT_TRUE(status.IsInvalid());
  EXPECT_NE(status.message().find("garbage"), std::string::npos);
}

TEST(RecordBatchMapping, PlainBatchHasNoRowIds) {
  auto plain = arrow::RecordBatch::Make(arrow::schema({arrow::field("a", arrow::int64())}), 2,
                                        {Int64s({1, 2})});
  EXPECT_EQ(Chunk::FromRecordBatch(*plain).status().message(), "Missing RowId column");
}

TEST(RecordBatchMapping, ColumnOrderAndDuplicates) {
  const auto batch = MakeChunk()->ToRecordBatch();
  auto reorder = [&](std::vector<int> order) {
    arrow::FieldVector fields;
    arrow::ArrayVector columns;
    for (int i : order) {
      fields.push_back(batch->schema()->field(i));
      columns.push_back(batch->column(i));
    }
    return arrow::RecordBatch::Make(arrow::schema(fields, batch->schema()->metadata()),
                                    batch->num_rows(), columns);
  };
  EXPECT_EQ(Chunk::FromRecordBatch(*reorder({0, 2, 1})).status().message(),
            "Invalid column order: Index columns must come before any data columns");
  EXPECT_EQ(Chunk::FromRecordBatch(*reorder({0, 0, 1, 2})).status().message(),
            "Multiple RowId columns found: 2");
  EXPECT_EQ(Chunk::FromRecordBatch(*reorder({0, 1, 1, 2})).status().message(),
            "Detected malformed Chunk: time column 'frame' was specified more than once");
  EXPECT_EQ(Chunk::FromRecordBatch(*reorder({0, 1, 2, 2})).status().message(),
            "Detected malformed Chunk: component column '\"Points3D:radii\"' was specified more "
            "than once");
  EXPECT_TRUE(Chunk::FromRecordBatch(*reorder({1, 0, 2}))
                  .status()
                  .message()
                  .starts_with("Invalid column order: RowId column must be the first column"));
}

TEST(RecordBatchMapping, NullTimesAndUnknownKindsAreRejected) {
  const auto batch = MakeChunk()->ToRecordBatch();
  arrow::Int64Builder builder;
  ASSERT_OK(builder.Append(1));
  ASSERT_OK(builder.AppendNull());
  auto with_null = batch->SetColumn(1, batch->schema()->field(1), builder.Finish().ValueOrDie());
  EXPECT_EQ(Chunk::FromRecordBatch(**with_null).status().message(),
            "Detected malformed Chunk: Bad time column 'frame': Time columns had nulls, but "
            "should be dense");

  auto weird = batch->schema()->field(2)->WithMetadata(
      arrow::key_value_metadata({"rerun:kind"}, {"weird"}));
  auto weird_batch = batch->SetColumn(2, weird, batch->column(2));
  EXPECT_EQ(Chunk::FromRecordBatch(**weird_batch).status().message(),
            "Unknown `rerun:kind` \"weird\" in column \"Points3D:radii\". Expect one of "
            "`row_id`, `index`, or `component`.");
}

TEST(RecordBatchMapping, PlainComponentValuesBecomeRowsWithNullRows) {
  const auto batch = MakeChunk()->ToRecordBatch();
  arrow::DoubleBuilder builder;
  ASSERT_OK(builder.Append(1.5));
  ASSERT_OK(builder.AppendNull());
  auto values = builder.Finish().ValueOrDie();
  auto field = batch->schema()->field(2)->WithType(arrow::float64());
  ASSERT_OK_AND_ASSIGN(auto plain, batch->SetColumn(2, field, values));
  ASSERT_OK_AND_ASSIGN(auto chunk, Chunk::FromRecordBatch(*plain));
  const auto& list = chunk->components()[0].list;
  EXPECT_TRUE(list->IsValid(0));
  EXPECT_TRUE(list->IsNull(1));
}

TEST(RecordBatchMapping, SortedFlagIsTrustedFromMetadata) {
  const auto batch = MakeChunk()->ToRecordBatch();
  ASSERT_OK_AND_ASSIGN(auto reversed, batch->SetColumn(1, batch->schema()->field(1), Int64s({5, 1})));
  ASSERT_OK_AND_ASSIGN(auto chunk, Chunk::FromRecordBatch(*reversed));
  EXPECT_TRUE(chunk->timelines()[0].is_sorted());

  auto unflagged_field =
      batch->schema()->field(1)->WithMetadata(arrow::key_value_metadata({"rerun:kind"}, {"index"}));
  ASSERT_OK_AND_ASSIGN(auto unflagged, batch->SetColumn(1, unflagged_field, Int64s({5, 1})));
  ASSERT_OK_AND_ASSIGN(auto recomputed, Chunk::FromRecordBatch(*unflagged));
  EXPECT_FALSE(recomputed->timelines()[0].is_sorted());
}

}  // namespace
}  // namespace rrflow

namespace rrflow {
namespace {

// Found by fuzzing the RRD decoder: a plain component column of Null type has
// nulls but no validity bitmap.
TEST(RecordBatchMapping, PlainNullTypedComponentBecomesNullRows) {
  const auto batch = Chunk::FromColumns(EntityPath::Parse("/n"), {},
                                        {{ComponentDescriptor("c"), testing::Doubles({1, 2})}})
                         .ValueOrDie()
                         ->ToRecordBatch();
  auto nulls = std::make_shared<arrow::NullArray>(2);
  ASSERT_OK_AND_ASSIGN(auto plain,
                       batch->SetColumn(1, batch->schema()->field(1)->WithType(arrow::null()), nulls));
  ASSERT_OK_AND_ASSIGN(auto chunk, Chunk::FromRecordBatch(*plain));
  const auto& list = chunk->components()[0].list;
  EXPECT_TRUE(list->IsNull(0));
  EXPECT_TRUE(list->IsNull(1));
  ASSERT_OK(list->ValidateFull());
}

}  // namespace
}  // namespace rrflow
