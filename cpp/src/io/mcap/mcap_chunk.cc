#include "io/mcap/mcap_chunk_internal.h"

#include <algorithm>
#include <limits>

#include <lz4frame.h>
#include <zstd.h>

namespace rrflow::internal::mcap {
namespace {

// One LZ4 sequence stands for at most 255 output bytes per input byte.
constexpr int64_t kMaxLz4Expansion = 256;
// Zstd's densest encoding is an RLE block: 4 bytes for 128 KiB.
constexpr int64_t kMaxZstdExpansion = 32 * 1024;
// The first output allocation; it doubles while the data yields more.
constexpr int64_t kMinInitialOutput = 64 * 1024;

int64_t SaturatingProduct(uint64_t size, int64_t factor) {
  constexpr auto kMax = std::numeric_limits<int64_t>::max();
  if (size > static_cast<uint64_t>(kMax / factor)) return kMax;
  return static_cast<int64_t>(size) * factor;
}

// A buffer that decompressed bytes are appended to, grown by doubling up to
// a fixed total, so that memory follows what the stream really produces.
class GrowingOutput {
 public:
  GrowingOutput(int64_t total, int64_t compressed_size, arrow::MemoryPool* pool)
      : total_(total), pool_(pool) {
    initial_ = std::min(
        total,
        std::max(kMinInitialOutput, SaturatingProduct(static_cast<uint64_t>(compressed_size), 4)));
  }

  arrow::Status Init() {
    ARROW_ASSIGN_OR_RAISE(buffer_, arrow::AllocateResizableBuffer(initial_, pool_));
    capacity_ = initial_;
    return arrow::Status::OK();
  }

  bool done() const { return produced_ == total_; }
  int64_t produced() const { return produced_; }
  /// Room for the next write, growing the buffer when it is full.
  arrow::Result<int64_t> Room() {
    if (produced_ == capacity_ && capacity_ < total_) {
      capacity_ = capacity_ > total_ / 2 ? total_ : capacity_ * 2;
      ARROW_RETURN_NOT_OK(buffer_->Resize(capacity_, /*shrink_to_fit=*/false));
    }
    return capacity_ - produced_;
  }
  uint8_t* cursor() { return buffer_->mutable_data() + produced_; }
  void Advance(int64_t bytes) { produced_ += bytes; }

  std::shared_ptr<arrow::Buffer> Finish() {
    return std::shared_ptr<arrow::Buffer>(std::move(buffer_));
  }

 private:
  int64_t total_;
  int64_t initial_ = 0;
  arrow::MemoryPool* pool_;
  std::unique_ptr<arrow::ResizableBuffer> buffer_;
  int64_t capacity_ = 0;
  int64_t produced_ = 0;
};

arrow::Status DecompressLz4Frame(const arrow::Buffer& input, const RecordPlace& place,
                                 GrowingOutput* output) {
  LZ4F_dctx* context = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&context, LZ4F_VERSION))) {
    return arrow::Status::OutOfMemory("cannot create an LZ4 frame decompression context");
  }
  std::unique_ptr<LZ4F_dctx, decltype(&LZ4F_freeDecompressionContext)> owner(
      context, &LZ4F_freeDecompressionContext);
  const uint8_t* in = input.data();
  int64_t in_left = input.size();
  while (!output->done()) {
    ARROW_ASSIGN_OR_RAISE(const int64_t room, output->Room());
    size_t out_size = static_cast<size_t>(room);
    size_t in_size = static_cast<size_t>(in_left);
    const size_t hint =
        LZ4F_decompress(context, output->cursor(), &out_size, in, &in_size, nullptr);
    if (LZ4F_isError(hint)) {
      return McapError(place, "corrupt lz4 chunk data: ", LZ4F_getErrorName(hint));
    }
    in += in_size;
    in_left -= static_cast<int64_t>(in_size);
    output->Advance(static_cast<int64_t>(out_size));
    // After a frame's end the context starts on the next frame, if any.
    const bool input_ended = hint == 0 && in_left == 0;
    if ((input_ended || (in_size == 0 && out_size == 0)) && !output->done()) {
      return McapError(place, "lz4 chunk data ends after ", output->produced(),
                       " decompressed bytes, short of the record's uncompressed size");
    }
  }
  return arrow::Status::OK();
}

arrow::Status DecompressZstd(const arrow::Buffer& input, const RecordPlace& place,
                             GrowingOutput* output) {
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(ZSTD_createDCtx(), &ZSTD_freeDCtx);
  if (context == nullptr) return arrow::Status::OutOfMemory("cannot create a zstd context");
  ZSTD_inBuffer in{input.data(), static_cast<size_t>(input.size()), 0};
  while (!output->done()) {
    ARROW_ASSIGN_OR_RAISE(const int64_t room, output->Room());
    ZSTD_outBuffer out{output->cursor(), static_cast<size_t>(room), 0};
    const size_t in_before = in.pos;
    const size_t hint = ZSTD_decompressStream(context.get(), &out, &in);
    if (ZSTD_isError(hint)) {
      return McapError(place, "corrupt zstd chunk data: ", ZSTD_getErrorName(hint));
    }
    output->Advance(static_cast<int64_t>(out.pos));
    const bool input_used_up = in.pos == in.size;
    const bool no_progress = out.pos == 0 && in.pos == in_before;
    if ((no_progress || (input_used_up && hint == 0 && out.pos < static_cast<size_t>(room))) &&
        !output->done()) {
      return McapError(place, "zstd chunk data ends after ", output->produced(),
                       " decompressed bytes, short of the record's uncompressed size");
    }
  }
  return arrow::Status::OK();
}

}  // namespace

