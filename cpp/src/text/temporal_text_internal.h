// Dates, times, durations and intervals as arrow-rs prints them (through the
// `chrono` crate for dates and durations).
#pragma once

#include <cstdint>
#include <string>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

namespace arrow_vendored::date {
class time_zone;
}  // namespace arrow_vendored::date

namespace rrflow::internal {

/// The time zone of a Timestamp type: a fixed offset (`+05:30`, `-0330`,
/// `+05`) or an IANA name.
class TimeZone {
 public:
  /// Fails with arrow-rs's message for a name it does not know
  /// (`Parser error: Invalid timezone "Mars/Olympus": failed to parse timezone`).
  static arrow::Result<TimeZone> Parse(const std::string& name);

  /// The offset from UTC in seconds at the given instant.
  int64_t OffsetAt(int64_t epoch_second) const;

 private:
  TimeZone(int64_t fixed_offset, const arrow_vendored::date::time_zone* zone)
      : fixed_offset_(fixed_offset), zone_(zone) {}

  int64_t fixed_offset_;
  const arrow_vendored::date::time_zone* zone_;
};

/// Days since 1970 as `YYYY-MM-DD`; years outside 0..=9999 carry a sign
/// (`+10000`, `-0001`). False, with nothing written, outside chrono's range.
bool AppendDate(int64_t epoch_day, std::string* out);

/// `value` units since 1970 as `1970-01-01T00:00:01.500`: the fraction in
/// groups of three digits, only as long as needed. With a zone, the local time
/// and its RFC 3339 offset (`Z` for UTC, else `+HH:MM`). False, with nothing
/// written, outside chrono's range.
bool AppendDateTime(int64_t value, arrow::TimeUnit::type unit, const TimeZone* zone,
                    std::string* out);

/// `value` units since midnight as `HH:MM:SS` and a fraction as for
/// AppendDateTime. False, with nothing written, when not within one day.
bool AppendTimeOfDay(int64_t value, arrow::TimeUnit::type unit, std::string* out);

/// chrono's ISO 8601 duration: `PT1.5S`, `-PT0.001S`, `P0D` for zero, and
/// `<invalid>` beyond what chrono's TimeDelta holds.
void AppendDuration(int64_t value, arrow::TimeUnit::type unit, std::string* out);

/// `1 years 2 mons`.
void AppendYearMonthInterval(int64_t months, std::string* out);

/// The non-zero parts of an interval: `2 days 1 hours 1 mins 1.500 secs`.
void AppendDayTimeInterval(int64_t days, int64_t milliseconds, std::string* out);

/// The non-zero parts of an interval: `1 mons 2 days 0.000000003 secs`.
void AppendMonthDayNanoInterval(int64_t months, int64_t days, int64_t nanoseconds,
                                std::string* out);

}  // namespace rrflow::internal
