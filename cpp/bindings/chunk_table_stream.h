// The Arrow C stream (`__arrow_c_stream__`) of a ChunkStore, LazyStore or
// LazyChunkStream: their chunks as one table in the dataframe layout of
// StoreSchema::ToArrowSchema (a row-id column, one column per timeline, one
// per entity component). Each chunk is one record batch: its own columns
// keep their buffers (no copy); the table's other columns are null there.
#pragma once

#include <memory>
#include <optional>

#include <arrow/record_batch.h>
#include <arrow/type_fwd.h>
#include <nanobind/nanobind.h>

#include "rrflow/stream/stream_node.h"

namespace rrflow::python {

/// A reader that runs `node` and turns each chunk into a batch of `schema`
/// (a chunk column the schema lacks is an error, never dropped). With
/// `expected_chunks`, a run yielding another count fails at its end (the
/// stream then no longer gives what its schema was gathered from).
/// Waits for chunks with the GIL released.
arrow::Result<std::shared_ptr<arrow::RecordBatchReader>> MakeChunkTableReader(
    StreamNodePtr node, std::shared_ptr<arrow::Schema> schema,
    std::optional<int64_t> expected_chunks = std::nullopt);

/// The table layout of every chunk `node` yields, gathered by running it
/// once (chunks are dropped as they come: memory stays bounded), and how many
/// chunks it yielded. Call with the GIL released.
arrow::Result<std::pair<std::shared_ptr<arrow::Schema>, int64_t>> GatherTableSchema(
    const StreamNodePtr& node);

/// The `__arrow_c_stream__` capsule of `node`'s chunks. Its schema is
/// `requested_schema` when not None, else `known_schema` (a store's) when
/// not null, else gathered by GatherTableSchema: the stream then runs twice.
nanobind::object ExportChunkTable(StreamNodePtr node, std::shared_ptr<arrow::Schema> known_schema,
                                  nanobind::handle requested_schema);

}  // namespace rrflow::python
