// ParquetReader: the stream source over a Parquet file.
#include "rrflow/io/parquet/parquet_reader.h"

#include <cerrno>
#include <deque>
#include <filesystem>
#include <optional>

#include <arrow/util/future.h>
#include <arrow/util/io_util.h>
#include <arrow/util/thread_pool.h>

#include "io/parquet/file_metadata_chunk_internal.h"
#include "io/parquet/read_plan_internal.h"
#include "io/parquet/reader_config_internal.h"
#include "io/parquet/row_windows_internal.h"
#include "io/parquet/static_columns_internal.h"
#include "io/parquet/window_chunks_internal.h"
#include "rrflow/core/status.h"
#include "rrflow/stream/bounded_queue.h"
#include "rrflow/stream/producer_thread.h"

namespace rrflow {
namespace {

using internal::ReadPlan;

// Windows decoded and converted ahead of the consumer: bounds the memory of
// one execution.
constexpr size_t kWindowsAhead = 8;

// One execution. A producer thread reads the file window by window (the
// Parquet decoder spreads each batch's columns over the CPU pool), checks
// the static columns in order, and hands each window's conversion to the
// pool; the consumer takes the results in order. So decoding overlaps with
// whatever the consumer does, such as writing a file.
class ParquetChunkIterator final : public ChunkIterator {
 public:
  ParquetChunkIterator(std::string path, std::shared_ptr<const internal::ReaderConfig> config)
      : path_(std::move(path)),
        config_(std::move(config)),
        queue_(QueueLimits{kWindowsAhead, INT64_MAX}) {
    producer_.emplace([this] { Produce(); });
  }

  ~ParquetChunkIterator() override {
    queue_.Close();
    producer_.reset();
  }

  arrow::Result<ChunkPtr> Next() override {
    while (!finished_ && ready_.empty()) {
      if (pending_.empty() && !queue_.TakeAll(&pending_)) {
        finished_ = true;
        break;
      }
      auto chunks = pending_.front().result();
      pending_.pop_front();
      if (!chunks.ok()) {
        finished_ = true;
        queue_.Close();
        return RuntimeError("Parquet error: ", chunks.status().message());
      }
      for (auto& chunk : *chunks) ready_.push_back(std::move(chunk));
    }
    if (ready_.empty()) return nullptr;
    ChunkPtr next = std::move(ready_.front());
    ready_.pop_front();
    return next;
  }

 private:
  using Chunks = arrow::Future<std::vector<ChunkPtr>>;

  void Produce() {
    const arrow::Status status = ProduceAll();
    if (!status.ok()) queue_.Push(Chunks::MakeFinished(status));
    queue_.Close();
  }

  // Returns early, without error, once the consumer has gone.
  arrow::Status ProduceAll() {
    ARROW_ASSIGN_OR_RAISE(auto reader, internal::RowWindowReader::Open(path_));
    ARROW_ASSIGN_OR_RAISE(auto read_plan, internal::MakeReadPlan(*reader->schema(), *config_));
    const auto plan = std::make_shared<const ReadPlan>(std::move(read_plan));
    internal::StaticColumns statics(plan->statics);
    const auto metadata = reader->footer_metadata();
    ARROW_ASSIGN_OR_RAISE(auto properties, internal::FileMetadataChunk(metadata.get()));
    if (properties != nullptr && !queue_.Push(Chunks::MakeFinished(std::vector<ChunkPtr>{std::move(properties)}))) {
      return arrow::Status::OK();
    }
    auto* pool = ExecutionContext::cpu_executor();
    while (true) {
      ARROW_ASSIGN_OR_RAISE(auto window, reader->Next());
      if (!window) break;
      // A failed check ends the stream after the windows before this one.
      ARROW_RETURN_NOT_OK(statics.Check(*window->batch));
      // Chunk ids are drawn here, in stream order.
      ARROW_ASSIGN_OR_RAISE(auto converted, pool->Submit([plan, window = std::move(*window),
                                                          id = ChunkId::New()] {
        return internal::WindowChunks(*plan, window, id);
      }));
      if (!queue_.Push(std::move(converted))) return arrow::Status::OK();
    }
    std::vector<ChunkPtr> tail;
    ARROW_ASSIGN_OR_RAISE(auto static_chunk, statics.MakeChunk(plan->static_path));
    if (static_chunk != nullptr) tail.push_back(std::move(static_chunk));
    ARROW_ASSIGN_OR_RAISE(auto names, internal::SeriesNamesChunks(*plan));
    for (auto& chunk : names) tail.push_back(std::move(chunk));
    queue_.Push(Chunks::MakeFinished(std::move(tail)));
    return arrow::Status::OK();
  }

  const std::string path_;
  const std::shared_ptr<const internal::ReaderConfig> config_;
  // Counted in windows: their sizes are known only once converted, and the
  // reader's rows per window bound each.
  BoundedQueue<Chunks> queue_;
  std::optional<ProducerThread> producer_;
  // Consumer side.
  std::deque<Chunks> pending_;
  std::deque<ChunkPtr> ready_;
  bool finished_ = false;
};

class ParquetSource final : public ChunkSource {
 public:
  ParquetSource(std::string path, std::shared_ptr<const internal::ReaderConfig> config)
      : path_(std::move(path)), config_(std::move(config)) {}

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext&,
                                                     const ScanHints&) const override {
    return std::make_unique<ParquetChunkIterator>(path_, config_);
  }

 private:
  std::string path_;
  std::shared_ptr<const internal::ReaderConfig> config_;
};

}  // namespace

arrow::Result<std::shared_ptr<const ParquetReader>> ParquetReader::Open(
    std::string path, const ParquetReaderOptions& options) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return arrow::internal::IOErrorFromErrno(ENOENT, "Parquet file not found: ", path);
  }
  ARROW_ASSIGN_OR_RAISE(auto config, internal::MakeReaderConfig(options));
  return std::shared_ptr<const ParquetReader>(new ParquetReader(
      std::move(path), std::make_shared<const internal::ReaderConfig>(std::move(config))));
}

StreamNodePtr ParquetReader::Stream() const {
  return std::make_shared<ParquetSource>(path_, config_);
}

}  // namespace rrflow
