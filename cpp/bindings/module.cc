// The `rrflow._core` extension module: C++ engine objects for the thin Python layer.
#include <nanobind/nanobind.h>

#include "bindings.h"

NB_MODULE(_core, m) {
  m.doc() = "rrflow's C++ engine; use the `rrflow` package, not this module.";
  // Stream descriptions keep Python callables alive from C++; when such a
  // callable's globals refer back to the stream (a module-level pipeline), the
  // cycle is invisible to Python's GC and is only reclaimed with the module at
  // exit, which nanobind would otherwise report as a leak.
  nanobind::set_leak_warnings(false);
  rrflow::python::BindValues(m);
  rrflow::python::BindFilter(m);
  rrflow::python::BindChunk(m);
  rrflow::python::BindStream(m);
  rrflow::python::BindRrd(m);
  rrflow::python::BindSelector(m);
  rrflow::python::BindLens(m);
  rrflow::python::BindParquet(m);
  rrflow::python::BindMcap(m);
  rrflow::python::BindNet(m);
}
