// A blocking queue with a capacity, closable from either side.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace rrflow::internal {

/// Multi-producer, single-consumer queue holding at most `capacity` items.
/// Push blocks while full; the consumer takes everything queued at once
/// (fewer lock round trips and wake-ups than item by item). Close() wakes
/// everyone: pushes then fail, takes drain what is left and then report the end.
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity)
      : capacity_(capacity), wake_batch_(std::max<size_t>(1, capacity / 4)) {}

  /// False if the queue was closed (the item is dropped).
  bool Push(T item) {
    std::unique_lock lock(mutex_);
    if (items_.size() >= capacity_ && !closed_) {
      ++waiting_producers_;
      not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
      --waiting_producers_;
    }
    if (closed_) return false;
    items_.push_back(std::move(item));
    // Waking the consumer for every item makes threads ping-pong; it is woken
    // once a batch has gathered, and otherwise finds the items on its next
    // short timed wait.
    if (consumer_waiting_ && items_.size() >= wake_batch_) not_empty_.notify_one();
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

  const size_t capacity_;
  const size_t wake_batch_;
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<T> items_;
  bool closed_ = false;
  bool consumer_waiting_ = false;
  int waiting_producers_ = 0;
};

}  // namespace rrflow::internal
