// Python bindings of small immutable values: `rrflow._core.ComponentDescriptor`
// and `rrflow._core.StoreId`, wrapped by python/rrflow/_component_descriptor.py
// and python/rrflow/_store_entry.py.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include <nanobind/nanobind.h>
#include <nanobind/operators.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/tuple.h>

#include "bindings.h"
#include "rrflow/core/component_descriptor.h"
#include "rrflow/core/store_id.h"
#include "status_to_python.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

using OptionalText = std::optional<std::string>;
// What pickling keeps of each value: its fields, in constructor order.
using DescriptorState = std::tuple<std::string, OptionalText, OptionalText>;
using StoreIdState = std::tuple<std::string, std::string, std::string>;

StoreId MakeStoreId(std::string_view kind, std::string application_id, std::string recording_id) {
  return StoreId{ValueOrThrow(StoreKindFromName(kind)), std::move(application_id),
                 std::move(recording_id)};
}

void BindComponentDescriptor(nb::module_& m) {
  nb::class_<ComponentDescriptor>(m, "ComponentDescriptor")
      .def(nb::init<std::string, OptionalText, OptionalText>(), nb::arg("component"),
           nb::arg("archetype").none() = nb::none(), nb::arg("component_type").none() = nb::none())
      .def_ro("component", &ComponentDescriptor::component)
      .def_ro("archetype", &ComponentDescriptor::archetype)
      .def_ro("component_type", &ComponentDescriptor::component_type)
      .def("with_overrides", &ComponentDescriptor::WithOverrides, nb::arg("archetype").none(),
           nb::arg("component_type").none())
      .def("or_with_overrides", &ComponentDescriptor::OrWithOverrides,
           nb::arg("archetype").none(), nb::arg("component_type").none())
      .def("with_builtin_archetype", &ComponentDescriptor::WithBuiltinArchetype,
           nb::arg("archetype"))
      .def(nb::self == nb::self, nb::sig("def __eq__(self, other: object, /) -> bool"))
      .def("__hash__",
           [](const ComponentDescriptor& self) { return std::hash<ComponentDescriptor>{}(self); })
      .def("__getstate__",
           [](const ComponentDescriptor& self) {
             return DescriptorState(self.component, self.archetype, self.component_type);
           })
      .def("__setstate__", [](ComponentDescriptor& self, const DescriptorState& state) {
        const auto& [component, archetype, component_type] = state;
        new (&self) ComponentDescriptor(component, archetype, component_type);
      });
}

void BindStoreId(nb::module_& m) {
  nb::class_<StoreId>(m, "StoreId")
      .def(
          "__init__",
          [](StoreId* self, std::string_view kind, std::string application_id,
             std::string recording_id) {
            new (self) StoreId(MakeStoreId(kind, std::move(application_id), std::move(recording_id)));
          },
          nb::arg("kind"), nb::arg("application_id"), nb::arg("recording_id"))
      .def_prop_ro("kind", [](const StoreId& self) { return StoreKindName(self.kind); })
      .def_ro("application_id", &StoreId::application_id)
      .def_ro("recording_id", &StoreId::recording_id)
      .def("__str__", &StoreId::ToString)
      .def(nb::self == nb::self, nb::sig("def __eq__(self, other: object, /) -> bool"))
      .def("__hash__", [](const StoreId& self) { return std::hash<StoreId>{}(self); })
      .def("__getstate__",
           [](const StoreId& self) {
             return StoreIdState(std::string(StoreKindName(self.kind)), self.application_id,
                                 self.recording_id);
           })
      .def("__setstate__", [](StoreId& self, const StoreIdState& state) {
        const auto& [kind, application_id, recording_id] = state;
        new (&self) StoreId(MakeStoreId(kind, application_id, recording_id));
      });
}

}  // namespace

void BindValues(nb::module_& m) {
  BindComponentDescriptor(m);
  BindStoreId(m);
}

}  // namespace rrflow::python
