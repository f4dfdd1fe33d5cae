// Python bindings of the stream engine and the in-memory store:
// `rrflow._core.LazyChunkStream`, `ChunkStream Iterator`, `ChunkStore`, `StoreSchema`.
#include <optional>
#include <string>
#include <vector>

#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include "arrow_capsules.h"
#include "bindings.h"
#include "chunk_table_stream.h"
#include "python_callbacks.h"
#include "python_problems.h"
#include "rrflow/store/optimization_profile.h"
#include "rrflow/stream/lazy_chunk_stream.h"
#include "status_to_python.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

template <typename T>
T ValueOrRaise(arrow::Result<T> result) {
  if (!result.ok()) ThrowStatusWithPythonError(result.status());
  return std::move(result).ValueUnsafe();
}

ChunkPtr ChunkFromPython(nb::handle object, const char* what) {
  PyChunk* chunk = nullptr;
  if (!nb::try_cast<PyChunk*>(object, chunk) || chunk == nullptr) {
    ThrowStatus(arrow::Status::TypeError(what, " must return a Chunk, got ",
                                         nb::type_name(object.type()).c_str()));
  }
  return chunk->chunk;
}

// Runs a Python callable on a chunk under the GIL; exceptions become statuses.
ChunkTransform PythonTransform(nb::object function, bool many) {
  SharedPyObject callable(std::move(function));
  return [callable, many](const ChunkPtr& chunk) -> arrow::Result<std::vector<ChunkPtr>> {
    nb::gil_scoped_acquire gil;
    try {
      nb::object result = callable.get()(PyChunk{chunk});
      std::vector<ChunkPtr> outputs;
      if (!many) {
        outputs.push_back(ChunkFromPython(result, "map function"));
      } else {
        for (nb::handle item : result) outputs.push_back(ChunkFromPython(item, "flat_map function"));
      }
      return outputs;
    } catch (nb::python_error& error) {
      return StatusFromPythonError(error);
    }
  };
}

// One-shot source over a Python iterator shared by every execution.
ChunkPullFactory PythonIteratorSource(nb::object iterator) {
  SharedPyObject shared(std::move(iterator));
  return [shared]() -> arrow::Result<ChunkPull> {
    return ChunkPull([shared]() -> arrow::Result<ChunkPtr> {
      nb::gil_scoped_acquire gil;
      PyObject* item = PyIter_Next(shared.get().ptr());
      if (item == nullptr) {
        if (PyErr_Occurred()) {
          nb::python_error error;
          return StatusFromPythonError(error);
        }
        return nullptr;
      }
      nb::object owned = nb::steal(item);
      try {
        return ChunkFromPython(owned, "from_iter iterable");
      } catch (nb::python_error& error) {
        return StatusFromPythonError(error);
      }
    });
  };
}

// A running execution, pulled from Python.
struct PyStreamIterator {
  std::unique_ptr<ChunkIterator> iterator;

  ~PyStreamIterator() {
    // Cancelling may join producer threads that need the GIL.
    nb::gil_scoped_release release;
    iterator.reset();
  }

  PyChunk Next() {
    if (iterator == nullptr) throw nb::stop_iteration();
    arrow::Result<ChunkPtr> chunk;
    {
      nb::gil_scoped_release release;
      chunk = iterator->Next();
    }
    if (!chunk.ok() || *chunk == nullptr) {
      {
        nb::gil_scoped_release release;
        iterator.reset();
      }
      if (!chunk.ok()) ThrowStatusWithPythonError(chunk.status());
      throw nb::stop_iteration();
    }
    return PyChunk{std::move(*chunk)};
  }
};

std::vector<PyChunk> Wrap(std::vector<ChunkPtr> chunks) {
  std::vector<PyChunk> wrapped;
  wrapped.reserve(chunks.size());
  for (auto& chunk : chunks) wrapped.push_back(PyChunk{std::move(chunk)});
  return wrapped;
}

