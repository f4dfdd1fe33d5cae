// Python bindings of the MCAP reader: `rrflow._core.McapReader`.
#include <cerrno>
#include <optional>
#include <string>
#include <vector>

#include <arrow/util/io_util.h>
#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "bindings.h"
#include "rrflow/io/mcap/mcap_reader.h"
#include "status_to_python.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

using Strings = std::vector<std::string>;

struct PyMcapReader {
  std::shared_ptr<const McapReader> reader;
};

// Checks in the reference's order: the file, the timeline type, the
// decoders, the topic patterns.
PyMcapReader OpenReader(const std::string& path, const std::string& timeline_type,
                        std::optional<int64_t> timestamp_offset_ns,
                        std::optional<Strings> decoders, Strings include_topic_regex,
                        Strings exclude_topic_regex) {
  McapReaderOptions options;
  options.timestamp_offset_ns = timestamp_offset_ns;
  options.decoders = std::move(decoders);
  options.include_topic_regex = std::move(include_topic_regex);
  options.exclude_topic_regex = std::move(exclude_topic_regex);
  auto type = McapTimelineType(timeline_type);
  arrow::Result<std::shared_ptr<const McapReader>> reader;
  if (type.ok()) {
    options.timeline_type = *type;
    reader = McapReader::Open(path, std::move(options));
  } else {
    // A missing file is reported first.
    reader = McapReader::Open(path, McapReaderOptions{});
    if (reader.ok()) reader = type.status();
  }
  if (!reader.ok() && arrow::internal::ErrnoFromStatus(reader.status()) == ENOENT) {
    PyErr_SetString(PyExc_FileNotFoundError, reader.status().message().c_str());
    throw nb::python_error();
  }
  return PyMcapReader{ValueOrThrow(std::move(reader))};
}

}  // namespace

void BindMcap(nb::module_& m) {
  nb::class_<PyMcapReader>(m, "McapReader")
      .def(nb::new_(&OpenReader), nb::arg("path"), nb::arg("timeline_type"),
           nb::arg("timestamp_offset_ns").none(), nb::arg("decoders").none(),
           nb::arg("include_topic_regex"), nb::arg("exclude_topic_regex"))
      .def("stream", [](const PyMcapReader& self) { return PyStream{self.reader->Stream()}; })
      .def_static("available_decoders", [] { return McapReader::AvailableDecoders(); });
}

}  // namespace rrflow::python
