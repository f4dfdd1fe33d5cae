// `rrflow stats`: per entity and component of each store, the chunks, rows
// with data, bytes stored and decoded, and time ranges.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "progress_bar.h"

namespace rrflow::cli {

/// The `stats` subcommand and what it was given.
class StatsCommand {
 public:
  /// Adds `stats` to `app`.
  explicit StatsCommand(CLI::App& app);

  /// Whether the command line chose `stats`.
  bool chosen() const { return stats_->parsed(); }
  /// Prints the statistics of every file; 0 when all could be read.
  int Run() const;

 private:
  CLI::App* stats_ = nullptr;
  std::vector<std::string> inputs_;
  ProgressFlags progress_;
  bool json_ = false;
};

}  // namespace rrflow::cli
