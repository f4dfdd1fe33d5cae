// Lens construction and the checks the reference defers to first use.
#include "rrflow/query/lens.h"

namespace rrflow {

DeriveLens DeriveLens::ToComponent(ComponentDescriptor descriptor, Selector selector) const {
  DeriveLens lens = *this;
  lens.components_.push_back(DerivedComponent{std::move(descriptor), std::move(selector)});
  return lens;
}

DeriveLens DeriveLens::ToTimeline(std::string name, TimeType type, Selector selector) const {
  DeriveLens lens = *this;
  lens.timelines_.push_back(DerivedTimeline{std::move(name), type, std::move(selector)});
  return lens;
}

arrow::Result<LensOutputMode> LensOutputModeFromName(std::string_view name) {
  if (name == "forward_all") return LensOutputMode::kForwardAll;
  if (name == "forward_unmatched") return LensOutputMode::kForwardUnmatched;
  if (name == "drop_unmatched") return LensOutputMode::kDropUnmatched;
  return arrow::Status::Invalid("Unknown output_mode '", name,
                                "', expected 'forward_all', 'forward_unmatched', or "
                                "'drop_unmatched'");
}

arrow::Result<LensSet> LensSet::Make(std::vector<Lens> lenses) {
  for (const auto& lens : lenses) {
    const auto* derive = std::get_if<DeriveLens>(&lens);
    if (derive == nullptr) continue;
    if (derive->components().empty()) {
      return arrow::Status::Invalid("Lens for input component `", derive->input_component(),
                                    "` is missing output components");
    }
    if (derive->output_entity().has_value()) continue;
    for (const auto& output : derive->components()) {
      if (output.descriptor.component == derive->input_component()) {
        return arrow::Status::Invalid(
            "Derive lens targets the same component as its input `", derive->input_component(),
            "` on the same entity - use a mutate lens instead");
      }
    }
  }
  return LensSet(std::move(lenses));
}

arrow::Result<std::vector<ChunkPtr>> ApplyLenses(const ChunkPtr& chunk, const LensSet& lenses) {
  return lenses.Apply(chunk, LensOutputMode::kForwardUnmatched);
}

}  // namespace rrflow
