// Python bindings of what filter(), drop(), split() and lenses() select:
// `rrflow._core.ContentFilter` and `rrflow._core.FilterCriteria`, made once by
// python/rrflow/_filter_criteria.py from the normalised arguments.
#include <optional>
#include <string>
#include <vector>

#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "bindings.h"
#include "rrflow/query/content_filter.h"
#include "rrflow/query/filter_criteria.h"

namespace nb = nanobind;

namespace rrflow::python {

void BindFilter(nb::module_& m) {
  nb::class_<ContentFilter>(m, "ContentFilter")
      .def(
          "__init__",
          [](ContentFilter* self, const std::vector<std::string>& expressions) {
            new (self) ContentFilter(ContentFilter::Parse(expressions));
          },
          nb::arg("expressions"));

  nb::class_<FilterCriteria>(m, "FilterCriteria")
      .def(
          "__init__",
          [](FilterCriteria* self, std::optional<ContentFilter> content,
             std::optional<std::string> has_timeline, std::optional<bool> is_static,
             std::optional<std::vector<std::string>> components) {
            new (self) FilterCriteria{std::move(content), std::move(has_timeline), is_static,
                                      std::move(components)};
          },
          nb::arg("content").none(), nb::arg("has_timeline").none(), nb::arg("is_static").none(),
          nb::arg("components").none());
}

}  // namespace rrflow::python
