#include "rrflow/chunk/chunk_summary.h"

#include <algorithm>

namespace rrflow {
namespace {

std::string QuotedList(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += "'" + items[i] + "'";
  }
  return out + "]";
}

}  // namespace

SummaryEntry SummaryEntryOf(const Chunk& chunk) {
  SummaryEntry entry{chunk.entity_path().ToString(), chunk.num_rows(), chunk.is_static(),
                     chunk.timeline_names(), {}};
  for (const auto& component : chunk.components()) {
    entry.components.push_back(component.descriptor.component);
  }
  return entry;
}

std::string SummaryLine(const SummaryEntry& entry) {
  auto columns = entry.timelines;
  columns.insert(columns.end(), entry.components.begin(), entry.components.end());
  return entry.entity_path + " rows=" + std::to_string(entry.num_rows) +
         " static=" + (entry.is_static ? "True" : "False") +
         " timelines=" + QuotedList(entry.timelines) + " cols=" + QuotedList(std::move(columns));
}

std::string SummaryLine(const Chunk& chunk) { return SummaryLine(SummaryEntryOf(chunk)); }

std::string Summarize(std::vector<SummaryEntry> entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const SummaryEntry& a, const SummaryEntry& b) {
    if (a.entity_path != b.entity_path) return a.entity_path < b.entity_path;
    return a.is_static && !b.is_static;
  });
  std::string out;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += '\n';
    out += SummaryLine(entries[i]);
  }
  return out;
}

std::string Summarize(const std::vector<ChunkPtr>& chunks) {
  std::vector<SummaryEntry> entries;
  entries.reserve(chunks.size());
  for (const auto& chunk : chunks) entries.push_back(SummaryEntryOf(*chunk));
  return Summarize(std::move(entries));
}

}  // namespace rrflow
