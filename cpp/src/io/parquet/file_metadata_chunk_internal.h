// The chunk that carries a Parquet file's footer key/value pairs.
#pragma once

#include <arrow/result.h>
#include <arrow/util/key_value_metadata.h>

#include "rrflow/chunk/chunk.h"

namespace rrflow::internal {

/// A static chunk at `/__properties` with one `ParquetMetadata:file_metadata`
/// value (a `rerun.components.KeyValuePairs`) holding every pair in footer
/// order; null when the footer has none.
arrow::Result<ChunkPtr> FileMetadataChunk(const arrow::KeyValueMetadata* metadata);

}  // namespace rrflow::internal
