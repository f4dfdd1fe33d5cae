#include "rrflow/chunk/chunk_difference.h"

#include <algorithm>

#include <arrow/compare.h>

#include "text/array_value_formatter_internal.h"

namespace rrflow {
namespace {

// Enough of a value to recognise it; an image row would fill the terminal.
constexpr size_t kMaxValueText = 200;

std::string ValueText(const std::shared_ptr<arrow::Array>& array, int64_t row) {
  auto formatter = internal::ArrayValueFormatter::Make(array);
  if (!formatter.ok()) return "(" + formatter.status().message() + ")";
  std::string text = formatter->Format(row);
  if (text.size() > kMaxValueText) text = text.substr(0, kMaxValueText) + "...";
  return text;
}

std::string Described(const std::optional<std::string>& field) { return field ? *field : "none"; }

bool Listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::optional<ChunkDifference> TimelineDifference(const TimeColumn& a, const TimeColumn& b) {
  if (a.type() != b.type()) {
    return ChunkDifference{a.name(), std::nullopt,
                           std::string(TimeTypeName(a.type())) + " vs " + std::string(TimeTypeName(b.type()))};
  }
  const int64_t* left = a.values();
  const int64_t* right = b.values();
  const auto [at, _] = std::mismatch(left, left + a.length(), right);
  if (at == left + a.length()) return std::nullopt;
  const int64_t row = at - left;
  return ChunkDifference{a.name(), row, ValueText(a.times(), row) + " vs " + ValueText(b.times(), row)};
}

std::optional<ChunkDifference> ComponentDifference(const ComponentColumn& a, const ComponentColumn& b) {
  const std::string& name = a.descriptor.component;
  if (a.descriptor.archetype != b.descriptor.archetype) {
    return ChunkDifference{name, std::nullopt,
                           "archetype " + Described(a.descriptor.archetype) + " vs " + Described(b.descriptor.archetype)};
  }
  if (a.descriptor.component_type != b.descriptor.component_type) {
    return ChunkDifference{name, std::nullopt,
                           "component type " + Described(a.descriptor.component_type) + " vs " +
                               Described(b.descriptor.component_type)};
  }
  if (!a.list->type()->Equals(*b.list->type(), /*check_metadata=*/false)) {
    return ChunkDifference{name, std::nullopt,
                           "type " + a.list->type()->ToString() + " vs " + b.list->type()->ToString()};
  }
  const auto equal_options = arrow::EqualOptions::Defaults().nans_equal(true);
  if (a.list->Equals(*b.list, equal_options)) return std::nullopt;
  for (int64_t row = 0; row < a.list->length(); ++row) {
    if (a.list->RangeEquals(*b.list, row, row + 1, row, equal_options)) continue;
    return ChunkDifference{name, row, ValueText(a.list, row) + " vs " + ValueText(b.list, row)};
  }
  return std::nullopt;  // not reached: Equals is RangeEquals over all rows
}

}  // namespace

std::string ChunkDifference::ToString() const {
  std::string text = column;
  if (row) text += (text.empty() ? "" : ", ") + std::string("row ") + std::to_string(*row);
  return text.empty() ? description : text + ": " + description;
}

std::optional<ChunkDifference> FindChunkDifference(const Chunk& a, const Chunk& b,
                                                   const ChunkComparisonOptions& options) {
  if (a.entity_path() != b.entity_path()) {
    return ChunkDifference{"", std::nullopt,
                           "entity " + a.entity_path().ToString() + " vs " + b.entity_path().ToString()};
  }
  if (a.is_static() != b.is_static()) {
    return ChunkDifference{"", std::nullopt,
                           std::string(a.is_static() ? "static" : "temporal") + " vs " +
                               (b.is_static() ? "static" : "temporal")};
  }
  if (a.num_rows() != b.num_rows()) {
    return ChunkDifference{"", std::nullopt,
                           std::to_string(a.num_rows()) + " rows vs " + std::to_string(b.num_rows())};
  }
  for (const auto& timeline : a.timelines()) {
    if (Listed(options.ignored_timelines, timeline.name())) continue;
    const TimeColumn* other = b.FindTimeline(timeline.name());
    if (other == nullptr) return ChunkDifference{timeline.name(), std::nullopt, "timeline in the first chunk only"};
    if (auto difference = TimelineDifference(timeline, *other)) return difference;
  }
  for (const auto& timeline : b.timelines()) {
    if (Listed(options.ignored_timelines, timeline.name()) || a.FindTimeline(timeline.name()) != nullptr) continue;
    return ChunkDifference{timeline.name(), std::nullopt, "timeline in the second chunk only"};
  }
  for (const auto& component : a.components()) {
    if (Listed(options.ignored_components, component.descriptor.component)) continue;
    const ComponentColumn* other = b.FindComponent(component.descriptor.component);
    if (other == nullptr) {
      return ChunkDifference{component.descriptor.component, std::nullopt, "component in the first chunk only"};
    }
    if (auto difference = ComponentDifference(component, *other)) return difference;
  }
  for (const auto& component : b.components()) {
    if (Listed(options.ignored_components, component.descriptor.component) ||
        a.FindComponent(component.descriptor.component) != nullptr) {
      continue;
    }
    return ChunkDifference{component.descriptor.component, std::nullopt, "component in the second chunk only"};
  }
  return std::nullopt;
}

}  // namespace rrflow
