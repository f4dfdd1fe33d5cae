// arrow-rs compatible text for Arrow types and values. The rules below were
// read off the reference's output (arrow-rs 57.3 with chrono, ryu-style float
// printing); see tests/cpp/chunk_format_test.cc for examples of each.
#include "text/arrow_display_internal.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <exception>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include <arrow/array/array_run_end.h>
#include <arrow/extension_type.h>
#include <arrow/util/checked_cast.h>
#include <arrow/util/decimal.h>
#include <arrow/util/float16.h>
#include <arrow/util/key_value_metadata.h>
#include <arrow/vendored/datetime/tz.h>

#include "core/unicode_internal.h"
#include "text/text_table_internal.h"

namespace rrflow::internal {

using arrow::internal::checked_cast;

namespace {

// ---------------------------------------------------------------------------
// Data types

std::string_view TimeUnitName(arrow::TimeUnit::type unit) {
  switch (unit) {
    case arrow::TimeUnit::SECOND:
      return "s";
    case arrow::TimeUnit::MILLI:
      return "ms";
    case arrow::TimeUnit::MICRO:
      return "µs";
    case arrow::TimeUnit::NANO:
      return "ns";
  }
  return "?";
}

// The metadata arrow-rs sees on a field: its own, plus the extension name and
// metadata of an extension type (which arrow-rs only knows as metadata).
std::vector<std::pair<std::string, std::string>> EffectiveMetadata(const arrow::Field& field) {
  std::vector<std::pair<std::string, std::string>> entries;
  if (const auto& metadata = field.metadata()) {
    for (int64_t i = 0; i < metadata->size(); ++i) {
      entries.emplace_back(metadata->key(i), metadata->value(i));
    }
  }
  if (field.type()->id() == arrow::Type::EXTENSION) {
    const auto& extension = checked_cast<const arrow::ExtensionType&>(*field.type());
    entries.emplace_back("ARROW:extension:name", extension.extension_name());
    entries.emplace_back("ARROW:extension:metadata", extension.Serialize());
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // A later duplicate key wins, as when arrow-rs collects into a map.
  std::vector<std::pair<std::string, std::string>> unique;
  for (auto& entry : entries) {
    if (!unique.empty() && unique.back().first == entry.first) {
      unique.back() = std::move(entry);
    } else {
      unique.push_back(std::move(entry));
    }
  }
  return unique;
}

// `, metadata: {"k": "v"}`, or nothing when there is no metadata.
std::string MetadataSuffix(const arrow::Field& field) {
  const auto entries = EffectiveMetadata(field);
  if (entries.empty()) return "";
  std::string out = ", metadata: {";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += ", ";
    out += RustDebugString(entries[i].first) + ": " + RustDebugString(entries[i].second);
  }
  return out + "}";
}

std::string_view NullabilityPrefix(const arrow::Field& field) {
  return field.nullable() ? "" : "non-null ";
}

// A field inside a struct, map, union or run-end encoded type.
std::string FormatNamedField(const arrow::Field& field) {
  return RustDebugString(field.name()) + ": " + std::string(NullabilityPrefix(field)) +
         FormatDataType(*field.type()) + MetadataSuffix(field);
}

// The item of a list-like type: the name is only shown when it is not `item`.
std::string FormatItemField(const arrow::Field& field) {
  std::string out = std::string(NullabilityPrefix(field)) + FormatDataType(*field.type());
  if (field.name() != "item") out += ", field: '" + field.name() + "'";
  return out + MetadataSuffix(field);
}

std::string FormatDecimalType(std::string_view name, const arrow::DataType& type) {
  const auto& decimal = checked_cast<const arrow::DecimalType&>(type);
  return std::string(name) + "(" + std::to_string(decimal.precision()) + ", " +
         std::to_string(decimal.scale()) + ")";
}

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
  std::string encoded;
  AppendUtf8(cp, &encoded);
  return cp >= 0x300 && DisplayWidth(encoded) == 0;
}

// ---------------------------------------------------------------------------
// Numbers

template <typename Int>
void AppendInteger(Int value, std::string* out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out->append(buffer, result.ptr);
}

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

// Float32 and Float64 print like the `ryu` crate: shortest round-trip digits,
// plain notation (always with a fraction, `1.0`) for moderate exponents and
// `1e20` / `1.5e-7` beyond them.
template <typename Float>
void AppendRyuFloat(Float value, std::string* out) {
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

// Float16 prints through Rust's `Display` for f32: shortest digits, never an
// exponent, no `.0` on whole numbers.
void AppendHalfFloat(uint16_t bits, std::string* out) {
  const float value = arrow::util::Float16::FromBits(bits).ToFloat();
  if (std::isnan(value)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(value)) {
    out->append(value < 0 ? "-inf" : "inf");
    return;
  }
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed);
  out->append(buffer, result.ptr);
}

// arrow-rs's `format_decimal_str`: the integer digits (cut to `precision`)
// with the decimal point placed by `scale`.
void AppendDecimal(const std::string& integer, int precision, int scale, std::string* out) {
  const bool negative = !integer.empty() && integer[0] == '-';
  const std::string_view sign = negative ? "-" : "";
  std::string_view rest = std::string_view(integer).substr(negative ? 1 : 0);
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

// ---------------------------------------------------------------------------
// Dates and times, as chrono prints them

// chrono's NaiveDate range: -262143-01-01 to +262142-12-31, in days since 1970.
constexpr int64_t kMinEpochDay = -96465292;
constexpr int64_t kMaxEpochDay = 95026236;
constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kNanosPerSecond = 1000000000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int64_t UnitsPerSecond(arrow::TimeUnit::type unit) {
  switch (unit) {
    case arrow::TimeUnit::SECOND:
      return 1;
    case arrow::TimeUnit::MILLI:
      return 1000;
    case arrow::TimeUnit::MICRO:
      return 1000000;
    case arrow::TimeUnit::NANO:
      return kNanosPerSecond;
  }
  return 1;
}

void AppendPadded(int64_t value, int width, std::string* out) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) {
    out->append(static_cast<size_t>(width) - digits.size(), '0');
  }
  out->append(digits);
}

