// Calling Python from engine threads, and carrying Python exceptions through
// arrow::Status to the terminal that re-raises them.
#pragma once

#include <memory>

#include <arrow/status.h>
#include <nanobind/nanobind.h>

namespace rrflow::python {

/// A Python object that may be copied and destroyed on any thread: the
/// reference is dropped under the GIL.
class SharedPyObject {
 public:
  explicit SharedPyObject(nanobind::object object);
  /// The object; call only while holding the GIL.
  nanobind::handle get() const { return holder_->object; }

 private:
  struct Holder {
    explicit Holder(nanobind::object o) : object(std::move(o)) {}
    ~Holder();
    nanobind::object object;
  };
  std::shared_ptr<Holder> holder_;
};

/// A status carrying the Python exception being handled (the GIL must be held).
arrow::Status StatusFromPythonError(nanobind::python_error& error);

/// Raises `status` in Python: the original exception when it carries one,
/// otherwise the mapped exception type (see status_to_python.h).
[[noreturn]] void ThrowStatusWithPythonError(const arrow::Status& status);

/// Whether `status` carries a Python exception that is not an Exception
/// (KeyboardInterrupt, SystemExit): those are re-raised as they are.
bool CarriesInterrupt(const arrow::Status& status);

/// The text of a status carrying a Python exception: `TypeName: message`.
std::string DescribeStatus(const arrow::Status& status);

}  // namespace rrflow::python
