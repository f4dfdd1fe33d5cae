// The lazy pipeline engine: immutable stream descriptions that are executed
// (pulled) on demand, each execution independent of the others.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <arrow/result.h>

#include "rrflow/chunk/chunk.h"
#include "rrflow/query/filter_criteria.h"
#include "rrflow/query/lens.h"
#include "rrflow/store/chunk_store.h"

namespace rrflow {

/// One execution of a pipeline. Not thread-safe: one consumer pulls.
/// Destroying it cancels the execution (producer threads stop and are joined).
class ChunkIterator {
 public:
  virtual ~ChunkIterator() = default;
  /// The next chunk; nullptr at the end. After an error, iteration is over.
  virtual arrow::Result<ChunkPtr> Next() = 0;
};

class StreamNode;
using StreamNodePtr = std::shared_ptr<const StreamNode>;

namespace internal {
class ExecutionContext;
}

/// An immutable description of a pipeline stage. Executing a description
/// opens fresh iterators all the way to the sources.
class StreamNode {
 public:
  virtual ~StreamNode() = default;

  /// Opens an execution of this node within `context` (shared by all nodes
  /// of one execution, so that both branches of a split share one upstream).
  virtual arrow::Result<std::unique_ptr<ChunkIterator>> Open(
      internal::ExecutionContext& context) const = 0;

  /// The nodes this one pulls from.
  virtual std::vector<StreamNodePtr> inputs() const { return {}; }
};

/// A pull function producing chunks: returns nullptr at the end.
using ChunkPull = std::function<arrow::Result<ChunkPtr>()>;
/// Opens a fresh pull function for each execution.
using ChunkPullFactory = std::function<arrow::Result<ChunkPull>()>;
/// A per-chunk transformation producing zero or more chunks, in order.
using ChunkTransform = std::function<arrow::Result<std::vector<ChunkPtr>>(const ChunkPtr&)>;

/// Source: the given chunks, in order, at every execution.
StreamNodePtr MakeChunkListSource(std::vector<ChunkPtr> chunks);

/// Source: a fresh pull function per execution, run on the pulling thread.
StreamNodePtr MakePullSource(ChunkPullFactory factory);

/// filter(criteria): what each chunk's matched part keeps.
StreamNodePtr MakeFilter(StreamNodePtr input, FilterCriteria criteria);
/// drop(criteria): what each chunk's unmatched part keeps.
StreamNodePtr MakeDrop(StreamNodePtr input, FilterCriteria criteria);

/// split(criteria): (matched, unmatched). Within one execution that reaches
/// both branches the input runs once, routed by a thread into two bounded
/// queues; an execution reaching one branch runs it as filter or drop.
std::pair<StreamNodePtr, StreamNodePtr> MakeSplit(StreamNodePtr input, FilterCriteria criteria);

/// merge(inputs...): every input drained concurrently into one bounded
/// queue; each input's order is kept.
StreamNodePtr MakeMerge(std::vector<StreamNodePtr> inputs);

/// Applies `transform` to each chunk, emitting its outputs in order.
StreamNodePtr MakeTransform(StreamNodePtr input, ChunkTransform transform);

/// lenses(...): each chunk whose entity matches `content` (every chunk when
/// unset) goes through `lenses`; other chunks pass unchanged. A lens failure
/// ends the stream with a RuntimeError `Lenses error: <messages>`.
StreamNodePtr MakeLenses(StreamNodePtr input, LensSet lenses, LensOutputMode mode,
                         std::optional<ContentFilter> content);

/// Starts an execution of `node`.
arrow::Result<std::unique_ptr<ChunkIterator>> Execute(const StreamNodePtr& node);

/// Runs `node` to the end and returns every chunk.
arrow::Result<std::vector<ChunkPtr>> ToChunks(const StreamNodePtr& node);

/// Runs `node` to the end, inserting every chunk into a new ChunkStore with
/// the given insert-time compaction thresholds.
arrow::Result<ChunkStorePtr> Collect(const StreamNodePtr& node,
                                     const ChunkStoreConfig& config = ChunkStoreConfig::Default());

}  // namespace rrflow
