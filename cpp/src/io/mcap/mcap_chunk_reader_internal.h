// Reading chunks by their indexes: several decompressed in parallel, handed
// out in the order asked for, with a byte window that bounds memory.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <arrow/result.h>

#include "io/mcap/mcap_chunk_internal.h"
#include "io/mcap/mcap_file_internal.h"
#include "rrflow/stream/ordered_tasks.h"
#include "rrflow/stream/problem.h"

namespace rrflow::internal::mcap {

/// Reads, decompresses and parses the chunks of a list of chunk indexes on
/// the CPU executor, and hands them out in the list's order. New chunks are
/// started while the chunks in flight (started, not yet handed out) hold
/// less than `byte_window` bytes (at least one is always in flight), so
/// memory stays at about the window plus the chunk the caller holds,
/// whatever the file's size.
class OrderedChunkReader {
 public:
  /// `problems` (may be null) receives CRC mismatches and damaged records
  /// inside chunks (see DecodeChunk).
  OrderedChunkReader(std::shared_ptr<const McapFile> file, std::vector<ChunkIndex> chunks,
                     int64_t byte_window, std::shared_ptr<ProblemHandler> problems);

  /// The next chunk in list order, or null after the last. A chunk that
  /// cannot be read (outside the file, unknown compression, corrupt data) is
  /// an error; it ends the reading (later calls return null).
  arrow::Result<std::shared_ptr<const ChunkContents>> Next();

  /// How many bytes a chunk holds while it is read and decoded, by its
  /// index: the record read from the file plus, when compressed, its
  /// decompressed records (capped by what the compressed size can yield).
  static int64_t BytesInFlight(const ChunkIndex& index);

 private:
  arrow::Status StartMore();

  std::shared_ptr<const McapFile> file_;
  std::vector<ChunkIndex> chunks_;
  std::shared_ptr<ProblemHandler> problems_;
  OrderedTasks<std::shared_ptr<const ChunkContents>> tasks_;
  size_t next_to_start_ = 0;
  arrow::Status start_error_;
  bool finished_ = false;
};

}  // namespace rrflow::internal::mcap
