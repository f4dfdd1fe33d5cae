// libFuzzer target: any bytes as entity-path and content-filter text. The
// first line is a filter expression, every further line an entity path.
// Checked properties, beyond "never crash":
// - a path's printed form parses back to the same path (but where the
//   reference's printing does not round-trip either, see below);
// - a rule written from a path's printed form matches exactly that path
//   (`+P`), its subtree (`+P/**`), and excluding it wins over an including
//   subtree rule above it (`+/** -P`);
// - parsing is deterministic, and matching against the fuzzed filter does
//   not depend on how the path was spelt.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "rrflow/core/entity_path.h"
#include "rrflow/query/content_filter.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

bool HasLongUnicodeEscape(const std::string& printed) {
  for (size_t at = printed.find("\\u{"); at != std::string::npos; at = printed.find("\\u{", at + 1)) {
    const size_t close = printed.find('}', at);
    if (close != std::string::npos && close - at - 3 > 4) return true;
  }
  return false;
}

void CheckPath(const rrflow::EntityPath& path, const rrflow::ContentFilter& fuzzed) {
  const std::string& printed = path.ToString();
  // As in the reference, a code point past U+FFFF that is not alphanumeric
  // prints as \u{XXXXX}, which parses back as that text: no round trip.
  if (HasLongUnicodeEscape(printed)) return;
  const auto reparsed = rrflow::EntityPath::Parse(printed);
  Check(reparsed == path);
  Check(fuzzed.Matches(reparsed) == fuzzed.Matches(path));

  // As in the reference, a rule's trailing whitespace is trimmed even when
  // escaped, so `+/a\ ` names `/a\`: a path ending in a space has no rule.
  if (printed.back() == ' ') return;

  Check(rrflow::ContentFilter::Parse("+" + printed).Matches(path));
  const std::string subtree = path.is_root() ? "/**" : printed + "/**";
  Check(rrflow::ContentFilter::Parse("+" + subtree).Matches(path));
  const auto child = rrflow::EntityPath(
      [&] {
        auto parts = path.parts();
        parts.push_back("child");
        return parts;
      }());
  Check(rrflow::ContentFilter::Parse("+" + subtree).Matches(child));
  Check(!rrflow::ContentFilter::Parse("+/** -" + printed).Matches(path));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const size_t first_newline = text.find('\n');
  const std::string_view expression = text.substr(0, first_newline);

  const auto fuzzed = rrflow::ContentFilter::Parse(expression);
  Check(fuzzed == rrflow::ContentFilter::Parse(expression));
  CheckPath(rrflow::EntityPath::Parse(expression), fuzzed);

  if (first_newline == std::string_view::npos) return 0;
  std::string_view rest = text.substr(first_newline + 1);
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    CheckPath(rrflow::EntityPath::Parse(rest.substr(0, end)), fuzzed);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return 0;
}
