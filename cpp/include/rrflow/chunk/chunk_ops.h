// Operations that build new chunks out of existing ones: concatenation,
// slicing by rows or time, dropping timelines, and size estimates used by
// compaction thresholds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>

#include "rrflow/chunk/chunk.h"

namespace rrflow {

/// True when `a` and `b` can be concatenated: same entity, the same
/// timelines (names and kinds), and the same Arrow type for every component
/// they share. Components present on one side only are allowed.
bool AreConcatenable(const Chunk& a, const Chunk& b);

/// The rows of both chunks in one new chunk (fresh id): the chunk with the
/// smaller first row id comes first, then rows are reordered by row id if
/// needed. A component missing on one side is padded with null rows; for a
/// shared component the first chunk's descriptor is kept.
arrow::Result<ChunkPtr> ConcatAndSort(const ChunkPtr& a, const ChunkPtr& b);

/// Rows [offset, offset+length) as a new chunk with a fresh id, sharing buffers.
arrow::Result<ChunkPtr> SliceRows(const Chunk& chunk, int64_t offset, int64_t length);

/// The rows whose time on `timeline` lies in [start, end], in their order:
/// the chunk itself when every row does, nullptr when none does, else a new
/// chunk (fresh id; zero copy when the rows are contiguous). A static chunk
/// has no times and is returned as it is; a temporal chunk without the
/// timeline has no row there (nullptr).
arrow::Result<ChunkPtr> RowsInTimeRange(const ChunkPtr& chunk, std::string_view timeline, int64_t start,
                                        int64_t end);

/// The chunk without the named timelines (fresh id), or the chunk itself when
/// it has none of them. Dropping every timeline of a chunk makes it static.
arrow::Result<ChunkPtr> WithoutTimelines(const ChunkPtr& chunk, const std::vector<std::string>& names);

/// The bytes of the Arrow buffer ranges the chunk's columns reference, plus a
/// small fixed overhead per column: the size compaction thresholds compare.
int64_t EstimatedChunkBytes(const Chunk& chunk);

}  // namespace rrflow
