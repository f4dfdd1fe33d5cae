// FilterCriteria: what filter(), drop() and split() select.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rrflow/chunk/chunk.h"
#include "rrflow/query/content_filter.h"

namespace rrflow {

/// The criteria of filter/drop/split, ANDed. The chunk-level predicates
/// (content, has_timeline, is_static) take or leave whole chunks; the
/// component list (OR over its identifiers) splits a chunk by columns.
struct FilterCriteria {
  std::optional<ContentFilter> content;
  std::optional<std::string> has_timeline;
  std::optional<bool> is_static;
  std::optional<std::vector<std::string>> components;

  /// Remembers the content filter's verdict per entity path, since many
  /// chunks share a path. One per execution (not thread-safe).
  class ContentMemo {
   public:
    /// The verdict for `path`, asking `filter` the first time.
    bool Matches(const ContentFilter& filter, const EntityPath& path);

   private:
    // Path hash -> the paths with that hash and their verdicts.
    std::unordered_map<size_t, std::vector<std::pair<std::string, bool>>> verdicts_;
  };

  /// True when every chunk-level predicate given holds.
  bool PredicatesHold(const Chunk& chunk, ContentMemo* memo = nullptr) const;

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
  Parts Divide(const ChunkPtr& chunk, ContentMemo* memo = nullptr) const;

  /// True when no criterion is given.
  bool empty() const { return !content && !has_timeline && !is_static && !components; }
};

}  // namespace rrflow