// `YYYY-MM-DD`; years outside 0..=9999 carry a sign (`+10000`, `-0001`).
void AppendDate(int64_t epoch_day, std::string* out) {
  // Howard Hinnant's civil_from_days.
  const int64_t z = epoch_day + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const int64_t day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const int64_t month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  if (year >= 0 && year <= 9999) {
    AppendPadded(year, 4, out);
  } else {
    out->push_back(year < 0 ? '-' : '+');
    AppendPadded(year < 0 ? -year : year, 4, out);
  }
  out->push_back('-');
  AppendPadded(month, 2, out);
  out->push_back('-');
  AppendPadded(day, 2, out);
}

// `HH:MM:SS`, then the fraction in groups of three digits, only as long as needed.
void AppendTimeOfDay(int64_t second_of_day, int64_t nanos, std::string* out) {
  AppendPadded(second_of_day / 3600, 2, out);
  out->push_back(':');
  AppendPadded(second_of_day / 60 % 60, 2, out);
  out->push_back(':');
  AppendPadded(second_of_day % 60, 2, out);
  if (nanos == 0) return;
  out->push_back('.');
  if (nanos % 1000000 == 0) {
    AppendPadded(nanos / 1000000, 3, out);
  } else if (nanos % 1000 == 0) {
    AppendPadded(nanos / 1000, 6, out);
  } else {
    AppendPadded(nanos, 9, out);
  }
}

void AppendDateTime(int64_t epoch_second, int64_t nanos, std::string* out) {
  AppendDate(FloorDiv(epoch_second, kSecondsPerDay), out);
  out->push_back('T');
  AppendTimeOfDay(epoch_second - FloorDiv(epoch_second, kSecondsPerDay) * kSecondsPerDay, nanos,
                  out);
}

bool InDateRange(int64_t epoch_second) {
  const int64_t day = FloorDiv(epoch_second, kSecondsPerDay);
  return day >= kMinEpochDay && day <= kMaxEpochDay;
}

// The time zone of a Timestamp type: a fixed offset (`+05:30`, `-0330`,
// `+05`) or an IANA name.
class TimeZone {
 public:
  static arrow::Result<TimeZone> Parse(const std::string& name) {
    if (auto offset = ParseFixedOffset(name)) return TimeZone(*offset, nullptr);
    // The vendored tz library reports unknown names by throwing.
    try {
      return TimeZone(0, arrow_vendored::date::locate_zone(name));
    } catch (const std::exception&) {
      return arrow::Status::Invalid("Parser error: Invalid timezone \"", name,
                                    "\": failed to parse timezone");
    }
  }

  /// The offset from UTC in seconds at the given instant.
  int64_t OffsetAt(int64_t epoch_second) const {
    if (zone_ == nullptr) return fixed_offset_;
    const auto info = zone_->get_info(
        arrow_vendored::date::sys_seconds{std::chrono::seconds{epoch_second}});
    return info.offset.count();
  }

 private:
  TimeZone(int64_t fixed_offset, const arrow_vendored::date::time_zone* zone)
      : fixed_offset_(fixed_offset), zone_(zone) {}

