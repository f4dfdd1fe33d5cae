// FilterCriteria: what filter(), drop() and split() select.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rrflow/chunk.h"
#include "rrflow/content_filter.h"

namespace rrflow {

/// The criteria of filter/drop/split, ANDed. The chunk-level predicates
/// (content, has_timeline, is_static) take or leave whole chunks; the
/// component list (OR over its identifiers) splits a chunk by columns.
struct FilterCriteria {
  std::optional<ContentFilter> content;
  std::optional<std::string> has_timeline;
  std::optional<bool> is_static;
  std::optional<std::vector<std::string>> components;

  /// True when every chunk-level predicate given holds.
  bool PredicatesHold(const Chunk& chunk) const;

  /// A chunk divided by the criteria. `matched` is what filter() keeps,
  /// `unmatched` what drop() keeps; either may be null.
  struct Parts {
    ChunkPtr matched;
    ChunkPtr unmatched;
  };
  /// Divides `chunk`: with no component list the whole chunk goes to one
  /// side; with one, the listed columns (fresh id) and the others (the
  /// original chunk when nothing was taken, else a fresh id) each go to their
  /// side if they hold at least one component.
  Parts Divide(const ChunkPtr& chunk) const;

  /// True when no criterion is given.
  bool empty() const { return !content && !has_timeline && !is_static && !components; }
};

}  // namespace rrflow
