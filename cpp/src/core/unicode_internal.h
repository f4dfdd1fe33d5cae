// Small UTF-8 and Unicode property helpers for the core layer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rrflow::internal {

/// Decodes the code point at `text[*pos]` and advances `*pos`. Invalid UTF-8
/// decodes as U+FFFD, one byte at a time.
char32_t DecodeUtf8(std::string_view text, size_t* pos);

void AppendUtf8(char32_t code_point, std::string* out);

/// Unicode Alphabetic or Numeric.
bool IsUnicodeAlphanumeric(char32_t code_point);

}  // namespace rrflow::internal
