// McapReader: an MCAP file as a stream of chunks.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>

#include "rrflow/core/timeline.h"
#include "rrflow/io/mcap/mcap_info.h"
#include "rrflow/stream/problem.h"
#include "rrflow/stream/stream_node.h"

namespace rrflow {

/// What an import has read of its file, for a progress display. Updated
/// from the import's threads while it runs (an execution starts it from 0
/// once it has planned); read from any thread.
struct McapReadProgress {
  /// Bytes of chunk records handed to the message decoders so far.
  std::atomic<int64_t> bytes_read{0};
  /// Bytes of chunk records the import will read in all, known once it has
  /// planned (0 before). A chunk that two message decoders read counts twice.
  std::atomic<int64_t> bytes_planned{0};
};

/// How an MCAP file becomes chunks.
struct McapReaderOptions {
  /// The type of every timeline the reader makes (message log and publish
  /// times, message stamps): kTimestampNs or kDurationNs.
  TimeType timeline_type = TimeType::kTimestampNs;
  /// Added (saturating) to every timestamp timeline of the output; duration
  /// timelines and component values keep their values.
  std::optional<int64_t> timestamp_offset_ns;
  /// Decoder identifiers (McapReader::AvailableDecoders()); none means all.
  /// Repeated identifiers are allowed.
  std::optional<std::vector<std::string>> decoders;
  /// RE2 patterns searched for (not anchored) in each channel's topic: a
  /// channel is decoded when an include pattern matches (or there are none)
  /// and no exclude pattern does.
  std::vector<std::string> include_topic_regex;
  std::vector<std::string> exclude_topic_regex;
  /// The time window `[start_time_ns, end_time_ns)` on the messages' log
  /// times (before any offset): MCAP chunks entirely outside it are not
  /// read, messages outside it are dropped from the others. File-scoped
  /// decoders ignore it. A missing start is 0, a missing end is open;
  /// negative bounds and an empty window are errors.
  std::optional<int64_t> start_time_ns;
  std::optional<int64_t> end_time_ns;
  /// When the summary is missing or unreadable, rebuild it from the data
  /// section (see the reader's class comment) instead of failing.
  bool recover = false;
  /// When set, the import counts what it reads into it.
  std::shared_ptr<McapReadProgress> progress;
};

/// `timestamp` or `duration`, as the Python API and the CLI spell it.
arrow::Result<TimeType> McapTimelineType(std::string_view name);

/// Checks a time window as McapReaderOptions takes it: bounds not negative,
/// start before end.
arrow::Status CheckMcapTimeRange(std::optional<int64_t> start_time_ns,
                                 std::optional<int64_t> end_time_ns);

/// Whether `problem` is the warning a recovering read ends with when the
/// rebuilt summary misses something of the file (a cut chunk, a chunk
/// without message index, attachments, channels without definition).
bool IsMcapRecoveryLoss(const Problem& problem);

/// Reads an MCAP file the way the reference importer does: file-scoped
/// decoders first (attachments, metadata, recording info, channel schemas,
/// statistics), then each message decoder over the file's chunks in summary
/// order, one output chunk per (decoder, channel, MCAP chunk). The file is
/// opened anew at every execution; problems with its contents end the
/// stream with an error (RuntimeError in Python) after every chunk made
/// before them, and recoverable damage (a bad attachment, an undecodable
/// message) goes to the execution's problem handler.
///
/// With `recover`, a file whose summary or footer is missing or damaged (a
/// recording cut short) is read from its data section: every intact chunk
/// with a message index is delivered, then one warning says that the
/// summary was rebuilt and what was lost (IsMcapRecoveryLoss tells whether
/// anything was).
class McapReader {
 public:
  /// Checks the options (unknown decoder, bad regex) and that `path` exists
  /// (an error whose errno is ENOENT otherwise); reads nothing of the file.
  static arrow::Result<std::shared_ptr<const McapReader>> Open(std::string path,
                                                               McapReaderOptions options);

  /// Every decoder identifier, sorted.
  static const std::vector<std::string>& AvailableDecoders();

  const std::string& path() const { return path_; }
  const McapReaderOptions& options() const { return options_; }

  /// A source that reads the file at each execution.
  StreamNodePtr Stream() const;
  /// Stream() with the time window `[start_time_ns, end_time_ns)` instead of
  /// the options' one when either bound is given (a missing one is open);
  /// the options' checks apply to it.
  arrow::Result<StreamNodePtr> Stream(std::optional<int64_t> start_time_ns,
                                      std::optional<int64_t> end_time_ns) const;

  /// The smallest and largest message log time of the file (inclusive):
  /// from the Statistics record when it counts messages, otherwise from the
  /// chunk indexes. A file without messages is an error, and so is an
  /// unreadable summary (unless `recover`).
  arrow::Result<McapTimeBounds> TimeBounds() const;

  /// What the file holds (see McapInfo), whatever the decoder, topic and time
  /// options; an unreadable summary is an error unless `recover`.
  arrow::Result<McapInfo> Info() const;

 private:
  McapReader(std::string path, McapReaderOptions options)
      : path_(std::move(path)), options_(std::move(options)) {}

  std::string path_;
  McapReaderOptions options_;
};

}  // namespace rrflow
