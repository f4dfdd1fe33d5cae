// ComponentDescriptor: what a component column holds and how it is named.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace rrflow {

/// Describes one component column. `component` is the column's unique key
/// within an entity (e.g. `Points3D:positions`); `archetype` is fully
/// qualified for builtins (`rerun.archetypes.Points3D`); `component_type`
/// names the semantic type (`rerun.components.Position3D`).
struct ComponentDescriptor {
  std::optional<std::string> archetype;
  std::string component;
  std::optional<std::string> component_type;

  ComponentDescriptor() = default;
  explicit ComponentDescriptor(std::string component_,
                               std::optional<std::string> archetype_ = std::nullopt,
                               std::optional<std::string> component_type_ = std::nullopt)
      : archetype(std::move(archetype_)),
        component(std::move(component_)),
        component_type(std::move(component_type_)) {}

  /// The archetype without its `rerun.archetypes.` (or similar) prefix.
  std::optional<std::string> ShortArchetypeName() const;

  /// True when a user-given identifier names this column: exact,
  /// case-sensitive comparison with `component`.
  bool Matches(std::string_view identifier) const { return component == identifier; }

  /// The component's name within its archetype: `component` without the
  /// `<short archetype name>:` prefix builtin archetypes give it (all of
  /// `component` when it has no such prefix).
  std::string_view FieldName() const;

  /// A copy where the given `archetype` and `component_type` replace the own.
  ComponentDescriptor WithOverrides(std::optional<std::string> archetype,
                                    std::optional<std::string> component_type) const;

  /// A copy where the given `archetype` and `component_type` fill only the
  /// absent ones.
  ComponentDescriptor OrWithOverrides(std::optional<std::string> archetype,
                                      std::optional<std::string> component_type) const;

  /// A copy under `archetype`, named the way builtin archetypes name their
  /// components: `<short archetype name>:<field name>`.
  ComponentDescriptor WithBuiltinArchetype(std::string archetype) const;

  bool operator==(const ComponentDescriptor&) const = default;

  /// Column order in a record batch: archetype (absent first), component,
  /// component type (absent first).
  static bool ColumnOrderLess(const ComponentDescriptor& a, const ComponentDescriptor& b);
};

/// Strips the first matching of `rerun.archetypes.`, `rerun.blueprint.archetypes.`, `rerun.`.
std::string ShortArchetypeName(std::string_view full_name);

}  // namespace rrflow

/// Consistent with ==: all three fields, an absent one apart from an empty one.
template <>
struct std::hash<rrflow::ComponentDescriptor> {
  size_t operator()(const rrflow::ComponentDescriptor& descriptor) const noexcept;
};
