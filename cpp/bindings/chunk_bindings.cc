// Python bindings of Chunk: `rrflow._core.Chunk`, wrapped by python/rrflow/_chunk.py.
#include <string>
#include <vector>

#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include "arrow_capsules.h"
#include "bindings.h"
#include "chunk/column_building_internal.h"
#include "rrflow/chunk/chunk.h"
#include "rrflow/chunk/chunk_summary.h"
#include "rrflow/core/component_descriptor.h"
#include "status_to_python.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

using TimelineArg = std::tuple<std::string, nb::object>;
using ComponentArg = std::tuple<ComponentDescriptor, nb::object>;

PyChunk FromColumns(const std::string& entity_path, const std::vector<TimelineArg>& timeline_args,
                    const std::vector<ComponentArg>& component_args) {
  std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>> timelines;
  for (const auto& [name, array] : timeline_args) {
    timelines.emplace_back(name, ImportArray(array, "a time column"));
  }
  std::vector<std::pair<ComponentDescriptor, std::shared_ptr<arrow::Array>>> components;
  for (const auto& [descriptor, array] : component_args) {
    components.emplace_back(descriptor, ImportArray(array, "a component column"));
  }
  arrow::Result<ChunkPtr> chunk;
  {
    nb::gil_scoped_release release;
    chunk = Chunk::FromColumns(EntityPath::Parse(entity_path), std::move(timelines),
                               std::move(components));
  }
  return PyChunk{ValueOrThrow(std::move(chunk))};
}

PyChunk FromRecordBatch(nb::handle record_batch) {
  auto batch = ImportRecordBatch(record_batch, "record_batch");
  return PyChunk{ValueOrThrow(Chunk::FromRecordBatch(*batch))};
}

std::string Summarize(const std::vector<const PyChunk*>& chunks) {
  std::vector<ChunkPtr> unwrapped;
  unwrapped.reserve(chunks.size());
  for (const auto* chunk : chunks) unwrapped.push_back(chunk->chunk);
  return rrflow::Summarize(unwrapped);
}

// The reference's repr, then the names of the columns: what the chunk holds.
std::string Repr(const Chunk& chunk) {
  std::string text = chunk.ToString();
  text.pop_back();
  text += ", timelines=[";
  for (const auto& timeline : chunk.timelines()) {
    text += (text.back() == '[' ? "" : ", ") + timeline.name();
  }
  text += "], components=[";
  for (const auto& component : chunk.components()) {
    text += (text.back() == '[' ? "" : ", ") + component.descriptor.component;
  }
  return text + "])";
}

}  // namespace

void BindChunk(nb::module_& m) {
  nb::class_<PyChunk>(m, "Chunk")
      .def_static("from_columns", &FromColumns, nb::arg("entity_path"), nb::arg("timelines"),
                  nb::arg("components"))
      .def_static("from_record_batch", &FromRecordBatch, nb::arg("record_batch"))
      .def_prop_ro("id", [](const PyChunk& self) { return self.chunk->id().ToString(); })
      .def_prop_ro("entity_path",
                   [](const PyChunk& self) { return self.chunk->entity_path().ToString(); })
      .def_prop_ro("num_rows", [](const PyChunk& self) { return self.chunk->num_rows(); })
      .def_prop_ro("num_columns", [](const PyChunk& self) { return self.chunk->num_columns(); })
      .def_prop_ro("is_static", [](const PyChunk& self) { return self.chunk->is_static(); })
      .def_prop_ro("is_empty", [](const PyChunk& self) { return self.chunk->is_empty(); })
      .def_prop_ro("timeline_names",
                   [](const PyChunk& self) { return self.chunk->timeline_names(); })
      .def(
          "__arrow_c_array__",
          [](const PyChunk& self, nb::handle /*requested_schema*/) {
            return ExportRecordBatch(self.chunk->ToRecordBatch());
          },
          nb::arg("requested_schema") = nb::none(),
          nb::sig("def __arrow_c_array__(self, requested_schema: object | None = None) -> "
                  "tuple[object, object]"))
      .def("__arrow_c_schema__",
           [](const PyChunk& self) { return ExportSchema(*self.chunk->ToRecordBatch()->schema()); })
      .def(
          "__arrow_c_stream__",
          [](const PyChunk& self, nb::handle /*requested_schema*/) {
            return ExportRecordBatchStream(self.chunk->ToRecordBatch());
          },
          nb::arg("requested_schema") = nb::none())
      .def("with_entity_path",
           [](const PyChunk& self, const std::string& entity_path) {
             return PyChunk{self.chunk->WithEntityPath(EntityPath::Parse(entity_path))};
           })
      .def(
          "format",
          [](const PyChunk& self, int width, bool redact, bool trim_metadata_keys) {
            arrow::Result<std::string> text;
            {
              nb::gil_scoped_release release;
              text = self.chunk->Format(FormatOptions{width, redact, trim_metadata_keys});
            }
            return ValueOrThrow(std::move(text));
          },
          nb::arg("width"), nb::arg("redact"), nb::arg("trim_metadata_keys"))
      .def("summary_line", [](const PyChunk& self) { return SummaryLine(*self.chunk); })
      .def("__repr__", [](const PyChunk& self) { return Repr(*self.chunk); });

  m.def("summarize", &Summarize, nb::arg("chunks"));
  m.def(
      "wrap_values_as_rows",
      [](nb::handle values) {
        auto array = ImportArray(values, "values");
        return ExportArray(ValueOrThrow(
            internal::WrapEachValue(array, internal::NullValueAs::kNullElement)));
      },
      nb::arg("values"),
      nb::sig("def wrap_values_as_rows(values: object) -> tuple[object, object]"),
      "One single-value list per value: the default partition of a column.");
}

}  // namespace rrflow::python
