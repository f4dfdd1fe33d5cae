// Shared declarations of the `rrflow._core` extension module.
#pragma once

#include <nanobind/nanobind.h>

#include "rrflow/chunk.h"

namespace rrflow::python {

/// The Python-side handle of an immutable chunk.
struct PyChunk {
  ChunkPtr chunk;
};

void BindChunk(nanobind::module_& m);

}  // namespace rrflow::python