std::vector<ChunkPtr> Unwrap(const std::vector<const PyChunk*>& chunks) {
  std::vector<ChunkPtr> unwrapped;
  unwrapped.reserve(chunks.size());
  for (const auto* chunk : chunks) unwrapped.push_back(chunk->chunk);
  return unwrapped;
}

// OptimizationProfile's fields, in declaration order.
using ProfileFields = std::tuple<std::optional<int64_t>, std::optional<int64_t>,
                                 std::optional<int64_t>, int64_t, bool, std::optional<double>, bool>;

OptimizationProfile ProfileFrom(const ProfileFields& fields) {
  OptimizationProfile profile;
  std::tie(profile.max_bytes, profile.max_rows, profile.max_rows_if_unsorted,
           profile.extra_passes, profile.gop_batching, profile.split_size_ratio,
           profile.fix_keyframe) = fields;
  return profile;
}

using ComponentColumnTuple =
    std::tuple<std::string, std::optional<std::string>, std::string, std::optional<std::string>,
               bool, bool, std::string>;

}  // namespace

StreamNodePtr PyStream::Take() {
  if (!node) ThrowStatus(arrow::Status::Invalid(kConsumedMessage));
  StreamNodePtr taken = std::move(*node);
  node.reset();
  return taken;
}

const StreamNodePtr& PyStream::Peek() const {
  if (!node) ThrowStatus(arrow::Status::Invalid(kConsumedMessage));
  return *node;
}

