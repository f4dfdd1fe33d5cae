// ParquetReader end to end: files written with Arrow's Parquet writer, read
// back as streams.
#include "rrflow/io/parquet/parquet_reader.h"

#include <cerrno>
#include <fstream>

#include <arrow/util/io_util.h>
#include <gtest/gtest.h>

#include "io/parquet/parquet_test_util.h"
#include "test_util.h"

namespace rrflow {
namespace {

using testing::Json;
using testing::MakeTable;
using testing::TempParquetFile;

std::shared_ptr<arrow::Array> Sequence(int64_t first, int64_t count) {
  arrow::Int64Builder builder;
  for (int64_t i = 0; i < count; ++i) EXPECT_TRUE(builder.Append(first + i).ok());
  return builder.Finish().ValueOrDie();
}

std::vector<ChunkPtr> Read(const std::string& path, const ParquetReaderOptions& options = {}) {
  auto reader = ParquetReader::Open(path, options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  auto chunks = ToChunks((*reader)->Stream());
  EXPECT_TRUE(chunks.ok()) << chunks.status().ToString();
  return chunks.ValueOr({});
}

arrow::Status ReadError(const std::string& path, const ParquetReaderOptions& options = {}) {
  ARROW_ASSIGN_OR_RAISE(auto reader, ParquetReader::Open(path, options));
  return ToChunks(reader->Stream()).status();
}

std::vector<int64_t> TimelineValues(const Chunk& chunk, const std::string& name) {
  const TimeColumn* column = chunk.FindTimeline(name);
  EXPECT_NE(column, nullptr) << name;
  if (column == nullptr) return {};
  return {column->values(), column->values() + column->length()};
}

TEST(ParquetReader, MissingFileIsENOENT) {
  auto reader = ParquetReader::Open("/no/such/file.parquet");
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(reader.status().IsIOError());
  EXPECT_EQ(arrow::internal::ErrnoFromStatus(reader.status()), ENOENT);
  EXPECT_EQ(reader.status().message(), "Parquet file not found: /no/such/file.parquet");
}

TEST(ParquetReader, OptionsAreCheckedAtOpen) {
  TempParquetFile file;
  file.Write(*MakeTable({{"a", Json(arrow::float64(), "[1]")}}));
  ParquetReaderOptions options;
  options.column_grouping = "bad";
  auto reader = ParquetReader::Open(file.path(), options);
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(reader.status().IsInvalid());
}

TEST(ParquetReader, PropertiesFirstThenGroupsWithRowIndex) {
  TempParquetFile file;
  file.Write(*MakeTable({{"camera_rgb", Json(arrow::float64(), "[1, 2]")},
                         {"camera_depth", Json(arrow::float64(), "[3, null]")},
                         {"action", Json(arrow::float64(), "[5, 6]")}}));
  const auto chunks = Read(file.path());
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0]->entity_path().ToString(), "/__properties");
  EXPECT_TRUE(chunks[0]->is_static());
  const auto* metadata = chunks[0]->FindComponent("file_metadata");
  ASSERT_NE(metadata, nullptr);
  EXPECT_EQ(metadata->descriptor.archetype, "ParquetMetadata");
  EXPECT_NE(metadata->list->ToString().find("ARROW:schema"), std::string::npos);

