#include "compare_command.h"

#include <iostream>

#include <fmt/format.h>

#include "cli_support.h"
#include "rrflow/io/rrd/rrd_compare.h"
#include "standard_input.h"

namespace rrflow::cli {

CompareCommand::CompareCommand(CLI::App& app) {
  compare_ = app.add_subcommand("compare", "check that two .rrd files hold the same recording");
  compare_->footer(
      "Chunks are compared as data: entity path, rows in order, times on every timeline but\n"
      "log_time, and component descriptors, types and values (but the recording's start time).\n"
      "Chunk ids, row ids, the recording id, compression and blueprints do not count; the\n"
      "application id and chunk boundaries do.\n"
      "Both files are streamed. The first difference is printed on stderr, naming the file,\n"
      "the chunk (position, entity path, chunk id) and the column and row that differ.\n"
      "Exit code: 0 the same, 1 different or unreadable, 2 bad usage.\n\n"
      "Example: rrflow compare recording.rrd rewritten.rrd --unordered");
  progress_.AddTo(*compare_);
  compare_->add_option("first", first_, "the first .rrd file (- for standard input)")->required()->transform(StandardInput());
  compare_->add_option("second", second_, "the second .rrd file (- for standard input)")->required()->transform(StandardInput());
  compare_->add_flag("--unordered", unordered_,
                     "match each chunk with an equal one of the other file in any order (else the "
                     "n-th chunks must be equal)");
}

int CompareCommand::Run() const {
  RrdCompareOptions options;
  options.unordered = unordered_;
  const auto bar = ProgressBar::OverInputs(progress_, {first_, second_});
  options.execution = CliExecuteOptions(bar.get());
  auto comparison = CompareRrdFiles(first_, second_, options);
  bar->Stop();
  if (!comparison.ok()) return Fail(comparison.status());
  if (!comparison->equal()) {
    std::cerr << "rrflow: " << ForPeople(*comparison->difference) << "\n";
    return kFailure;
  }
  fmt::print("{} and {} hold the same recording: {} chunks{}\n", DisplayName(first_), DisplayName(second_), comparison->first_chunks,
             unordered_ ? ", in any order" : "");
  return kSuccess;
}

}  // namespace rrflow::cli
