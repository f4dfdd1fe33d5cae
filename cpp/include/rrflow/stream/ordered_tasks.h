// Independent tasks on the process's CPU executor whose results are handed
// back in submission order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>

#include <arrow/result.h>
#include <arrow/util/future.h>
#include <arrow/util/thread_pool.h>

#include "rrflow/stream/execution_context.h"

namespace rrflow {

/// A window of in-flight tasks on Arrow's CPU thread pool whose results are
/// taken in the order the tasks were submitted. The window bounds memory:
/// callers submit while `full()` is false, which it becomes at `max_tasks`
/// tasks (default: twice the pool's threads, at least 4) or once the bytes
/// the callers say their tasks hold reach `max_bytes`.
template <typename T>
class OrderedTasks {
 public:
  explicit OrderedTasks(size_t max_tasks = 0, int64_t max_bytes = INT64_MAX)
      : max_tasks_(max_tasks > 0 ? max_tasks
                                 : static_cast<size_t>(
                                       std::max(4, 2 * arrow::GetCpuThreadPoolCapacity()))),
        max_bytes_(max_bytes) {}

  ~OrderedTasks() {
    // Tasks own copies of what they use; waiting keeps shutdown orderly.
    for (auto& task : pending_) task.future.Wait();
  }

  /// Never full when empty, so that one task of any size can run.
  bool full() const {
    return !pending_.empty() && (pending_.size() >= max_tasks_ || pending_bytes_ >= max_bytes_);
  }
  bool empty() const { return pending_.empty(); }

  /// Starts `task`, which holds about `bytes` of memory until it is taken.
  arrow::Status Submit(std::function<arrow::Result<T>()> task, int64_t bytes = 0) {
    ARROW_ASSIGN_OR_RAISE(auto future,
                          ExecutionContext::cpu_executor()->Submit(std::move(task)));
    pending_.push_back(Pending{std::move(future), bytes});
    pending_bytes_ += bytes;
    return arrow::Status::OK();
  }

  /// The oldest task's result, waiting for it. Requires !empty().
  arrow::Result<T> TakeOldest() {
    Pending oldest = std::move(pending_.front());
    pending_.pop_front();
    pending_bytes_ -= oldest.bytes;
    return oldest.future.result();
  }

 private:
  struct Pending {
    arrow::Future<T> future;
    int64_t bytes;
  };

  size_t max_tasks_;
  int64_t max_bytes_;
  std::deque<Pending> pending_;
  int64_t pending_bytes_ = 0;
};

}  // namespace rrflow
