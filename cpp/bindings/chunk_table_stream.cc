#include "chunk_table_stream.h"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <Python.h>
#include <arrow/array/util.h>
#include <nanobind/nanobind.h>

#include "arrow_capsules.h"
#include "python_problems.h"
#include "rrflow/store/store_schema.h"
#include "rrflow/stream/lazy_chunk_stream.h"
#include "status_to_python.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

constexpr const char* kRowIdField = "rerun.controls.RowId";

// Releases the GIL for the scope when this thread holds it. Consumers call
// the stream with or without it (pyarrow releases it, others keep it); the
// engine's threads take it for warnings and callbacks, so waiting with it
// held would deadlock.
class ReleaseGilIfHeld {
 public:
  ReleaseGilIfHeld() {
    if (Py_IsInitialized() && PyGILState_Check()) release_.emplace();
  }

 private:
  std::optional<nb::gil_scoped_release> release_;
};

class ChunkTableReader final : public arrow::RecordBatchReader {
 public:
  ChunkTableReader(std::shared_ptr<arrow::Schema> schema, std::unique_ptr<ChunkIterator> iterator,
                   std::optional<int64_t> expected_chunks)
      : schema_(std::move(schema)),
        iterator_(std::move(iterator)),
        expected_chunks_(expected_chunks) {
    for (int i = 0; i < schema_->num_fields(); ++i) {
      field_index_.try_emplace(schema_->field(i)->name(), i);
    }
  }

  ~ChunkTableReader() override {
    // Cancelling joins engine threads, which may need the GIL.
    ReleaseGilIfHeld release;
    iterator_.reset();
  }

  std::shared_ptr<arrow::Schema> schema() const override { return schema_; }

  arrow::Status ReadNext(std::shared_ptr<arrow::RecordBatch>* batch) override {
    *batch = nullptr;
    if (iterator_ == nullptr) return arrow::Status::OK();
    ReleaseGilIfHeld release;
    ARROW_ASSIGN_OR_RAISE(ChunkPtr chunk, iterator_->Next());
    if (chunk == nullptr) {
      iterator_.reset();
      if (expected_chunks_ && *expected_chunks_ != chunks_read_) {
        return arrow::Status::Invalid(
            "the stream yielded ", *expected_chunks_, " chunks while its schema was gathered and ",
            chunks_read_, " when read (a stream over from_iter runs once: pass the schema, "
            "e.g. pyarrow.RecordBatchReader.from_stream(stream, schema=...))");
      }
      return arrow::Status::OK();
    }
    ++chunks_read_;
    ARROW_ASSIGN_OR_RAISE(*batch, ToBatch(*chunk));
    return arrow::Status::OK();
  }

  arrow::Status Close() override {
    ReleaseGilIfHeld release;
    iterator_.reset();
    return arrow::Status::OK();
  }

 private:
  // Puts `array` in the field named `name`, reinterpreting its type as the
  // field's where they differ only in ways that leave the buffers valid
  // (field names, nullability of list items).
  arrow::Status Place(const Chunk& chunk, const std::string& name,
                      const std::shared_ptr<arrow::Array>& array,
                      std::vector<std::shared_ptr<arrow::Array>>& columns) const {
    auto found = field_index_.find(name);
    if (found == field_index_.end()) {
      return arrow::Status::Invalid("column '", name, "' of chunk ", chunk.id().ToString(),
                                    " is not in the stream's schema");
    }
    const auto& type = schema_->field(found->second)->type();
    if (array->type()->Equals(*type, /*check_metadata=*/false)) {
      columns[found->second] = array;
      return arrow::Status::OK();
    }
    auto view = array->View(type);
    if (!view.ok()) {
      return arrow::Status::TypeError("column '", name, "' of chunk ", chunk.id().ToString(),
                                      " is ", array->type()->ToString(), ", the stream's schema says ",
                                      type->ToString());
    }
    columns[found->second] = std::move(view).ValueUnsafe();
    return arrow::Status::OK();
  }

  arrow::Result<std::shared_ptr<arrow::RecordBatch>> ToBatch(const Chunk& chunk) const {
    std::vector<std::shared_ptr<arrow::Array>> columns(schema_->num_fields());
    ARROW_RETURN_NOT_OK(Place(chunk, kRowIdField, chunk.row_ids(), columns));
    for (const auto& timeline : chunk.timelines()) {
      ARROW_RETURN_NOT_OK(Place(chunk, timeline.name(), timeline.times(), columns));
    }
    for (const auto& component : chunk.components()) {
      ComponentColumnInfo info;
      info.entity_path = chunk.entity_path();
      info.descriptor = component.descriptor;
      ARROW_RETURN_NOT_OK(Place(chunk, info.ColumnName(), component.list, columns));
    }
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == nullptr) {
        ARROW_ASSIGN_OR_RAISE(columns[i],
                              arrow::MakeArrayOfNull(schema_->field(static_cast<int>(i))->type(),
                                                     chunk.num_rows()));
      }
    }
    return arrow::RecordBatch::Make(schema_, chunk.num_rows(), std::move(columns));
  }

  std::shared_ptr<arrow::Schema> schema_;
  std::unordered_map<std::string, int> field_index_;
  std::unique_ptr<ChunkIterator> iterator_;
  std::optional<int64_t> expected_chunks_;
  int64_t chunks_read_ = 0;
};

}  // namespace

arrow::Result<std::shared_ptr<arrow::RecordBatchReader>> MakeChunkTableReader(
    StreamNodePtr node, std::shared_ptr<arrow::Schema> schema,
    std::optional<int64_t> expected_chunks) {
  std::unique_ptr<ChunkIterator> iterator;
  {
    ReleaseGilIfHeld release;
    ARROW_ASSIGN_OR_RAISE(iterator, Execute(node, PythonExecuteOptions()));
  }
  return std::make_shared<ChunkTableReader>(std::move(schema), std::move(iterator),
                                            expected_chunks);
}

arrow::Result<std::pair<std::shared_ptr<arrow::Schema>, int64_t>> GatherTableSchema(
    const StreamNodePtr& node) {
  ARROW_ASSIGN_OR_RAISE(auto iterator, Execute(node, PythonExecuteOptions()));
  StoreSchema schema;
  int64_t chunks = 0;
  while (true) {
    ARROW_ASSIGN_OR_RAISE(ChunkPtr chunk, iterator->Next());
    if (chunk == nullptr) break;
    schema.Add(*chunk);
    ++chunks;
  }
  return std::make_pair(schema.ToArrowSchema(), chunks);
}

nb::object ExportChunkTable(StreamNodePtr node, std::shared_ptr<arrow::Schema> known_schema,
                            nb::handle requested_schema) {
  std::shared_ptr<arrow::Schema> schema = std::move(known_schema);
  std::optional<int64_t> expected_chunks;
  if (!requested_schema.is_none()) {
    schema = ImportSchema(requested_schema);
  } else if (schema == nullptr) {
    arrow::Result<std::pair<std::shared_ptr<arrow::Schema>, int64_t>> gathered;
    {
      nb::gil_scoped_release release;
      gathered = GatherTableSchema(node);
    }
    std::tie(schema, expected_chunks) = ValueOrThrow(std::move(gathered));
  }
  return ExportRecordBatchReader(
      ValueOrThrow(MakeChunkTableReader(std::move(node), std::move(schema), expected_chunks)));
}

}  // namespace rrflow::python
