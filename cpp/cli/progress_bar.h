// A one-line progress display on stderr for long commands.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

namespace rrflow::cli {

/// A subcommand's `--progress` and `-q,--quiet`.
struct ProgressFlags {
  bool force = false;  ///< draw the bar even when stderr is no terminal
  bool quiet = false;  ///< never draw it

  /// Adds both flags to `command`, bound to this object.
  void AddTo(CLI::App& command);
  /// Whether to draw a bar: not quiet, and forced or stderr is a terminal.
  bool wanted() const;
};

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

  /// A bar over the bytes the process reads (the kernel's count of bytes
  /// read, so whatever readers the command uses) against the total size of
  /// `inputs`: for commands whose readers keep no count of their own.
  static std::unique_ptr<ProgressBar> OverInputs(const ProgressFlags& flags,
                                                 const std::vector<std::string>& inputs);

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
