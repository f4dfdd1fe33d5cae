// The compact, deterministic one-line-per-chunk summary used for snapshots.
#pragma once

#include <string>
#include <vector>

#include "rrflow/chunk.h"

namespace rrflow {

/// `{entity_path} rows={n} static={True|False} timelines=[...] cols=[...]`:
/// timelines byte-sorted; cols are the timeline names and component
/// identifiers together, byte-sorted, each quoted as `'item'`.
std::string SummaryLine(const Chunk& chunk);

/// One SummaryLine per chunk, stably sorted by entity path (bytes) with static
/// chunks first among equal paths, joined by newlines (no trailing newline).
std::string Summarize(const std::vector<ChunkPtr>& chunks);

}  // namespace rrflow
