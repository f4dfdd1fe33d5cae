#include "rrflow/stream/execution_context.h"

#include <map>
#include <set>

#include <arrow/util/thread_pool.h>

#include "rrflow/stream/stream_node.h"

namespace rrflow {
struct ExecutionContext::Plan {
  std::set<const StreamNode*> nodes;
  std::map<const void*, std::shared_ptr<void>> shared_states;
};

ExecutionContext::ExecutionContext(const StreamNode& root, ExecuteOptions options)
    : options_(std::move(options)), plan_(std::make_unique<Plan>()) {
  std::vector<const StreamNode*> pending = {&root};
  while (!pending.empty()) {
    const StreamNode* node = pending.back();
    pending.pop_back();
    if (!plan_->nodes.insert(node).second) continue;
    for (const auto& input : node->inputs()) pending.push_back(input.get());
  }
}

ExecutionContext::~ExecutionContext() = default;

void ExecutionContext::Report(Problem problem) const {
  if (options_.problems != nullptr) options_.problems->Report(problem);
}

int64_t ExecutionContext::byte_budget() const {
  return options_.byte_budget > 0 ? options_.byte_budget : ExecuteOptions::kDefaultByteBudget;
}

arrow::internal::Executor* ExecutionContext::cpu_executor() {
  return arrow::internal::GetCpuThreadPool();
}

bool ExecutionContext::Reaches(const StreamNode& node) const {
  return plan_->nodes.count(&node) != 0;
}

arrow::Result<std::shared_ptr<void>> ExecutionContext::SharedState(
    const void* key, const std::function<arrow::Result<std::shared_ptr<void>>()>& make) {
  auto found = plan_->shared_states.find(key);
  if (found != plan_->shared_states.end()) return found->second;
  ARROW_ASSIGN_OR_RAISE(auto state, make());
  plan_->shared_states.emplace(key, state);
  return state;
}

}  // namespace rrflow
