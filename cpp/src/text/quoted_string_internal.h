// Strings quoted the way the reference (Rust) prints them in its messages and
// type names.
#pragma once

#include <string>
#include <string_view>

namespace rrflow::internal {

/// `text` quoted the way Rust's `{:?}` prints a string: `"a\"b\n"`, with
/// non-printable characters and combining marks as `\u{301}`.
std::string RustDebugString(std::string_view text);

}  // namespace rrflow::internal
