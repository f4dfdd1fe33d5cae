// Python bindings of lenses: `rrflow._core.DeriveLens`, `MutateLens`, and the
// chunk and stream entry points that apply them (wrapped by python/rrflow/_lens.py,
// _chunk.py and _lazy_chunk_stream.py).
#include <optional>
#include <string>
#include <vector>

#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "bindings.h"
#include "rrflow/query/lens.h"
#include "rrflow/stream/lazy_chunk_stream.h"
#include "status_to_python.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

struct PyDeriveLens {
  DeriveLens lens;
};

struct PyMutateLens {
  MutateLens lens;
};

LensSet MakeLensSet(const std::vector<nb::handle>& objects) {
  std::vector<Lens> lenses;
  for (nb::handle object : objects) {
    PyDeriveLens* derive = nullptr;
    PyMutateLens* mutate = nullptr;
    if (nb::try_cast<PyDeriveLens*>(object, derive) && derive != nullptr) {
      lenses.emplace_back(derive->lens);
    } else if (nb::try_cast<PyMutateLens*>(object, mutate) && mutate != nullptr) {
      lenses.emplace_back(mutate->lens);
    } else {
      ThrowStatus(arrow::Status::TypeError("expected a DeriveLens or a MutateLens, got ",
                                           nb::type_name(object.type()).c_str()));
    }
  }
  return ValueOrThrow(LensSet::Make(std::move(lenses)));
}

std::vector<PyChunk> ApplyLensesToChunk(const PyChunk& chunk, const std::vector<nb::handle>& objects) {
  const LensSet lenses = MakeLensSet(objects);
  arrow::Result<std::vector<ChunkPtr>> outputs;
  {
    nb::gil_scoped_release release;
    outputs = ApplyLenses(chunk.chunk, lenses);
  }
  std::vector<PyChunk> wrapped;
  for (auto& output : ValueOrThrow(std::move(outputs))) wrapped.push_back(PyChunk{std::move(output)});
  return wrapped;
}

PyChunk ApplySelectorToChunk(const PyChunk& chunk, const std::string& component,
                             const PySelector& selector) {
  arrow::Result<ChunkPtr> output;
  {
    nb::gil_scoped_release release;
    output = ApplySelector(chunk.chunk, component, selector.selector);
  }
  return PyChunk{ValueOrThrow(std::move(output))};
}

// The stream is consumed before the arguments are checked, as in the reference.
PyStream StreamLenses(PyStream& stream, const std::vector<nb::handle>& objects,
                      const std::string& output_mode,
                      const std::optional<ContentFilter>& content) {
  StreamNodePtr input = stream.Take();
  const auto mode = ValueOrThrow(LensOutputModeFromName(output_mode));
  LensSet lenses = MakeLensSet(objects);
  return PyStream{MakeLenses(std::move(input), std::move(lenses), mode, content)};
}

}  // namespace

void BindLens(nb::module_& m) {
  nb::class_<PyDeriveLens>(m, "DeriveLens")
      .def(
          "__init__",
          [](PyDeriveLens* self, const std::string& input_component,
             const std::optional<std::string>& output_entity, bool scatter) {
            std::optional<EntityPath> target;
            if (output_entity) target = EntityPath::Parse(*output_entity);
            new (self) PyDeriveLens{DeriveLens(input_component, std::move(target), scatter)};
          },
          nb::arg("input_component"), nb::arg("output_entity").none(), nb::arg("scatter"))
      .def(
          "to_component",
          [](const PyDeriveLens& self, const ComponentDescriptor& component,
             const PySelector& selector) {
            return PyDeriveLens{self.lens.ToComponent(component, selector.selector)};
          },
          nb::arg("component"), nb::arg("selector"))
      .def(
          "to_timeline",
          [](const PyDeriveLens& self, const std::string& name, const std::string& type,
             const PySelector& selector) {
            return PyDeriveLens{
                self.lens.ToTimeline(name, ValueOrThrow(TimeTypeFromName(type)), selector.selector)};
          },
          nb::arg("timeline_name"), nb::arg("timeline_type"), nb::arg("selector"));

  nb::class_<PyMutateLens>(m, "MutateLens")
      .def(
          "__init__",
          [](PyMutateLens* self, const std::string& input_component, const PySelector& selector,
             bool keep_row_ids) {
            new (self) PyMutateLens{MutateLens(input_component, selector.selector, keep_row_ids)};
          },
          nb::arg("input_component"), nb::arg("selector"), nb::arg("keep_row_ids"));

  m.def("apply_lenses", &ApplyLensesToChunk, nb::arg("chunk"), nb::arg("lenses"));
  m.def("apply_selector", &ApplySelectorToChunk, nb::arg("chunk"), nb::arg("component"),
        nb::arg("selector"));
  m.def("stream_lenses", &StreamLenses, nb::arg("stream"), nb::arg("lenses"),
        nb::arg("output_mode"), nb::arg("content").none());
}

}  // namespace rrflow::python
