#include "rrflow/io/mcap/mcap_reader.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <limits>
#include <set>

#include <arrow/array/builder_primitive.h>
#include <arrow/util/io_util.h>

#include "io/mcap/foxglove_lenses_internal.h"
#include "io/mcap/mcap_chunk_reader_internal.h"
#include "io/mcap/mcap_file_decoders_internal.h"
#include "io/mcap/mcap_import_plan_internal.h"
#include "io/mcap/mcap_info_internal.h"
#include "io/mcap/mcap_message_decoders_internal.h"
#include "io/mcap/mcap_recovery_internal.h"
#include "rrflow/core/status.h"

namespace rrflow {
namespace {

using internal::mcap::ChunkContents;
using internal::mcap::ChunkIndex;
using internal::mcap::MessageDecoder;

// The message decoders, in the order their passes over the chunks run.
constexpr MessageDecoder kDecoderOrder[] = {MessageDecoder::kProtobuf, MessageDecoder::kRaw,
                                            MessageDecoder::kRos2Reflection};

// The options' time window as `[start, end)` on u64 log times.
struct LogTimeWindow {
  uint64_t start = 0;
  uint64_t end = UINT64_MAX;
  bool open = true;

  static LogTimeWindow Of(const McapReaderOptions& options) {
    LogTimeWindow window;
    if (!options.start_time_ns && !options.end_time_ns) return window;
    window.open = false;
    if (options.start_time_ns) window.start = static_cast<uint64_t>(*options.start_time_ns);
    if (options.end_time_ns) window.end = static_cast<uint64_t>(*options.end_time_ns);
    return window;
  }
  bool Contains(uint64_t log_time) const { return log_time >= start && log_time < end; }
  // As the reference skips chunks: by the times their index claims.
  bool Overlaps(const ChunkIndex& index) const {
    return index.message_end_time >= start && index.message_start_time < end;
  }
};

// The summary, or the problem with it as info() and time_bounds() report it.
arrow::Result<internal::mcap::SummarySource> DescribedSummary(
    const internal::mcap::McapFile& file, bool recover) {
  auto source = internal::mcap::ReadSummarySource(file, recover);
  if (source.ok() || recover) return source;
  return arrow::Status::Invalid(
      "MCAP summary is missing or corrupt; try reopening it with recovery enabled: ",
      source.status().message());
}

// Shifts the timestamp timelines of `chunk` by `offset` nanoseconds,
// saturating; i64's minimum is kept one above it, as the reference does.
arrow::Result<ChunkPtr> WithTimestampOffset(const ChunkPtr& chunk, int64_t offset) {
  bool any = false;
  std::vector<TimeColumn> timelines;
  for (const auto& column : chunk->timelines()) {
    if (column.timeline().type != TimeType::kTimestampNs) {
      timelines.push_back(column);
      continue;
    }
    any = true;
    const auto& times = static_cast<const arrow::TimestampArray&>(*column.times());
    std::vector<int64_t> shifted(static_cast<size_t>(times.length()));
    for (int64_t row = 0; row < times.length(); ++row) {
      int64_t value = 0;
      if (__builtin_add_overflow(times.Value(row), offset, &value)) {
        value = offset > 0 ? std::numeric_limits<int64_t>::max()
                           : std::numeric_limits<int64_t>::min();
      }
      shifted[static_cast<size_t>(row)] =
          std::max(value, std::numeric_limits<int64_t>::min() + 1);
    }
    arrow::TimestampBuilder builder(column.times()->type(), arrow::default_memory_pool());
    ARROW_RETURN_NOT_OK(builder.AppendValues(shifted));
    ARROW_ASSIGN_OR_RAISE(auto array, builder.Finish());
    ARROW_ASSIGN_OR_RAISE(timelines.emplace_back(), TimeColumn::Make(column.name(), array));
  }
  if (!any) return chunk;
  return Chunk::Make(chunk->id(), chunk->entity_path(), chunk->row_ids(), std::move(timelines),
                     chunk->components(), RowIdOrder::kKnownSorted);
}

// What a pool thread makes of one MCAP chunk in a message decoder's pass.
struct DecodedChunk {
  int64_t chunk_offset = 0;
  std::vector<ChunkPtr> chunks;
  std::vector<uint16_t> unknown_channels;
  // Decode and lens warnings, in the order they arose.
  std::vector<Problem> problems;
};
using ChunkReader = internal::mcap::OrderedChunkReader<std::shared_ptr<const DecodedChunk>>;

// One import of the file: the plan and the file-scoped chunks when first
// asked, then each message decoder's pass over the chunks, whose MCAP chunks
// are read, decoded and lensed on the CPU pool and delivered in order.
class McapImportIterator final : public ChunkIterator {
 public:
  McapImportIterator(std::string path, McapReaderOptions options,
                     std::shared_ptr<ProblemHandler> problems, int64_t byte_budget)
      : path_(std::move(path)),
        options_(std::move(options)),
        problems_(std::move(problems)),
        byte_window_(byte_budget / 2),
        window_(LogTimeWindow::Of(options_)) {}

