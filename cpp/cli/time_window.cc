#include "time_window.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <optional>

namespace rrflow::cli {
namespace {

arrow::Status Invalid(std::string_view text, std::string_view why) {
  return arrow::Status::Invalid("--time ", text, ": ", why);
}

std::optional<int64_t> Integer(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// `1.5s`, `250ms`, `20us`, `7ns`, `5min`, `2h` as nanoseconds.
std::optional<int64_t> Duration(std::string_view text) {
  static constexpr std::pair<std::string_view, double> kUnits[] = {
      {"ns", 1.0}, {"us", 1e3}, {"ms", 1e6}, {"min", 60e9}, {"s", 1e9}, {"h", 3600e9}};
  for (const auto& [unit, nanoseconds] : kUnits) {
    if (text.size() <= unit.size() || !text.ends_with(unit)) continue;
    const std::string number(text.substr(0, text.size() - unit.size()));
    size_t used = 0;
    double value = 0;
    try {
      value = std::stod(number, &used);
    } catch (const std::exception&) {
      return std::nullopt;
    }
    if (used != number.size() || !std::isfinite(value)) return std::nullopt;
    const double total = std::round(value * nanoseconds);
    if (std::fabs(total) >= 9.2e18) return std::nullopt;
    return static_cast<int64_t>(total);
  }
  return std::nullopt;
}

// Reads `width` digits at `pos` of `text`.
std::optional<int> Digits(std::string_view text, size_t pos, size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// `YYYY-MM-DD[THH:MM[:SS[.fraction]]][Z]`, UTC, as nanoseconds since the epoch.
std::optional<int64_t> DateTime(std::string_view text) {
  if (!text.empty() && text.back() == 'Z') text.remove_suffix(1);
  const auto year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  int64_t nanoseconds = 0;
  if (text.size() > 10) {
    if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
    const auto hour = Digits(text, 11, 2), minute = Digits(text, 14, 2);
    if (!hour || !minute || text.size() < 16 || text[13] != ':' || *hour > 23 || *minute > 59) return std::nullopt;
    nanoseconds = (*hour * 3600LL + *minute * 60LL) * 1'000'000'000LL;
    if (text.size() > 16) {
      const auto second = Digits(text, 17, 2);
      if (text[16] != ':' || !second || *second > 59) return std::nullopt;
      nanoseconds += *second * 1'000'000'000LL;
      if (text.size() > 19) {
        if (text[19] != '.' || text.size() == 20 || text.size() > 29) return std::nullopt;
        int64_t fraction = 0;
        int64_t scale = 100'000'000;
        for (size_t i = 20; i < text.size(); ++i, scale /= 10) {
          if (text[i] < '0' || text[i] > '9') return std::nullopt;
          fraction += (text[i] - '0') * scale;
        }
        nanoseconds += fraction;
      }
    }
  }
  const auto days = std::chrono::sys_days(date).time_since_epoch().count();
  return days * 86'400'000'000'000LL + nanoseconds;
}

std::optional<int64_t> Bound(std::string_view text) {
  if (auto value = Integer(text)) return value;
  if (auto value = Duration(text)) return value;
  return DateTime(text);
}

}  // namespace

arrow::Result<TimeWindow> ParseTimeWindow(std::string_view text) {
  const size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    return Invalid(text, "expected TIMELINE=START..END, e.g. frame=100..200");
  }
  TimeWindow window;
  window.timeline = std::string(text.substr(0, equals));
  const std::string_view range = text.substr(equals + 1);
  const size_t dots = range.find("..");
  if (dots == std::string_view::npos) return Invalid(text, "expected START..END after '='");
  const std::string_view start = range.substr(0, dots), end = range.substr(dots + 2);
  if (!start.empty()) {
    const auto value = Bound(start);
    if (!value) return Invalid(text, "cannot read the start '" + std::string(start) + "'");
    window.start = *value;
  }
  if (end.starts_with('+')) {
    const auto length = Duration(end.substr(1));
    if (start.empty() || !length) return Invalid(text, "'+' needs a start and a duration, e.g. ..+30s");
    if (__builtin_add_overflow(window.start, *length, &window.end)) return Invalid(text, "the end is out of range");
  } else if (!end.empty()) {
    const auto value = Bound(end);
    if (!value) return Invalid(text, "cannot read the end '" + std::string(end) + "'");
    window.end = *value;
  }
  if (window.start > window.end) return Invalid(text, "the start is after the end");
  return window;
}

}  // namespace rrflow::cli