int64_t MaxUncompressedSize(const std::string& compression, uint64_t compressed_size) {
  if (compression.empty()) {
    return static_cast<int64_t>(
        std::min<uint64_t>(compressed_size, std::numeric_limits<int64_t>::max()));
  }
  if (compression == "lz4") return SaturatingProduct(compressed_size, kMaxLz4Expansion);
  if (compression == "zstd") return SaturatingProduct(compressed_size, kMaxZstdExpansion);
  return -1;
}

arrow::Result<std::shared_ptr<arrow::Buffer>> DecompressChunk(const Chunk& chunk,
                                                              const RecordPlace& place,
                                                              arrow::MemoryPool* pool) {
  const int64_t limit =
      MaxUncompressedSize(chunk.compression, static_cast<uint64_t>(chunk.records->size()));
  if (limit < 0) {
    return McapError(place, "unsupported chunk compression `", chunk.compression, "`");
  }
  if (chunk.uncompressed_size > static_cast<uint64_t>(limit)) {
    return McapError(place, "chunk claims ", chunk.uncompressed_size,
                     " uncompressed bytes, more than ", chunk.records->size(), " bytes of ",
                     chunk.compression.empty() ? "uncompressed" : chunk.compression,
                     " data can hold");
  }
  const auto total = static_cast<int64_t>(chunk.uncompressed_size);
  if (chunk.compression.empty()) return arrow::SliceBuffer(chunk.records, 0, total);
  GrowingOutput output(total, chunk.records->size(), pool);
  ARROW_RETURN_NOT_OK(output.Init());
  if (chunk.compression == "lz4") {
    ARROW_RETURN_NOT_OK(DecompressLz4Frame(*chunk.records, place, &output));
  } else {
    ARROW_RETURN_NOT_OK(DecompressZstd(*chunk.records, place, &output));
  }
  return output.Finish();
}

void CheckChunkCrc(const Chunk& chunk, const arrow::Buffer& records, const RecordPlace& place,
                   ProblemHandler* problems) {
  if (chunk.uncompressed_crc == 0 || problems == nullptr) return;
  const uint32_t computed = Crc32(records.data(), records.size());
  if (computed == chunk.uncompressed_crc) return;
  problems->Report(Problem{Problem::Severity::kWarning,
                           "MCAP chunk CRC mismatch (stored " +
                               std::to_string(chunk.uncompressed_crc) + ", computed " +
                               std::to_string(computed) + "); its messages are kept",
                           std::string(place.source), place.offset});
}

arrow::Result<ChunkContents> DecodeChunk(const Chunk& chunk, const RecordPlace& place,
                                         ProblemHandler* problems, arrow::MemoryPool* pool) {
  ChunkContents contents;
  contents.chunk_offset = place.offset;
  contents.message_start_time = chunk.message_start_time;
  contents.message_end_time = chunk.message_end_time;
  ARROW_ASSIGN_OR_RAISE(contents.records, DecompressChunk(chunk, place, pool));
  CheckChunkCrc(chunk, *contents.records, place, problems);

  // A damaged record inside the chunk ends it: the messages before it are
  // kept and the damage is reported.
  RecordIterator records(contents.records, place.source, 0, place.offset);
  const auto parse_next = [&]() -> arrow::Result<bool> {
    // Views, not buffer slices: a chunk can hold many thousands of messages.
    ARROW_ASSIGN_OR_RAISE(auto record, records.NextView());
    if (!record) return false;
    const RecordPlace inner{place.source, record->offset, place.offset};
    switch (static_cast<Opcode>(record->opcode)) {
      case Opcode::kSchema: {
        ARROW_ASSIGN_OR_RAISE(auto schema, ParseSchema(records.Slice(*record).body, inner));
        contents.schemas.push_back(std::move(schema));
        break;
      }
      case Opcode::kChannel: {
        ARROW_ASSIGN_OR_RAISE(auto channel, ParseChannel(records.Slice(*record).body, inner));
        contents.channels.push_back(std::move(channel));
        break;
      }
      case Opcode::kMessage: {
        ARROW_ASSIGN_OR_RAISE(auto message, ParseMessageView(record->body, inner));
        contents.messages.push_back(std::move(message));
        break;
      }
      default:
        break;
    }
    return true;
  };
  while (true) {
    auto more = parse_next();
    if (!more.ok()) {
      if (problems != nullptr) {
        problems->Report(Problem{Problem::Severity::kWarning,
                                 more.status().message() + "; the rest of the chunk is skipped",
                                 std::string(place.source), place.offset});
      }
      break;
    }
    if (!*more) break;
  }
  return contents;
}

}  // namespace rrflow::internal::mcap
