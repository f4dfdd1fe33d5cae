#include "rrflow/core/component_descriptor.h"

#include <array>
#include <tuple>

namespace rrflow {

std::string ShortArchetypeName(std::string_view full_name) {
  static constexpr std::array<std::string_view, 3> kPrefixes = {
      "rerun.archetypes.", "rerun.blueprint.archetypes.", "rerun."};
  for (const auto prefix : kPrefixes) {
    if (full_name.starts_with(prefix)) return std::string(full_name.substr(prefix.size()));
  }
  return std::string(full_name);
}

std::optional<std::string> ComponentDescriptor::ShortArchetypeName() const {
  if (!archetype) return std::nullopt;
  return rrflow::ShortArchetypeName(*archetype);
}

bool ComponentDescriptor::ColumnOrderLess(const ComponentDescriptor& a,
                                          const ComponentDescriptor& b) {
  // std::optional orders nullopt before any value, as the record batch layout wants.
  return std::tie(a.archetype, a.component, a.component_type) <
         std::tie(b.archetype, b.component, b.component_type);
}

}  // namespace rrflow
