// Running independent tasks on the process-wide CPU pool while handing their
// results back in submission order.
#pragma once

#include <algorithm>
#include <deque>
#include <functional>

#include <arrow/result.h>
#include <arrow/util/future.h>
#include <arrow/util/thread_pool.h>

namespace rrflow::internal {

/// A window of in-flight tasks on Arrow's CPU thread pool whose results are
/// taken in the order the tasks were submitted. The window bounds memory:
/// callers submit while `full()` is false.
template <typename T>
class OrderedTasks {
 public:
  explicit OrderedTasks(size_t window = 0)
      : window_(window > 0 ? window
                           : static_cast<size_t>(
                                 std::max(4, 2 * arrow::GetCpuThreadPoolCapacity()))) {}

  ~OrderedTasks() {
    // Tasks own copies of what they use; waiting keeps shutdown orderly.
    for (auto& future : pending_) future.Wait();
  }

  bool full() const { return pending_.size() >= window_; }
  bool empty() const { return pending_.empty(); }

  arrow::Status Submit(std::function<arrow::Result<T>()> task) {
    ARROW_ASSIGN_OR_RAISE(auto future,
                          arrow::internal::GetCpuThreadPool()->Submit(std::move(task)));
    pending_.push_back(std::move(future));
    return arrow::Status::OK();
  }

  /// The oldest task's result, waiting for it. Requires !empty().
  arrow::Result<T> TakeOldest() {
    auto future = std::move(pending_.front());
    pending_.pop_front();
    return future.result();
  }

 private:
  size_t window_;
  std::deque<arrow::Future<T>> pending_;
};

}  // namespace rrflow::internal
