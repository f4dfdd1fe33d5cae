// The seam every stage of a pipeline is written against: descriptions
// (StreamNode) that open executions (ChunkIterator), sources among them.
#pragma once

#include <memory>
#include <vector>

#include <arrow/result.h>

#include "rrflow/chunk/chunk.h"
#include "rrflow/stream/execution_context.h"
#include "rrflow/stream/scan_hints.h"

namespace rrflow {

/// One execution of a node. Not thread-safe: one consumer pulls. Destroying
/// it cancels the execution (threads it started stop and are joined).
class ChunkIterator {
 public:
  virtual ~ChunkIterator() = default;
  /// The next chunk; nullptr at the end. After an error, iteration is over.
  virtual arrow::Result<ChunkPtr> Next() = 0;
};

class StreamNode;
using StreamNodePtr = std::shared_ptr<const StreamNode>;

/// An immutable description of a pipeline stage. Executing a description
/// opens fresh iterators all the way to the sources, so a description can
/// be executed any number of times.
class StreamNode {
 public:
  virtual ~StreamNode() = default;

  /// Opens an execution of this node within `context` (shared by all nodes
  /// of one execution). `hints` say what the consumer will keep; a node
  /// that keeps chunks as they are may pass them on to its inputs.
  virtual arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context,
                                                             const ScanHints& hints) const = 0;

  /// The nodes this one pulls from.
  virtual std::vector<StreamNodePtr> inputs() const = 0;
};

/// A node without inputs: a file reader, a store, a generator. Sources
/// decide from the hints how much of the data they need to read.
class ChunkSource : public StreamNode {
 public:
  std::vector<StreamNodePtr> inputs() const final { return {}; }
};

/// Where an execution's chunks go: a file writer, a network connection, a
/// store being built. Write is called in stream order from one thread.
class ChunkSink {
 public:
  virtual ~ChunkSink() = default;
  virtual arrow::Status Write(ChunkPtr chunk) = 0;
  /// Completes the output; no Write follows. A sink destroyed without a
  /// successful Finish leaves no partial output where it can avoid it.
  virtual arrow::Status Finish() = 0;
};

}  // namespace rrflow