  arrow::Result<ChunkPtr> Next() override {
    if (finished_) return nullptr;
    auto next = NextChunk();
    if (!next.ok()) {
      finished_ = true;
      ReportRecovery();
      return RuntimeError("MCAP error: ", next.status().message());
    }
    if (*next == nullptr) {
      finished_ = true;
      ReportRecovery();
      return nullptr;
    }
    if (!options_.timestamp_offset_ns || (*next)->is_static()) return next;
    return WithTimestampOffset(*next, *options_.timestamp_offset_ns);
  }

 private:
  arrow::Result<ChunkPtr> NextChunk() {
    if (file_ == nullptr) ARROW_RETURN_NOT_OK(Start());
    while (ready_.empty()) {
      if (chunks_ == nullptr && !StartNextDecoder()) return nullptr;
      ARROW_ASSIGN_OR_RAISE(auto decoded, chunks_->Next());
      if (decoded == nullptr) {
        chunks_.reset();
        continue;
      }
      CountRead();
      // Reported here, in chunk order, as if the chunks were decoded one by one.
      for (const uint16_t channel : decoded->unknown_channels) {
        if (unknown_channels_.insert(channel).second && problems_ != nullptr) {
          problems_->Report(internal::mcap::UnknownChannelProblem(channel, decoding_.source,
                                                                  decoded->chunk_offset));
        }
      }
      if (problems_ != nullptr) {
        for (const auto& problem : decoded->problems) problems_->Report(problem);
      }
      ready_.insert(ready_.end(), decoded->chunks.begin(), decoded->chunks.end());
    }
    ChunkPtr chunk = std::move(ready_.front());
    ready_.pop_front();
    return chunk;
  }

  arrow::Status Start() {
    ARROW_ASSIGN_OR_RAISE(file_, internal::mcap::McapFile::Open(path_));
    ARROW_ASSIGN_OR_RAISE(auto source,
                          internal::mcap::ReadSummarySource(*file_, options_.recover));
    if (source.rebuilt_because) {
      recovery_warning_ = internal::mcap::RecoveryWarning(*file_, source);
    }
    summary_ = std::move(source.summary);
    ARROW_ASSIGN_OR_RAISE(const auto selection,
                          internal::mcap::DecoderSelection::Make(options_.decoders));
    ARROW_ASSIGN_OR_RAISE(const auto topics,
                          internal::mcap::TopicFilter::Make(options_.include_topic_regex,
                                                            options_.exclude_topic_regex));
    ARROW_ASSIGN_OR_RAISE(plan_, internal::mcap::MakeImportPlan(*file_, summary_, selection,
                                                                *topics, problems_.get()));
    decoding_.summary = &summary_;
    decoding_.plan = &plan_;
    decoding_.timeline_type = options_.timeline_type;
    decoding_.source = file_->source();
    foxglove_lenses_ = selection.foxglove;
    ARROW_ASSIGN_OR_RAISE(auto file_scoped,
                          internal::mcap::DecodeFileScoped(*file_, summary_, plan_, selection,
                                                           problems_.get()));
    for (auto& chunk : file_scoped) ready_.push_back(std::move(chunk));
    if (options_.progress != nullptr) {
      int64_t planned = 0;
      for (const MessageDecoder decoder : kDecoderOrder) {
        for (const auto& index : ChunksToRead(decoder)) {
          planned += static_cast<int64_t>(index.chunk_length);
        }
      }
      options_.progress->bytes_read.store(0);
      options_.progress->bytes_planned.store(planned);
    }
    return arrow::Status::OK();
  }

  // The chunks whose messages `decoder` may need, in summary order.
  std::vector<ChunkIndex> ChunksToRead(MessageDecoder decoder) const {
    const auto channels = plan_.ChannelsOf(decoder);
    std::vector<ChunkIndex> chunks;
    if (channels.empty()) return chunks;
    for (const auto& index : summary_.chunk_indexes) {
      if (!window_.Overlaps(index)) continue;
      // A chunk whose message indexes name none of the channels holds
      // none of their messages; one without message indexes is read.
      const bool may_hold =
          index.message_index_offsets.empty() ||
          std::any_of(channels.begin(), channels.end(), [&](uint16_t channel) {
            return index.message_index_offsets.count(channel) > 0;
          });
      if (may_hold) chunks.push_back(index);
    }
    return chunks;
  }

