// The `rrflow` command: inspect, summarise, verify, compare and rewrite `.rrd` files,
// convert MCAP files.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli_support.h"
#include "compare_command.h"
#include "completion_command.h"
#include "filter_command.h"
#include "info_command.h"
#include "mcap_command.h"
#include "merge_command.h"
#include "progress_bar.h"
#include "route_command.h"
#include "rrflow/io/rrd/rrd_reader.h"
#include "rrflow/io/rrd/rrd_sink.h"
#include "rrflow/query/content_filter.h"
#include "rrflow/store/chunk_store.h"
#include "send_command.h"
#include "split_command.h"
#include "standard_input.h"
#include "stats_command.h"
#include "verify_command.h"

namespace {

using rrflow::cli::CliExecuteOptions;
using rrflow::cli::Fail;
using rrflow::cli::PickRecording;

// One JSON object per chunk, in store order (the text sorts its lines).
void PrintSummaryJson(const rrflow::ChunkStore& store) {
  for (const auto& chunk : store.chunks()) {
    rrflow::cli::JsonWriter json;
    json.BeginObject();
    json.Key("entity_path");
    json.String(chunk->entity_path().ToString());
    json.Key("chunk_id");
    json.String(chunk->id().ToString());
    json.Key("rows");
    json.Int(chunk->num_rows());
    json.Key("static");
    json.Bool(chunk->is_static());
    json.Key("timelines");
    json.BeginArray();
    for (const auto& name : chunk->timeline_names()) json.String(name);
    json.EndArray();
    json.Key("components");
    json.BeginArray();
    for (const auto& column : chunk->components()) json.String(column.descriptor.component);
    json.EndArray();
    json.EndObject();
    fmt::print("{}\n", json.text());
  }
}

int Summary(const std::string& path, const std::string& recording_id, bool as_json) {
  auto reader = rrflow::RrdReader::Open(path);
  if (!reader.ok()) return Fail(reader.status());
  auto store = PickRecording(**reader, recording_id);
  if (!store.ok()) return Fail(store.status());
  auto chunks = rrflow::ToChunks((*reader)->Stream(*store), CliExecuteOptions());
  if (!chunks.ok()) return Fail(chunks.status());
  auto collected = rrflow::ChunkStore::FromChunks(*chunks);
  if (!collected.ok()) return Fail(collected.status());
  if (as_json) {
    PrintSummaryJson(**collected);
    return 0;
  }
  const auto text = (*collected)->Summary();
  if (!text.empty()) fmt::print("{}\n", text);
  return 0;
}

struct ConvertOptions {
  std::string input;
  std::string output;
  std::string recording_id;
  std::vector<std::string> content;
  std::string application_id;
  std::string output_recording_id;
  bool static_only = false;
  bool temporal_only = false;
  bool compact = false;
  rrflow::cli::ProgressFlags progress;
};

int Convert(const ConvertOptions& options) {
  auto reader = rrflow::RrdReader::Open(options.input);
  if (!reader.ok()) return Fail(reader.status());
  auto store = PickRecording(**reader, options.recording_id);
  if (!store.ok()) return Fail(store.status());
  auto stream = (*reader)->Stream(*store);
  rrflow::FilterCriteria criteria;
  if (!options.content.empty()) criteria.content = rrflow::ContentFilter::Parse(options.content);
  if (options.static_only) criteria.is_static = true;
  if (options.temporal_only) criteria.is_static = false;
  if (!criteria.empty()) stream = rrflow::MakeFilter(stream, criteria);
  const auto bar = rrflow::cli::ProgressBar::OverInputs(options.progress, {options.input});
  if (options.compact) {
    auto collected = rrflow::Collect(stream, rrflow::ChunkStoreConfig::Default(), CliExecuteOptions(bar.get()));
    if (!collected.ok()) return Fail(collected.status(), bar.get());
    stream = rrflow::MakeChunkListSource((*collected)->chunks());
  }
  rrflow::StoreId target{rrflow::StoreKind::kRecording,
                         options.application_id.empty() ? store->application_id : options.application_id,
                         options.output_recording_id.empty() ? store->recording_id : options.output_recording_id};
  auto written = rrflow::WriteRrd(stream, options.output, target, CliExecuteOptions(bar.get()));
  bar->Stop();
  if (!written.ok()) return Fail(written);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rrflow: inspect, summarise and rewrite Rerun .rrd recordings, convert MCAP files"};
  app.require_subcommand(1);
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "print the time taken and the peak memory on stderr at the end");
  app.fallthrough();  // inherited by the subcommands: -v may also follow one

