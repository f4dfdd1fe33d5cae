#include "rrflow/stream/problem.h"

#include <utility>

namespace rrflow {
namespace {

class CallbackProblemHandler final : public ProblemHandler {
 public:
  explicit CallbackProblemHandler(std::function<void(const Problem&)> report)
      : report_(std::move(report)) {}
  void Report(const Problem& problem) override {
    std::lock_guard lock(mutex_);
    report_(problem);
  }

 private:
  std::mutex mutex_;
  std::function<void(const Problem&)> report_;
};

}  // namespace

std::string Problem::ToString() const {
  std::string text = message;
  if (!source.empty()) {
    text += " (" + source;
    if (offset) text += " at offset " + std::to_string(*offset);
    text += ")";
  }
  return text;
}

std::shared_ptr<ProblemHandler> MakeProblemHandler(std::function<void(const Problem&)> report) {
  return std::make_shared<CallbackProblemHandler>(std::move(report));
}

void CollectingProblemHandler::Report(const Problem& problem) {
  std::lock_guard lock(mutex_);
  problems_.push_back(problem);
}

std::vector<Problem> CollectingProblemHandler::Take() {
  std::lock_guard lock(mutex_);
  return std::exchange(problems_, {});
}

}  // namespace rrflow
