// `rrflow merge`: the recordings of several `.rrd` files as one recording,
// chunks interleaved by time, streaming.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "progress_bar.h"

namespace rrflow::cli {

/// The `merge` subcommand and what it was given.
class MergeCommand {
 public:
  /// Adds `merge` to `app`.
  explicit MergeCommand(CLI::App& app);

  /// Whether the command line chose `merge`.
  bool chosen() const { return merge_->parsed(); }
  /// Merges the inputs into the output; the process exit code.
  int Run() const;

 private:
  CLI::App* merge_ = nullptr;
  std::vector<std::string> inputs_;
  ProgressFlags progress_;
  std::string output_;
  std::string timeline_ = "log_time";
  std::string application_id_;
  std::string recording_id_;
};

}  // namespace rrflow::cli
