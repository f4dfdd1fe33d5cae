// Problems: what library code reports instead of printing (warnings and
// recoverable damage), and the handlers that receive them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace rrflow {

/// Something a user should hear about that did not stop the work.
struct Problem {
  enum class Severity {
    /// A note on how the work was carried out (the reference logs these).
    kInfo,
    /// Something the user likely wants to change (the reference warns).
    kWarning,
  };
  Severity severity = Severity::kWarning;
  std::string message;
  /// Where: a file path, channel or other origin; empty when not tied to one.
  std::string source;
  /// A byte offset in `source`, when the problem sits at one.
  std::optional<int64_t> offset;

  /// `message`, followed by ` (source at offset N)` when those are known.
  std::string ToString() const;
};

/// Receives problems. May be called from any thread, concurrently.
class ProblemHandler {
 public:
  virtual ~ProblemHandler() = default;
  virtual void Report(const Problem& problem) = 0;
};

/// A handler that calls `report` for each problem, under a lock, so that
/// `report` itself need not be thread-safe.
std::shared_ptr<ProblemHandler> MakeProblemHandler(std::function<void(const Problem&)> report);

/// A handler that keeps every problem, for a caller to look at afterwards.
class CollectingProblemHandler final : public ProblemHandler {
 public:
  void Report(const Problem& problem) override;
  /// The problems reported so far; clears the list.
  std::vector<Problem> Take();

 private:
  std::mutex mutex_;
  std::vector<Problem> problems_;
};

}  // namespace rrflow
