// Python bindings of Selector: `rrflow._core.Selector`, wrapped by python/rrflow/_selector.py.
#include <string>

#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include "arrow_capsules.h"
#include "bindings.h"
#include "python_callbacks.h"
#include "rrflow/core/status.h"
#include "rrflow/query/selector.h"
#include "status_to_python.h"
#include "text/quoted_string_internal.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

// `TypeName: message`, as the reference prints a Python exception.
std::string DescribeException(nb::python_error& error) {
  nb::handle value = error.value();
  return std::string(nb::str(value.type().attr("__qualname__")).c_str()) + ": " +
         nb::str(value).c_str();
}

std::string QualifiedTypeName(nb::handle object) {
  nb::handle type = object.type();
  return std::string(nb::str(type.attr("__module__")).c_str()) + "." +
         nb::str(type.attr("__qualname__")).c_str();
}

nb::object PyarrowArrayClass() { return nb::module_::import_("pyarrow").attr("Array"); }

nb::object ArrayToPyarrow(const std::shared_ptr<arrow::Array>& array) {
  nb::tuple capsules = ExportArray(array);
  return PyarrowArrayClass().attr("_import_from_c_capsule")(capsules[0], capsules[1]);
}

// Runs a Python callable on the values of a selector stage, under the GIL;
// failures become the reference's error texts.
ArrayFunction PythonArrayFunction(nb::object callable) {
  SharedPyObject function(std::move(callable));
  return [function](const std::shared_ptr<arrow::Array>& values)
             -> arrow::Result<std::shared_ptr<arrow::Array>> {
    nb::gil_scoped_acquire gil;
    nb::object argument;
    try {
      argument = ArrayToPyarrow(values);
    } catch (nb::python_error& error) {
      return RuntimeError("Failed to convert array to PyArrow: ", DescribeException(error));
    }
    nb::object result;
    try {
      result = function.get()(argument);
    } catch (nb::python_error& error) {
      return RuntimeError("Python callback failed: ", DescribeException(error));
    }
    if (result.is_none()) return nullptr;
    if (!nb::isinstance(result, PyarrowArrayClass())) {
      return RuntimeError(
          "Failed to convert callback result to Arrow: TypeError: Expected instance of "
          "pyarrow.lib.Array, got ",
          QualifiedTypeName(result));
    }
    try {
      return ImportArray(result, "callback result");
    } catch (nb::python_error& error) {
      return RuntimeError("Failed to convert callback result to Arrow: ", DescribeException(error));
    }
  };
}

// Execution errors are RuntimeErrors with the reference's prefix; a wrong
// input type (TypeError) is raised as it is.
[[noreturn]] void ThrowExecutionError(const arrow::Status& status) {
  if (status.IsTypeError()) ThrowStatus(status);
  ThrowStatus(RuntimeError("Selector execution failed: ", status.message()));
}

template <typename ArrayPtr>
nb::object ExecuteWith(const PySelector& self, nb::handle source,
                       arrow::Result<ArrayPtr> (Selector::*execute)(
                           const std::shared_ptr<arrow::Array>&) const) {
  auto input = ImportArray(source, "source");
  arrow::Result<ArrayPtr> result;
  {
    nb::gil_scoped_release release;
    result = (self.selector.*execute)(input);
  }
  if (!result.ok()) ThrowExecutionError(result.status());
  if (*result == nullptr) return nb::none();
  return ArrayToPyarrow(*result);
}

}  // namespace

void BindSelector(nb::module_& m) {
  nb::class_<PySelector>(m, "Selector")
      .def_static(
          "parse",
          [](const std::string& query) { return PySelector{ValueOrThrow(Selector::Parse(query))}; },
          nb::arg("query"))
      .def("pipe_selector",
           [](const PySelector& self, const PySelector& next) {
             return PySelector{self.selector.Pipe(next.selector)};
           })
      .def("pipe_function",
           [](const PySelector& self, nb::object function) {
             return PySelector{
                 self.selector.Pipe(Selector::FromFunction(PythonArrayFunction(std::move(function))))};
           })
      .def("execute",
           [](const PySelector& self, nb::handle source) {
             return ExecuteWith(self, source, &Selector::Execute);
           },
           nb::sig("def execute(self, source: pyarrow.Array[typing.Any], /) -> "
                   "pyarrow.Array[typing.Any] | None"))
      .def("execute_per_row",
           [](const PySelector& self, nb::handle source) {
             return ExecuteWith(self, source, &Selector::ExecutePerRow);
           },
           nb::sig("def execute_per_row(self, source: pyarrow.Array[typing.Any], /) -> "
                   "pyarrow.Array[typing.Any] | None"))
      .def_prop_ro("has_function", [](const PySelector& self) { return self.selector.HasFunction(); })
      .def("__str__", [](const PySelector& self) { return self.selector.ToString(); })
      .def("__repr__", [](const PySelector& self) {
        return "Selector(" + internal::RustDebugString(self.selector.ToString()) + ")";
      });
}

}  // namespace rrflow::python
