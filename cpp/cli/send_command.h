// `rrflow send`: stream recordings into a running Rerun viewer or proxy.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "progress_bar.h"

namespace rrflow::cli {

/// The `send` subcommand and what it was given.
class SendCommand {
 public:
  /// Adds `send` to `app`.
  explicit SendCommand(CLI::App& app);

  /// Whether the command line chose `send`.
  bool chosen() const { return send_->parsed(); }
  /// Sends every file as one recording; 0 when the proxy took everything.
  int Run() const;

 private:
  CLI::App* send_ = nullptr;
  std::vector<std::string> inputs_;
  std::string url_;
  std::vector<std::string> content_;
  std::string application_id_;
  std::string recording_id_;
  ProgressFlags progress_;
};

}  // namespace rrflow::cli
