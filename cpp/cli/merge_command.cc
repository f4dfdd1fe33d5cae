#include "merge_command.h"

#include "cli_support.h"
#include "rrflow/io/rrd/rrd_reader.h"
#include "rrflow/io/rrd/rrd_sink.h"
#include "rrflow/stream/lazy_chunk_stream.h"
#include "standard_input.h"

namespace rrflow::cli {

MergeCommand::MergeCommand(CLI::App& app) {
  merge_ = app.add_subcommand("merge", "several recordings as one, chunks interleaved by time");
  merge_->footer(
      "Every recording of every input becomes part of one output recording (blueprints are\n"
      "left out). Each input is read in its own order, one chunk at a time, so memory stays\n"
      "bounded however large the inputs are; at each step the next chunk of the input whose\n"
      "next chunk comes first is written: static before temporal, temporal by first time on\n"
      "the --by timeline (a chunk without it at once). Inputs in time order give an output in\n"
      "time order. The output keeps the first recording's identity unless --application-id or\n"
      "--recording-id say otherwise.\n\n"
      "Example: rrflow merge robot_a.rrd robot_b.rrd -o fleet.rrd --by log_time");
  progress_.AddTo(*merge_);
  merge_->add_option("inputs", inputs_, "the .rrd files to merge (- for standard input)")->required()->transform(StandardInput());
  merge_->add_option("-o,--output", output_,
                     "the .rrd file to write (default: standard output, unless it is a terminal)");
  merge_->add_option("--by", timeline_, "the timeline that orders the chunks")->capture_default_str();
  merge_->add_option("--application-id", application_id_, "application id to write");
  merge_->add_option("--recording-id", recording_id_, "recording id to write");
}

int MergeCommand::Run() const {
  auto output = OutputPath(output_);
  if (!output.ok()) return Fail(output.status());
  std::vector<StreamNodePtr> streams;
  std::optional<StoreId> target;
  for (const auto& input : inputs_) {
    auto reader = RrdReader::Open(input);
    if (!reader.ok()) return Fail(reader.status());
    auto stores = (*reader)->Stores();
    if (!stores.ok()) return Fail(stores.status());
    for (const auto& store : *stores) {
      if (store.kind != StoreKind::kRecording) continue;
      if (!target) target = store;
      streams.push_back((*reader)->Stream(store));
    }
  }
  if (!target) return Fail(arrow::Status::Invalid("merge: the inputs hold no recording"));
  if (!application_id_.empty()) target->application_id = application_id_;
  if (!recording_id_.empty()) target->recording_id = recording_id_;
  auto merged = MakeTimeOrderedMerge(std::move(streams), timeline_);
  const auto bar = ProgressBar::OverInputs(progress_, inputs_);
  const auto written = WriteRrd(merged, *output, *target, CliExecuteOptions(bar.get()));
  bar->Stop();
  if (!written.ok()) return Fail(written);
  return kSuccess;
}

}  // namespace rrflow::cli
