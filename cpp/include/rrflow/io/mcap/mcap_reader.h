// McapReader: an MCAP file as a stream of chunks.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>

#include "rrflow/core/timeline.h"
#include "rrflow/stream/stream_node.h"

namespace rrflow {

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
};

/// `timestamp` or `duration`, as the Python API and the CLI spell it.
arrow::Result<TimeType> McapTimelineType(std::string_view name);

/// Reads an MCAP file the way the reference importer does: file-scoped
/// decoders first (attachments, metadata, recording info, channel schemas,
/// statistics), then each message decoder over the file's chunks in summary
/// order, one output chunk per (decoder, channel, MCAP chunk). The file is
/// opened anew at every execution; problems with its contents end the
/// stream with an error (RuntimeError in Python) after every chunk made
/// before them, and recoverable damage (a bad attachment, an undecodable
/// message) goes to the execution's problem handler.
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

 private:
  McapReader(std::string path, McapReaderOptions options)
      : path_(std::move(path)), options_(std::move(options)) {}

  std::string path_;
  McapReaderOptions options_;
};

}  // namespace rrflow
