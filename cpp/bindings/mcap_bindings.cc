// Python bindings of the MCAP reader: `rrflow._core.McapReader`.
#include <cerrno>
#include <optional>
#include <string>
#include <vector>

#include <arrow/util/io_util.h>
#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
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
// decoders, the topic patterns, the time window.
PyMcapReader OpenReader(const std::string& path, const std::string& timeline_type,
                        std::optional<int64_t> timestamp_offset_ns,
                        std::optional<Strings> decoders, Strings include_topic_regex,
                        Strings exclude_topic_regex, std::optional<int64_t> start_time_ns,
                        std::optional<int64_t> end_time_ns, bool recover) {
  McapReaderOptions options;
  options.timestamp_offset_ns = timestamp_offset_ns;
  options.decoders = std::move(decoders);
  options.include_topic_regex = std::move(include_topic_regex);
  options.exclude_topic_regex = std::move(exclude_topic_regex);
  options.start_time_ns = start_time_ns;
  options.end_time_ns = end_time_ns;
  options.recover = recover;
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

// McapInfo as plain Python values; the Python class makes dataclasses of them.
nb::dict InfoToPython(const McapInfo& info) {
  nb::list schemas;
  for (const auto& schema : info.schemas) {
    nb::dict item;
    item["id"] = schema.id;
    item["name"] = schema.name;
    item["encoding"] = schema.encoding;
    item["data_bytes"] = schema.data_bytes;
    schemas.append(item);
  }
  nb::list channels;
  for (const auto& channel : info.channels) {
    nb::dict item;
    item["id"] = channel.id;
    item["topic"] = channel.topic;
    item["message_encoding"] = channel.message_encoding;
    item["schema_id"] = channel.schema_id;
    item["schema_name"] = channel.schema_name;
    item["message_count"] = channel.message_count;
    channels.append(item);
  }
  nb::list compressions;
  for (const auto& group : info.compressions) {
    nb::dict item;
    item["compression"] = group.compression;
    item["chunk_count"] = group.chunk_count;
    item["compressed_bytes"] = group.compressed_bytes;
    item["uncompressed_bytes"] = group.uncompressed_bytes;
    compressions.append(item);
  }
  nb::dict result;
  result["file_bytes"] = info.file_bytes;
  result["profile"] = info.profile;
  result["library"] = info.library;
  result["message_count"] = info.message_count;
  result["time_bounds"] =
      info.time_bounds ? nb::cast(std::make_pair(info.time_bounds->start_ns, info.time_bounds->end_ns))
                       : nb::none();
  result["schemas"] = schemas;
  result["channels"] = channels;
  result["chunk_count"] = info.chunk_count;
  result["compressed_bytes"] = info.compressed_bytes;
  result["uncompressed_bytes"] = info.uncompressed_bytes;
  result["compressions"] = compressions;
  result["attachment_count"] = info.attachment_count;
  result["metadata_count"] = info.metadata_count;
  result["recovered"] = info.recovered;
  result["recovery_losses"] = info.recovery_losses;
  return result;
}

}  // namespace

void BindMcap(nb::module_& m) {
  nb::class_<PyMcapReader>(m, "McapReader")
      .def(nb::new_(&OpenReader), nb::arg("path"), nb::arg("timeline_type"),
           nb::arg("timestamp_offset_ns").none(), nb::arg("decoders").none(),
           nb::arg("include_topic_regex"), nb::arg("exclude_topic_regex"),
           nb::arg("start_time_ns").none(), nb::arg("end_time_ns").none(), nb::arg("recover"))
      .def(
          "stream",
          [](const PyMcapReader& self, std::optional<int64_t> start_time_ns,
             std::optional<int64_t> end_time_ns) {
            return PyStream{ValueOrThrow(self.reader->Stream(start_time_ns, end_time_ns))};
          },
          nb::arg("start_time_ns").none() = nb::none(), nb::arg("end_time_ns").none() = nb::none())
      .def("time_bounds",
           [](const PyMcapReader& self) {
             arrow::Result<McapTimeBounds> bounds;
             {
               nb::gil_scoped_release released;
               bounds = self.reader->TimeBounds();
             }
             const McapTimeBounds value = ValueOrThrow(std::move(bounds));
             return std::make_pair(value.start_ns, value.end_ns);
           })
      .def("info",
           [](const PyMcapReader& self) {
             arrow::Result<McapInfo> info;
             {
               nb::gil_scoped_release released;
               info = self.reader->Info();
             }
             return InfoToPython(ValueOrThrow(std::move(info)));
           },
           nb::sig("def info(self) -> dict[str, typing.Any]"))
      .def_static("available_decoders", [] { return McapReader::AvailableDecoders(); });
}

}  // namespace rrflow::python