  static std::optional<int64_t> ParseFixedOffset(std::string_view text) {
    if (text.size() < 3 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
    const auto two_digits = [&](size_t at) -> std::optional<int> {
      if (at + 2 > text.size() || !std::isdigit(static_cast<unsigned char>(text[at])) ||
          !std::isdigit(static_cast<unsigned char>(text[at + 1]))) {
        return std::nullopt;
      }
      return (text[at] - '0') * 10 + (text[at + 1] - '0');
    };
    const auto hours = two_digits(1);
    std::optional<int> minutes = 0;
    if (text.size() == 5) {
      minutes = two_digits(3);
    } else if (text.size() == 6 && text[3] == ':') {
      minutes = two_digits(4);
    } else if (text.size() != 3) {
      return std::nullopt;
    }
    if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
    const int64_t seconds = *hours * 3600 + *minutes * 60;
    return text[0] == '-' ? -seconds : seconds;
  }

  int64_t fixed_offset_;
  const arrow_vendored::date::time_zone* zone_;
};

// RFC 3339 offset: `Z` for UTC, else `+HH:MM` rounded to the minute.
void AppendOffset(int64_t offset, std::string* out) {
  if (offset == 0) {
    out->push_back('Z');
    return;
  }
  out->push_back(offset < 0 ? '-' : '+');
  const int64_t minutes = (std::abs(offset) + 30) / 60;
  AppendPadded(minutes / 60, 2, out);
  out->push_back(':');
  AppendPadded(minutes % 60, 2, out);
}

// chrono's ISO 8601 duration: `PT1.5S`, `-PT0.001S`, `P0D` for zero.
void AppendIsoDuration(bool negative, uint64_t seconds, uint64_t nanos, std::string* out) {
  if (negative) out->push_back('-');
  out->push_back('P');
  if (seconds == 0 && nanos == 0) {
    out->append("0D");
    return;
  }
  out->push_back('T');
  out->append(std::to_string(seconds));
  if (nanos > 0) {
    std::string fraction = std::to_string(nanos);
    fraction.insert(0, 9 - fraction.size(), '0');
    fraction.erase(fraction.find_last_not_of('0') + 1);
    out->push_back('.');
    out->append(fraction);
  }
  out->push_back('S');
}

// The sub-day part of an interval: `1 hours 2 mins 3.500 secs`, each part
// only when non-zero; `fraction_digits` is 3 (milliseconds) or 9 (nanoseconds).
void AppendIntervalTime(int64_t units, int64_t units_per_second, int fraction_digits,
                        std::string_view prefix, std::string* out) {
  const int64_t total_seconds = units / units_per_second;
  const int64_t total_minutes = total_seconds / 60;
  const int64_t hours = total_minutes / 60;
  const int64_t minutes = total_minutes - hours * 60;
  const int64_t seconds = total_seconds - total_minutes * 60;
  const int64_t fraction = units % units_per_second;
  if (hours != 0) {
    out->append(prefix).append(std::to_string(hours)).append(" hours");
    prefix = " ";
  }
  if (minutes != 0) {
    out->append(prefix).append(std::to_string(minutes)).append(" mins");
    prefix = " ";
  }
  if (seconds != 0 || fraction != 0) {
    out->append(prefix);
    if (seconds < 0 || fraction < 0) out->push_back('-');
    out->append(std::to_string(std::abs(seconds)));
    out->push_back('.');
    AppendPadded(std::abs(fraction), fraction_digits, out);
    out->append(" secs");
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Value writers

/// Writes one value of an array; nested writers are built once per array.
class ValueWriter {
 public:
  ValueWriter(std::shared_ptr<arrow::Array> array, bool checks_nulls)
      : array_(std::move(array)), checks_nulls_(checks_nulls) {}
  virtual ~ValueWriter() = default;

  /// Appends value `index`, or `null`.
  void Write(int64_t index, std::string* out) const {
    if (checks_nulls_ && array_->IsNull(index)) {
      out->append("null");
      return;
    }
    WriteValid(index, out);
  }

 protected:
  virtual void WriteValid(int64_t index, std::string* out) const = 0;

  template <typename ArrayType>
  const ArrayType& array() const {
    return checked_cast<const ArrayType&>(*array_);
  }

  /// The message of a value arrow-rs fails to convert.
  void WriteConversionError(std::string_view value, std::string_view target,
                            std::string* out) const {
    out->append("ERROR: Cast error: Failed to convert ").append(value).append(" to ");
    out->append(target).append(" for ").append(FormatDataType(*array_->type()));
  }

 private:
  std::shared_ptr<arrow::Array> array_;
  bool checks_nulls_;
};

namespace {

using WriterPtr = std::shared_ptr<const ValueWriter>;
arrow::Result<WriterPtr> MakeWriter(const std::shared_ptr<arrow::Array>& array);

// Writers for one kind of value, given as a function of (array, index, out).
template <typename ArrayType, typename Append>
class SimpleWriter final : public ValueWriter {
 public:
  SimpleWriter(std::shared_ptr<arrow::Array> array, Append append)
      : ValueWriter(std::move(array), /*checks_nulls=*/true), append_(std::move(append)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    append_(array<ArrayType>(), index, out);
  }

 private:
  Append append_;
};

template <typename ArrayType, typename Append>
WriterPtr MakeSimpleWriter(const std::shared_ptr<arrow::Array>& array, Append append) {
  return std::make_shared<SimpleWriter<ArrayType, Append>>(array, std::move(append));
}

class NullTypeWriter final : public ValueWriter {
 public:
  explicit NullTypeWriter(std::shared_ptr<arrow::Array> array)
      : ValueWriter(std::move(array), /*checks_nulls=*/false) {}

 protected:
  void WriteValid(int64_t, std::string* out) const override { out->append("null"); }
};

template <typename ArrayType>
class DecimalWriter final : public ValueWriter {
 public:
  explicit DecimalWriter(std::shared_ptr<arrow::Array> array)
      : ValueWriter(std::move(array), /*checks_nulls=*/true) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    using Decimal = typename arrow::TypeTraits<typename ArrayType::TypeClass>::CType;
    const auto& decimals = array<ArrayType>();
    const auto& type = checked_cast<const arrow::DecimalType&>(*decimals.type());
    const Decimal value(decimals.GetValue(index));
    AppendDecimal(value.ToIntegerString(), type.precision(), type.scale(), out);
  }
};

class DateWriter final : public ValueWriter {
 public:
  explicit DateWriter(std::shared_ptr<arrow::Array> array)
      : ValueWriter(std::move(array), /*checks_nulls=*/true) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const int64_t day = array<arrow::Date32Array>().Value(index);
    if (day < kMinEpochDay || day > kMaxEpochDay) {
      WriteConversionError(std::to_string(day), "temporal", out);
      return;
    }
    AppendDate(day, out);
  }
};

// Timestamp and Date64 (milliseconds, printed as a date-time).
class DateTimeWriter final : public ValueWriter {
 public:
  DateTimeWriter(std::shared_ptr<arrow::Array> array, arrow::TimeUnit::type unit,
                 std::optional<TimeZone> zone, std::string_view failure_target)
      : ValueWriter(array, /*checks_nulls=*/true),
        values_(array->data()->GetValues<int64_t>(1)),
        units_per_second_(UnitsPerSecond(unit)),
        zone_(std::move(zone)),
        failure_target_(failure_target) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const int64_t value = values_[index];
    const int64_t seconds = FloorDiv(value, units_per_second_);
    const int64_t nanos =
        (value - seconds * units_per_second_) * (kNanosPerSecond / units_per_second_);
    if (!InDateRange(seconds)) {
      WriteConversionError(std::to_string(value), failure_target_, out);
      return;
    }
    if (!zone_) {
      AppendDateTime(seconds, nanos, out);
      return;
    }
    const int64_t offset = zone_->OffsetAt(seconds);
    AppendDateTime(seconds + offset, nanos, out);
    AppendOffset(offset, out);
  }

 private:
  const int64_t* values_;
  int64_t units_per_second_;
  std::optional<TimeZone> zone_;
  std::string_view failure_target_;
};

class TimeOfDayWriter final : public ValueWriter {
 public:
  TimeOfDayWriter(std::shared_ptr<arrow::Array> array, arrow::TimeUnit::type unit)
      : ValueWriter(std::move(array), /*checks_nulls=*/true),
        units_per_second_(UnitsPerSecond(unit)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const auto& self = array<arrow::Array>();
    const int64_t value = self.type_id() == arrow::Type::TIME32
                              ? checked_cast<const arrow::Time32Array&>(self).Value(index)
                              : checked_cast<const arrow::Time64Array&>(self).Value(index);
    if (value < 0 || value / units_per_second_ >= kSecondsPerDay) {
      WriteConversionError(std::to_string(value), "temporal", out);
      return;
    }
    AppendTimeOfDay(value / units_per_second_,
                    value % units_per_second_ * (kNanosPerSecond / units_per_second_), out);
  }

