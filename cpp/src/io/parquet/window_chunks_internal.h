// Turning one window of a Parquet file's rows into chunks.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <arrow/record_batch.h>
#include <arrow/result.h>

#include "io/parquet/null_slots_internal.h"
#include "io/parquet/read_plan_internal.h"
#include "rrflow/chunk/chunk.h"

namespace rrflow::internal {

/// Consecutive rows of the file.
struct RowWindow {
  std::shared_ptr<arrow::RecordBatch> batch;
  /// The file-wide index of the window's first row.
  int64_t first_row = 0;
  /// Where row groups begin within the window.
  DecodeRuns runs{0};
};

/// The window's chunks, group by group: one per group (the flat layout: one
/// per entity path within the group, in entity-path order), each with every
/// usable index column as a timeline (else `row_index`) and its rows sorted
/// by time. Chunk ids count up from `first_id` in output order, so that
/// windows converted in parallel still number their chunks in stream order.
/// A chunk that cannot be built is a RuntimeError `Failed to build chunk from
/// Parquet batch: ...`.
arrow::Result<std::vector<ChunkPtr>> WindowChunks(const ReadPlan& plan, const RowWindow& window,
                                                  ChunkId first_id);

/// The flat layout's static `SeriesLines:names` chunks, one per Scalars
/// output, at that output's entity path.
arrow::Result<std::vector<ChunkPtr>> SeriesNamesChunks(const ReadPlan& plan);

}  // namespace rrflow::internal
