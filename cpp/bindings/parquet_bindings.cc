// Python bindings of the Parquet reader: `rrflow._core.ParquetReader`.
#include <cerrno>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <arrow/util/io_util.h>
#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include "bindings.h"
#include "core/unicode_internal.h"
#include "rrflow/io/parquet/parquet_reader.h"
#include "status_to_python.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

using Strings = std::vector<std::string>;
using IndexColumnTuple = std::tuple<std::string, std::string, std::optional<std::string>>;
using ColumnRuleTuple = std::tuple<Strings, std::string, std::optional<Strings>,
                                   std::optional<std::string>, std::optional<Strings>>;

struct PyParquetReader {
  std::shared_ptr<const ParquetReader> reader;
};

// The delimiter is one character, as Python's `str` counts them.
char32_t SingleCharacter(const std::string& text) {
  size_t position = 0;
  const char32_t character = text.empty() ? U'\0' : internal::DecodeUtf8(text, &position);
  if (text.empty() || position != text.size()) {
    ThrowStatus(arrow::Status::Invalid("expected a string of length 1"));
  }
  return character;
}

PyParquetReader OpenReader(const std::string& path, std::optional<std::string> entity_path_prefix,
                           std::string column_grouping, const std::string& delimiter,
                           std::optional<Strings> prefixes, bool use_structs,
                           Strings static_columns, const std::vector<IndexColumnTuple>& index_columns,
                           const std::vector<ColumnRuleTuple>& column_rules) {
  ParquetReaderOptions options;
  options.delimiter = SingleCharacter(delimiter);
  options.entity_path_prefix = std::move(entity_path_prefix);
  options.column_grouping = std::move(column_grouping);
  options.prefixes = std::move(prefixes);
  options.use_structs = use_structs;
  options.static_columns = std::move(static_columns);
  for (const auto& [name, type, unit] : index_columns) {
    options.index_columns.push_back(ParquetIndexColumn{name, type, unit});
  }
  for (const auto& [suffixes, target, names, field_name_override, rotation_suffixes] :
       column_rules) {
    options.column_rules.push_back(
        ColumnRule{suffixes, target, names, field_name_override, rotation_suffixes});
  }
  auto reader = ParquetReader::Open(path, options);
  if (!reader.ok() && arrow::internal::ErrnoFromStatus(reader.status()) == ENOENT) {
    PyErr_SetString(PyExc_FileNotFoundError, reader.status().message().c_str());
    throw nb::python_error();
  }
  return PyParquetReader{ValueOrThrow(std::move(reader))};
}

}  // namespace

void BindParquet(nb::module_& m) {
  nb::class_<PyParquetReader>(m, "ParquetReader")
      .def(nb::new_(&OpenReader), nb::arg("path"), nb::arg("entity_path_prefix").none(),
           nb::arg("column_grouping"), nb::arg("delimiter"), nb::arg("prefixes").none(),
           nb::arg("use_structs"), nb::arg("static_columns"), nb::arg("index_columns"),
           nb::arg("column_rules"))
      .def("stream", [](const PyParquetReader& self) { return PyStream{self.reader->Stream()}; });
}

}  // namespace rrflow::python
