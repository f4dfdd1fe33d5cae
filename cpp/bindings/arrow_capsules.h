// Zero-copy exchange of Arrow data with Python through the Arrow PyCapsule
// interface (`__arrow_c_array__`, `__arrow_c_stream__`, `__arrow_c_schema__`).
#pragma once

#include <memory>

#include <arrow/array.h>
#include <arrow/record_batch.h>
#include <nanobind/nanobind.h>

namespace rrflow::python {

/// Imports any object exporting `__arrow_c_array__` (pyarrow Array, a
/// ChunkedArray's single chunk, ...) or `__arrow_c_stream__` (chunks are
/// concatenated). Raises TypeError naming `what` for anything else.
std::shared_ptr<arrow::Array> ImportArray(nanobind::handle object, const char* what);

/// Imports a record batch from an object exporting `__arrow_c_array__`, or
/// `__arrow_c_stream__` (a table: its batches are combined into one).
std::shared_ptr<arrow::RecordBatch> ImportRecordBatch(nanobind::handle object, const char* what);

/// The `(schema_capsule, array_capsule)` pair of `__arrow_c_array__`.
nanobind::tuple ExportRecordBatch(const std::shared_ptr<arrow::RecordBatch>& batch);
nanobind::tuple ExportArray(const std::shared_ptr<arrow::Array>& array);

/// The capsule of `__arrow_c_schema__`.
nanobind::object ExportSchema(const arrow::Schema& schema);

/// The capsule of `__arrow_c_stream__`: a stream of the one batch.
nanobind::object ExportRecordBatchStream(const std::shared_ptr<arrow::RecordBatch>& batch);

/// The capsule of `__arrow_c_stream__` over `reader`'s batches.
nanobind::object ExportRecordBatchReader(std::shared_ptr<arrow::RecordBatchReader> reader);

/// The schema in an `arrow_schema` capsule (a `requested_schema`), or in any
/// object exporting `__arrow_c_schema__`.
std::shared_ptr<arrow::Schema> ImportSchema(nanobind::handle object);

}  // namespace rrflow::python
