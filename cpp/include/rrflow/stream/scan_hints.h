// Scan hints: what the consumer of a source will keep, so that the source
// can skip work. Hints never change results: the consumer still applies the
// filters itself, so a source may ignore any hint.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rrflow/query/filter_criteria.h"

namespace rrflow {

/// Rows whose time on `timeline` lies in [min, max] (inclusive).
struct TimeRangeHint {
  std::string timeline;
  int64_t min = 0;
  int64_t max = 0;
};

struct ScanHints {
  /// The filters applied right after this node, nearest first. A source may
  /// skip the chunks that Selection() rejects.
  std::vector<FilterCriteria> filters;
  /// Only temporal rows in this range are wanted: a source may skip
  /// temporal chunks with no row in it. Static chunks are always wanted.
  std::optional<TimeRangeHint> time_range;
  /// About how many bytes of chunk data a source should hold in flight
  /// (read ahead, decode windows); 0 for the source's default.
  int64_t byte_budget = 0;

  /// The leading filters AND-merged the way the reference fuses them: equal
  /// content or timeline criteria merge, component lists intersect, and the
  /// first filter that cannot merge ends the prefix.
  FilterCriteria Selection() const;

  /// The hints an operator that reshapes chunks passes to its inputs: the
  /// byte budget only, since its own consumer's filters do not apply there.
  ScanHints BudgetOnly() const;
};

}  // namespace rrflow
