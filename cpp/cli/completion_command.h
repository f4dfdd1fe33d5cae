// `rrflow completion bash`: a bash completion script generated from the
// command line's own definition, so it never goes stale.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace rrflow::cli {

/// The `completion` subcommand.
class CompletionCommand {
 public:
  /// Adds `completion` to `app`, whose definition the script describes.
  explicit CompletionCommand(CLI::App& app);

  /// Whether the command line chose `completion`.
  bool chosen() const { return completion_->parsed(); }
  /// Prints the script; the process exit code.
  int Run() const;

 private:
  CLI::App& app_;
  CLI::App* completion_ = nullptr;
  std::string shell_ = "bash";
};

}  // namespace rrflow::cli
