// Python bindings of RRD reading and writing: `rrflow._core.RrdReader`,
// `LazyStore`, and the write_rrd terminal.
#include <string>
#include <tuple>
#include <vector>

#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include "bindings.h"
#include "chunk_table_stream.h"
#include "python_callbacks.h"
#include "python_problems.h"
#include "rrflow/io/rrd/rrd_reader.h"
#include "rrflow/io/rrd/rrd_sink.h"
#include "status_to_python.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

using StoreTuple = std::tuple<std::string, std::string, std::string>;

StoreTuple ToTuple(const StoreId& store) {
  return {std::string(StoreKindName(store.kind)), store.application_id, store.recording_id};
}

StoreId FromTuple(const std::string& kind, std::string application_id, std::string recording_id) {
  if (kind != "recording" && kind != "blueprint") {
    ThrowStatus(arrow::Status::Invalid("unknown store kind '", kind, "'"));
  }
  return StoreId{kind == "recording" ? StoreKind::kRecording : StoreKind::kBlueprint,
                 std::move(application_id), std::move(recording_id)};
}

struct PyRrdReader {
  std::shared_ptr<const RrdReader> reader;
};

struct PyLazyStore {
  std::shared_ptr<const LazyStore> store;
};

// Runs a pipeline into a file. Every failure is a RuntimeError; a Python
// exception raised by a callback reads `TypeName: message`.
void WriteStream(const StreamNodePtr& node, const std::string& path,
                 const std::string& application_id, const std::string& recording_id) {
  arrow::Status status;
  {
    nb::gil_scoped_release release;
    status = WriteRrd(node, path, StoreId{StoreKind::kRecording, application_id, recording_id},
                      PythonExecuteOptions());
  }
  if (CarriesInterrupt(status)) ThrowStatusWithPythonError(status);
  if (!status.ok()) {
    ThrowStatus(arrow::Status::ExecutionError(DescribeStatus(status)));
  }
}

}  // namespace

void BindRrd(nb::module_& m) {
  nb::class_<PyRrdReader>(m, "RrdReader")
      .def(nb::new_([](const std::string& path) {
             CollectingProblemHandler problems;
             arrow::Result<std::shared_ptr<const RrdReader>> reader;
             {
               nb::gil_scoped_release release;
               reader = RrdReader::Open(path, &problems);
             }
             PyRrdReader opened{ValueOrThrow(std::move(reader))};
             WarnInPython(problems.Take());
             return opened;
           }),
           nb::arg("path"))
      .def(
          "select_store",
          [](const PyRrdReader& self, std::optional<StoreTuple> store) {
            StoreRequest request;
            if (store) {
              const auto& [kind, application_id, recording_id] = *store;
              request.store = FromTuple(kind, application_id, recording_id);
            }
            CollectingProblemHandler problems;
            arrow::Result<StoreId> selected;
            {
              nb::gil_scoped_release release;
              selected = self.reader->SelectStore(request, &problems);
            }
            StoreId chosen = ValueOrThrow(std::move(selected));
            WarnInPython(problems.Take());
            return ToTuple(chosen);
          },
          nb::arg("store").none())
      .def("has_footer",
           [](const PyRrdReader& self) {
             nb::gil_scoped_release release;
             return self.reader->has_footer();
           })
      .def("stores",
           [](const PyRrdReader& self) {
             arrow::Result<std::vector<StoreId>> stores;
             {
               nb::gil_scoped_release release;
               stores = self.reader->Stores();
             }
             std::vector<StoreTuple> out;
             for (const auto& store : ValueOrThrow(std::move(stores))) out.push_back(ToTuple(store));
             return out;
           })
      .def("stream",
           [](const PyRrdReader& self, const std::string& kind, const std::string& application_id,
              const std::string& recording_id) {
             return PyStream{self.reader->Stream(FromTuple(kind, application_id, recording_id))};
           })
      .def("store", [](const PyRrdReader& self, const std::string& kind,
                       const std::string& application_id, const std::string& recording_id) {
        arrow::Result<std::shared_ptr<const LazyStore>> store;
        const auto id = FromTuple(kind, application_id, recording_id);
        {
          nb::gil_scoped_release release;
          store = self.reader->Store(id);
        }
        return PyLazyStore{ValueOrThrow(std::move(store))};
      });

  nb::class_<PyLazyStore>(m, "LazyStore")
      .def("num_chunks", [](const PyLazyStore& self) { return self.store->num_chunks(); })
      .def("summary", [](const PyLazyStore& self) { return self.store->Summary(); })
      .def("schema", [](const PyLazyStore& self) { return PyStoreSchema{self.store->schema()}; })
      .def("stream", [](const PyLazyStore& self) { return PyStream{self.store->Stream()}; })
      .def("chunks_loaded", [](const PyLazyStore& self) { return self.store->chunks_loaded(); })
      .def(
          "__arrow_c_stream__",
          [](const PyLazyStore& self, nb::handle requested_schema) {
            return ExportChunkTable(self.store->Stream(), self.store->schema().ToArrowSchema(),
                                    requested_schema);
          },
          nb::arg("requested_schema").none() = nb::none());

  m.def(
      "write_rrd",
      [](PyStream& stream, const std::string& path, const std::string& application_id,
         const std::string& recording_id) {
        WriteStream(stream.Peek(), path, application_id, recording_id);
      },
      nb::arg("stream"), nb::arg("path"), nb::arg("application_id"), nb::arg("recording_id"));
}

}  // namespace rrflow::python
