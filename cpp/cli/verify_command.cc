#include "verify_command.h"

#include <atomic>
#include <iostream>

#include <fmt/format.h>

#include "cli_support.h"
#include "progress_bar.h"
#include "rrflow/io/rrd/rrd_verify.h"
#include "standard_input.h"

namespace rrflow::cli {

VerifyCommand::VerifyCommand(CLI::App& app) {
  verify_ = app.add_subcommand("verify", "decode every chunk of .rrd files and check their footers");
  verify_->footer(
      "Every message is decoded, chunks down to their Arrow arrays; every footer entry is\n"
      "compared with the chunk it points at, and every chunk must be listed. Problems are\n"
      "printed on stderr with the file and byte offset; the exit code is 1 if there is any.\n\n"
      "Example: rrflow verify recording.rrd other.rrd");
  verify_->add_option("files", inputs_, "the .rrd files (- for standard input)")->required()->transform(StandardInput());
  verify_->add_option("--check-footers", check_footers_,
                      "require a footer at the end of every stream (true or false)")
      ->default_val(true);
  progress_.AddTo(*verify_);
}

int VerifyCommand::Run() const {
  int exit_code = kSuccess;
  RrdVerifyOptions options;
  options.check_footers = check_footers_;
  for (const auto& input : inputs_) {
    // Read by the bar's thread while the verification runs.
    std::atomic<int64_t> done = 0, total = 0;
    options.progress = [&](int64_t bytes_done, int64_t bytes_total) {
      done = bytes_done;
      total = bytes_total;
    };
    ProgressBar bar(progress_.wanted(), [&] { return done.load(); }, [&] { return total.load(); });
    auto verification = VerifyRrdFile(input, options);
    bar.Stop();
    if (!verification.ok()) {
      exit_code = Fail(verification.status());
      continue;
    }
    for (const auto& problem : verification->problems) std::cerr << "rrflow: " << ForPeople(problem) << "\n";
    if (!verification->ok()) {
      exit_code = kFailure;
      fmt::print("{}: {} problem(s)\n", DisplayName(input), verification->problems.size());
      continue;
    }
    fmt::print("{}: ok, {} chunks in {} stream(s), {} footer entries checked\n", DisplayName(input),
               verification->chunks, verification->streams, verification->footer_entries);
  }
  return exit_code;
}

}  // namespace rrflow::cli
