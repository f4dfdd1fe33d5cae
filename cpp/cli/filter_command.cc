#include "filter_command.h"

#include "cli_support.h"
#include "rrflow/chunk/chunk_ops.h"
#include "rrflow/io/rrd/rrd_reader.h"
#include "rrflow/io/rrd/rrd_sink.h"
#include "rrflow/query/content_filter.h"
#include "rrflow/stream/lazy_chunk_stream.h"
#include "standard_input.h"
#include "time_window.h"

namespace rrflow::cli {

FilterCommand::FilterCommand(CLI::App& app) {
  filter_ = app.add_subcommand("filter", "keep what matches of recordings and write it as a new .rrd");
  filter_->footer(
      "Every option narrows what is kept; all given must hold. Chunks stream through:\n"
      "memory stays bounded whatever the input size. With several inputs (one recording\n"
      "each), their chunks are merged into the output, each input's order kept.\n\n"
      "Examples:\n"
      "  rrflow filter in.rrd -o out.rrd --content '/world/** -/world/debug/**'\n"
      "  rrflow filter in.rrd -o out.rrd --time frame=100..200 --drop-timeline log_time\n"
      "  rrflow filter in.rrd --time log_time=2024-05-01T10:00..+30s > window.rrd");
  progress_.AddTo(*filter_);
  filter_->add_option("inputs", inputs_, "the .rrd files to read (- for standard input)")->required()->transform(StandardInput());
  filter_->add_option("-o,--output", output_,
                      "the .rrd file to write (default: standard output, unless it is a terminal)");
  filter_->add_option("--recording-id", recording_id_, "which recording of each input (default: the first)");
  filter_->add_option("--content", content_, "entity path rules, e.g. '/world/** -/world/debug' (repeatable)");
  filter_->add_option("--component", components_, "keep only these components (repeatable), e.g. Points3D:positions");
  filter_->add_option("--drop-component", drop_components_, "drop these components (repeatable)");
  filter_->add_option("--timeline", timelines_, "keep only chunks with data on this timeline (repeatable: all)");
  filter_->add_option("--drop-timeline", drop_timelines_,
                      "remove this timeline's column (repeatable); a chunk left without timelines is static");
  filter_->add_option("--time", time_windows_,
                      "keep the rows of TIMELINE=START..END, bounds inclusive and optional; integers,\n"
                      "durations (1.5s, 250ms) or UTC times (2024-05-01T10:00:30Z), END may be +DURATION.\n"
                      "Static chunks are kept; temporal chunks without the timeline are dropped");
  auto* static_flag = filter_->add_flag("--static-only", static_only_, "keep static chunks only");
  filter_->add_flag("--temporal-only", temporal_only_, "keep temporal chunks only")->excludes(static_flag);
}

int FilterCommand::Run() const {
  auto output = OutputPath(output_);
  if (!output.ok()) return Fail(output.status());
  std::vector<TimeWindow> windows;
  for (const auto& text : time_windows_) {
    auto window = ParseTimeWindow(text);
    if (!window.ok()) {
      Fail(window.status());
      return kUsage;
    }
    windows.push_back(*std::move(window));
  }

  std::vector<StreamNodePtr> streams;
  std::optional<StoreId> target;
  for (const auto& input : inputs_) {
    auto reader = RrdReader::Open(input);
    if (!reader.ok()) return Fail(reader.status());
    auto store = PickRecording(**reader, recording_id_);
    if (!store.ok()) return Fail(store.status());
    if (!target) target = *store;
    streams.push_back((*reader)->Stream(*store));
  }
  StreamNodePtr stream = streams.size() == 1 ? streams[0] : MakeMerge(std::move(streams));

  FilterCriteria criteria;
  if (!content_.empty()) criteria.content = ContentFilter::Parse(content_);
  if (static_only_) criteria.is_static = true;
  if (temporal_only_) criteria.is_static = false;
  if (!components_.empty()) criteria.components = components_;
  if (!criteria.empty()) stream = MakeFilter(stream, criteria);
  for (const auto& timeline : timelines_) {
    FilterCriteria has_timeline;
    has_timeline.has_timeline = timeline;
    stream = MakeFilter(stream, has_timeline);
  }
  if (!drop_components_.empty()) {
    FilterCriteria dropped;
    dropped.components = drop_components_;
    stream = MakeDrop(stream, dropped);
  }
  for (const auto& window : windows) {
    stream = MakeTransform(stream, [window](const ChunkPtr& chunk) -> arrow::Result<std::vector<ChunkPtr>> {
      ARROW_ASSIGN_OR_RAISE(auto kept, RowsInTimeRange(chunk, window.timeline, window.start, window.end));
      if (kept == nullptr) return std::vector<ChunkPtr>{};
      return std::vector<ChunkPtr>{std::move(kept)};
    });
  }
  if (!drop_timelines_.empty()) {
    stream = MakeTransform(stream, [names = drop_timelines_](const ChunkPtr& chunk) -> arrow::Result<std::vector<ChunkPtr>> {
      ARROW_ASSIGN_OR_RAISE(auto kept, WithoutTimelines(chunk, names));
      return std::vector<ChunkPtr>{std::move(kept)};
    });
  }
  const auto bar = ProgressBar::OverInputs(progress_, inputs_);
  const auto written = WriteRrd(stream, *output, *target, CliExecuteOptions(bar.get()));
  bar->Stop();
  if (!written.ok()) return Fail(written);
  return kSuccess;
}

}  // namespace rrflow::cli