  void CountRead() {
    if (options_.progress != nullptr && next_chunk_ < chunk_lengths_.size()) {
      options_.progress->bytes_read.fetch_add(
          static_cast<int64_t>(chunk_lengths_[next_chunk_++]));
    }
  }

  // On a pool thread: the messages of `contents` inside the time window,
  // decoded and lensed; the problems are kept for NextChunk to report. Reads
  // only what Start() set, which stays as it is while a pass runs.
  arrow::Result<std::shared_ptr<const DecodedChunk>> DecodeChunk(
      std::shared_ptr<const ChunkContents> contents, MessageDecoder decoder) const {
    const auto inside = [&](const internal::mcap::Message& message) {
      return window_.Contains(message.log_time);
    };
    const auto& messages = contents->messages;
    if (!window_.open && !std::all_of(messages.begin(), messages.end(), inside)) {
      auto kept = std::make_shared<ChunkContents>(*contents);
      std::erase_if(kept->messages, [&](const auto& message) { return !inside(message); });
      contents = std::move(kept);
    }
    CollectingProblemHandler problems;
    ARROW_ASSIGN_OR_RAISE(auto decoded,
                          internal::mcap::DecodeMessages(*contents, decoder, decoding_, &problems));
    auto result = std::make_shared<DecodedChunk>();
    result->chunk_offset = contents->chunk_offset;
    result->unknown_channels = std::move(decoded.unknown_channels);
    for (auto& chunk : decoded.chunks) {
      if (!foxglove_lenses_) {
        result->chunks.push_back(std::move(chunk));
        continue;
      }
      ARROW_ASSIGN_OR_RAISE(auto lensed,
                            internal::mcap::ApplyFoxgloveLenses(chunk, decoding_.timeline_type,
                                                                decoding_.source, &problems));
      result->chunks.insert(result->chunks.end(), lensed.begin(), lensed.end());
    }
    result->problems = problems.Take();
    return result;
  }

  void ReportRecovery() {
    if (recovery_warning_ && problems_ != nullptr) problems_->Report(*recovery_warning_);
    recovery_warning_.reset();
  }

  // Begins the next message decoder's pass over the chunks that may hold
  // its channels; false when no decoder is left.
  bool StartNextDecoder() {
    while (next_decoder_ < std::size(kDecoderOrder)) {
      decoder_ = kDecoderOrder[next_decoder_++];
      auto chunks = ChunksToRead(decoder_);
      if (chunks.empty()) continue;
      chunk_lengths_.clear();
      for (const auto& index : chunks) chunk_lengths_.push_back(index.chunk_length);
      next_chunk_ = 0;
      chunks_ = std::make_unique<ChunkReader>(
          file_, std::move(chunks), byte_window_, problems_,
          [this, decoder = decoder_](std::shared_ptr<const ChunkContents> contents) {
            return DecodeChunk(std::move(contents), decoder);
          });
      return true;
    }
    return false;
  }

  const std::string path_;
  const McapReaderOptions options_;
  const std::shared_ptr<ProblemHandler> problems_;
  const int64_t byte_window_;
  const LogTimeWindow window_;
  std::shared_ptr<const internal::mcap::McapFile> file_;
  internal::mcap::McapSummary summary_;
  internal::mcap::ImportPlan plan_;
  internal::mcap::MessageDecoding decoding_;
  std::deque<ChunkPtr> ready_;
  size_t next_decoder_ = 0;
  MessageDecoder decoder_ = MessageDecoder::kProtobuf;
  // Channels met in chunks but missing from the summary, reported once each.
  std::set<uint16_t> unknown_channels_;
  // Declared after everything its tasks read, so that it is destroyed (and
  // waits for them) first.
  std::unique_ptr<ChunkReader> chunks_;
  // The record sizes of the current pass's chunks, for the progress count.
  std::vector<uint64_t> chunk_lengths_;
  size_t next_chunk_ = 0;
  // Reported when the stream ends, after everything that was delivered.
  std::optional<Problem> recovery_warning_;
  // Lenses run as chunks are decoded, so the offset Next() applies shifts
  // their `timestamp` timeline too.
  bool foxglove_lenses_ = false;
  bool finished_ = false;
};

class McapSource final : public ChunkSource {
 public:
  McapSource(std::string path, McapReaderOptions options)
      : path_(std::move(path)), options_(std::move(options)) {}

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context,
                                                     const ScanHints& hints) const override {
    return std::make_unique<McapImportIterator>(path_, options_, context.problems(),
                                                hints.byte_budget > 0 ? hints.byte_budget
                                                                      : context.byte_budget());
  }

