// `rrflow info`: the stores of `.rrd` files, with their chunks, rows, sizes,
// timelines and entities.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace rrflow::cli {

/// The `info` subcommand and what it was given.
class InfoCommand {
 public:
  /// Adds `info` to `app`.
  explicit InfoCommand(CLI::App& app);

  /// Whether the command line chose `info`.
  bool chosen() const { return info_->parsed(); }
  /// Describes every file; 0 when all could be read.
  int Run() const;

 private:
  CLI::App* info_ = nullptr;
  std::vector<std::string> inputs_;
  bool json_ = false;
};

}  // namespace rrflow::cli
