// `rrflow verify`: decode every message of `.rrd` files and check their
// footers against the data.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "progress_bar.h"

namespace rrflow::cli {

/// The `verify` subcommand and what it was given.
class VerifyCommand {
 public:
  /// Adds `verify` to `app`.
  explicit VerifyCommand(CLI::App& app);

  /// Whether the command line chose `verify`.
  bool chosen() const { return verify_->parsed(); }
  /// Verifies every file; 0 when all are sound, 1 otherwise.
  int Run() const;

 private:
  CLI::App* verify_ = nullptr;
  std::vector<std::string> inputs_;
  bool check_footers_ = true;
  ProgressFlags progress_;
};

}  // namespace rrflow::cli
