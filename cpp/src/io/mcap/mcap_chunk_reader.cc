#include "io/mcap/mcap_chunk_reader_internal.h"

#include <algorithm>
#include <limits>

namespace rrflow::internal::mcap {

int64_t ChunkBytesInFlight(const ChunkIndex& index) {
  // Halves of the int64 range, so that the sum cannot overflow.
  constexpr uint64_t kCap = std::numeric_limits<int64_t>::max() / 2;
  const auto record = static_cast<int64_t>(std::min<uint64_t>(index.chunk_length, kCap));
  const int64_t limit = MaxUncompressedSize(index.compression, index.chunk_length);
  if (index.compression.empty() || limit < 0) return record;
  return record + static_cast<int64_t>(std::min<uint64_t>(
                      {index.uncompressed_size, static_cast<uint64_t>(limit), kCap}));
}

arrow::Result<std::shared_ptr<const ChunkContents>> ReadChunkContents(const McapFile& file,
                                                                      const ChunkIndex& index,
                                                                      ProblemHandler* problems) {
  ARROW_ASSIGN_OR_RAISE(const Chunk chunk, file.ReadChunk(index));
  const RecordPlace place{file.source(), static_cast<int64_t>(index.chunk_start_offset)};
  ARROW_ASSIGN_OR_RAISE(auto contents, DecodeChunk(chunk, place, problems, file.pool()));
  return std::make_shared<const ChunkContents>(std::move(contents));
}

}  // namespace rrflow::internal::mcap
