// Numbers as the reference prints them: arrow-rs's value formatting (floats
// through the `ryu` crate, decimals) and Rust's own `Display`.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace rrflow::internal {

/// Decimal digits, with a `-` for negative values.
template <typename Int>
void AppendInteger(Int value, std::string* out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out->append(buffer, result.ptr);
}

/// `value` with at least `width` digits, zero-padded on the left.
void AppendZeroPadded(int64_t value, int width, std::string* out);

/// A float as arrow-rs prints array values, through the `ryu` crate: shortest
/// round-trip digits, plain notation (always with a fraction, `1.0`) for
/// moderate exponents and `1e20` / `1.5e-7` beyond them; `NaN`, `inf`.
void AppendRyuFloat(double value, std::string* out);
void AppendRyuFloat(float value, std::string* out);

/// Rust's `Display` of a float: shortest round-trip digits, never an
/// exponent, no fraction on whole numbers (`1`, `0.1`, `-0`, `NaN`, `inf`).
std::string RustFloatText(double value);
std::string RustFloatText(float value);

/// arrow-rs's `format_decimal_str`: the digits of the unscaled `integer` (cut
/// to `precision`) with the decimal point placed by `scale`.
void AppendDecimal(std::string_view integer, int precision, int scale, std::string* out);

/// Bytes as lowercase hex, two digits each.
void AppendHex(std::string_view bytes, std::string* out);

}  // namespace rrflow::internal
