#include "rrflow/chunk_summary.h"

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

std::string SummaryLine(const Chunk& chunk) {
  auto timelines = chunk.timeline_names();
  auto columns = timelines;
  for (const auto& component : chunk.components()) {
    columns.push_back(component.descriptor.component);
  }
  return chunk.entity_path().ToString() + " rows=" + std::to_string(chunk.num_rows()) +
         " static=" + (chunk.is_static() ? "True" : "False") +
         " timelines=" + QuotedList(std::move(timelines)) + " cols=" + QuotedList(std::move(columns));
}

std::string Summarize(const std::vector<ChunkPtr>& chunks) {
  std::vector<const Chunk*> ordered;
  ordered.reserve(chunks.size());
  for (const auto& chunk : chunks) ordered.push_back(chunk.get());
  std::stable_sort(ordered.begin(), ordered.end(), [](const Chunk* a, const Chunk* b) {
    const auto& pa = a->entity_path().ToString();
    const auto& pb = b->entity_path().ToString();
    if (pa != pb) return pa < pb;
    return a->is_static() && !b->is_static();
  });
  std::string out;
  for (size_t i = 0; i < ordered.size(); ++i) {
    if (i > 0) out += '\n';
    out += SummaryLine(*ordered[i]);
  }
  return out;
}

}  // namespace rrflow