 private:
  int64_t units_per_second_;
};

class DurationWriter final : public ValueWriter {
 public:
  DurationWriter(std::shared_ptr<arrow::Array> array, arrow::TimeUnit::type unit)
      : ValueWriter(std::move(array), /*checks_nulls=*/true),
        units_per_second_(UnitsPerSecond(unit)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const int64_t value = array<arrow::DurationArray>().Value(index);
    // chrono's TimeDelta holds at most i64::MAX milliseconds either way.
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    bool representable = true;
    if (units_per_second_ == 1) {
      representable = value >= -kMax / 1000 && value <= kMax / 1000;
    } else if (units_per_second_ == 1000) {
      representable = value != std::numeric_limits<int64_t>::min();
    }
    if (!representable) {
      out->append("<invalid>");
      return;
    }
    const uint64_t magnitude =
        value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    const auto per_second = static_cast<uint64_t>(units_per_second_);
    AppendIsoDuration(value < 0, magnitude / per_second,
                      magnitude % per_second * (kNanosPerSecond / per_second), out);
  }

 private:
  int64_t units_per_second_;
};

// List, LargeList and FixedSizeList: `[a, b]`.
template <typename ArrayType>
class ListWriter final : public ValueWriter {
 public:
  ListWriter(std::shared_ptr<arrow::Array> array, WriterPtr values)
      : ValueWriter(std::move(array), /*checks_nulls=*/true), values_(std::move(values)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const auto& list = array<ArrayType>();
    const int64_t begin = list.value_offset(index);
    const int64_t end = begin + list.value_length(index);
    out->push_back('[');
    for (int64_t i = begin; i < end; ++i) {
      if (i > begin) out->append(", ");
      values_->Write(i, out);
    }
    out->push_back(']');
  }

 private:
  WriterPtr values_;
};

class MapWriter final : public ValueWriter {
 public:
  MapWriter(std::shared_ptr<arrow::Array> array, WriterPtr keys, WriterPtr items)
      : ValueWriter(std::move(array), /*checks_nulls=*/true),
        keys_(std::move(keys)),
        items_(std::move(items)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const auto& map = array<arrow::MapArray>();
    const int64_t begin = map.value_offset(index);
    const int64_t end = begin + map.value_length(index);
    out->push_back('{');
    for (int64_t i = begin; i < end; ++i) {
      if (i > begin) out->append(", ");
      keys_->Write(i, out);
      out->append(": ");
      items_->Write(i, out);
    }
    out->push_back('}');
  }