  EXPECT_EQ(chunks[1]->entity_path().ToString(), "/action");
  EXPECT_NE(chunks[1]->FindComponent("action"), nullptr);
  EXPECT_EQ(TimelineValues(*chunks[1], "row_index"), (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(chunks[2]->entity_path().ToString(), "/camera");
  const auto* data = chunks[2]->FindComponent("data");
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->list->type()->ToString(),
            "list<item: struct<rgb: double, depth: double>>");
}

TEST(ParquetReader, WindowsOf1024RowsCrossRowGroups) {
  TempParquetFile file;
  file.Write(*MakeTable({{"v", Sequence(0, 2500)}}), /*row_group_rows=*/1000);
  const auto chunks = Read(file.path());
  ASSERT_EQ(chunks.size(), 4u);
  EXPECT_EQ(chunks[1]->num_rows(), 1024);
  EXPECT_EQ(chunks[2]->num_rows(), 1024);
  EXPECT_EQ(chunks[3]->num_rows(), 452);
  EXPECT_EQ(TimelineValues(*chunks[2], "row_index").front(), 1024);
  EXPECT_EQ(TimelineValues(*chunks[3], "row_index").back(), 2499);
  const auto values = chunks[2]->FindComponent("v")->list->values();
  EXPECT_EQ(values->length(), 1024);
  EXPECT_EQ(std::static_pointer_cast<arrow::Int64Array>(values)->Value(0), 1024);
}

TEST(ParquetReader, RowsSortedByIndexColumns) {
  TempParquetFile file;
  file.Write(*MakeTable({{"f", Json(arrow::int64(), "[2, 0, 1]")},
                         {"v", Json(arrow::float64(), "[20, 0, 10]")}}));
  ParquetReaderOptions options;
  options.index_columns = {{"f", "sequence", std::nullopt}};
  const auto chunks = Read(file.path(), options);
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(TimelineValues(*chunks[1], "f"), (std::vector<int64_t>{0, 1, 2}));
  EXPECT_EQ(chunks[1]->FindComponent("f"), nullptr);
  EXPECT_EQ(chunks[1]->FindComponent("v")->list->values()->ToString(),
            Json(arrow::float64(), "[0, 10, 20]")->ToString());
}

TEST(ParquetReader, StaticColumnsLastAndTheirErrors) {
  TempParquetFile file;
  file.Write(*MakeTable({{"suite", Json(arrow::utf8(), R"(["s", "s"])")},
                         {"v", Json(arrow::float64(), "[1, 2]")}}));
  ParquetReaderOptions options;
  options.static_columns = {"suite", "not_there"};
  const auto chunks = Read(file.path(), options);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[1]->entity_path().ToString(), "/v");
  EXPECT_TRUE(chunks[2]->is_static());
  EXPECT_EQ(chunks[2]->entity_path().ToString(), "/");
  EXPECT_NE(chunks[2]->FindComponent("suite"), nullptr);

  TempParquetFile varying;
  varying.Write(*MakeTable({{"suite", Json(arrow::utf8(), R"(["a", "b"])")}}));
  options.static_columns = {"suite"};
  const auto status = ReadError(varying.path(), options);
  EXPECT_EQ(status.code(), arrow::StatusCode::ExecutionError);
  // rerun-sdk's text, and (rrflow) what to_chunks could not hand over.
  EXPECT_EQ(status.message(),
            "Parquet error: Static column 'suite' contains non-uniform values (after 1 chunk; "
            "iterate the stream to receive them before the error)");
}

TEST(ParquetReader, ChunksBeforeAStaticErrorAreDelivered) {
  TempParquetFile file;
  arrow::StringBuilder builder;
  for (int i = 0; i < 1500; ++i) ASSERT_OK(builder.Append(i < 1024 ? "a" : "b"));
  ASSERT_OK_AND_ASSIGN(auto suite, builder.Finish());
  file.Write(*MakeTable({{"suite", suite}, {"v", Sequence(0, 1500)}}));
  ParquetReaderOptions options;
  options.static_columns = {"suite"};
  ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(file.path(), options));
  ASSERT_OK_AND_ASSIGN(auto iterator, Execute(reader->Stream()));
  int chunks = 0;
  arrow::Status status;
  while (true) {
    auto next = iterator->Next();
    if (!next.ok()) {
      status = next.status();
      break;
    }
    if (*next == nullptr) break;
    ++chunks;
  }
  EXPECT_EQ(chunks, 2);  // the properties and the first window
  EXPECT_EQ(status.message(), "Parquet error: Static column 'suite' changed between batches: 'a' \u2192 'b'");
}

