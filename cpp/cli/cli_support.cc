#include "cli_support.h"

#include <iostream>

#include <fmt/format.h>

namespace rrflow::cli {

std::string ReadableSize(int64_t bytes) {
  if (bytes < 1'000'000) return fmt::format("{:.1f} kB", static_cast<double>(bytes) / 1e3);
  if (bytes < 1'000'000'000) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
  return fmt::format("{:.2f} GB", static_cast<double>(bytes) / 1e9);
}

int Fail(const arrow::Status& status) {
  std::cerr << "rrflow: " << status.message() << "\n";
  return kFailure;
}

std::string ProblemLine(const Problem& problem) {
  return std::string("rrflow: ") +
         (problem.severity == Problem::Severity::kWarning ? "warning: " : "") + problem.ToString();
}

}  // namespace rrflow::cli