 private:
  WriterPtr keys_;
  WriterPtr items_;
};

class StructWriter final : public ValueWriter {
 public:
  StructWriter(std::shared_ptr<arrow::Array> array, std::vector<WriterPtr> fields)
      : ValueWriter(std::move(array), /*checks_nulls=*/true), fields_(std::move(fields)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const auto& type = *array<arrow::Array>().type();
    out->push_back('{');
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (i > 0) out->append(", ");
      out->append(type.field(static_cast<int>(i))->name()).append(": ");
      fields_[i]->Write(index, out);
    }
    out->push_back('}');
  }

 private:
  std::vector<WriterPtr> fields_;
};

// `{name=value}`; a union has no nulls of its own, only its children do.
class UnionWriter final : public ValueWriter {
 public:
  UnionWriter(std::shared_ptr<arrow::Array> array, std::vector<WriterPtr> children)
      : ValueWriter(std::move(array), /*checks_nulls=*/false), children_(std::move(children)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const auto& union_array = array<arrow::UnionArray>();
    const int child = union_array.child_id(index);
    const int64_t child_index =
        union_array.mode() == arrow::UnionMode::SPARSE
            ? index
            : checked_cast<const arrow::DenseUnionArray&>(union_array).value_offset(index);
    out->push_back('{');
    out->append(union_array.type()->field(child)->name()).push_back('=');
    children_[static_cast<size_t>(child)]->Write(child_index, out);
    out->push_back('}');
  }

 private:
  std::vector<WriterPtr> children_;
};

class DictionaryWriter final : public ValueWriter {
 public:
  DictionaryWriter(std::shared_ptr<arrow::Array> array, WriterPtr dictionary)
      : ValueWriter(std::move(array), /*checks_nulls=*/true), dictionary_(std::move(dictionary)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    dictionary_->Write(array<arrow::DictionaryArray>().GetValueIndex(index), out);
  }

 private:
  WriterPtr dictionary_;
};

// Run-end encoded: the value of the run that covers the index.
class RunEndEncodedWriter final : public ValueWriter {
 public:
  RunEndEncodedWriter(std::shared_ptr<arrow::Array> array, WriterPtr values)
      : ValueWriter(std::move(array), /*checks_nulls=*/false), values_(std::move(values)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const auto& ree = array<arrow::RunEndEncodedArray>();
    const int64_t logical_index = ree.offset() + index;
    const auto& run_ends = *ree.run_ends();
    values_->Write(PhysicalIndex(run_ends, logical_index), out);
  }

 private:
  static int64_t PhysicalIndex(const arrow::Array& run_ends, int64_t logical_index) {
    const auto search = [&](const auto* begin) {
      const auto* end = begin + run_ends.length();
      return std::upper_bound(begin, end, logical_index,
                              [](int64_t value, auto run_end) {
                                return value < static_cast<int64_t>(run_end);
                              }) -
             begin;
    };
    switch (run_ends.type_id()) {
      case arrow::Type::INT16:
        return search(checked_cast<const arrow::Int16Array&>(run_ends).raw_values());
      case arrow::Type::INT32:
        return search(checked_cast<const arrow::Int32Array&>(run_ends).raw_values());
      default:
        return search(checked_cast<const arrow::Int64Array&>(run_ends).raw_values());
    }
  }

  WriterPtr values_;
};

template <typename ArrowType>
WriterPtr MakeIntegerWriter(const std::shared_ptr<arrow::Array>& array) {
  using ArrayType = typename arrow::TypeTraits<ArrowType>::ArrayType;
  return MakeSimpleWriter<ArrayType>(
      array, [](const ArrayType& values, int64_t i, std::string* out) {
        AppendInteger(values.Value(i), out);
      });
}

template <typename ArrayType>
WriterPtr MakeStringWriter(const std::shared_ptr<arrow::Array>& array) {
  return MakeSimpleWriter<ArrayType>(
      array, [](const ArrayType& values, int64_t i, std::string* out) {
        out->append(values.GetView(i));
      });
}

template <typename ArrayType>
WriterPtr MakeHexWriter(const std::shared_ptr<arrow::Array>& array) {
  return MakeSimpleWriter<ArrayType>(
      array, [](const ArrayType& values, int64_t i, std::string* out) {
        AppendHex(values.GetView(i), out);
      });
}

arrow::Status NotSupported(const arrow::DataType& type) {
  return arrow::Status::NotImplemented("Not yet implemented: formatting ", FormatDataType(type),
                                       " is not yet supported");
}

arrow::Result<std::vector<WriterPtr>> MakeChildWriters(const arrow::ArrayVector& children) {
  std::vector<WriterPtr> writers;
  for (const auto& child : children) {
    ARROW_ASSIGN_OR_RAISE(auto writer, MakeWriter(child));
    writers.push_back(std::move(writer));
  }
  return writers;
}

