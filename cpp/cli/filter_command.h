// `rrflow filter`: keep or drop entities, components, timelines, static or
// temporal data and rows outside a time window, streaming into a new `.rrd`.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "progress_bar.h"

namespace rrflow::cli {

/// The `filter` subcommand and what it was given.
class FilterCommand {
 public:
  /// Adds `filter` to `app`.
  explicit FilterCommand(CLI::App& app);

  /// Whether the command line chose `filter`.
  bool chosen() const { return filter_->parsed(); }
  /// Filters the inputs into the output; the process exit code.
  int Run() const;

 private:
  CLI::App* filter_ = nullptr;
  std::vector<std::string> inputs_;
  ProgressFlags progress_;
  std::string output_;
  std::string recording_id_;
  std::vector<std::string> content_;
  std::vector<std::string> components_;
  std::vector<std::string> drop_components_;
  std::vector<std::string> timelines_;
  std::vector<std::string> drop_timelines_;
  std::vector<std::string> time_windows_;
  bool static_only_ = false;
  bool temporal_only_ = false;
};

}  // namespace rrflow::cli
