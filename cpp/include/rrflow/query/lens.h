// Lenses: declarative per-chunk transformations of component columns by
// selectors (DeriveLens, MutateLens), for single chunks and for streams.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <arrow/result.h>

#include "rrflow/chunk/chunk.h"
#include "rrflow/core/component_descriptor.h"
#include "rrflow/core/entity_path.h"
#include "rrflow/core/timeline.h"
#include "rrflow/query/content_filter.h"
#include "rrflow/query/selector.h"

namespace rrflow {

/// A component column a DeriveLens writes: `selector` run per row on the input.
struct DerivedComponent {
  ComponentDescriptor descriptor;
  Selector selector;
};

/// A timeline a DeriveLens writes: `selector` must give one Int64 per output row.
struct DerivedTimeline {
  std::string name;
  TimeType type = TimeType::kSequence;
  Selector selector;
};

/// Creates new columns from one input component: at the input's entity (its
/// outputs join the chunk, or form a chunk of their own when it scatters or
/// adds timelines) or at `output_entity` (a chunk of their own). With
/// `scatter`, each element of an output row becomes a row of its own (1:N).
/// Immutable; the builders return new lenses.
class DeriveLens {
 public:
  explicit DeriveLens(std::string input_component,
                      std::optional<EntityPath> output_entity = std::nullopt, bool scatter = false)
      : input_component_(std::move(input_component)),
        output_entity_(std::move(output_entity)),
        scatter_(scatter) {}

  DeriveLens ToComponent(ComponentDescriptor descriptor, Selector selector) const;
  DeriveLens ToTimeline(std::string name, TimeType type, Selector selector) const;

  const std::string& input_component() const { return input_component_; }
  const std::optional<EntityPath>& output_entity() const { return output_entity_; }
  bool scatter() const { return scatter_; }
  const std::vector<DerivedComponent>& components() const { return components_; }
  const std::vector<DerivedTimeline>& timelines() const { return timelines_; }

 private:
  std::string input_component_;
  std::optional<EntityPath> output_entity_;
  bool scatter_ = false;
  std::vector<DerivedComponent> components_;
  std::vector<DerivedTimeline> timelines_;
};

/// Replaces the input component in place by `selector`'s per-row result,
/// keeping its descriptor. Row ids are regenerated unless `keep_row_ids`.
class MutateLens {
 public:
  MutateLens(std::string input_component, Selector selector, bool keep_row_ids = false)
      : input_component_(std::move(input_component)),
        selector_(std::move(selector)),
        keep_row_ids_(keep_row_ids) {}

  const std::string& input_component() const { return input_component_; }
  const Selector& selector() const { return selector_; }
  bool keep_row_ids() const { return keep_row_ids_; }

 private:
  std::string input_component_;
  Selector selector_;
  bool keep_row_ids_ = false;
};

using Lens = std::variant<DeriveLens, MutateLens>;

/// What happens to the columns and chunks no lens consumes.
enum class LensOutputMode {
  kForwardAll,        ///< keep every original column (and unmatched chunks)
  kForwardUnmatched,  ///< keep the columns no derive consumed (and unmatched chunks)
  kDropUnmatched,     ///< keep only lens outputs and mutated columns
};

/// `forward_all`, `forward_unmatched` or `drop_unmatched`; anything else is
/// `Invalid` with the reference's message.
arrow::Result<LensOutputMode> LensOutputModeFromName(std::string_view name);

/// Lenses checked for use together. Immutable.
class LensSet {
 public:
  /// Runs the checks the reference defers to first use: a DeriveLens needs a
  /// component output, and one without `output_entity` may not write its own
  /// input component (that is a MutateLens).
  static arrow::Result<LensSet> Make(std::vector<Lens> lenses);

  /// The chunks the lenses make of `chunk`, in the reference's order: the
  /// chunk's remaining columns with mutated and merged ones (if any), then
  /// each separate derive (same-entity ones first, each class in lens
  /// order). A chunk no lens matches (property chunks never match) comes out
  /// unchanged, or not at all under kDropUnmatched. Errors are `Invalid`,
  /// the messages of the first failing output joined by "; ".
  arrow::Result<std::vector<ChunkPtr>> Apply(const ChunkPtr& chunk, LensOutputMode mode) const;

  const std::vector<Lens>& lenses() const { return lenses_; }

 private:
  explicit LensSet(std::vector<Lens> lenses) : lenses_(std::move(lenses)) {}

  std::vector<Lens> lenses_;
};

/// `Chunk.apply_lenses`: Apply under kForwardUnmatched.
arrow::Result<std::vector<ChunkPtr>> ApplyLenses(const ChunkPtr& chunk, const LensSet& lenses);

/// `Chunk.apply_selector`: the chunk with one component replaced by
/// `selector`'s per-row result (descriptor kept, fresh chunk id and
/// sequential row ids, row order unchanged). Errors are `Invalid`.
arrow::Result<ChunkPtr> ApplySelector(const ChunkPtr& chunk, std::string_view component,
                                      const Selector& selector);

}  // namespace rrflow
