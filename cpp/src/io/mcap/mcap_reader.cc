#include "rrflow/io/mcap/mcap_reader.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <limits>

#include <arrow/array/builder_primitive.h>
#include <arrow/util/io_util.h>

#include "io/mcap/foxglove_lenses_internal.h"
#include "io/mcap/mcap_chunk_reader_internal.h"
#include "io/mcap/mcap_file_decoders_internal.h"
#include "io/mcap/mcap_import_plan_internal.h"
#include "io/mcap/mcap_message_decoders_internal.h"
#include "rrflow/core/status.h"

namespace rrflow {
namespace {

using internal::mcap::MessageDecoder;

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

// One import of the file: the plan and the file-scoped chunks when first
// asked, then each message decoder's pass over the chunks.
class McapImportIterator final : public ChunkIterator {
 public:
  McapImportIterator(std::string path, McapReaderOptions options,
                     std::shared_ptr<ProblemHandler> problems, int64_t byte_budget)
      : path_(std::move(path)),
        options_(std::move(options)),
        problems_(std::move(problems)),
        byte_window_(byte_budget / 2) {}

  arrow::Result<ChunkPtr> Next() override {
    if (finished_) return nullptr;
    auto next = NextChunk();
    if (!next.ok()) {
      finished_ = true;
      return RuntimeError("MCAP error: ", next.status().message());
    }
    if (*next == nullptr) {
      finished_ = true;
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
      ARROW_ASSIGN_OR_RAISE(auto contents, chunks_->Next());
      if (contents == nullptr) {
        chunks_.reset();
        continue;
      }
      ARROW_ASSIGN_OR_RAISE(auto decoded,
                            internal::mcap::DecodeMessages(*contents, decoder_, decoding_));
      for (auto& chunk : decoded) {
        if (!foxglove_lenses_) {
          ready_.push_back(std::move(chunk));
          continue;
        }
        ARROW_ASSIGN_OR_RAISE(auto lensed, internal::mcap::ApplyFoxgloveLenses(
                                               chunk, decoding_.timeline_type, decoding_.source,
                                               problems_.get()));
        ready_.insert(ready_.end(), lensed.begin(), lensed.end());
      }
    }
    ChunkPtr chunk = std::move(ready_.front());
    ready_.pop_front();
    return chunk;
  }

  arrow::Status Start() {
    ARROW_ASSIGN_OR_RAISE(file_, internal::mcap::McapFile::Open(path_));
    ARROW_ASSIGN_OR_RAISE(summary_, file_->ReadSummary());
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
    decoding_.problems = problems_.get();
    foxglove_lenses_ = selection.foxglove;
    ARROW_ASSIGN_OR_RAISE(auto file_scoped,
                          internal::mcap::DecodeFileScoped(*file_, summary_, plan_, selection,
                                                           problems_.get()));
    for (auto& chunk : file_scoped) ready_.push_back(std::move(chunk));
    return arrow::Status::OK();
  }

  // Begins the next message decoder's pass over the chunks that may hold
  // its channels; false when no decoder is left.
  bool StartNextDecoder() {
    constexpr MessageDecoder kOrder[] = {MessageDecoder::kProtobuf, MessageDecoder::kRaw};
    while (next_decoder_ < std::size(kOrder)) {
      decoder_ = kOrder[next_decoder_++];
      const auto channels = plan_.ChannelsOf(decoder_);
      if (channels.empty()) continue;
      std::vector<internal::mcap::ChunkIndex> chunks;
      for (const auto& index : summary_.chunk_indexes) {
        // A chunk whose message indexes name none of the channels holds
        // none of their messages; one without message indexes is read.
        const bool may_hold =
            index.message_index_offsets.empty() ||
            std::any_of(channels.begin(), channels.end(), [&](uint16_t channel) {
              return index.message_index_offsets.count(channel) > 0;
            });
        if (may_hold) chunks.push_back(index);
      }
      chunks_ = std::make_unique<internal::mcap::OrderedChunkReader>(file_, std::move(chunks),
                                                                     byte_window_, problems_);
      return true;
    }
    return false;
  }

  const std::string path_;
  const McapReaderOptions options_;
  const std::shared_ptr<ProblemHandler> problems_;
  const int64_t byte_window_;
  std::shared_ptr<const internal::mcap::McapFile> file_;
  internal::mcap::McapSummary summary_;
  internal::mcap::ImportPlan plan_;
  internal::mcap::MessageDecoding decoding_;
  std::deque<ChunkPtr> ready_;
  size_t next_decoder_ = 0;
  MessageDecoder decoder_ = MessageDecoder::kProtobuf;
  std::unique_ptr<internal::mcap::OrderedChunkReader> chunks_;
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
  return std::shared_ptr<const McapReader>(new McapReader(std::move(path), std::move(options)));
}

StreamNodePtr McapReader::Stream() const { return std::make_shared<McapSource>(path_, options_); }

}  // namespace rrflow
