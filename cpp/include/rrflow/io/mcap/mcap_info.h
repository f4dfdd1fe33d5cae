// McapInfo: what an MCAP file holds, read from its summary, in the spirit
// of the `mcap info` tool.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rrflow {

/// The smallest and largest message log time of a file, in nanoseconds,
/// both inclusive.
struct McapTimeBounds {
  uint64_t start_ns = 0;
  uint64_t end_ns = 0;
};

/// A schema of the file.
struct McapSchemaInfo {
  uint16_t id = 0;
  std::string name;
  /// `protobuf`, `ros2msg`, `jsonschema`, ...
  std::string encoding;
  /// Size of the schema's data.
  int64_t data_bytes = 0;
};

/// A channel of the file.
struct McapChannelInfo {
  uint16_t id = 0;
  std::string topic;
  std::string message_encoding;
  /// 0 for a channel without schema.
  uint16_t schema_id = 0;
  /// The schema's name; empty without schema.
  std::string schema_name;
  uint64_t message_count = 0;
};

/// The chunks that share one compression.
struct McapCompressionInfo {
  /// `zstd`, `lz4`, or empty for chunks stored uncompressed.
  std::string compression;
  int64_t chunk_count = 0;
  uint64_t compressed_bytes = 0;
  uint64_t uncompressed_bytes = 0;
};

/// What an MCAP file holds, from its summary (or the one rebuilt by a
/// recovering read).
struct McapInfo {
  std::string path;
  int64_t file_bytes = 0;
  /// From the Header record.
  std::string profile;
  std::string library;
  uint64_t message_count = 0;
  /// Message log times, as McapReader::TimeBounds gives them; none when the
  /// file has no messages.
  std::optional<McapTimeBounds> time_bounds;
  /// In id order.
  std::vector<McapSchemaInfo> schemas;
  /// In id order. Message counts come from the Statistics record, or else
  /// from the chunks' message indexes.
  std::vector<McapChannelInfo> channels;
  int64_t chunk_count = 0;
  /// Sums over the chunks (compressed record bytes, decompressed bytes).
  uint64_t compressed_bytes = 0;
  uint64_t uncompressed_bytes = 0;
  /// One entry per compression the chunks use, sorted by name.
  std::vector<McapCompressionInfo> compressions;
  int64_t attachment_count = 0;
  int64_t metadata_count = 0;
  /// Whether the summary was rebuilt from the data section (recovery).
  bool recovered = false;
  /// With `recovered`: what the rebuilt summary misses, one line each.
  std::vector<std::string> recovery_losses;
};

}  // namespace rrflow