 private:
  const std::string path_;
  const McapReaderOptions options_;
};

}  // namespace

arrow::Result<TimeType> McapTimelineType(std::string_view name) {
  if (name == "timestamp") return TimeType::kTimestampNs;
  if (name == "duration") return TimeType::kDurationNs;
  return arrow::Status::Invalid("Invalid timeline_type: \"", name,
                                "\". Expected \"timestamp\" or \"duration\"");
}

arrow::Status CheckMcapTimeRange(std::optional<int64_t> start_time_ns,
                                 std::optional<int64_t> end_time_ns) {
  if (start_time_ns && *start_time_ns < 0) {
    return arrow::Status::Invalid("start_time_ns must be non-negative, got ", *start_time_ns);
  }
  if (end_time_ns && *end_time_ns < 0) {
    return arrow::Status::Invalid("end_time_ns must be non-negative, got ", *end_time_ns);
  }
  const int64_t start = start_time_ns.value_or(0);
  if (end_time_ns && start >= *end_time_ns) {
    return arrow::Status::Invalid("start_time_ns (", start, ") must be less than end_time_ns (",
                                  *end_time_ns, ")");
  }
  return arrow::Status::OK();
}

bool IsMcapRecoveryLoss(const Problem& problem) {
  return problem.message.starts_with(internal::mcap::kRecoveryLossPrefix);
}

const std::vector<std::string>& McapReader::AvailableDecoders() {
  static const std::vector<std::string> kDecoders = {
      "attachments", "foxglove", "metadata", "protobuf", "raw", "recording_info",
      "ros2_reflection", "ros2msg", "schema", "stats", "urdf"};
  return kDecoders;
}

arrow::Result<std::shared_ptr<const McapReader>> McapReader::Open(std::string path,
                                                                   McapReaderOptions options) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return arrow::internal::IOErrorFromErrno(ENOENT, "MCAP file not found: ", path);
  }
  if (options.timeline_type != TimeType::kTimestampNs &&
      options.timeline_type != TimeType::kDurationNs) {
    return arrow::Status::Invalid("MCAP timelines are timestamps or durations");
  }
  ARROW_RETURN_NOT_OK(internal::mcap::DecoderSelection::Make(options.decoders).status());
  ARROW_RETURN_NOT_OK(internal::mcap::TopicFilter::Make(options.include_topic_regex,
                                                        options.exclude_topic_regex)
                          .status());
  ARROW_RETURN_NOT_OK(CheckMcapTimeRange(options.start_time_ns, options.end_time_ns));
  return std::shared_ptr<const McapReader>(new McapReader(std::move(path), std::move(options)));
}

StreamNodePtr McapReader::Stream() const { return std::make_shared<McapSource>(path_, options_); }

arrow::Result<StreamNodePtr> McapReader::Stream(std::optional<int64_t> start_time_ns,
                                                std::optional<int64_t> end_time_ns) const {
  if (!start_time_ns && !end_time_ns) return Stream();
  ARROW_RETURN_NOT_OK(CheckMcapTimeRange(start_time_ns, end_time_ns));
  McapReaderOptions options = options_;
  options.start_time_ns = start_time_ns;
  options.end_time_ns = end_time_ns;
  return std::make_shared<McapSource>(path_, std::move(options));
}

arrow::Result<McapTimeBounds> McapReader::TimeBounds() const {
  ARROW_ASSIGN_OR_RAISE(auto file, internal::mcap::McapFile::Open(path_));
  ARROW_ASSIGN_OR_RAISE(const auto source, DescribedSummary(*file, options_.recover));
  const auto bounds = internal::mcap::MessageTimeBounds(source.summary);
  if (!bounds) return arrow::Status::Invalid("MCAP file contains no messages: ", path_);
  return *bounds;
}

arrow::Result<McapInfo> McapReader::Info() const {
  ARROW_ASSIGN_OR_RAISE(auto file, internal::mcap::McapFile::Open(path_));
  ARROW_ASSIGN_OR_RAISE(const auto source, DescribedSummary(*file, options_.recover));
  return internal::mcap::DescribeMcap(*file, source, /*problems=*/nullptr);
}

}  // namespace rrflow