  rrflow::cli::InfoCommand info(app);
  rrflow::cli::StatsCommand stats(app);

  std::string summary_path, summary_recording;
  auto* summary = app.add_subcommand("summary", "one line per chunk of a recording");
  summary->add_option("file", summary_path, "the .rrd file (- for standard input)")->required()->transform(rrflow::cli::StandardInput());
  summary->add_option("--recording-id", summary_recording, "which recording (default: the first)");
  bool summary_json = false;
  summary->add_flag("--json", summary_json, "print one JSON object per chunk instead of text");
  summary->footer("Example: rrflow summary recording.rrd --json");

  ConvertOptions convert_options;
  auto* convert = app.add_subcommand("convert", "filter and rewrite a recording into a new .rrd file");
  convert->footer("Example: rrflow convert in.rrd out.rrd --content '/world/**' --compact");
  convert->add_option("input", convert_options.input, "the .rrd file to read (- for standard input)")->required()->transform(rrflow::cli::StandardInput());
  convert->add_option("output", convert_options.output, "the .rrd file to write")->required();
  convert->add_option("--recording-id", convert_options.recording_id, "which recording to read (default: the first)");
  convert->add_option("--content", convert_options.content, "entity path rules, e.g. '/world/**' '-/world/debug'");
  auto* static_flag = convert->add_flag("--static-only", convert_options.static_only, "keep static chunks only");
  convert->add_flag("--temporal-only", convert_options.temporal_only, "keep temporal chunks only")
      ->excludes(static_flag);
  convert->add_flag("--compact", convert_options.compact, "merge small chunks (as collect() does)");
  convert_options.progress.AddTo(*convert);
  convert->add_option("--application-id", convert_options.application_id, "application id to write (default: the input's)");
  convert->add_option("--output-recording-id", convert_options.output_recording_id, "recording id to write (default: the input's)");

  rrflow::cli::FilterCommand filter(app);
  rrflow::cli::McapCommand mcap(app);
  rrflow::cli::MergeCommand merge(app);
  rrflow::cli::SplitCommand split(app);
  rrflow::cli::RouteCommand route(app);
  rrflow::cli::VerifyCommand verify(app);
  rrflow::cli::SendCommand send(app);
  rrflow::cli::CompareCommand compare(app);
  // Last: its script describes every subcommand added before it.
  rrflow::cli::CompletionCommand completion(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return rrflow::cli::kUsage;
  }
  const auto started = std::chrono::steady_clock::now();
  const int exit_code = [&] {
    if (mcap.chosen()) return mcap.Run();
    if (filter.chosen()) return filter.Run();
    if (merge.chosen()) return merge.Run();
    if (split.chosen()) return split.Run();
    if (route.chosen()) return route.Run();
    if (verify.chosen()) return verify.Run();
    if (send.chosen()) return send.Run();
    if (compare.chosen()) return compare.Run();
    if (completion.chosen()) return completion.Run();
    if (info.chosen()) return info.Run();
    if (stats.chosen()) return stats.Run();
    if (*summary) return Summary(summary_path, summary_recording, summary_json);
    return Convert(convert_options);
  }();
  if (verbose) {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    std::string command;  // e.g. "mcap convert"
    for (const CLI::App* level = &app; !level->get_subcommands().empty();) {
      level = level->get_subcommands().front();
      command += (command.empty() ? "" : " ") + level->get_name();
    }
    std::cerr << fmt::format("rrflow: {} took {:.3f} s ({:.3f} s CPU), peak memory {} MiB\n", command,
                             elapsed.count(), cpu, usage.ru_maxrss / 1024);
  }
  return exit_code;
}
