#include <algorithm>
#include <iterator>

#include "core/unicode_internal.h"

namespace rrflow::internal {
namespace {

struct CodePointRange {
  char32_t first;
  char32_t last;
};

constexpr CodePointRange kAlphanumericRanges[] = {
#include "core/unicode_alphanumeric_table.inc"
};

}  // namespace

char32_t DecodeUtf8(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(*pos);
  int length = 1;
  char32_t code_point = lead;
  if (lead >= 0xF0 && lead < 0xF8) {
    length = 4;
    code_point = lead & 0x07;
  } else if (lead >= 0xE0) {
    length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xC0) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0x80) {
    ++*pos;
    return 0xFFFD;
  }
  if (length > 1) {
    if (*pos + length > text.size()) {
      ++*pos;
      return 0xFFFD;
    }
    for (int i = 1; i < length; ++i) {
      const unsigned char next = byte(*pos + i);
      if ((next & 0xC0) != 0x80) {
        ++*pos;
        return 0xFFFD;
      }
      code_point = (code_point << 6) | (next & 0x3F);
    }
  }
  *pos += length;
  return code_point;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsUnicodeAlphanumeric(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }
  const auto* end = std::end(kAlphanumericRanges);
  const auto* it = std::upper_bound(std::begin(kAlphanumericRanges), end, cp,
                                    [](char32_t value, const CodePointRange& range) {
                                      return value < range.first;
                                    });
  if (it == std::begin(kAlphanumericRanges)) return false;
  return cp <= std::prev(it)->last;
}

}  // namespace rrflow::internal
