// The one kind of thread the engine starts itself.
#pragma once

#include <functional>
#include <thread>

namespace rrflow {

/// Runs a stage that must block on a thread of its own. Such stages are a
/// split's router and a merge's inputs (each waits on a full queue until its
/// consumer catches up: back-pressure) and sources that block while they
/// read ahead (a Parquet reader feeding its window queue).
/// Arrow's pools are not used for them: a pool thread parked on a full queue
/// would be taken from the decode tasks the consumer itself waits on, and a
/// few such stages could stall the whole pool. Everything else runs on the
/// CPU pool (ExecutionContext::cpu_executor) through OrderedTasks.
///
/// The owner must make `produce` return (typically by closing the queue it
/// pushes to) before the ProducerThread is destroyed, which joins it.
class ProducerThread {
 public:
  explicit ProducerThread(std::function<void()> produce) : thread_(std::move(produce)) {}
  ~ProducerThread() { thread_.join(); }
  ProducerThread(const ProducerThread&) = delete;
  ProducerThread& operator=(const ProducerThread&) = delete;

 private:
  std::thread thread_;
};

}  // namespace rrflow
