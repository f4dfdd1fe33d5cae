#include "arrow_capsules.h"

#include <arrow/array/concatenate.h>
#include <arrow/c/abi.h>
#include <arrow/c/bridge.h>
#include <arrow/table.h>

#include "status_to_python.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

void ReleaseSchemaCapsule(PyObject* capsule) {
  auto* schema = static_cast<ArrowSchema*>(PyCapsule_GetPointer(capsule, "arrow_schema"));
  if (schema == nullptr) return;
  if (schema->release != nullptr) schema->release(schema);
  delete schema;
}

void ReleaseStreamCapsule(PyObject* capsule) {
  auto* stream =
      static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule, "arrow_array_stream"));
  if (stream == nullptr) return;
  if (stream->release != nullptr) stream->release(stream);
  delete stream;
}

void ReleaseArrayCapsule(PyObject* capsule) {
  auto* array = static_cast<ArrowArray*>(PyCapsule_GetPointer(capsule, "arrow_array"));
  if (array == nullptr) return;
  if (array->release != nullptr) array->release(array);
  delete array;
}

template <typename T>
T* CapsulePointer(nb::handle capsule, const char* name) {
  void* pointer = PyCapsule_GetPointer(capsule.ptr(), name);
  if (pointer == nullptr) throw nb::python_error();
  return static_cast<T*>(pointer);
}

[[noreturn]] void ThrowNotArrow(nb::handle object, const char* what) {
  const std::string type_name = nb::type_name(object.type()).c_str();
  ThrowStatus(arrow::Status::TypeError(what, " must be an Arrow array (an object with "
                                       "__arrow_c_array__ such as pyarrow.Array), got ",
                                       type_name));
}

std::pair<ArrowSchema*, ArrowArray*> ArrayCapsules(nb::handle object, nb::object* keep_alive) {
  *keep_alive = object.attr("__arrow_c_array__")();
  auto pair = nb::borrow<nb::tuple>(*keep_alive);
  return {CapsulePointer<ArrowSchema>(pair[0], "arrow_schema"),
          CapsulePointer<ArrowArray>(pair[1], "arrow_array")};
}

// Hands exported C structs to capsules that release them if never consumed.
nb::tuple MakeCapsulePair(std::unique_ptr<ArrowSchema> schema, std::unique_ptr<ArrowArray> array) {
  nb::object schema_capsule =
      nb::steal(PyCapsule_New(schema.get(), "arrow_schema", ReleaseSchemaCapsule));
  if (!schema_capsule.is_valid()) throw nb::python_error();
  schema.release();
  nb::object array_capsule =
      nb::steal(PyCapsule_New(array.get(), "arrow_array", ReleaseArrayCapsule));
  if (!array_capsule.is_valid()) throw nb::python_error();
  array.release();
  return nb::make_tuple(schema_capsule, array_capsule);
}

}  // namespace

std::shared_ptr<arrow::Array> ImportArray(nb::handle object, const char* what) {
  if (nb::hasattr(object, "__arrow_c_array__")) {
    nb::object capsules;
    auto [schema, array] = ArrayCapsules(object, &capsules);
    return ValueOrThrow(arrow::ImportArray(array, schema));
  }
  if (nb::hasattr(object, "__arrow_c_stream__")) {
    nb::object capsule = object.attr("__arrow_c_stream__")();
    auto* stream = CapsulePointer<ArrowArrayStream>(capsule, "arrow_array_stream");
    auto chunked = ValueOrThrow(arrow::ImportChunkedArray(stream));
    if (chunked->num_chunks() == 1) return chunked->chunk(0);
    if (chunked->num_chunks() == 0) {
      return ValueOrThrow(arrow::MakeEmptyArray(chunked->type()));
    }
    return ValueOrThrow(arrow::Concatenate(chunked->chunks()));
  }
  ThrowNotArrow(object, what);
}

std::shared_ptr<arrow::RecordBatch> ImportRecordBatch(nb::handle object, const char* what) {
  if (nb::hasattr(object, "__arrow_c_array__")) {
    nb::object capsules;
    auto [schema, array] = ArrayCapsules(object, &capsules);
    return ValueOrThrow(arrow::ImportRecordBatch(array, schema));
  }
  if (nb::hasattr(object, "__arrow_c_stream__")) {
    nb::object capsule = object.attr("__arrow_c_stream__")();
    auto* stream = CapsulePointer<ArrowArrayStream>(capsule, "arrow_array_stream");
    auto reader = ValueOrThrow(arrow::ImportRecordBatchReader(stream));
    auto table = ValueOrThrow(reader->ToTable());
    return ValueOrThrow(table->CombineChunksToBatch());
  }
  ThrowNotArrow(object, what);
}

nb::tuple ExportRecordBatch(const std::shared_ptr<arrow::RecordBatch>& batch) {
  auto schema = std::make_unique<ArrowSchema>();
  auto array = std::make_unique<ArrowArray>();
  ThrowIfError(arrow::ExportRecordBatch(*batch, array.get(), schema.get()));
  return MakeCapsulePair(std::move(schema), std::move(array));
}

nb::tuple ExportArray(const std::shared_ptr<arrow::Array>& array) {
  auto c_schema = std::make_unique<ArrowSchema>();
  auto c_array = std::make_unique<ArrowArray>();
  ThrowIfError(arrow::ExportArray(*array, c_array.get(), c_schema.get()));
  return MakeCapsulePair(std::move(c_schema), std::move(c_array));
}

nb::object ExportSchema(const arrow::Schema& schema) {
  auto c_schema = std::make_unique<ArrowSchema>();
  ThrowIfError(arrow::ExportSchema(schema, c_schema.get()));
  nb::object capsule =
      nb::steal(PyCapsule_New(c_schema.get(), "arrow_schema", ReleaseSchemaCapsule));
  if (!capsule.is_valid()) throw nb::python_error();
  c_schema.release();
  return capsule;
}

nb::object ExportRecordBatchStream(const std::shared_ptr<arrow::RecordBatch>& batch) {
  return ExportRecordBatchReader(
      ValueOrThrow(arrow::RecordBatchReader::Make({batch}, batch->schema())));
}

nb::object ExportRecordBatchReader(std::shared_ptr<arrow::RecordBatchReader> reader) {
  auto stream = std::make_unique<ArrowArrayStream>();
  ThrowIfError(arrow::ExportRecordBatchReader(std::move(reader), stream.get()));
  nb::object capsule =
      nb::steal(PyCapsule_New(stream.get(), "arrow_array_stream", ReleaseStreamCapsule));
  if (!capsule.is_valid()) throw nb::python_error();
  stream.release();
  return capsule;
}

std::shared_ptr<arrow::Schema> ImportSchema(nb::handle object) {
  nb::object capsule = nb::borrow(object);
  if (!PyCapsule_CheckExact(object.ptr())) {
    if (!nb::hasattr(object, "__arrow_c_schema__")) {
      ThrowStatus(arrow::Status::TypeError(
          "requested_schema must be an arrow_schema capsule or have __arrow_c_schema__, got ",
          nb::type_name(object.type()).c_str()));
    }
    capsule = object.attr("__arrow_c_schema__")();
  }
  // Importing moves the struct out, as pyarrow's own producers do.
  auto* schema = CapsulePointer<ArrowSchema>(capsule, "arrow_schema");
  return ValueOrThrow(arrow::ImportSchema(schema));
}

}  // namespace rrflow::python
