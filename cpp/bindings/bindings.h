// Shared declarations of the `rrflow._core` extension module.
#pragma once

#include <nanobind/nanobind.h>

#include <optional>

#include "rrflow/chunk/chunk.h"
#include "rrflow/query/selector.h"
#include "rrflow/store/chunk_store.h"
#include "rrflow/stream/lazy_chunk_stream.h"

namespace rrflow::python {

/// The Python-side handle of an immutable chunk.
struct PyChunk {
  ChunkPtr chunk;
};

/// The Python-side handle of a stream description. Builders take the
/// description out (consuming the stream); terminals only look at it.
struct PyStream {
  std::optional<StreamNodePtr> node;

  /// The description, leaving this stream consumed; ValueError if it already is.
  StreamNodePtr Take();
  /// The description; ValueError if consumed.
  const StreamNodePtr& Peek() const;
};

inline constexpr const char* kConsumedMessage =
    "This stream has already been consumed by a pipeline operation (e.g. filter, drop, split, "
    "or merge).";

/// The Python-side handle of an immutable chunk store.
struct PyChunkStore {
  ChunkStorePtr store;
};

/// The Python-side handle of a store schema.
struct PyStoreSchema {
  StoreSchema schema;
};

/// The Python-side handle of a parsed selector.
struct PySelector {
  Selector selector;
};

void BindValues(nanobind::module_& m);
void BindFilter(nanobind::module_& m);
void BindChunk(nanobind::module_& m);
void BindStream(nanobind::module_& m);
void BindRrd(nanobind::module_& m);
void BindSelector(nanobind::module_& m);
void BindLens(nanobind::module_& m);
void BindParquet(nanobind::module_& m);
void BindMcap(nanobind::module_& m);
void BindNet(nanobind::module_& m);

}  // namespace rrflow::python
