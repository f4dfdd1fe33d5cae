// A blocking queue bounded by item count and bytes, closable from either side.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <utility>

namespace rrflow {

/// How much a BoundedQueue holds before producers wait.
struct QueueLimits {
  size_t max_items = 64;
  /// Bytes of the queued items as their producers count them. An item larger
  /// than this is still admitted into an empty queue, so nothing deadlocks.
  int64_t max_bytes = 128LL * 1024 * 1024;
};

/// Multi-producer, single-consumer queue. Push blocks while the queue is at
/// either limit; the consumer takes everything queued at once (fewer lock
/// round trips and wake-ups than item by item). Close() wakes everyone:
/// pushes then fail, takes drain what is left and then report the end.
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(QueueLimits limits)
      : limits_(limits), wake_batch_(std::max<size_t>(1, limits.max_items / 4)) {}

  /// Queues `item`, which its producer counts as `bytes`. False if the
  /// queue was closed (the item is dropped).
  bool Push(T item, int64_t bytes = 0) {
    std::unique_lock lock(mutex_);
    if (Full(bytes) && !closed_) {
      ++waiting_producers_;
      not_full_.wait(lock, [&] { return closed_ || !Full(bytes); });
      --waiting_producers_;
    }
    if (closed_) return false;
    items_.push_back(std::move(item));
    queued_bytes_ += bytes;
    // Waking the consumer for every item makes threads ping-pong; it is woken
    // once a batch of items or a quarter of the byte limit has gathered, and
    // otherwise finds the items on its next short timed wait.
    if (consumer_waiting_ &&
        (items_.size() >= wake_batch_ || queued_bytes_ >= limits_.max_bytes / 4)) {
      not_empty_.notify_one();
    }
    return true;
  }

  /// Moves every queued item to the back of `out`, waiting for at least one;
  /// false once the queue is closed and empty.
  bool TakeAll(std::deque<T>* out) {
    std::unique_lock lock(mutex_);
    if (items_.empty() && !closed_) {
      consumer_waiting_ = true;
      while (items_.empty() && !closed_) not_empty_.wait_for(lock, kBatchWait);
      consumer_waiting_ = false;
    }
    if (items_.empty()) return false;
    for (auto& item : items_) out->push_back(std::move(item));
    items_.clear();
    queued_bytes_ = 0;
    if (waiting_producers_ > 0) not_full_.notify_all();
    return true;
  }

  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_full_.notify_all();
    not_empty_.notify_all();
  }

 private:
  // How long a waiting consumer sleeps before looking for items that arrived
  // without waking it (fewer than a batch).
  static constexpr std::chrono::microseconds kBatchWait{200};

  // Whether adding an item of `bytes` would go over a limit. Requires the lock.
  bool Full(int64_t bytes) const {
    if (items_.empty()) return false;
    return items_.size() >= limits_.max_items || queued_bytes_ + bytes > limits_.max_bytes;
  }

  const QueueLimits limits_;
  const size_t wake_batch_;
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<T> items_;
  int64_t queued_bytes_ = 0;
  bool closed_ = false;
  bool consumer_waiting_ = false;
  int waiting_producers_ = 0;
};

}  // namespace rrflow
