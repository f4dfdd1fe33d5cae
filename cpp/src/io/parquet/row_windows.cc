#include "io/parquet/row_windows_internal.h"

#include <algorithm>

#include <arrow/io/file.h>
#include <arrow/type.h>
#include <parquet/exception.h>
#include <parquet/file_reader.h>
#include <parquet/metadata.h>
#include <parquet/properties.h>

namespace rrflow::internal {
namespace {

// Rows decoded at a time: about this many bytes, a multiple of the window.
constexpr int64_t kDecodeBytes = 16 << 20;
constexpr int64_t kMaxDecodeRows = 64 * kWindowRows;

// arrow-rs names a map's entries field `entries` whatever the file says.
std::shared_ptr<arrow::DataType> ReferenceType(const std::shared_ptr<arrow::DataType>& type) {
  if (type->num_fields() == 0) return type;
  arrow::FieldVector fields;
  bool changed = false;
  for (const auto& field : type->fields()) {
    auto child = ReferenceType(field->type());
    changed = changed || child != field->type();
    fields.push_back(field->WithType(child));
  }
  if (type->id() == arrow::Type::MAP) {
    const auto& map = static_cast<const arrow::MapType&>(*type);
    auto entries = fields.front();
    if (!changed && entries->name() == "entries") return type;
    return std::make_shared<arrow::MapType>(entries->WithName("entries"), map.keys_sorted());
  }
  if (!changed) return type;
  switch (type->id()) {
    case arrow::Type::LIST:
      return arrow::list(fields.front());
    case arrow::Type::LARGE_LIST:
      return arrow::large_list(fields.front());
    case arrow::Type::FIXED_SIZE_LIST:
      return arrow::fixed_size_list(
          fields.front(), static_cast<const arrow::FixedSizeListType&>(*type).list_size());
    case arrow::Type::STRUCT:
      return arrow::struct_(fields);
    default:
      return type;
  }
}

// The same data under an equivalent type (buffers shared).
std::shared_ptr<arrow::ArrayData> WithType(const std::shared_ptr<arrow::ArrayData>& data,
                                           const std::shared_ptr<arrow::DataType>& type) {
  if (data->type == type) return data;
  auto copy = data->Copy();
  copy->type = type;
  for (size_t i = 0; i < copy->child_data.size(); ++i) {
    copy->child_data[i] = WithType(copy->child_data[i], type->field(static_cast<int>(i))->type());
  }
  return copy;
}

int64_t DecodeRows(const parquet::FileMetaData& metadata) {
  int64_t bytes = 0;
  for (int i = 0; i < metadata.num_row_groups(); ++i) bytes += metadata.RowGroup(i)->total_byte_size();
  const int64_t rows = std::max<int64_t>(metadata.num_rows(), 1);
  const int64_t row_bytes = std::max<int64_t>(bytes / rows, 1);
  const int64_t windows = std::clamp<int64_t>(kDecodeBytes / row_bytes / kWindowRows, 1,
                                              kMaxDecodeRows / kWindowRows);
  return windows * kWindowRows;
}

}  // namespace

arrow::Result<std::unique_ptr<RowWindowReader>> RowWindowReader::Open(const std::string& path) {
  auto reader = std::unique_ptr<RowWindowReader>(new RowWindowReader());
  ARROW_ASSIGN_OR_RAISE(auto file, arrow::io::ReadableFile::Open(path));
  // Buffered column streams read pages as they are decoded instead of whole
  // column chunks, which bounds memory for large row groups.
  parquet::ReaderProperties properties = parquet::default_reader_properties();
  properties.enable_buffered_stream();
  properties.set_buffer_size(256 << 10);
  parquet::ArrowReaderProperties arrow_properties;
  arrow_properties.set_pre_buffer(false);
  arrow_properties.set_use_threads(true);
  parquet::arrow::FileReaderBuilder builder;
  ARROW_RETURN_NOT_OK(builder.Open(std::move(file), properties));
  BEGIN_PARQUET_CATCH_EXCEPTIONS
  const auto& metadata = *builder.raw_reader()->metadata();
  arrow_properties.set_batch_size(DecodeRows(metadata));
  int64_t start = 0;
  for (int i = 0; i < metadata.num_row_groups(); ++i) {
    reader->row_group_starts_.push_back(start);
    start += metadata.RowGroup(i)->num_rows();
  }
  reader->total_rows_ = start;
  END_PARQUET_CATCH_EXCEPTIONS
  ARROW_ASSIGN_OR_RAISE(reader->reader_, builder.properties(arrow_properties)->Build());
  std::shared_ptr<arrow::Schema> schema;
  ARROW_RETURN_NOT_OK(reader->reader_->GetSchema(&schema));
  arrow::FieldVector fields;
  for (const auto& field : schema->fields()) {
    auto type = ReferenceType(field->type());
    reader->retyped_.push_back(type != field->type());
    fields.push_back(field->WithType(std::move(type)));
  }
  reader->schema_ = arrow::schema(std::move(fields), schema->metadata());
  ARROW_ASSIGN_OR_RAISE(reader->batches_, reader->reader_->GetRecordBatchReader());
  return reader;
}

std::shared_ptr<const arrow::KeyValueMetadata> RowWindowReader::footer_metadata() const {
  return reader_->parquet_reader()->metadata()->key_value_metadata();
}

arrow::Result<std::shared_ptr<arrow::RecordBatch>> RowWindowReader::Normalised(
    std::shared_ptr<arrow::RecordBatch> batch) const {
  if (std::none_of(retyped_.begin(), retyped_.end(), [](bool b) { return b; })) return batch;
  std::vector<std::shared_ptr<arrow::ArrayData>> columns;
  for (int i = 0; i < batch->num_columns(); ++i) {
    columns.push_back(WithType(batch->column_data(i), schema_->field(i)->type()));
  }
  return arrow::RecordBatch::Make(schema_, batch->num_rows(), std::move(columns));
}

arrow::Result<std::optional<RowWindow>> RowWindowReader::Next() {
  const int64_t wanted = std::min(kWindowRows, total_rows_ - next_row_);
  if (wanted <= 0) return std::nullopt;
  arrow::RecordBatchVector pieces;
  int64_t rows = 0;
  while (rows < wanted) {
    if (decoded_.empty()) {
      std::shared_ptr<arrow::RecordBatch> batch;
      ARROW_RETURN_NOT_OK(batches_->ReadNext(&batch));
      if (batch == nullptr) break;
      if (batch->num_rows() == 0) continue;
      ARROW_ASSIGN_OR_RAISE(batch, Normalised(std::move(batch)));
      decoded_.push_back(std::move(batch));
      front_offset_ = 0;
    }
    const auto& front = decoded_.front();
    const int64_t take = std::min(wanted - rows, front->num_rows() - front_offset_);
    pieces.push_back(front->Slice(front_offset_, take));
    rows += take;
    front_offset_ += take;
    if (front_offset_ == front->num_rows()) decoded_.pop_front();
  }
  if (rows == 0) return std::nullopt;

  RowWindow window;
  window.first_row = next_row_;
  if (pieces.size() == 1) {
    window.batch = std::move(pieces.front());
  } else {
    ARROW_ASSIGN_OR_RAISE(window.batch, arrow::ConcatenateRecordBatches(pieces));
  }
  for (const int64_t start : row_group_starts_) {
    if (start > next_row_ && start < next_row_ + rows) window.runs.push_back(start - next_row_);
  }
  next_row_ += rows;
  return window;
}

}  // namespace rrflow::internal
