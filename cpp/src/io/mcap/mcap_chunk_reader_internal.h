// Reading chunks by their indexes: several decompressed (and, when asked,
// decoded further) in parallel, handed out in the order asked for, with a
// byte window that bounds memory.
#pragma once

#include <cstdint>
#include <functional>
#include <type_traits>
#include <memory>
#include <utility>
#include <vector>

#include <arrow/result.h>

#include "io/mcap/mcap_chunk_internal.h"
#include "io/mcap/mcap_file_internal.h"
#include "rrflow/stream/ordered_tasks.h"
#include "rrflow/stream/problem.h"

namespace rrflow::internal::mcap {

/// How many bytes a chunk holds while it is read and decoded, by its index:
/// the record read from the file plus, when compressed, its decompressed
/// records (capped by what the compressed size can yield).
int64_t ChunkBytesInFlight(const ChunkIndex& index);

/// Reads, decompresses and parses the chunk of `index` (see DecodeChunk);
/// `problems` (may be null) receives CRC mismatches and damaged records.
arrow::Result<std::shared_ptr<const ChunkContents>> ReadChunkContents(const McapFile& file,
                                                                      const ChunkIndex& index,
                                                                      ProblemHandler* problems);

/// Reads, decompresses and parses the chunks of a list of chunk indexes on
/// the CPU executor, turns each into a T there with `then` (by default the
/// parsed contents themselves), and hands the results out in the list's
/// order. New chunks are started while the chunks in flight (started, not
/// yet handed out) hold less than `byte_window` bytes (at least one is
/// always in flight), so memory stays at about the window plus the result
/// the caller holds, whatever the file's size.
template <typename T = std::shared_ptr<const ChunkContents>>
class OrderedChunkReader {
 public:
  /// Runs on a pool thread, once per chunk; must be thread-safe.
  using Then = std::function<arrow::Result<T>(std::shared_ptr<const ChunkContents>)>;

  /// `problems` (may be null) receives CRC mismatches and damaged records
  /// inside chunks (see DecodeChunk).
  OrderedChunkReader(std::shared_ptr<const McapFile> file, std::vector<ChunkIndex> chunks,
                     int64_t byte_window, std::shared_ptr<ProblemHandler> problems,
                     Then then = Then())
      : file_(std::move(file)),
        chunks_(std::move(chunks)),
        problems_(std::move(problems)),
        then_(std::move(then)),
        tasks_(/*max_tasks=*/0, byte_window) {}

  /// The next chunk's result in list order, or a default T after the last.
  /// A chunk that cannot be read (outside the file, unknown compression,
  /// corrupt data) or that `then` fails on is an error; it ends the reading
  /// (later calls return a default T).
  arrow::Result<T> Next() {
    if (finished_) return T();
    const arrow::Status started = start_error_.ok() ? StartMore() : start_error_;
    if (!started.ok()) {
      finished_ = true;
      return started;
    }
    if (tasks_.empty()) {
      finished_ = true;
      return T();
    }
    auto result = tasks_.TakeOldest();
    if (!result.ok()) {
      finished_ = true;
      return result.status();
    }
    // Keep the executor busy while the caller works on this result; a
    // failure to start is reported by the next call.
    start_error_ = StartMore();
    return result;
  }

 private:
  arrow::Status StartMore() {
    while (!tasks_.full() && next_to_start_ < chunks_.size()) {
      const ChunkIndex& index = chunks_[next_to_start_++];
      auto task = [file = file_, index, problems = problems_, then = then_]() -> arrow::Result<T> {
        ARROW_ASSIGN_OR_RAISE(auto contents, ReadChunkContents(*file, index, problems.get()));
        if constexpr (std::is_same_v<T, std::shared_ptr<const ChunkContents>>) {
          if (!then) return contents;
        }
        return then(std::move(contents));
      };
      ARROW_RETURN_NOT_OK(tasks_.Submit(std::move(task), ChunkBytesInFlight(index)));
    }
    return arrow::Status::OK();
  }

  std::shared_ptr<const McapFile> file_;
  std::vector<ChunkIndex> chunks_;
  std::shared_ptr<ProblemHandler> problems_;
  Then then_;
  OrderedTasks<T> tasks_;
  size_t next_to_start_ = 0;
  arrow::Status start_error_;
  bool finished_ = false;
};

}  // namespace rrflow::internal::mcap
