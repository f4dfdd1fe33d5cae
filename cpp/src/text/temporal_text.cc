// The rules below were read off the reference's output (arrow-rs 57.3 with
// chrono); see tests/cpp/text/array_value_formatter_test.cc for examples.
#include "text/temporal_text_internal.h"

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <limits>
#include <optional>
#include <string_view>

#include <arrow/vendored/datetime/tz.h>

#include "text/number_text_internal.h"

namespace rrflow::internal {
namespace {

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

bool InDateRange(int64_t epoch_day) { return epoch_day >= kMinEpochDay && epoch_day <= kMaxEpochDay; }

void AppendCivilDate(int64_t epoch_day, std::string* out) {
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
    AppendZeroPadded(year, 4, out);
  } else {
    out->push_back(year < 0 ? '-' : '+');
    AppendZeroPadded(year < 0 ? -year : year, 4, out);
  }
  out->push_back('-');
  AppendZeroPadded(month, 2, out);
  out->push_back('-');
  AppendZeroPadded(day, 2, out);
}

// `HH:MM:SS`, then the fraction in groups of three digits, only as long as needed.
void AppendClockTime(int64_t second_of_day, int64_t nanos, std::string* out) {
  AppendZeroPadded(second_of_day / 3600, 2, out);
  out->push_back(':');
  AppendZeroPadded(second_of_day / 60 % 60, 2, out);
  out->push_back(':');
  AppendZeroPadded(second_of_day % 60, 2, out);
  if (nanos == 0) return;
  out->push_back('.');
  if (nanos % 1000000 == 0) {
    AppendZeroPadded(nanos / 1000000, 3, out);
  } else if (nanos % 1000 == 0) {
    AppendZeroPadded(nanos / 1000, 6, out);
  } else {
    AppendZeroPadded(nanos, 9, out);
  }
}

void AppendCivilDateTime(int64_t epoch_second, int64_t nanos, std::string* out) {
  AppendCivilDate(FloorDiv(epoch_second, kSecondsPerDay), out);
  out->push_back('T');
  AppendClockTime(epoch_second - FloorDiv(epoch_second, kSecondsPerDay) * kSecondsPerDay, nanos,
                  out);
}

// RFC 3339 offset: `Z` for UTC, else `+HH:MM` rounded to the minute.
void AppendOffset(int64_t offset, std::string* out) {
  if (offset == 0) {
    out->push_back('Z');
    return;
  }
  out->push_back(offset < 0 ? '-' : '+');
  const int64_t minutes = (std::abs(offset) + 30) / 60;
  AppendZeroPadded(minutes / 60, 2, out);
  out->push_back(':');
  AppendZeroPadded(minutes % 60, 2, out);
}

// `+05:30`, `-0330` or `+05`, in seconds east of UTC.
std::optional<int64_t> ParseFixedOffset(std::string_view text) {
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
    AppendZeroPadded(std::abs(fraction), fraction_digits, out);
    out->append(" secs");
  }
}

// The non-zero parts of an interval, separated by spaces.
void AppendIntervalParts(int64_t months, int64_t days, int64_t sub_day_units,
                         int64_t units_per_second, int fraction_digits, std::string* out) {
  std::string_view prefix;
  if (months != 0) {
    out->append(std::to_string(months)).append(" mons");
    prefix = " ";
  }
  if (days != 0) {
    out->append(prefix).append(std::to_string(days)).append(" days");
    prefix = " ";
  }
  if (sub_day_units != 0) {
    AppendIntervalTime(sub_day_units, units_per_second, fraction_digits, prefix, out);
  }
}

}  // namespace

arrow::Result<TimeZone> TimeZone::Parse(const std::string& name) {
  if (auto offset = ParseFixedOffset(name)) return TimeZone(*offset, nullptr);
  // The vendored tz library reports unknown names by throwing.
  try {
    return TimeZone(0, arrow_vendored::date::locate_zone(name));
  } catch (const std::exception&) {
    return arrow::Status::Invalid("Parser error: Invalid timezone \"", name,
                                  "\": failed to parse timezone");
  }
}

int64_t TimeZone::OffsetAt(int64_t epoch_second) const {
  if (zone_ == nullptr) return fixed_offset_;
  const auto info =
      zone_->get_info(arrow_vendored::date::sys_seconds{std::chrono::seconds{epoch_second}});
  return info.offset.count();
}

bool AppendDate(int64_t epoch_day, std::string* out) {
  if (!InDateRange(epoch_day)) return false;
  AppendCivilDate(epoch_day, out);
  return true;
}

bool AppendDateTime(int64_t value, arrow::TimeUnit::type unit, const TimeZone* zone,
                    std::string* out) {
  const int64_t units_per_second = UnitsPerSecond(unit);
  const int64_t seconds = FloorDiv(value, units_per_second);
  const int64_t nanos = (value - seconds * units_per_second) * (kNanosPerSecond / units_per_second);
  if (!InDateRange(FloorDiv(seconds, kSecondsPerDay))) return false;
  if (zone == nullptr) {
    AppendCivilDateTime(seconds, nanos, out);
    return true;
  }
  const int64_t offset = zone->OffsetAt(seconds);
  AppendCivilDateTime(seconds + offset, nanos, out);
  AppendOffset(offset, out);
  return true;
}

bool AppendTimeOfDay(int64_t value, arrow::TimeUnit::type unit, std::string* out) {
  const int64_t units_per_second = UnitsPerSecond(unit);
  if (value < 0 || value / units_per_second >= kSecondsPerDay) return false;
  AppendClockTime(value / units_per_second,
                  value % units_per_second * (kNanosPerSecond / units_per_second), out);
  return true;
}

void AppendDuration(int64_t value, arrow::TimeUnit::type unit, std::string* out) {
  const auto units_per_second = static_cast<uint64_t>(UnitsPerSecond(unit));
  // chrono's TimeDelta holds at most i64::MAX milliseconds either way.
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  bool representable = true;
  if (unit == arrow::TimeUnit::SECOND) {
    representable = value >= -kMax / 1000 && value <= kMax / 1000;
  } else if (unit == arrow::TimeUnit::MILLI) {
    representable = value != std::numeric_limits<int64_t>::min();
  }
  if (!representable) {
    out->append("<invalid>");
    return;
  }
  const uint64_t magnitude =
      value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  const uint64_t seconds = magnitude / units_per_second;
  const uint64_t nanos = magnitude % units_per_second * (kNanosPerSecond / units_per_second);
  if (value < 0) out->push_back('-');
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

void AppendYearMonthInterval(int64_t months, std::string* out) {
  // arrow-rs computes in f64: whole years, then the remaining months.
  const int64_t years = FloorDiv(months, 12);
  out->append(std::to_string(years)).append(" years ");
  out->append(std::to_string(months - years * 12)).append(" mons");
}

void AppendDayTimeInterval(int64_t days, int64_t milliseconds, std::string* out) {
  AppendIntervalParts(0, days, milliseconds, 1000, 3, out);
}

void AppendMonthDayNanoInterval(int64_t months, int64_t days, int64_t nanoseconds,
                                std::string* out) {
  AppendIntervalParts(months, days, nanoseconds, kNanosPerSecond, 9, out);
}

}  // namespace rrflow::internal
