#include "cli_support.h"

#include <random>
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "progress_bar.h"
#include "standard_input.h"

namespace rrflow::cli {

std::string ReadableSize(int64_t bytes) {
  if (bytes < 1'000) return fmt::format("{} B", bytes);
  if (bytes < 1'000'000) return fmt::format("{:.1f} kB", static_cast<double>(bytes) / 1e3);
  if (bytes < 1'000'000'000) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
  return fmt::format("{:.2f} GB", static_cast<double>(bytes) / 1e9);
}

int Fail(const arrow::Status& status, ProgressBar* bar) {
  const std::string line = "rrflow: " + ForPeople(status.message());
  if (bar != nullptr) {
    bar->Print(line);
  } else {
    std::cerr << line << "\n";
  }
  return kFailure;
}

std::string ProblemLine(const Problem& problem) {
  return std::string("rrflow: ") +
         (problem.severity == Problem::Severity::kWarning ? "warning: " : "") + ForPeople(problem.ToString());
}

ExecuteOptions CliExecuteOptions(ProgressBar* bar) {
  ExecuteOptions options;
  options.problems = MakeProblemHandler([bar](const Problem& problem) {
    if (bar != nullptr) {
      bar->Print(ProblemLine(problem));
    } else {
      std::cerr << ProblemLine(problem) << "\n";
    }
  });
  return options;
}

arrow::Result<StoreId> PickRecording(const RrdReader& reader, const std::string& recording_id) {
  StoreRequest request;
  if (!recording_id.empty()) request.recording_id = recording_id;
  auto store = reader.SelectStore(request);
  if (!store.ok()) return arrow::Status::Invalid(reader.path(), ": ", store.status().message());
  return store;
}

int DescribeFiles(const std::vector<std::string>& inputs, const std::function<void(const RrdFileInfo&)>& print,
                  ProgressBar* bar) {
  int exit_code = kSuccess;
  for (const auto& input : inputs) {
    // Opening first gives the reader's errors (not an RRD file, a damaged footer).
    if (auto reader = RrdReader::Open(input); !reader.ok()) {
      exit_code = Fail(reader.status(), bar);
      continue;
    }
    auto info = DescribeRrdFile(input);
    if (!info.ok()) {
      exit_code = Fail(info.status(), bar);
      continue;
    }
    print(*info);
  }
  return exit_code;
}

arrow::Result<std::string> OutputPath(const std::string& output) {
  if (!output.empty() && output != "-") return output;
  if (isatty(STDOUT_FILENO)) {
    return arrow::Status::Invalid("give -o OUTPUT, or redirect standard output (it is a terminal)");
  }
  return std::string("/dev/stdout");
}

void WriteStoreIdFields(JsonWriter& json, const StoreId& store_id) {
  json.Key("kind");
  json.String(StoreKindName(store_id.kind));
  json.Key("application_id");
  json.String(store_id.application_id);
  json.Key("recording_id");
  json.String(store_id.recording_id);
}

std::string NewRecordingId() {
  std::random_device random;
  std::string id = "rec_";
  for (int i = 0; i < 4; ++i) id += fmt::format("{:08x}", random());
  return id;
}

}  // namespace rrflow::cli
