// The RRD sink: a stream's chunks written as one store of a new `.rrd` file.
#pragma once

#include <memory>
#include <string>

#include <arrow/result.h>

#include "rrflow/core/store_id.h"
#include "rrflow/io/rrd/rrd_writer.h"
#include "rrflow/stream/lazy_chunk_stream.h"
#include "rrflow/stream/ordered_tasks.h"

namespace rrflow {

/// Writes chunks as `store` into an RRD file: a SetStoreInfo as Rerun's
/// chunk pipeline writes it, one ArrowMsg per chunk (encoded in parallel on
/// the CPU pool, written in order), then the footer. The file appears at
/// its path only once Finish succeeds; a sink destroyed before leaves none.
/// Chunks waiting to be encoded and written hold at most about `byte_budget`
/// bytes (0: ExecuteOptions::kDefaultByteBudget).
class RrdSink final : public ChunkSink {
 public:
  static arrow::Result<std::unique_ptr<RrdSink>> Open(const std::string& path, StoreId store,
                                                      int64_t byte_budget = 0);

  arrow::Status Write(ChunkPtr chunk) override;
  arrow::Status Finish() override;

 private:
  RrdSink(std::unique_ptr<RrdWriter> writer, StoreId store, int64_t byte_budget);
  arrow::Status WriteOldest();

  std::unique_ptr<RrdWriter> writer_;
  StoreId store_;
  OrderedTasks<EncodedArrowMsg> encoding_;
};

/// Runs `node` into an RrdSink at `path`, with the options' byte budget.
arrow::Status WriteRrd(const StreamNodePtr& node, const std::string& path, const StoreId& store,
                       const ExecuteOptions& options = {});

}  // namespace rrflow
