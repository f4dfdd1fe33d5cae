#include "text/number_text_internal.h"

#include <algorithm>
#include <cmath>

namespace rrflow::internal {
namespace {

// Shortest round-trip digits of a finite non-zero float, and the decimal
// exponent of the first digit: value = 0.d1d2... * 10^(exponent + 1).
template <typename Float>
void ShortestDigits(Float value, std::string* digits, int* exponent) {
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));  // -d.ddde+XX
  if (text.front() == '-') text.remove_prefix(1);
  const size_t e = text.find('e');
  digits->assign(1, text[0]);
  if (e > 1) digits->append(text.substr(2, e - 2));
  std::string_view exponent_text = text.substr(e + 1);
  if (exponent_text.front() == '+') exponent_text.remove_prefix(1);
  std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), *exponent);
}

template <typename Float>
void AppendRyu(Float value, std::string* out) {
  if (std::isnan(value)) {
    out->append("NaN");
    return;
  }
  if (std::signbit(value)) out->push_back('-');
  if (std::isinf(value)) {
    out->append("inf");
    return;
  }
  if (value == 0) {
    out->append("0.0");
    return;
  }
  constexpr bool kDouble = sizeof(Float) == 8;
  constexpr int kMaxPlainDigits = kDouble ? 16 : 13;  // integer digits printed without exponent
  constexpr int kMinPlainExponent = kDouble ? -5 : -6;
  std::string digits;
  int first_digit_exponent = 0;
  ShortestDigits(std::fabs(value), &digits, &first_digit_exponent);
  const int length = static_cast<int>(digits.size());
  const int point = first_digit_exponent + 1;  // digits before the decimal point
  if (point >= length && point <= kMaxPlainDigits) {
    out->append(digits);
    out->append(static_cast<size_t>(point - length), '0');
    out->append(".0");
  } else if (point > 0 && point <= kMaxPlainDigits) {
    out->append(digits, 0, static_cast<size_t>(point));
    out->push_back('.');
    out->append(digits, static_cast<size_t>(point));
  } else if (point > kMinPlainExponent && point <= 0) {
    out->append("0.");
    out->append(static_cast<size_t>(-point), '0');
    out->append(digits);
  } else {
    out->push_back(digits[0]);
    if (length > 1) {
      out->push_back('.');
      out->append(digits, 1);
    }
    out->push_back('e');
    AppendInteger(point - 1, out);
  }
}

template <typename Float>
std::string RustDisplay(Float value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  // Without a precision, `fixed` gives the shortest round-trip digits.
  char buffer[512];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed);
  return std::string(buffer, result.ptr);
}

}  // namespace

void AppendZeroPadded(int64_t value, int width, std::string* out) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) {
    out->append(static_cast<size_t>(width) - digits.size(), '0');
  }
  out->append(digits);
}

void AppendRyuFloat(double value, std::string* out) { AppendRyu(value, out); }
void AppendRyuFloat(float value, std::string* out) { AppendRyu(value, out); }

std::string RustFloatText(double value) { return RustDisplay(value); }
std::string RustFloatText(float value) { return RustDisplay(value); }

void AppendDecimal(std::string_view integer, int precision, int scale, std::string* out) {
  const bool negative = !integer.empty() && integer[0] == '-';
  const std::string_view sign = negative ? "-" : "";
  std::string_view rest = integer.substr(negative ? 1 : 0);
  rest = rest.substr(0, std::min<size_t>(static_cast<size_t>(std::max(precision, 0)), rest.size()));
  if (scale == 0) {
    out->append(sign).append(rest);
  } else if (scale < 0) {
    out->append(sign).append(rest).append(static_cast<size_t>(-scale), '0');
  } else if (rest.size() > static_cast<size_t>(scale)) {
    const size_t whole = rest.size() - static_cast<size_t>(scale);
    out->append(sign).append(rest.substr(0, whole)).append(".").append(rest.substr(whole));
  } else {
    out->append(sign).append("0.");
    out->append(static_cast<size_t>(scale) - rest.size(), '0');
    out->append(rest);
  }
}

void AppendHex(std::string_view bytes, std::string* out) {
  constexpr char kDigits[] = "0123456789abcdef";
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out->push_back(kDigits[byte >> 4]);
    out->push_back(kDigits[byte & 0xF]);
  }
}

}  // namespace rrflow::internal
