#include <arrow/io/memory.h>
#include <arrow/ipc/reader.h>
#include <arrow/ipc/writer.h>

#include "io/rrd/arrow_ipc_internal.h"

namespace rrflow::internal {

arrow::Result<std::shared_ptr<arrow::Buffer>> WriteIpcBatch(const arrow::RecordBatch& batch) {
  ARROW_ASSIGN_OR_RAISE(auto sink, arrow::io::BufferOutputStream::Create());
  ARROW_ASSIGN_OR_RAISE(auto writer, arrow::ipc::MakeStreamWriter(sink, batch.schema()));
  ARROW_RETURN_NOT_OK(writer->WriteRecordBatch(batch));
  ARROW_RETURN_NOT_OK(writer->Close());
  return sink->Finish();
}

arrow::Result<std::shared_ptr<arrow::Buffer>> WriteIpcSchema(const arrow::Schema& schema) {
  ARROW_ASSIGN_OR_RAISE(auto sink, arrow::io::BufferOutputStream::Create());
  ARROW_ASSIGN_OR_RAISE(
      auto writer, arrow::ipc::MakeStreamWriter(sink, std::make_shared<arrow::Schema>(schema)));
  ARROW_RETURN_NOT_OK(writer->Close());
  return sink->Finish();
}

arrow::Result<std::shared_ptr<arrow::RecordBatch>> ReadIpcBatch(
    std::shared_ptr<arrow::Buffer> stream) {
  auto input = std::make_shared<arrow::io::BufferReader>(std::move(stream));
  ARROW_ASSIGN_OR_RAISE(auto reader, arrow::ipc::RecordBatchStreamReader::Open(input));
  ARROW_ASSIGN_OR_RAISE(auto batch, reader->Next());
  if (batch == nullptr) return arrow::Status::Invalid("Arrow IPC stream holds no record batch");
  ARROW_RETURN_NOT_OK(batch->ValidateFull());
  return batch;
}

arrow::Result<std::shared_ptr<arrow::Schema>> ReadIpcSchema(std::shared_ptr<arrow::Buffer> stream) {
  auto input = std::make_shared<arrow::io::BufferReader>(std::move(stream));
  ARROW_ASSIGN_OR_RAISE(auto reader, arrow::ipc::RecordBatchStreamReader::Open(input));
  return reader->schema();
}

}  // namespace rrflow::internal
