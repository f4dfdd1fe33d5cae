#include "text/quoted_string_internal.h"

#include <charconv>
#include <cstdint>

#include "core/unicode_internal.h"

namespace rrflow::internal {
namespace {

// Rust's `char::escape_debug` leaves printable characters alone. This
// approximates its "printable" table: controls, format characters, separators
// other than ' ', private use and non-characters are escaped, and so are
// combining marks (grapheme extenders). Hangul jamo fillers are letters.
bool NeedsRustEscape(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return true;
  if (cp == 0xA0 || cp == 0xAD || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200F) ||
      (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 ||
      cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB)) {
    return true;
  }
  if ((cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000) return true;
  if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) return true;
  if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF)) return false;
  return cp >= 0x300 && CodePointDisplayWidth(cp) == 0;
}

}  // namespace

std::string RustDebugString(std::string_view text) {
  std::string out = "\"";
  for (size_t pos = 0; pos < text.size();) {
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(text, &pos);
    switch (cp) {
      case '\0':
        out += "\\0";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '"':
        out += "\\\"";
        continue;
      default:
        break;
    }
    if (NeedsRustEscape(cp)) {
      char hex[16];
      const auto result = std::to_chars(hex, hex + sizeof(hex), static_cast<uint32_t>(cp), 16);
      out += "\\u{";
      out.append(hex, result.ptr);
      out += "}";
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out + "\"";
}

}  // namespace rrflow::internal
