// The execution context: what the nodes of one pipeline execution share.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include <arrow/result.h>

#include "rrflow/stream/problem.h"

namespace arrow::internal {
class Executor;
}

namespace rrflow {

class StreamNode;

/// How a pipeline is executed.
struct ExecuteOptions {
  /// Receives the problems of the execution; null to ignore them.
  std::shared_ptr<ProblemHandler> problems;
  /// About how many bytes of chunk data each stage of the execution holds
  /// in flight (a source's read-ahead and decode window, each queue); 0 for
  /// kDefaultByteBudget.
  int64_t byte_budget = 0;
  /// Asked by the terminals (Drain, ToChunks, Collect) between chunks, on
  /// the thread running them; an error stops the execution with it (a check
  /// for Ctrl-C, a deadline). Empty: never asked.
  std::function<arrow::Status()> interrupt_check;
  /// Sources that can keep the bytes each chunk was decoded from attach them
  /// (Chunk::encoding) for a writer of the same format to copy instead of
  /// encoding the chunk again. They then hold those bytes as long as the
  /// chunk lives, so the writers set this (WriteRrd), not collecting terminals.
  bool keep_chunk_encodings = false;

  static constexpr int64_t kDefaultByteBudget = 128LL * 1024 * 1024;
};

/// One execution of a pipeline, shared by every node it opens. Created by
/// Execute() and passed to StreamNode::Open; opaque apart from what a
/// source, operator or sink needs. Not thread-safe: nodes are opened on the
/// executing thread.
class ExecutionContext {
 public:
  ExecutionContext(const StreamNode& root, ExecuteOptions options);
  ~ExecutionContext();
  ExecutionContext(const ExecutionContext&) = delete;
  ExecutionContext& operator=(const ExecutionContext&) = delete;

  /// Reports to the execution's problem handler. Thread-safe.
  void Report(Problem problem) const;
  /// The handler problems go to (null when they are ignored). The context
  /// lives only while a plan is opened: iterators that report problems later
  /// keep this handler.
  const std::shared_ptr<ProblemHandler>& problems() const { return options_.problems; }

  /// The byte budget, defaulted: never 0.
  int64_t byte_budget() const;
  /// See ExecuteOptions::keep_chunk_encodings.
  bool keep_chunk_encodings() const { return options_.keep_chunk_encodings; }

  /// The process's one executor for CPU work (Arrow's CPU pool), which
  /// OrderedTasks and the sources submit to.
  static arrow::internal::Executor* cpu_executor();

  /// True when `node` is part of this execution's plan.
  bool Reaches(const StreamNode& node) const;

  /// State shared by the nodes of this execution under `key` (for example
  /// the one upstream run both branches of a split pull from): `make` runs
  /// the first time the key is asked for, later calls get the same state.
  arrow::Result<std::shared_ptr<void>> SharedState(
      const void* key, const std::function<arrow::Result<std::shared_ptr<void>>()>& make);

 private:
  struct Plan;
  ExecuteOptions options_;
  std::unique_ptr<Plan> plan_;
};

}  // namespace rrflow
