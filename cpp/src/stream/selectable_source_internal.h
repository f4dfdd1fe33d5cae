// Sources that can skip chunks before loading them (filter push-down).
#pragma once

#include <optional>
#include <vector>

#include "rrflow/query/filter_criteria.h"
#include "rrflow/stream/lazy_chunk_stream.h"

namespace rrflow::internal {

/// A source that can be told, when opened, which chunks the filters right
/// after it will keep, so that it need not load the others. The filters still
/// run afterwards: the hint only saves work.
class SelectableSource : public StreamNode {
 public:
  virtual arrow::Result<std::unique_ptr<ChunkIterator>> OpenSelected(
      ExecutionContext& context, const FilterCriteria& selection) const = 0;
};

/// AND-merges consecutive filters' criteria into one selection, field by
/// field, the way the reference fuses them: equal content or timeline
/// criteria merge, component lists intersect; the first filter that cannot
/// merge ends the prefix. `filters` is ordered from the source outwards.
FilterCriteria FuseLeadingFilters(const std::vector<const FilterCriteria*>& filters);

}  // namespace rrflow::internal
