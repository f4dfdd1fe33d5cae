// Helpers of the Parquet reader tests: Parquet files written with Arrow's
// writer into a temporary directory.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <arrow/api.h>
#include <arrow/io/file.h>
#include <gtest/gtest.h>
#include <parquet/arrow/writer.h>

namespace rrflow::testing {

/// A file in a fresh directory that is removed with the object.
class TempParquetFile {
 public:
  TempParquetFile() {
    dir_ = std::filesystem::temp_directory_path() /
           ("rrflow_parquet_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
  }
  ~TempParquetFile() { std::filesystem::remove_all(dir_); }

  std::string path() const { return (dir_ / "data.parquet").string(); }

  /// Writes `table` with the Arrow schema stored (as pyarrow does), in row
  /// groups of `row_group_rows`.
  void Write(const arrow::Table& table, int64_t row_group_rows = 1 << 20) const {
    auto file = arrow::io::FileOutputStream::Open(path()).ValueOrDie();
    auto arrow_properties = parquet::ArrowWriterProperties::Builder().store_schema()->build();
    ASSERT_TRUE(parquet::arrow::WriteTable(table, arrow::default_memory_pool(), file,
                                           row_group_rows, parquet::default_writer_properties(),
                                           arrow_properties)
                    .ok());
    ASSERT_TRUE(file->Close().ok());
  }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
};

inline std::shared_ptr<arrow::Table> MakeTable(
    const std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>>& columns) {
  arrow::FieldVector fields;
  arrow::ArrayVector arrays;
  for (const auto& [name, array] : columns) {
    fields.push_back(arrow::field(name, array->type()));
    arrays.push_back(array);
  }
  return arrow::Table::Make(arrow::schema(fields), arrays);
}

}  // namespace rrflow::testing
