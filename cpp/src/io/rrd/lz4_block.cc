#include <string>

#include <lz4.h>

#include "io/rrd/lz4_block_internal.h"

namespace rrflow::internal {
namespace {

// One LZ4 sequence can stand for at most ~255 output bytes per input byte.
constexpr int64_t kMaxExpansion = 255;
constexpr int64_t kMaxBlockSize = LZ4_MAX_INPUT_SIZE;

}  // namespace

arrow::Result<std::shared_ptr<arrow::Buffer>> Lz4CompressBlock(const uint8_t* data, int64_t size) {
  if (size > kMaxBlockSize) {
    return arrow::Status::Invalid("payload of ", size, " bytes is too large for one LZ4 block");
  }
  const int bound = LZ4_compressBound(static_cast<int>(size));
  ARROW_ASSIGN_OR_RAISE(auto buffer, arrow::AllocateResizableBuffer(bound));
  const int written = LZ4_compress_default(reinterpret_cast<const char*>(data),
                                           reinterpret_cast<char*>(buffer->mutable_data()),
                                           static_cast<int>(size), bound);
  if (written <= 0 && size > 0) return arrow::Status::UnknownError("LZ4 compression failed");
  // A view of the written bytes: shrinking the allocation could copy them.
  return arrow::SliceBuffer(std::shared_ptr<arrow::Buffer>(std::move(buffer)), 0, written);
}

arrow::Result<std::shared_ptr<arrow::Buffer>> Lz4DecompressBlock(const uint8_t* data, int64_t size,
                                                                 int64_t uncompressed_size) {
  if (uncompressed_size < 0 || uncompressed_size > kMaxBlockSize ||
      uncompressed_size > size * kMaxExpansion + 16 || size > kMaxBlockSize) {
    return arrow::Status::Invalid("corrupted LZ4 payload: ", size,
                                  " compressed bytes cannot expand to ", uncompressed_size);
  }
  ARROW_ASSIGN_OR_RAISE(auto buffer, arrow::AllocateBuffer(uncompressed_size));
  const int decompressed = LZ4_decompress_safe(
      reinterpret_cast<const char*>(data), reinterpret_cast<char*>(buffer->mutable_data()),
      static_cast<int>(size), static_cast<int>(uncompressed_size));
  if (decompressed != uncompressed_size) {
    return arrow::Status::Invalid(
        "corrupted LZ4 payload: expected ", uncompressed_size, " bytes after decompression",
        decompressed < 0 ? ", the block is malformed" : ", got " + std::to_string(decompressed));
  }
  return std::shared_ptr<arrow::Buffer>(std::move(buffer));
}

}  // namespace rrflow::internal
