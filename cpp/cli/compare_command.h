// `rrflow compare`: whether two `.rrd` files hold the same recording.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "progress_bar.h"

namespace rrflow::cli {

/// The `compare` subcommand and what it was given.
class CompareCommand {
 public:
  /// Adds `compare` to `app`.
  explicit CompareCommand(CLI::App& app);

  /// Whether the command line chose `compare`.
  bool chosen() const { return compare_->parsed(); }
  /// Compares the two files; 0 when they hold the same data, 1 when they
  /// differ or cannot be read.
  int Run() const;

 private:
  CLI::App* compare_ = nullptr;
  ProgressFlags progress_;
  std::string first_;
  std::string second_;
  bool unordered_ = false;
};

}  // namespace rrflow::cli