TEST(ParquetReader, FileErrorsSurfaceWhenTheStreamRuns) {
  TempParquetFile file;
  {
    std::ofstream out(file.path());
    out << "this is not a parquet file at all";
  }
  auto reader = ParquetReader::Open(file.path());
  ASSERT_TRUE(reader.ok());
  auto status = ToChunks((*reader)->Stream()).status();
  EXPECT_EQ(status.code(), arrow::StatusCode::ExecutionError);
  EXPECT_TRUE(status.message().starts_with("Parquet error: ")) << status.message();

  TempParquetFile table;
  table.Write(*MakeTable({{"a", Json(arrow::float64(), "[1]")}}));
  ParquetReaderOptions options;
  options.index_columns = {{"zz", "sequence", std::nullopt}};
  EXPECT_EQ(ReadError(table.path(), options).message(),
            "Parquet error: Index column 'zz' not found in parquet schema");
}

TEST(ParquetReader, FlatLayoutWithRulesAndSeriesNames) {
  TempParquetFile file;
  file.Write(*MakeTable({{"sensor_accel_x", Json(arrow::float64(), "[1, 2]")},
                         {"sensor_accel_y", Json(arrow::int32(), "[3, 4]")},
                         {"sensor_accel_z", Json(arrow::float32(), "[5, 6]")},
                         {"sensor_temp", Json(arrow::float64(), "[7, 8]")}}));
  ParquetReaderOptions options;
  options.use_structs = false;
  ColumnRule scalars;
  scalars.suffixes = {"_x", "_y", "_z"};
  scalars.target = "Scalars";
  scalars.names = std::vector<std::string>{"x", "y", "z"};
  options.column_rules = {scalars};
  const auto chunks = Read(file.path(), options);
  ASSERT_EQ(chunks.size(), 4u);
  EXPECT_EQ(chunks[1]->entity_path().ToString(), "/sensor");
  EXPECT_NE(chunks[1]->FindComponent("temp"), nullptr);
  EXPECT_EQ(chunks[2]->entity_path().ToString(), "/sensor/accel");
  const auto* values = chunks[2]->FindComponent("Scalars:scalars");
  ASSERT_NE(values, nullptr);
  EXPECT_EQ(values->list->values()->ToString(),
            Json(arrow::fixed_size_list(arrow::field("item", arrow::float64(), false), 3),
                 "[[1, 3, 5], [2, 4, 6]]")
                ->ToString());
  EXPECT_TRUE(chunks[3]->is_static());
  EXPECT_EQ(chunks[3]->entity_path().ToString(), "/sensor/accel");
  EXPECT_NE(chunks[3]->FindComponent("SeriesLines:names"), nullptr);
}

TEST(ParquetReader, EmptyFileGivesOnlyProperties) {
  TempParquetFile file;
  file.Write(*MakeTable({{"a", Json(arrow::float64(), "[]")}}));
  ParquetReaderOptions options;
  options.static_columns = {"a"};
  const auto chunks = Read(file.path(), options);
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0]->entity_path().ToString(), "/__properties");
}

TEST(ParquetReader, StreamWorksWithEngineOperators) {
  TempParquetFile file;
  file.Write(*MakeTable({{"a_x", Sequence(0, 3000)}, {"b", Sequence(0, 3000)}}));
  ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(file.path()));
  FilterCriteria criteria;
  criteria.content = ContentFilter::Parse(std::string_view("/b"));
  ASSERT_OK_AND_ASSIGN(auto chunks, ToChunks(MakeFilter(reader->Stream(), criteria)));
  EXPECT_EQ(chunks.size(), 3u);
  // Every execution reads the file afresh.
  ASSERT_OK_AND_ASSIGN(auto store, Collect(reader->Stream()));
  ASSERT_OK_AND_ASSIGN(auto again, Collect(reader->Stream()));
  EXPECT_EQ(store->num_chunks(), again->num_chunks());
}

}  // namespace
}  // namespace rrflow
