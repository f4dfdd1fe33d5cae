// `rrflow split`: one recording into several `.rrd` files, by entity, by
// size or at times on a timeline, streaming.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "progress_bar.h"

namespace rrflow::cli {

/// The `split` subcommand and what it was given.
class SplitCommand {
 public:
  /// Adds `split` to `app`.
  explicit SplitCommand(CLI::App& app);

  /// Whether the command line chose `split`.
  bool chosen() const { return split_->parsed(); }
  /// Splits the input into the output directory; the process exit code.
  int Run() const;

 private:
  CLI::App* split_ = nullptr;
  std::string input_;
  ProgressFlags progress_;
  std::string output_dir_;
  std::string by_;
  std::string recording_id_;
};

}  // namespace rrflow::cli
