// A Parquet file read as consecutive windows of rows.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/record_batch.h>
#include <arrow/result.h>
#include <arrow/util/key_value_metadata.h>
#include <parquet/arrow/reader.h>

#include "io/parquet/window_chunks_internal.h"

namespace rrflow::internal {

/// The reference's batch size: its chunks hold (at most) this many rows.
inline constexpr int64_t kWindowRows = 1024;

/// Reads a Parquet file's rows in windows of kWindowRows (the last one
/// shorter) that run across row-group boundaries, decoding a bounded number
/// of rows ahead, so memory does not grow with the file.
class RowWindowReader {
 public:
  /// Opens the file and reads its footer; errors are the Parquet library's.
  static arrow::Result<std::unique_ptr<RowWindowReader>> Open(const std::string& path);

  /// The file's Arrow schema, with the type details the reference's reader
  /// (arrow-rs) derives differently normalised to its result.
  const std::shared_ptr<arrow::Schema>& schema() const { return schema_; }

  /// The footer's key/value pairs; may be null.
  std::shared_ptr<const arrow::KeyValueMetadata> footer_metadata() const;

  /// The next window, or nullopt after the last row.
  arrow::Result<std::optional<RowWindow>> Next();

 private:
  RowWindowReader() = default;

  arrow::Result<std::shared_ptr<arrow::RecordBatch>> Normalised(
      std::shared_ptr<arrow::RecordBatch> batch) const;

  std::unique_ptr<parquet::arrow::FileReader> reader_;
  std::shared_ptr<arrow::RecordBatchReader> batches_;
  std::shared_ptr<arrow::Schema> schema_;
  std::vector<bool> retyped_;
  /// File-wide row index at which each row group starts.
  std::vector<int64_t> row_group_starts_;
  int64_t total_rows_ = 0;
  int64_t next_row_ = 0;
  /// Decoded rows not yet handed out: the front batch from `front_offset_`.
  std::deque<std::shared_ptr<arrow::RecordBatch>> decoded_;
  int64_t front_offset_ = 0;
};

}  // namespace rrflow::internal
