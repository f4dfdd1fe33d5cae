// State shared by all nodes of one pipeline execution.
#pragma once

#include <map>
#include <memory>
#include <set>

#include "rrflow/stream/lazy_chunk_stream.h"

namespace rrflow::internal {

class SplitOrigin;
class SplitRouter;

/// Which split branches this execution reaches, and the routers of the
/// splits whose two branches are both reached.
class ExecutionContext {
 public:
  /// Walks the description from `sink` and records every reachable split branch.
  explicit ExecutionContext(const StreamNodePtr& sink);

  bool Reaches(const SplitOrigin* origin, bool matched) const {
    return reached_.count({origin, matched}) != 0;
  }

  /// The router of `origin` in this execution, started on first use.
  arrow::Result<std::shared_ptr<SplitRouter>> RouterFor(const SplitOrigin* origin);

 private:
  std::set<std::pair<const SplitOrigin*, bool>> reached_;
  std::map<const SplitOrigin*, std::shared_ptr<SplitRouter>> routers_;
};

/// Implemented by the two branch nodes of a split so the context can find them.
class SplitBranchNode : public StreamNode {
 public:
  virtual const SplitOrigin* origin() const = 0;
  virtual bool is_matched() const = 0;
};

}  // namespace rrflow::internal
