// Static columns: one value for the whole file, checked window by window and
// emitted once as a static chunk.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <arrow/record_batch.h>
#include <arrow/result.h>

#include "io/parquet/read_plan_internal.h"
#include "rrflow/chunk/chunk.h"

namespace rrflow::internal {

class StaticColumns {
 public:
  explicit StaticColumns(std::vector<StaticSource> sources) : sources_(std::move(sources)) {}

  /// Checks one non-empty window, column by column: every value equal to the
  /// first (bitwise, no nulls; types without equality are taken as uniform),
  /// then the window's value unchanged since the first window, compared the
  /// reference's way (as text, see `StaticValueText`). The first window's
  /// first row becomes the value. Errors are RuntimeErrors.
  arrow::Status Check(const arrow::RecordBatch& window);

  /// The static chunk at `path`: one component per column, named after it.
  /// Null when there is no static column or no window was checked.
  arrow::Result<ChunkPtr> MakeChunk(const EntityPath& path) const;

 private:
  std::vector<StaticSource> sources_;
  /// Per source: the first window's first value (a copy) and its text.
  std::vector<std::shared_ptr<arrow::Array>> values_;
  std::vector<std::string> texts_;
};

/// The text the reference compares across windows: for float64, float32,
/// int64 and int32 the first value as Rust displays it; for utf8 and
/// large_utf8 the first string; for every other type arrow-rs's debug text of
/// the whole array (so such a column "changes" whenever a later window has
/// more than one row, as in the reference).
arrow::Result<std::string> StaticValueText(const std::shared_ptr<arrow::Array>& column);

}  // namespace rrflow::internal
