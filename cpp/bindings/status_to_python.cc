#include "status_to_python.h"

#include <nanobind/nanobind.h>

#include "rrflow/net/net_error.h"

namespace nb = nanobind;

namespace rrflow::python {

void ThrowStatus(const arrow::Status& status) {
  PyObject* type = PyExc_RuntimeError;
  switch (status.code()) {
    case arrow::StatusCode::Invalid:
      type = PyExc_ValueError;
      break;
    case arrow::StatusCode::TypeError:
      type = PyExc_TypeError;
      break;
    case arrow::StatusCode::KeyError:
      type = PyExc_KeyError;
      break;
    case arrow::StatusCode::IndexError:
      type = PyExc_IndexError;
      break;
    case arrow::StatusCode::IOError:
      type = IsNetError(status, NetErrorKind::kConnection) ? PyExc_ConnectionError
             : IsNetError(status, NetErrorKind::kTimeout)  ? PyExc_TimeoutError
                                                            : PyExc_OSError;
      break;
    case arrow::StatusCode::NotImplemented:
      type = PyExc_NotImplementedError;
      break;
    default:
      break;
  }
  PyErr_SetString(type, status.message().c_str());
  throw nb::python_error();
}

}  // namespace rrflow::python
