#include "io/mcap/mcap_chunk_reader_internal.h"

#include <algorithm>
#include <limits>

namespace rrflow::internal::mcap {

OrderedChunkReader::OrderedChunkReader(std::shared_ptr<const McapFile> file,
                                       std::vector<ChunkIndex> chunks, int64_t byte_window,
                                       std::shared_ptr<ProblemHandler> problems)
    : file_(std::move(file)),
      chunks_(std::move(chunks)),
      problems_(std::move(problems)),
      tasks_(/*max_tasks=*/0, byte_window) {}

int64_t OrderedChunkReader::BytesInFlight(const ChunkIndex& index) {
  // Halves of the int64 range, so that the sum cannot overflow.
  constexpr uint64_t kCap = std::numeric_limits<int64_t>::max() / 2;
  const auto record = static_cast<int64_t>(std::min<uint64_t>(index.chunk_length, kCap));
  const int64_t limit = MaxUncompressedSize(index.compression, index.chunk_length);
  if (index.compression.empty() || limit < 0) return record;
  return record + static_cast<int64_t>(std::min<uint64_t>(
                      {index.uncompressed_size, static_cast<uint64_t>(limit), kCap}));
}

arrow::Status OrderedChunkReader::StartMore() {
  while (!tasks_.full() && next_to_start_ < chunks_.size()) {
    const ChunkIndex& index = chunks_[next_to_start_++];
    auto task = [file = file_, index, problems = problems_]()
        -> arrow::Result<std::shared_ptr<const ChunkContents>> {
      ARROW_ASSIGN_OR_RAISE(const Chunk chunk, file->ReadChunk(index));
      const RecordPlace place{file->source(), static_cast<int64_t>(index.chunk_start_offset)};
      ARROW_ASSIGN_OR_RAISE(auto contents, DecodeChunk(chunk, place, problems.get(), file->pool()));
      return std::make_shared<const ChunkContents>(std::move(contents));
    };
    ARROW_RETURN_NOT_OK(tasks_.Submit(std::move(task), BytesInFlight(index)));
  }
  return arrow::Status::OK();
}

arrow::Result<std::shared_ptr<const ChunkContents>> OrderedChunkReader::Next() {
  if (finished_) return nullptr;
  const arrow::Status started = start_error_.ok() ? StartMore() : start_error_;
  if (!started.ok()) {
    finished_ = true;
    return started;
  }
  if (tasks_.empty()) {
    finished_ = true;
    return nullptr;
  }
  auto chunk = tasks_.TakeOldest();
  if (!chunk.ok()) {
    finished_ = true;
    return chunk.status();
  }
  // Keep the executor busy while the caller works on this chunk; a failure
  // to start is reported by the next call.
  start_error_ = StartMore();
  return chunk;
}

}  // namespace rrflow::internal::mcap