arrow::Result<WriterPtr> MakeWriter(const std::shared_ptr<arrow::Array>& array) {
  const auto& type = *array->type();
  switch (type.id()) {
    case arrow::Type::NA:
      return std::make_shared<NullTypeWriter>(array);
    case arrow::Type::BOOL:
      return MakeSimpleWriter<arrow::BooleanArray>(
          array, [](const arrow::BooleanArray& values, int64_t i, std::string* out) {
            out->append(values.Value(i) ? "true" : "false");
          });
    case arrow::Type::INT8:
      return MakeIntegerWriter<arrow::Int8Type>(array);
    case arrow::Type::INT16:
      return MakeIntegerWriter<arrow::Int16Type>(array);
    case arrow::Type::INT32:
      return MakeIntegerWriter<arrow::Int32Type>(array);
    case arrow::Type::INT64:
      return MakeIntegerWriter<arrow::Int64Type>(array);
    case arrow::Type::UINT8:
      return MakeIntegerWriter<arrow::UInt8Type>(array);
    case arrow::Type::UINT16:
      return MakeIntegerWriter<arrow::UInt16Type>(array);
    case arrow::Type::UINT32:
      return MakeIntegerWriter<arrow::UInt32Type>(array);
    case arrow::Type::UINT64:
      return MakeIntegerWriter<arrow::UInt64Type>(array);
    case arrow::Type::HALF_FLOAT:
      return MakeSimpleWriter<arrow::HalfFloatArray>(
          array, [](const arrow::HalfFloatArray& values, int64_t i, std::string* out) {
            AppendHalfFloat(values.Value(i), out);
          });
    case arrow::Type::FLOAT:
      return MakeSimpleWriter<arrow::FloatArray>(
          array, [](const arrow::FloatArray& values, int64_t i, std::string* out) {
            AppendRyuFloat(values.Value(i), out);
          });
    case arrow::Type::DOUBLE:
      return MakeSimpleWriter<arrow::DoubleArray>(
          array, [](const arrow::DoubleArray& values, int64_t i, std::string* out) {
            AppendRyuFloat(values.Value(i), out);
          });
    case arrow::Type::DECIMAL32:
      return std::make_shared<DecimalWriter<arrow::Decimal32Array>>(array);
    case arrow::Type::DECIMAL64:
      return std::make_shared<DecimalWriter<arrow::Decimal64Array>>(array);
    case arrow::Type::DECIMAL128:
      return std::make_shared<DecimalWriter<arrow::Decimal128Array>>(array);
    case arrow::Type::DECIMAL256:
      return std::make_shared<DecimalWriter<arrow::Decimal256Array>>(array);
    case arrow::Type::STRING:
      return MakeStringWriter<arrow::StringArray>(array);
    case arrow::Type::LARGE_STRING:
      return MakeStringWriter<arrow::LargeStringArray>(array);
    case arrow::Type::STRING_VIEW:
      return MakeStringWriter<arrow::StringViewArray>(array);
    case arrow::Type::BINARY:
      return MakeHexWriter<arrow::BinaryArray>(array);
    case arrow::Type::LARGE_BINARY:
      return MakeHexWriter<arrow::LargeBinaryArray>(array);
    case arrow::Type::BINARY_VIEW:
      return MakeHexWriter<arrow::BinaryViewArray>(array);
    case arrow::Type::FIXED_SIZE_BINARY:
      return MakeHexWriter<arrow::FixedSizeBinaryArray>(array);
    case arrow::Type::DATE32:
      return std::make_shared<DateWriter>(array);
    case arrow::Type::DATE64:
      return std::make_shared<DateTimeWriter>(array, arrow::TimeUnit::MILLI, std::nullopt,
                                              "temporal");
    case arrow::Type::TIMESTAMP: {
      const auto& timestamp = checked_cast<const arrow::TimestampType&>(type);
      std::optional<TimeZone> zone;
      if (!timestamp.timezone().empty()) {
        ARROW_ASSIGN_OR_RAISE(zone, TimeZone::Parse(timestamp.timezone()));
      }
      return std::make_shared<DateTimeWriter>(array, timestamp.unit(), std::move(zone),
                                              "datetime");
    }
    case arrow::Type::TIME32:
    case arrow::Type::TIME64:
      return std::make_shared<TimeOfDayWriter>(
          array, checked_cast<const arrow::TimeType&>(type).unit());
    case arrow::Type::DURATION:
      return std::make_shared<DurationWriter>(
          array, checked_cast<const arrow::DurationType&>(type).unit());
    case arrow::Type::INTERVAL_MONTHS:
      return MakeSimpleWriter<arrow::MonthIntervalArray>(
          array, [](const arrow::MonthIntervalArray& values, int64_t i, std::string* out) {
            // arrow-rs computes in f64: whole years, then the remaining months.
            const int64_t months = values.Value(i);
            const int64_t years = FloorDiv(months, 12);
            out->append(std::to_string(years)).append(" years ");
            out->append(std::to_string(months - years * 12)).append(" mons");
          });
    case arrow::Type::INTERVAL_DAY_TIME:
      return MakeSimpleWriter<arrow::DayTimeIntervalArray>(
          array, [](const arrow::DayTimeIntervalArray& values, int64_t i, std::string* out) {
            const auto value = values.GetValue(i);
            std::string_view prefix;
            if (value.days != 0) {
              out->append(std::to_string(value.days)).append(" days");
              prefix = " ";
            }
            if (value.milliseconds != 0) {
              AppendIntervalTime(value.milliseconds, 1000, 3, prefix, out);
            }
          });
    case arrow::Type::INTERVAL_MONTH_DAY_NANO:
      return MakeSimpleWriter<arrow::MonthDayNanoIntervalArray>(
          array, [](const arrow::MonthDayNanoIntervalArray& values, int64_t i, std::string* out) {
            const auto value = values.GetValue(i);
            std::string_view prefix;
            if (value.months != 0) {
              out->append(std::to_string(value.months)).append(" mons");
              prefix = " ";
            }
            if (value.days != 0) {
              out->append(prefix).append(std::to_string(value.days)).append(" days");
              prefix = " ";
            }
            if (value.nanoseconds != 0) {
              AppendIntervalTime(value.nanoseconds, kNanosPerSecond, 9, prefix, out);
            }
          });
    case arrow::Type::LIST: {
      ARROW_ASSIGN_OR_RAISE(auto values,
                            MakeWriter(checked_cast<const arrow::ListArray&>(*array).values()));
      return std::make_shared<ListWriter<arrow::ListArray>>(array, std::move(values));
    }
    case arrow::Type::LARGE_LIST: {
      ARROW_ASSIGN_OR_RAISE(
          auto values, MakeWriter(checked_cast<const arrow::LargeListArray&>(*array).values()));
      return std::make_shared<ListWriter<arrow::LargeListArray>>(array, std::move(values));
    }
    case arrow::Type::FIXED_SIZE_LIST: {
      ARROW_ASSIGN_OR_RAISE(
          auto values, MakeWriter(checked_cast<const arrow::FixedSizeListArray&>(*array).values()));
      return std::make_shared<ListWriter<arrow::FixedSizeListArray>>(array, std::move(values));
    }
    case arrow::Type::MAP: {
      const auto& map = checked_cast<const arrow::MapArray&>(*array);
      ARROW_ASSIGN_OR_RAISE(auto keys, MakeWriter(map.keys()));
      ARROW_ASSIGN_OR_RAISE(auto items, MakeWriter(map.items()));
      return std::make_shared<MapWriter>(array, std::move(keys), std::move(items));
    }
    case arrow::Type::STRUCT: {
      const auto& struct_array = checked_cast<const arrow::StructArray&>(*array);
      ARROW_ASSIGN_OR_RAISE(auto fields, MakeChildWriters(struct_array.fields()));
      return std::make_shared<StructWriter>(array, std::move(fields));
    }
    case arrow::Type::SPARSE_UNION:
    case arrow::Type::DENSE_UNION: {
      const auto& union_array = checked_cast<const arrow::UnionArray&>(*array);
      arrow::ArrayVector children;
      for (int i = 0; i < union_array.num_fields(); ++i) children.push_back(union_array.field(i));
      ARROW_ASSIGN_OR_RAISE(auto writers, MakeChildWriters(children));
      return std::make_shared<UnionWriter>(array, std::move(writers));
    }
    case arrow::Type::DICTIONARY: {
      ARROW_ASSIGN_OR_RAISE(
          auto dictionary,
          MakeWriter(checked_cast<const arrow::DictionaryArray&>(*array).dictionary()));
      return std::make_shared<DictionaryWriter>(array, std::move(dictionary));
    }
    case arrow::Type::RUN_END_ENCODED: {
      ARROW_ASSIGN_OR_RAISE(
          auto values, MakeWriter(checked_cast<const arrow::RunEndEncodedArray&>(*array).values()));
      return std::make_shared<RunEndEncodedWriter>(array, std::move(values));
    }
    case arrow::Type::EXTENSION:
      return MakeWriter(checked_cast<const arrow::ExtensionArray&>(*array).storage());
    default:
      return NotSupported(type);
  }
}

}  // namespace

