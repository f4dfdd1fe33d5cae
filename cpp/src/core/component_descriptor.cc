#include "rrflow/core/component_descriptor.h"

#include <array>
#include <tuple>
#include <utility>

#include "core/hash_combine_internal.h"

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

std::string_view ComponentDescriptor::FieldName() const {
  const std::string_view name = component;
  if (!archetype) return name;
  const std::string prefix = rrflow::ShortArchetypeName(*archetype) + ":";
  return name.starts_with(prefix) ? name.substr(prefix.size()) : name;
}

ComponentDescriptor ComponentDescriptor::WithOverrides(
    std::optional<std::string> archetype_, std::optional<std::string> component_type_) const {
  return ComponentDescriptor(component, archetype_ ? std::move(archetype_) : archetype,
                             component_type_ ? std::move(component_type_) : component_type);
}

ComponentDescriptor ComponentDescriptor::OrWithOverrides(
    std::optional<std::string> archetype_, std::optional<std::string> component_type_) const {
  return ComponentDescriptor(component, archetype ? archetype : std::move(archetype_),
                             component_type ? component_type : std::move(component_type_));
}

ComponentDescriptor ComponentDescriptor::WithBuiltinArchetype(std::string archetype_) const {
  std::string name = rrflow::ShortArchetypeName(archetype_) + ":" + std::string(FieldName());
  return ComponentDescriptor(std::move(name), std::move(archetype_), component_type);
}

bool ComponentDescriptor::ColumnOrderLess(const ComponentDescriptor& a,
                                          const ComponentDescriptor& b) {
  // std::optional orders nullopt before any value, as the record batch layout wants.
  return std::tie(a.archetype, a.component, a.component_type) <
         std::tie(b.archetype, b.component, b.component_type);
}

}  // namespace rrflow

size_t std::hash<rrflow::ComponentDescriptor>::operator()(
    const rrflow::ComponentDescriptor& descriptor) const noexcept {
  size_t seed = 0;
  rrflow::internal::HashCombine(&seed, descriptor.component);
  rrflow::internal::HashCombine(&seed, descriptor.archetype);
  rrflow::internal::HashCombine(&seed, descriptor.component_type);
  return seed;
}
