// LZ4 block (de)compression of whole payloads, as Rerun stores ArrowMsg and
// manifest IPC streams: one raw block, no frame, no size prefix.
#pragma once

#include <cstdint>
#include <memory>

#include <arrow/buffer.h>
#include <arrow/result.h>

namespace rrflow::internal {

arrow::Result<std::shared_ptr<arrow::Buffer>> Lz4CompressBlock(const uint8_t* data, int64_t size);

/// Decompresses a block that must expand to exactly `uncompressed_size`
/// bytes. Sizes no LZ4 block of `size` bytes can reach are rejected before
/// anything is allocated.
arrow::Result<std::shared_ptr<arrow::Buffer>> Lz4DecompressBlock(const uint8_t* data, int64_t size,
                                                                 int64_t uncompressed_size);

}  // namespace rrflow::internal
