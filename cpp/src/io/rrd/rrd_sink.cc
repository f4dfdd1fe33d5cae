#include "rrflow/io/rrd/rrd_sink.h"

#include "rrflow/io/rrd/store_info.h"

namespace rrflow {

RrdSink::RrdSink(std::unique_ptr<RrdWriter> writer, StoreId store, int64_t byte_budget)
    : writer_(std::move(writer)),
      store_(std::move(store)),
      encoding_(/*max_tasks=*/0,
                byte_budget > 0 ? byte_budget : ExecuteOptions::kDefaultByteBudget) {}

arrow::Result<std::unique_ptr<RrdSink>> RrdSink::Open(const std::string& path, StoreId store,
                                                      int64_t byte_budget) {
  ARROW_ASSIGN_OR_RAISE(auto writer, RrdWriter::Open(path));
  ARROW_RETURN_NOT_OK(writer->WriteStoreInfo(ChunkPipelineStoreInfo(store)));
  return std::unique_ptr<RrdSink>(new RrdSink(std::move(writer), std::move(store), byte_budget));
}

arrow::Status RrdSink::Write(ChunkPtr chunk) {
  // A chunk and its encoding are both alive until written: count it twice.
  const int64_t bytes = 2 * chunk->byte_size();
  while (encoding_.full()) ARROW_RETURN_NOT_OK(WriteOldest());
  return encoding_.Submit(
      [store = store_, chunk = std::move(chunk)] { return EncodeArrowMsg(store, chunk); }, bytes);
}

arrow::Status RrdSink::Finish() {
  while (!encoding_.empty()) ARROW_RETURN_NOT_OK(WriteOldest());
  return writer_->Finish();
}

arrow::Status RrdSink::WriteOldest() {
  ARROW_ASSIGN_OR_RAISE(auto encoded, encoding_.TakeOldest());
  return writer_->WriteEncoded(encoded);
}

arrow::Status WriteRrd(const StreamNodePtr& node, const std::string& path, const StoreId& store,
                       const ExecuteOptions& options) {
  ARROW_ASSIGN_OR_RAISE(auto sink, RrdSink::Open(path, store, options.byte_budget));
  ExecuteOptions copying = options;
  copying.keep_chunk_encodings = true;  // chunks read from .rrd files are copied, not encoded again
  return Drain(node, *sink, copying);
}

}  // namespace rrflow