void BindStream(nb::module_& m) {
  nb::class_<PyStreamIterator>(m, "ChunkStreamIterator")
      .def("__iter__", [](nb::handle self) { return self; },
           nb::sig("def __iter__(self) -> ChunkStreamIterator"))
      .def("__next__", &PyStreamIterator::Next);

  nb::class_<PyStream>(m, "LazyChunkStream")
      .def_prop_ro("consumed", [](const PyStream& self) { return !self.node.has_value(); })
      .def_static(
          "from_chunks",
          [](const std::vector<const PyChunk*>& chunks) {
            return PyStream{MakeChunkListSource(Unwrap(chunks))};
          },
          nb::arg("chunks"))
      .def_static(
          "from_iter",
          [](nb::object iterable) {
            return PyStream{MakePullSource(PythonIteratorSource(nb::iter(iterable)))};
          },
          nb::arg("iterable"))
      .def_static(
          "merge",
          [](const std::vector<PyStream*>& streams) {
            std::vector<StreamNodePtr> inputs;
            for (PyStream* stream : streams) inputs.push_back(stream->Take());
            return PyStream{MakeMerge(std::move(inputs))};
          },
          nb::arg("streams"))
      .def(
          "filter",
          [](PyStream& self, const FilterCriteria& criteria) {
            auto input = self.Take();
            return PyStream{MakeFilter(input, criteria)};
          },
          nb::arg("criteria"))
      .def(
          "drop",
          [](PyStream& self, const FilterCriteria& criteria) {
            auto input = self.Take();
            return PyStream{MakeDrop(input, criteria)};
          },
          nb::arg("criteria"))
      .def(
          "split",
          [](PyStream& self, const FilterCriteria& criteria) {
            auto input = self.Take();
            auto [matched, unmatched] = MakeSplit(input, criteria);
            return std::make_pair(PyStream{matched}, PyStream{unmatched});
          },
          nb::arg("criteria"))
      .def("map",
           [](PyStream& self, nb::object function) {
             auto input = self.Take();
             return PyStream{MakeTransform(input, PythonTransform(std::move(function), false))};
           })
      .def("flat_map",
           [](PyStream& self, nb::object function) {
             auto input = self.Take();
             return PyStream{MakeTransform(input, PythonTransform(std::move(function), true))};
           })
      .def("to_chunks",
           [](PyStream& self) {
             StreamNodePtr node = self.Peek();
             arrow::Result<std::vector<ChunkPtr>> chunks;
             {
               nb::gil_scoped_release release;
               chunks = ToChunks(node, PythonExecuteOptions());
             }
             return Wrap(ValueOrRaise(std::move(chunks)));
           })
      .def("iterate",
           [](PyStream& self) {
             StreamNodePtr node = self.Peek();
             arrow::Result<std::unique_ptr<ChunkIterator>> iterator;
             {
               nb::gil_scoped_release release;
               iterator = Execute(node, PythonExecuteOptions());
             }
             auto result = std::make_unique<PyStreamIterator>();
             result->iterator = ValueOrRaise(std::move(iterator));
             return result.release();
           },
           nb::rv_policy::take_ownership)
      .def(
          "collect",
          [](PyStream& self, std::optional<ProfileFields> fields) {
            StreamNodePtr node = self.Peek();
            arrow::Result<ChunkStorePtr> store;
            {
              nb::gil_scoped_release release;
              if (!fields) {
                store = Collect(node, ChunkStoreConfig::Default(), PythonExecuteOptions());
              } else {
                const auto profile = ProfileFrom(*fields);
                store = Collect(node, profile.config(), PythonExecuteOptions());
                if (store.ok()) store = Optimize(*store, profile);
              }
            }
            return PyChunkStore{ValueOrRaise(std::move(store))};
          },
          nb::arg("profile").none())
      .def(
          "__arrow_c_stream__",
          [](PyStream& self, nb::handle requested_schema) {
            return ExportChunkTable(self.Peek(), nullptr, requested_schema);
          },
          nb::arg("requested_schema").none() = nb::none());

  nb::class_<PyStoreSchema>(m, "StoreSchema")
      .def("index_columns",
           [](const PyStoreSchema& self) {
             std::vector<std::pair<std::string, std::string>> columns;
             for (const auto& column : self.schema.index_columns()) {
               columns.emplace_back(column.timeline.name,
                                    std::string(TimeTypeName(column.timeline.type)));
             }
             return columns;
           })
      .def("component_columns",
           [](const PyStoreSchema& self) {
             std::vector<ComponentColumnTuple> columns;
             for (const auto& c : self.schema.component_columns()) {
               columns.emplace_back(c.entity_path.ToString(), c.descriptor.archetype,
                                    c.descriptor.component, c.descriptor.component_type,
                                    c.is_static, c.IsProperty(), c.ColumnName());
             }
             return columns;
           })
      .def(
          "__eq__",
          [](const PyStoreSchema& self, const PyStoreSchema& other) {
            return self.schema == other.schema;
          },
          nb::is_operator(), nb::sig("def __eq__(self, other: object, /) -> bool"))
      .def("__arrow_c_schema__",
           [](const PyStoreSchema& self) { return ExportSchema(*self.schema.ToArrowSchema()); })
      .def("__repr__", [](const PyStoreSchema& self) { return self.schema.ToString(); });

  nb::class_<PyChunkStore>(m, "ChunkStore")
      .def_static(
          "from_chunks",
          [](const std::vector<const PyChunk*>& chunks) {
            return PyChunkStore{ValueOrThrow(ChunkStore::FromChunks(Unwrap(chunks)))};
          },
          nb::arg("chunks"))
      .def("num_chunks", [](const PyChunkStore& self) { return self.store->num_chunks(); })
      .def("summary", [](const PyChunkStore& self) { return self.store->Summary(); })
      .def("schema", [](const PyChunkStore& self) { return PyStoreSchema{self.store->schema()}; })
      .def("chunks", [](const PyChunkStore& self) { return Wrap(self.store->chunks()); })
      .def("stream", [](const PyChunkStore& self) {
        return PyStream{MakeChunkStoreSource(self.store)};
      })
      .def(
          "__arrow_c_stream__",
          [](const PyChunkStore& self, nb::handle requested_schema) {
            return ExportChunkTable(MakeChunkStoreSource(self.store),
                                    self.store->schema().ToArrowSchema(), requested_schema);
          },
          nb::arg("requested_schema").none() = nb::none());
}

}  // namespace rrflow::python
