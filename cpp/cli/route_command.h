// `rrflow route`: give recordings a new application or recording id without
// re-encoding their chunks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "progress_bar.h"

namespace rrflow::cli {

/// The `route` subcommand and what it was given.
class RouteCommand {
 public:
  /// Adds `route` to `app`.
  explicit RouteCommand(CLI::App& app);

  /// Whether the command line chose `route`.
  bool chosen() const { return route_->parsed(); }
  /// Writes the routed copy; 0 on success, 1 on any error (nothing written then).
  int Run() const;

 private:
  CLI::App* route_ = nullptr;
  std::vector<std::string> inputs_;
  std::string output_;
  std::optional<std::string> application_id_;
  std::optional<std::string> recording_id_;
  ProgressFlags progress_;
};

}  // namespace rrflow::cli
