// A one-line progress display on stderr for long commands.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace rrflow::cli {

/// Shows bytes done of a total, the rate and the time left on one line of
/// stderr, redrawn a few times a second by a thread of its own, and a last
/// line with the time taken when stopped. Draws nothing when disabled (see
/// Wanted), so callers need no second code path.
class ProgressBar {
 public:
  /// `done` and `total` are read at each redraw, from the bar's thread; a
  /// total of 0 (not known yet) shows bytes and rate only.
  ProgressBar(bool enabled, std::function<int64_t()> done, std::function<int64_t()> total);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// Whether a bar is worth drawing: stderr is a terminal and not `quiet`.
  static bool Wanted(bool quiet);

  /// Prints `line` on stderr without mixing it into the bar (which is drawn
  /// again below it). Safe from any thread.
  void Print(const std::string& line);

  /// Draws the final line and ends the thread; later calls do nothing.
  void Stop();

 private:
  void Run();
  /// The bar's text for the current counts.
  std::string Line(bool final) const;
  void DrawLocked(bool final);

  const bool enabled_;
  const std::function<int64_t()> done_;
  const std::function<int64_t()> total_;
  const std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool stopped_ = false;
  std::thread thread_;
};

}  // namespace rrflow::cli
