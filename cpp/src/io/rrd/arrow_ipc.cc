#include <string>

#include <arrow/io/memory.h>
#include <arrow/ipc/reader.h>
#include <arrow/ipc/writer.h>
#include <arrow/util/key_value_metadata.h>
#include <arrow/util/utf8.h>

#include "io/rrd/arrow_ipc_internal.h"

namespace rrflow::internal {
namespace {

// Generous room for the schema and record batch headers of one chunk.
constexpr int64_t kHeaderRoom = 64 * 1024;

arrow::Status CheckMetadataText(const arrow::KeyValueMetadata* metadata, const std::string& where) {
  if (metadata == nullptr) return arrow::Status::OK();
  for (int64_t i = 0; i < metadata->size(); ++i) {
    if (!arrow::util::ValidateUTF8(metadata->key(i))) {
      return arrow::Status::Invalid("invalid UTF-8 in metadata key ", i, " of ", where);
    }
    if (!arrow::util::ValidateUTF8(metadata->value(i))) {
      return arrow::Status::Invalid("invalid UTF-8 in the value of metadata key '",
                                    metadata->key(i), "' of ", where);
    }
  }
  return arrow::Status::OK();
}

// Field names and metadata are text to every reader of the chunk (Python
// gets str): bytes that are not UTF-8 are damage, reported where they are
// (the invalid bytes themselves are never printed).
arrow::Status CheckFieldText(const arrow::Field& field, const std::string& where) {
  if (!arrow::util::ValidateUTF8(field.name())) {
    return arrow::Status::Invalid("invalid UTF-8 in the name of ", where);
  }
  const std::string named = where + " ('" + field.name() + "')";
  ARROW_RETURN_NOT_OK(CheckMetadataText(field.metadata().get(), named));
  for (int i = 0; i < field.type()->num_fields(); ++i) {
    ARROW_RETURN_NOT_OK(
        CheckFieldText(*field.type()->field(i), "child field " + std::to_string(i) + " of " + named));
  }
  return arrow::Status::OK();
}

arrow::Status CheckSchemaText(const arrow::Schema& schema) {
  arrow::util::InitializeUTF8();
  ARROW_RETURN_NOT_OK(CheckMetadataText(schema.metadata().get(), "the schema"));
  for (int i = 0; i < schema.num_fields(); ++i) {
    ARROW_RETURN_NOT_OK(CheckFieldText(*schema.field(i), "column " + std::to_string(i)));
  }
  return arrow::Status::OK();
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::Buffer>> WriteIpcBatch(const arrow::RecordBatch& batch) {
  // Room for the body up front (plus padding and the schema/batch headers),
  // so the stream never regrows and copies large image payloads.
  int64_t body_size = 0;
  ARROW_RETURN_NOT_OK(arrow::ipc::GetRecordBatchSize(batch, &body_size));
  ARROW_ASSIGN_OR_RAISE(auto sink, arrow::io::BufferOutputStream::Create(body_size + kHeaderRoom));
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
  // A payload can sit at any offset of a file or protobuf string: buffers
  // that are not aligned for their type are copied (the others are not).
  auto options = arrow::ipc::IpcReadOptions::Defaults();
  options.ensure_alignment = arrow::ipc::Alignment::kDataTypeSpecificAlignment;
  ARROW_ASSIGN_OR_RAISE(auto reader, arrow::ipc::RecordBatchStreamReader::Open(input, options));
  ARROW_ASSIGN_OR_RAISE(auto batch, reader->Next());
  if (batch == nullptr) return arrow::Status::Invalid("Arrow IPC stream holds no record batch");
  ARROW_RETURN_NOT_OK(CheckSchemaText(*batch->schema()));
  ARROW_RETURN_NOT_OK(batch->ValidateFull());
  return batch;
}

arrow::Result<std::shared_ptr<arrow::Schema>> ReadIpcSchema(std::shared_ptr<arrow::Buffer> stream) {
  auto input = std::make_shared<arrow::io::BufferReader>(std::move(stream));
  ARROW_ASSIGN_OR_RAISE(auto reader, arrow::ipc::RecordBatchStreamReader::Open(input));
  ARROW_RETURN_NOT_OK(CheckSchemaText(*reader->schema()));
  return reader->schema();
}

}  // namespace rrflow::internal
