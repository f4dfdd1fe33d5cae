#include "python_callbacks.h"

#include "status_to_python.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

// Holds the exception object raised by a Python callback.
class PythonErrorDetail final : public arrow::StatusDetail {
 public:
  PythonErrorDetail(SharedPyObject exception, std::string description)
      : exception_(std::move(exception)), description_(std::move(description)) {}
  const char* type_id() const override { return "rrflow::python::PythonError"; }
  std::string ToString() const override { return description_; }
  const SharedPyObject& exception() const { return exception_; }

 private:
  SharedPyObject exception_;
  std::string description_;
};

const PythonErrorDetail* PythonErrorOf(const arrow::Status& status) {
  const auto& detail = status.detail();
  if (detail == nullptr || std::string_view(detail->type_id()) != "rrflow::python::PythonError") {
    return nullptr;
  }
  return static_cast<const PythonErrorDetail*>(detail.get());
}

}  // namespace

SharedPyObject::SharedPyObject(nb::object object)
    : holder_(std::make_shared<Holder>(std::move(object))) {}

SharedPyObject::Holder::~Holder() {
  if (!Py_IsInitialized()) {
    object.release();  // the interpreter is gone; nothing to drop
    return;
  }
  nb::gil_scoped_acquire gil;
  object.reset();
}

arrow::Status StatusFromPythonError(nb::python_error& error) {
  nb::object value = nb::borrow(error.value());
  const std::string type_name = nb::type_name(value.type()).c_str();
  const std::string message = nb::str(value).c_str();
  return arrow::Status(arrow::StatusCode::ExecutionError, message,
                       std::make_shared<PythonErrorDetail>(SharedPyObject(std::move(value)),
                                                           type_name + ": " + message));
}

void ThrowStatusWithPythonError(const arrow::Status& status) {
  if (const auto* python = PythonErrorOf(status)) {
    nb::handle value = python->exception().get();
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(value.ptr())), value.ptr());
    throw nb::python_error();
  }
  ThrowStatus(status);
}

bool CarriesInterrupt(const arrow::Status& status) {
  const auto* python = PythonErrorOf(status);
  if (python == nullptr) return false;
  nb::gil_scoped_acquire gil;
  return PyObject_IsInstance(python->exception().get().ptr(), PyExc_Exception) == 0;
}

std::string DescribeStatus(const arrow::Status& status) {
  if (const auto* python = PythonErrorOf(status)) return python->ToString();
  return status.message();
}

}  // namespace rrflow::python
