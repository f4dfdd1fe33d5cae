// libFuzzer target: any bytes as selector text. Parsing must answer with a
// Status; a parsed selector's canonical text must parse again to the same
// text; evaluation on a fixed set of arrays (structs, lists, nulls, strings)
// must answer with a result or a Status and every result must validate.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include <arrow/api.h>
#include <arrow/json/from_string.h>

#include "rrflow/query/selector.h"

namespace {

std::shared_ptr<arrow::Array> FromJson(const std::shared_ptr<arrow::DataType>& type,
                                       const char* json) {
  auto array = arrow::json::ArrayFromJSONString(type, json);
  if (!array.ok()) std::abort();  // the fixed inputs below are well formed
  return *array;
}

struct Sources {
  // Evaluated with Execute.
  std::vector<std::shared_ptr<arrow::Array>> flat;
  // Evaluated with ExecutePerRow (List arrays).
  std::vector<std::shared_ptr<arrow::Array>> per_row;
};

const Sources& FixedSources() {
  static const Sources sources = [] {
    auto point = arrow::struct_({arrow::field("x", arrow::float64()),
                                 arrow::field("name", arrow::utf8()),
                                 arrow::field("tags", arrow::list(arrow::int32()))});
    auto pose = arrow::struct_({arrow::field("a", arrow::int64()),
                                arrow::field("points", arrow::list(point)),
                                arrow::field("inner", arrow::struct_({arrow::field("b", arrow::boolean())}))});
    Sources s;
    s.flat.push_back(FromJson(pose, R"([
      {"a": 1, "points": [{"x": 0.5, "name": "p", "tags": [1, 2]}, null], "inner": {"b": true}},
      null,
      {"a": null, "points": [], "inner": null},
      {"a": 4, "points": null, "inner": {"b": false}}])"));
    s.flat.push_back(FromJson(arrow::list(arrow::list(arrow::int64())),
                              "[[[1, 2], null, []], null, [], [[3]]]"));
    s.flat.push_back(FromJson(arrow::utf8(), R"(["a", null, "{\"k\": 1}", ""])"));
    s.flat.push_back(FromJson(arrow::int64(), "[0, -1, null, 9223372036854775807]"));
    s.per_row.push_back(FromJson(arrow::list(pose), R"([
      [{"a": 1, "points": [{"x": 1.0, "name": null, "tags": null}], "inner": {"b": null}}],
      null, [], [null, {"a": 2, "points": [], "inner": {"b": true}}]])"));
    s.per_row.push_back(FromJson(arrow::list(arrow::float32()), "[[1.5, null], null, []]"));
    return s;
  }();
  return sources;
}

bool HasUnreadableEscape(const std::string& text) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '\\') continue;
    const char next = text[i + 1];
    if (next == '0' || next == 'r' || next == 'u') return true;
    ++i;  // skips the escaped character (\\ is one escape)
  }
  return false;
}

void CheckResult(const arrow::Result<std::shared_ptr<arrow::Array>>& result) {
  if (result.ok() && *result && !(*result)->ValidateFull().ok()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto selector = rrflow::Selector::Parse(text);
  if (!selector.ok()) return 0;

  // The canonical form is a fixed point: it parses, and prints as itself.
  // Except, as in the reference, where it prints a string the way Rust's
  // Debug does, with escapes the language does not read (\0, \r, \u{..}).
  const std::string canonical = selector->ToString();
  if (!HasUnreadableEscape(canonical)) {
    auto reparsed = rrflow::Selector::Parse(canonical);
    if (!reparsed.ok() || reparsed->ToString() != canonical) std::abort();
  }

  const Sources& sources = FixedSources();
  for (const auto& source : sources.flat) CheckResult(selector->Execute(source));
  for (const auto& source : sources.per_row) {
    auto rows = selector->ExecutePerRow(source);
    if (rows.ok() && *rows) {
      if (!(*rows)->ValidateFull().ok() || (*rows)->length() != source->length()) std::abort();
    }
  }
  return 0;
}
