// `--time TIMELINE=START..END`: a window on one timeline, from the command line.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <arrow/result.h>

namespace rrflow::cli {

/// Rows whose time on `timeline` lies in [start, end] (inclusive).
struct TimeWindow {
  std::string timeline;
  int64_t start = std::numeric_limits<int64_t>::min();
  int64_t end = std::numeric_limits<int64_t>::max();
};

/// Parses `TIMELINE=START..END`. Either bound may be left out (`frame=100..`).
/// A bound is an integer (a sequence number, or nanoseconds), a duration with
/// a unit (`1.5s`, `250ms`, `20us`, `7ns`, `5min`, `2h`), or a UTC date and
/// time (`2024-05-01T10:00`, `2024-05-01T10:00:30.25Z`, `2024-05-01`); the end
/// may be `+DURATION` after the start. Errors say what part is wrong.
arrow::Result<TimeWindow> ParseTimeWindow(std::string_view text);

}  // namespace rrflow::cli
