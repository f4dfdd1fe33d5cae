#include "python_problems.h"

#include <chrono>

#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include "python_callbacks.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

nb::object WarningCategory() { return nb::module_::import_("rrflow._warnings").attr("RrflowWarning"); }

// Serialised by the GIL, which every report takes (a lock of our own taken
// before the GIL could deadlock against a reporter that holds the GIL).
class PythonProblemHandler final : public ProblemHandler {
 public:
  void Report(const Problem& problem) override {
    if (!Py_IsInitialized()) return;
    nb::gil_scoped_acquire gil;
    try {
      // Notes too: the reference shows them as warnings, and a library prints nothing itself.
      WarnInPython({problem});
    } catch (nb::python_error& error) {
      // An engine thread has no Python caller to raise into.
      error.discard_as_unraisable("rrflow problem handler");
    }
  }
};

// 1 for the innermost Python frame, plus one for each of the package's own
// frames above it. An engine thread has no frames: 1.
int StacklevelOutsidePackage() {
  static const std::string package_dir = [] {
    nb::object os_path = nb::module_::import_("os.path");
    nb::object file = nb::module_::import_("rrflow").attr("__file__");
    return nb::cast<std::string>(os_path.attr("dirname")(file)) + "/";
  }();
  nb::object get_frame = nb::module_::import_("sys").attr("_getframe");
  nb::object frame;
  try {
    frame = get_frame(0);
  } catch (nb::python_error&) {
    return 1;  // "call stack is not deep enough": no Python caller
  }
  int level = 1;
  while (!frame.is_none()) {
    const auto filename = nb::cast<std::string>(frame.attr("f_code").attr("co_filename"));
    if (filename.rfind(package_dir, 0) != 0) break;
    ++level;
    frame = frame.attr("f_back");
  }
  return level;
}

}  // namespace

// How often a running terminal looks for Ctrl-C: taking the GIL for it at
// every chunk would cost more than small chunks do.
constexpr auto kInterruptCheckInterval = std::chrono::milliseconds(20);

ExecuteOptions PythonExecuteOptions() {
  static const auto handler = std::make_shared<PythonProblemHandler>();
  ExecuteOptions options;
  options.problems = handler;
  options.interrupt_check = [last = std::chrono::steady_clock::now()]() mutable {
    const auto now = std::chrono::steady_clock::now();
    if (now - last < kInterruptCheckInterval) return arrow::Status::OK();
    last = now;
    nb::gil_scoped_acquire gil;
    // Runs the Python signal handlers (on the main thread only): Ctrl-C
    // raises KeyboardInterrupt there, which the terminal's caller re-raises.
    if (PyErr_CheckSignals() == 0) return arrow::Status::OK();
    nb::python_error error;
    return StatusFromPythonError(error);
  };
  return options;
}

void WarnInPython(const std::vector<Problem>& problems) {
  if (problems.empty()) return;
  nb::object category = WarningCategory();
  const int stacklevel = StacklevelOutsidePackage();
  for (const auto& problem : problems) {
    if (PyErr_WarnEx(category.ptr(), problem.message.c_str(), stacklevel) != 0) {
      throw nb::python_error();
    }
  }
}

}  // namespace rrflow::python
