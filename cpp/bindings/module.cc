// The `rrflow._core` extension module: C++ engine objects for the thin Python layer.
#include <nanobind/nanobind.h>

#include "bindings.h"

NB_MODULE(_core, m) {
  m.doc() = "rrflow's C++ engine; use the `rrflow` package, not this module.";
  rrflow::python::BindChunk(m);
}
