// The compact, deterministic one-line-per-chunk summary used for snapshots.
#pragma once

#include <string>
#include <vector>

#include "rrflow/chunk/chunk.h"

namespace rrflow {

/// What one summary line says about a chunk.
struct SummaryEntry {
  std::string entity_path;  ///< printed form
  int64_t num_rows = 0;
  bool is_static = false;
  std::vector<std::string> timelines;
  std::vector<std::string> components;
};

SummaryEntry SummaryEntryOf(const Chunk& chunk);

/// `{entity_path} rows={n} static={True|False} timelines=[...] cols=[...]`:
/// timelines byte-sorted; cols are the timeline names and component
/// identifiers together, byte-sorted, each quoted as `'item'`.
std::string SummaryLine(const SummaryEntry& entry);
std::string SummaryLine(const Chunk& chunk);

/// One line per entry, stably sorted by entity path (bytes) with static
/// chunks first among equal paths, joined by newlines (no trailing newline).
std::string Summarize(std::vector<SummaryEntry> entries);
std::string Summarize(const std::vector<ChunkPtr>& chunks);

}  // namespace rrflow