std::string FormatDataType(const arrow::DataType& type) {
  switch (type.id()) {
    case arrow::Type::NA:
      return "Null";
    case arrow::Type::BOOL:
      return "Boolean";
    case arrow::Type::INT8:
      return "Int8";
    case arrow::Type::INT16:
      return "Int16";
    case arrow::Type::INT32:
      return "Int32";
    case arrow::Type::INT64:
      return "Int64";
    case arrow::Type::UINT8:
      return "UInt8";
    case arrow::Type::UINT16:
      return "UInt16";
    case arrow::Type::UINT32:
      return "UInt32";
    case arrow::Type::UINT64:
      return "UInt64";
    case arrow::Type::HALF_FLOAT:
      return "Float16";
    case arrow::Type::FLOAT:
      return "Float32";
    case arrow::Type::DOUBLE:
      return "Float64";
    case arrow::Type::STRING:
      return "Utf8";
    case arrow::Type::LARGE_STRING:
      return "LargeUtf8";
    case arrow::Type::STRING_VIEW:
      return "Utf8View";
    case arrow::Type::BINARY:
      return "Binary";
    case arrow::Type::LARGE_BINARY:
      return "LargeBinary";
    case arrow::Type::BINARY_VIEW:
      return "BinaryView";
    case arrow::Type::FIXED_SIZE_BINARY:
      return "FixedSizeBinary(" +
             std::to_string(checked_cast<const arrow::FixedSizeBinaryType&>(type).byte_width()) +
             ")";
    case arrow::Type::DATE32:
      return "Date32";
    case arrow::Type::DATE64:
      return "Date64";
    case arrow::Type::TIMESTAMP: {
      const auto& timestamp = checked_cast<const arrow::TimestampType&>(type);
      std::string out = "Timestamp(" + std::string(TimeUnitName(timestamp.unit()));
      if (!timestamp.timezone().empty()) out += ", " + RustDebugString(timestamp.timezone());
      return out + ")";
    }
    case arrow::Type::TIME32:
      return "Time32(" +
             std::string(TimeUnitName(checked_cast<const arrow::TimeType&>(type).unit())) + ")";
    case arrow::Type::TIME64:
      return "Time64(" +
             std::string(TimeUnitName(checked_cast<const arrow::TimeType&>(type).unit())) + ")";
    case arrow::Type::DURATION:
      return "Duration(" +
             std::string(TimeUnitName(checked_cast<const arrow::DurationType&>(type).unit())) +
             ")";
    case arrow::Type::INTERVAL_MONTHS:
      return "Interval(YearMonth)";
    case arrow::Type::INTERVAL_DAY_TIME:
      return "Interval(DayTime)";
    case arrow::Type::INTERVAL_MONTH_DAY_NANO:
      return "Interval(MonthDayNano)";
    case arrow::Type::DECIMAL32:
      return FormatDecimalType("Decimal32", type);
    case arrow::Type::DECIMAL64:
      return FormatDecimalType("Decimal64", type);
    case arrow::Type::DECIMAL128:
      return FormatDecimalType("Decimal128", type);
    case arrow::Type::DECIMAL256:
      return FormatDecimalType("Decimal256", type);
    case arrow::Type::LIST:
      return "List(" + FormatItemField(*type.field(0)) + ")";
    case arrow::Type::LARGE_LIST:
      return "LargeList(" + FormatItemField(*type.field(0)) + ")";
    case arrow::Type::LIST_VIEW:
      return "ListView(" + FormatItemField(*type.field(0)) + ")";
    case arrow::Type::LARGE_LIST_VIEW:
      return "LargeListView(" + FormatItemField(*type.field(0)) + ")";
    case arrow::Type::FIXED_SIZE_LIST:
      return "FixedSizeList(" +
             std::to_string(checked_cast<const arrow::FixedSizeListType&>(type).list_size()) +
             " x " + FormatItemField(*type.field(0)) + ")";
    case arrow::Type::STRUCT: {
      std::string out = "Struct(";
      for (int i = 0; i < type.num_fields(); ++i) {
        if (i > 0) out += ", ";
        out += FormatNamedField(*type.field(i));
      }
      return out + ")";
    }
    case arrow::Type::SPARSE_UNION:
    case arrow::Type::DENSE_UNION: {
      const auto& union_type = checked_cast<const arrow::UnionType&>(type);
      std::string out =
          type.id() == arrow::Type::SPARSE_UNION ? "Union(Sparse" : "Union(Dense";
      for (int i = 0; i < type.num_fields(); ++i) {
        out += ", " + std::to_string(union_type.type_codes()[static_cast<size_t>(i)]) + ": (" +
               FormatNamedField(*type.field(i)) + ")";
      }
      return out + ")";
    }
    case arrow::Type::DICTIONARY: {
      const auto& dictionary = checked_cast<const arrow::DictionaryType&>(type);
      return "Dictionary(" + FormatDataType(*dictionary.index_type()) + ", " +
             FormatDataType(*dictionary.value_type()) + ")";
    }
    case arrow::Type::MAP: {
      const auto& map = checked_cast<const arrow::MapType&>(type);
      return "Map(" + FormatNamedField(*map.field(0)) + ", " +
             (map.keys_sorted() ? "sorted" : "unsorted") + ")";
    }
    case arrow::Type::RUN_END_ENCODED:
      return "RunEndEncoded(" + FormatNamedField(*type.field(0)) + ", " +
             FormatNamedField(*type.field(1)) + ")";
    case arrow::Type::EXTENSION:
      return FormatDataType(*checked_cast<const arrow::ExtensionType&>(type).storage_type());
    default:
      return type.ToString();
  }
}

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

arrow::Result<ArrayValueFormatter> ArrayValueFormatter::Make(
    const std::shared_ptr<arrow::Array>& array) {
  ARROW_ASSIGN_OR_RAISE(auto writer, MakeWriter(array));
  return ArrayValueFormatter(std::move(writer));
}

std::string ArrayValueFormatter::Format(int64_t index) const {
  std::string out;
  writer_->Write(index, &out);
  return out;
}

}  // namespace rrflow::internal
