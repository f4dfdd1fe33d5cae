#include "send_command.h"

#include <atomic>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli_support.h"
#include "progress_bar.h"
#include "rrflow/io/mcap/mcap_reader.h"
#include "rrflow/io/parquet/parquet_reader.h"
#include "rrflow/io/rrd/rrd_reader.h"
#include "rrflow/io/rrd/store_info.h"
#include "rrflow/net/grpc_sink.h"
#include "rrflow/query/content_filter.h"
#include "rrflow/query/filter_criteria.h"
#include "rrflow/stream/lazy_chunk_stream.h"
#include "standard_input.h"

namespace rrflow::cli {
namespace {

// Counts what passes, for the progress bar, and drops chunks without
// components (receivers have nothing to show for them).
class CountingSink final : public ChunkSink {
 public:
  explicit CountingSink(ChunkSink& sink) : sink_(sink) {}
  arrow::Status Write(ChunkPtr chunk) override {
    if (chunk->components().empty()) return arrow::Status::OK();
    bytes_ += chunk->byte_size();
    ++chunks_;
    return sink_.Write(std::move(chunk));
  }
  arrow::Status Finish() override { return sink_.Finish(); }
  int64_t bytes() const { return bytes_.load(); }
  int64_t chunks() const { return chunks_.load(); }

 private:
  ChunkSink& sink_;
  std::atomic<int64_t> bytes_ = 0;
  std::atomic<int64_t> chunks_ = 0;
};

bool HasExtension(const std::string& path, const char* extension) {
  return std::filesystem::path(path).extension() == extension;
}

}  // namespace

SendCommand::SendCommand(CLI::App& app) {
  send_ = app.add_subcommand("send", "stream recordings into a running Rerun viewer or proxy");
  send_->footer(
      "The files (.rrd, .mcap, .parquet) are sent as one recording, each file's chunks in\n"
      "order: by default the\n"
      "first .rrd's recording, else one named after the first file with a new id. The exit\n"
      "code is 0 once the viewer has confirmed the stream, 1 if it could not be reached.\n\n"
      "Examples:\n"
      "  rrflow send recording.rrd\n"
      "  rrflow send robot.mcap --url rerun+http://127.0.0.1:9877/proxy --content '/camera/**'");
  send_->add_option("files", inputs_, "the .rrd, .mcap or .parquet files (- for standard input, read as .rrd)")
      ->required()
      ->transform(StandardInput());
  send_->add_option("--url", url_, "the viewer's or proxy's URL")
      ->default_val(std::string(kDefaultProxyUrl));
  send_->add_option("--content", content_,
                    "entity path rules, e.g. '/world/** -/world/debug' (repeatable)");
  send_->add_option("--application-id", application_id_, "application id to send as");
  send_->add_option("--recording-id", recording_id_, "recording id to send as");
  progress_.AddTo(*send_);
}

int SendCommand::Run() const {
  std::vector<StreamNodePtr> streams;
  std::optional<StoreId> source;
  for (const auto& input : inputs_) {
    if (HasExtension(input, ".mcap")) {
      auto reader = McapReader::Open(input, {});
      if (!reader.ok()) return Fail(reader.status());
      streams.push_back((*reader)->Stream());
    } else if (HasExtension(input, ".parquet")) {
      auto reader = ParquetReader::Open(input);
      if (!reader.ok()) return Fail(reader.status());
      streams.push_back((*reader)->Stream());
    } else {
      auto reader = RrdReader::Open(input);
      if (!reader.ok()) return Fail(reader.status());
      auto store = PickRecording(**reader, "");
      if (!store.ok()) return Fail(store.status());
      if (!source) source = *store;
      streams.push_back((*reader)->Stream(*store));
    }
  }
  StoreId target = source.value_or(StoreId{
      StoreKind::kRecording,
      IsStandardInput(inputs_.front()) ? std::string("stdin") : std::filesystem::path(inputs_.front()).filename().string(),
      NewRecordingId()});
  if (!application_id_.empty()) target.application_id = application_id_;
  if (!recording_id_.empty()) target.recording_id = recording_id_;

  StreamNodePtr stream = streams.size() == 1 ? streams[0] : MakeMerge(std::move(streams));
  if (!content_.empty()) {
    FilterCriteria criteria;
    criteria.content = ContentFilter::Parse(content_);
    stream = MakeFilter(stream, criteria);
  }
  auto sink = GrpcSink::Open(url_, ChunkPipelineStoreInfo(target));
  if (!sink.ok()) return Fail(sink.status());
  CountingSink counting(**sink);
  const auto bar = ProgressBar::OverInputs(progress_, inputs_);
  ExecuteOptions execute = CliExecuteOptions(bar.get());
  execute.keep_chunk_encodings = true;  // chunks read from .rrd files are sent as they are stored
  const auto sent = Drain(stream, counting, execute);
  bar->Stop();
  if (!sent.ok()) return Fail(sent);
  if (!progress_.quiet) {
    fmt::print(stderr, "rrflow: sent {} chunks ({}) to {}\n", counting.chunks(),
               ReadableSize(counting.bytes()), (*sink)->url().ToString());
  }
  return kSuccess;
}

}  // namespace rrflow::cli
