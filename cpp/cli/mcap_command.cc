#include "mcap_command.h"

#include <atomic>
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <iostream>

#include <arrow/util/io_util.h>
#include <fmt/format.h>

#include "cli_support.h"
#include "progress_bar.h"
#include "rrflow/io/mcap/mcap_reader.h"
#include "rrflow/io/rrd/rrd_sink.h"
#include "standard_input.h"

namespace rrflow::cli {
namespace {

// "2026-12-03T08:21:01.123456789Z" for nanoseconds since the Unix epoch.
std::string UtcTime(uint64_t ns) {
  const auto seconds = static_cast<std::time_t>(ns / 1'000'000'000);
  std::tm parts{};
  if (gmtime_r(&seconds, &parts) == nullptr) return "?";
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}Z", parts.tm_year + 1900,
                     parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                     ns % 1'000'000'000);
}

// Opening the reader checks the options: a missing file fails the command,
// a bad option is a usage error.
int OpenFailure(const arrow::Status& status) {
  Fail(status);
  return arrow::internal::ErrnoFromStatus(status) == ENOENT ? kFailure : kUsage;
}

void PrintInfo(const McapInfo& info) {
  fmt::print("{}: {}\n", DisplayName(info.path), ReadableSize(info.file_bytes));
  fmt::print("library:     {}\n", info.library);
  fmt::print("profile:     {}\n", info.profile);
  fmt::print("messages:    {}\n", info.message_count);
  double duration_s = 0;
  if (info.time_bounds) {
    const auto& bounds = *info.time_bounds;
    duration_s = static_cast<double>(bounds.end_ns - bounds.start_ns) / 1e9;
    fmt::print("duration:    {:.9f}s\n", duration_s);
    fmt::print("start:       {} ({})\n", UtcTime(bounds.start_ns), bounds.start_ns);
    fmt::print("end:         {} ({})\n", UtcTime(bounds.end_ns), bounds.end_ns);
  }
  fmt::print("chunks:      {} ({} compressed, {} uncompressed)\n", info.chunk_count,
             ReadableSize(static_cast<int64_t>(info.compressed_bytes)),
             ReadableSize(static_cast<int64_t>(info.uncompressed_bytes)));
  fmt::print("compression:\n");
  for (const auto& group : info.compressions) {
    const double ratio = group.uncompressed_bytes > 0
                             ? 100.0 * static_cast<double>(group.compressed_bytes) /
                                   static_cast<double>(group.uncompressed_bytes)
                             : 100.0;
    fmt::print("\t{}: [{}/{} chunks] [{}/{} ({:.2f}%)]\n",
               group.compression.empty() ? "none" : group.compression, group.chunk_count,
               info.chunk_count, ReadableSize(static_cast<int64_t>(group.uncompressed_bytes)),
               ReadableSize(static_cast<int64_t>(group.compressed_bytes)), ratio);
  }
  fmt::print("channels:\n");
  size_t topic_width = 0;
  for (const auto& channel : info.channels) topic_width = std::max(topic_width, channel.topic.size());
  for (const auto& channel : info.channels) {
    const std::string rate =
        duration_s > 0
            ? fmt::format(" ({:.2f} Hz)", static_cast<double>(channel.message_count) / duration_s)
            : "";
    fmt::print("\t({}) {:<{}}  {} msgs{} : {} [{}]\n", channel.id, channel.topic, topic_width,
               channel.message_count, rate,
               channel.schema_id == 0 ? "<no schema>" : channel.schema_name,
               channel.message_encoding);
  }
  fmt::print("schemas:\n");
  for (const auto& schema : info.schemas) {
    fmt::print("\t({}) {} [{}], {} bytes\n", schema.id, schema.name, schema.encoding,
               schema.data_bytes);
  }
  fmt::print("attachments: {}\n", info.attachment_count);
  fmt::print("metadata:    {}\n", info.metadata_count);
  if (info.recovered) {
    fmt::print("recovered:   the summary was rebuilt from the data section\n");
    for (const auto& loss : info.recovery_losses) fmt::print("\tlost: {}\n", loss);
  }
}

}  // namespace

McapCommand::McapCommand(CLI::App& app) {
  mcap_ = app.add_subcommand("mcap", "convert MCAP files to .rrd, describe them");
  mcap_->require_subcommand(1);

  ConvertArguments& convert = convert_arguments_;
  convert_ = mcap_->add_subcommand("convert", "convert an .mcap file to an .rrd file");
  convert_->footer(
      "Example: rrflow mcap convert drive.mcap -o drive.rrd -n '^/debug/' --start-time 1714557600000000000");
  convert_->add_option("input", convert.input, "the .mcap file to read (- for standard input)")->required()->transform(StandardInput());
  convert_->add_option("-o,--output", convert.output, "the .rrd file to write")->required();
  convert_->add_option("-d,--decoder", convert.decoders,
                       "a decoder to run (repeatable; default: all)")
      ->check(CLI::IsMember(McapReader::AvailableDecoders()));
  convert_->add_option("-y,--include-topic-regex", convert.include_topic_regex,
                       "decode only topics this RE2 pattern is found in (repeatable, not "
                       "anchored)");
  convert_->add_option("-n,--exclude-topic-regex", convert.exclude_topic_regex,
                       "skip topics this RE2 pattern is found in (repeatable; applied after "
                       "the includes)");
  convert_->add_option("--timeline-type", convert.timeline_type,
                       "the type of the timelines made")
      ->check(CLI::IsMember({"timestamp", "duration"}))
      ->capture_default_str();
  convert_->add_option("--timestamp-offset-ns", convert.timestamp_offset_ns,
                       "nanoseconds added to every timestamp timeline (not to durations)");
  convert_->add_option("--start-time", convert.start_time_ns,
                       "keep messages logged at or after this time (ns, before the offset)");
  convert_->add_option("--end-time", convert.end_time_ns,
                       "keep messages logged before this time (ns, before the offset)");
  convert_->add_flag("--recover", convert.recover,
                     "read a file whose summary or footer is missing or damaged from its data "
                     "section (exit code 3 when data was lost)");
  convert_->add_option("--application-id", convert.application_id,
                       "application id of the output (default: the input's file name)");
  convert_->add_option("--recording-id", convert.recording_id,
                       "recording id of the output (default: a new random one)");
  convert.progress.AddTo(*convert_);

  auto* info = mcap_->add_subcommand(
      "info", "schemas, channels, message counts, time range, compression and chunks of a file");
  info->footer("Example: rrflow mcap info drive.mcap");
  info->add_option("input", info_arguments_.input, "the .mcap file (- for standard input)")->required()->transform(StandardInput());
  info->add_flag("--recover", info_arguments_.recover,
                 "describe a file whose summary is missing or damaged from its data section "
                 "(exit code 3 when data was lost)");
}

int McapCommand::Run() const { return convert_->parsed() ? Convert() : Info(); }

int McapCommand::Convert() const {
  const ConvertArguments& arguments = convert_arguments_;
  McapReaderOptions options;
  options.timeline_type = *McapTimelineType(arguments.timeline_type);  // checked by the parser
  options.timestamp_offset_ns = arguments.timestamp_offset_ns;
  if (!arguments.decoders.empty()) options.decoders = arguments.decoders;
  options.include_topic_regex = arguments.include_topic_regex;
  options.exclude_topic_regex = arguments.exclude_topic_regex;
  options.start_time_ns = arguments.start_time_ns;
  options.end_time_ns = arguments.end_time_ns;
  options.recover = arguments.recover;
  options.progress = std::make_shared<McapReadProgress>();
  auto reader = McapReader::Open(arguments.input, options);
  if (!reader.ok()) return OpenFailure(reader.status());

  const StoreId target{
      StoreKind::kRecording,
      !arguments.application_id.empty() ? arguments.application_id
      : IsStandardInput(arguments.input)  ? std::string("stdin")
                                          : std::filesystem::path(arguments.input).filename().string(),
      arguments.recording_id.empty() ? NewRecordingId() : arguments.recording_id};

  const auto progress = options.progress;
  ProgressBar bar(
      arguments.progress.wanted(), [progress] { return progress->bytes_read.load(); },
      [progress] { return progress->bytes_planned.load(); });
  std::atomic<bool> data_lost = false;
  ExecuteOptions execute;
  execute.problems = MakeProblemHandler([&](const Problem& problem) {
    if (IsMcapRecoveryLoss(problem)) data_lost = true;
    bar.Print(ProblemLine(problem));
  });
  const auto written = WriteRrd((*reader)->Stream(), arguments.output, target, execute);
  bar.Stop();
  if (!written.ok()) return Fail(written);
  return data_lost ? kDataLost : kSuccess;
}

int McapCommand::Info() const {
  McapReaderOptions options;
  options.recover = info_arguments_.recover;
  auto reader = McapReader::Open(info_arguments_.input, options);
  if (!reader.ok()) return OpenFailure(reader.status());
  auto info = (*reader)->Info();
  if (!info.ok()) return Fail(info.status());
  PrintInfo(*info);
  return info->recovery_losses.empty() ? kSuccess : kDataLost;
}

}  // namespace rrflow::cli
