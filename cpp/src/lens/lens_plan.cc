#include "lens/lens_plan_internal.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace rrflow::internal {
namespace {

// A handful of names (one per lens output): a vector beats a tree here.
class NameSet {
 public:
  bool Contains(std::string_view name) const {
    return std::find(names_.begin(), names_.end(), name) != names_.end();
  }
  /// False if `name` was already in.
  bool Insert(std::string_view name) {
    if (Contains(name)) return false;
    names_.push_back(name);
    return true;
  }

 private:
  std::vector<std::string_view> names_;
};

// Claims the lens's output identifiers in `claimed`; false (with an error) if
// one was already claimed, which drops the whole lens.
bool ClaimOutputs(const DeriveLens& lens, const EntityPath& target, NameSet* claimed,
                  std::vector<std::string>* errors) {
  for (const auto& output : lens.components()) {
    if (!claimed->Insert(output.descriptor.component)) {
      errors->push_back("Lens collision at entity `" + target.ToString() + "`: derive output `" +
                        output.descriptor.component + "` already claimed by a prior lens");
      return false;
    }
  }
  return true;
}

}  // namespace

LensPlan PlanLenses(const Chunk& chunk, const std::vector<Lens>& lenses, LensOutputMode mode) {
  LensPlan plan;
  // Lenses are installed for every entity but properties.
  if (chunk.entity_path().IsProperty()) return plan;

  std::vector<const MutateLens*> mutates;
  std::vector<const DeriveLens*> same_entity;
  std::vector<const DeriveLens*> other_entity;
  for (const auto& lens : lenses) {
    if (const auto* mutate = std::get_if<MutateLens>(&lens)) {
      if (chunk.FindComponent(mutate->input_component()) != nullptr) mutates.push_back(mutate);
      continue;
    }
    const auto& derive = std::get<DeriveLens>(lens);
    if (chunk.FindComponent(derive.input_component()) == nullptr) continue;
    (derive.output_entity().has_value() ? other_entity : same_entity).push_back(&derive);
  }
  plan.matched = !mutates.empty() || !same_entity.empty() || !other_entity.empty();
  if (!plan.matched) return plan;

  const EntityPath& entity = chunk.entity_path();
  NameSet mutated;
  for (const auto* mutate : mutates) {
    if (mutated.Insert(mutate->input_component())) {
      plan.mutates.push_back(mutate);
    } else {
      plan.errors.push_back("Lens collision at entity `" + entity.ToString() +
                            "`: mutate target `" + mutate->input_component() +
                            "` already claimed by a prior lens");
    }
  }

  // A derive consumes its input (even when it then collides), unless the
  // input is mutated in place.
  NameSet consumed;
  const auto consume = [&](const DeriveLens& lens) {
    if (mode == LensOutputMode::kForwardUnmatched && !mutated.Contains(lens.input_component())) {
      consumed.Insert(lens.input_component());
    }
  };
  NameSet claimed_here;
  for (const auto* derive : same_entity) {
    consume(*derive);
    if (!ClaimOutputs(*derive, entity, &claimed_here, &plan.errors)) continue;
    if (derive->scatter() || !derive->timelines().empty()) {
      plan.separates.push_back(derive);
    } else {
      plan.merges.push_back(derive);
    }
  }
  // Other-entity claims are per target entity, apart from the same-entity ones.
  std::vector<std::pair<const EntityPath*, NameSet>> claimed_by_target;
  for (const auto* derive : other_entity) {
    consume(*derive);
    const EntityPath& target = *derive->output_entity();
    auto claimed = std::find_if(claimed_by_target.begin(), claimed_by_target.end(),
                                [&](const auto& entry) { return *entry.first == target; });
    if (claimed == claimed_by_target.end()) {
      claimed = claimed_by_target.insert(claimed_by_target.end(), {&target, NameSet()});
    }
    if (ClaimOutputs(*derive, target, &claimed->second, &plan.errors)) {
      plan.separates.push_back(derive);
    }
  }

  for (const auto& column : chunk.components()) {
    const std::string& id = column.descriptor.component;
    switch (mode) {
      case LensOutputMode::kForwardAll:
        plan.forwarded.push_back(true);
        break;
      case LensOutputMode::kForwardUnmatched:
        plan.forwarded.push_back(!consumed.Contains(id));
        break;
      case LensOutputMode::kDropUnmatched:
        plan.forwarded.push_back(mutated.Contains(id));
        break;
    }
  }
  return plan;
}

}  // namespace rrflow::internal
