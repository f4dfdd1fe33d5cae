#include "rrflow/io/rrd/rrd_sink.h"

#include "rrflow/io/rrd/store_info.h"

namespace rrflow {

arrow::Result<std::unique_ptr<RrdSink>> RrdSink::Open(const std::string& path, StoreId store) {
  ARROW_ASSIGN_OR_RAISE(auto writer, RrdWriter::Open(path));
  ARROW_RETURN_NOT_OK(writer->WriteStoreInfo(ChunkPipelineStoreInfo(store)));
  return std::unique_ptr<RrdSink>(new RrdSink(std::move(writer), std::move(store)));
}

arrow::Status RrdSink::Write(ChunkPtr chunk) {
  if (encoding_.full()) ARROW_RETURN_NOT_OK(WriteOldest());
  return encoding_.Submit(
      [store = store_, chunk = std::move(chunk)] { return EncodeArrowMsg(store, chunk); });
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
  ARROW_ASSIGN_OR_RAISE(auto sink, RrdSink::Open(path, store));
  return Drain(node, *sink, options);
}

}  // namespace rrflow
