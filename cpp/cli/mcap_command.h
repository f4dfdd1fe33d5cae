// `rrflow mcap convert` and `rrflow mcap info`: MCAP files to `.rrd`, and
// what an MCAP file holds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "progress_bar.h"

namespace rrflow::cli {

/// The `mcap` subcommand and what its own subcommands were given.
class McapCommand {
 public:
  /// Adds `mcap` with `convert` and `info` to `app`.
  explicit McapCommand(CLI::App& app);

  /// Whether the command line chose `mcap`.
  bool chosen() const { return mcap_->parsed(); }
  /// Runs the chosen subcommand; the process exit code.
  int Run() const;

 private:
  struct ConvertArguments {
    std::string input;
    std::string output;
    std::vector<std::string> decoders;
    std::vector<std::string> include_topic_regex;
    std::vector<std::string> exclude_topic_regex;
    std::string timeline_type = "timestamp";
    std::optional<int64_t> timestamp_offset_ns;
    std::optional<int64_t> start_time_ns;
    std::optional<int64_t> end_time_ns;
    bool recover = false;
    std::string application_id;
    std::string recording_id;
    ProgressFlags progress;
  };
  struct InfoArguments {
    std::string input;
    bool recover = false;
  };

  int Convert() const;
  int Info() const;

  CLI::App* mcap_ = nullptr;
  CLI::App* convert_ = nullptr;
  ConvertArguments convert_arguments_;
  InfoArguments info_arguments_;
};

}  // namespace rrflow::cli
