// Chunks: decompressing a Chunk record's records and reading the Schema,
// Channel and Message records inside.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <arrow/buffer.h>
#include <arrow/memory_pool.h>
#include <arrow/result.h>

#include "io/mcap/mcap_records_internal.h"
#include "rrflow/stream/problem.h"

namespace rrflow::internal::mcap {

/// The records of one chunk, decompressed and parsed. Message and schema
/// data are slices of `records`.
struct ChunkContents {
  /// The file offset of the Chunk record.
  int64_t chunk_offset = 0;
  uint64_t message_start_time = 0;
  uint64_t message_end_time = 0;
  std::shared_ptr<arrow::Buffer> records;
  std::vector<Schema> schemas;
  std::vector<Channel> channels;
  /// In record order.
  std::vector<Message> messages;
};

/// The most bytes a chunk of `compressed_size` bytes compressed with
/// `compression` can expand to, or -1 for an unknown compression. A claim
/// above it is corrupt, and nothing is allocated for it.
int64_t MaxUncompressedSize(const std::string& compression, uint64_t compressed_size);

/// The decompressed records of `chunk` ("", "lz4" frame or "zstd"): exactly
/// `uncompressed_size` bytes (anything after them in the compressed field is
/// ignored). Output grows with what the data yields, so a false size claim
/// costs no memory it does not produce. An unknown compression, corrupt data
/// and a stream shorter than claimed are errors naming the chunk's `place`.
arrow::Result<std::shared_ptr<arrow::Buffer>> DecompressChunk(const Chunk& chunk,
                                                              const RecordPlace& place,
                                                              arrow::MemoryPool* pool);

/// When `chunk` carries a CRC (not 0) that `records` (its decompressed
/// records) do not match, warns `problems` (may be null). The reference
/// keeps the data of such a chunk, and so do the callers.
void CheckChunkCrc(const Chunk& chunk, const arrow::Buffer& records, const RecordPlace& place,
                   ProblemHandler* problems);

/// DecompressChunk, then checks the CRC of the records (when not 0: a
/// mismatch is a warning to `problems`, which may be null, and the records
/// are kept, as the reference keeps them) and parses the Schema, Channel and
/// Message records; other opcodes are skipped by length.
arrow::Result<ChunkContents> DecodeChunk(const Chunk& chunk, const RecordPlace& place,
                                         ProblemHandler* problems, arrow::MemoryPool* pool);

}  // namespace rrflow::internal::mcap
