// A small MCAP writer for the tests: files with any mix of chunked or not,
// compression, message indexes, summary and statistics, and record bodies
// built field by field for the parser tests.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace rrflow::testing::mcap {

using Bytes = std::vector<uint8_t>;

/// Little-endian fields appended to a byte vector, as MCAP lays them out.
class ByteWriter {
 public:
  ByteWriter& U8(uint8_t value);
  ByteWriter& U16(uint16_t value);
  ByteWriter& U32(uint32_t value);
  ByteWriter& U64(uint64_t value);
  /// u32 length, then the bytes.
  ByteWriter& String(const std::string& value);
  ByteWriter& Raw(const Bytes& bytes);
  /// u32 byte length, then `pairs` as key and value strings.
  ByteWriter& StringMap(const std::map<std::string, std::string>& pairs);
  /// u32 byte length, then (u16 id, u64 value) pairs.
  ByteWriter& IdMap(const std::map<uint16_t, uint64_t>& pairs);

  const Bytes& bytes() const { return bytes_; }
  Bytes& bytes() { return bytes_; }

 private:
  Bytes bytes_;
};

/// Opcode, u64 body length, body.
Bytes Framed(uint8_t opcode, const Bytes& body);

struct WriterOptions {
  bool chunked = true;
  /// "", "lz4" or "zstd".
  std::string compression = "zstd";
  /// A chunk is closed once its records reach this many bytes.
  int64_t chunk_size = 1024;
  bool message_indexes = true;
  bool summary = true;
  bool statistics = true;
  /// Chunk and attachment CRCs (0 when off).
  bool crcs = true;
  /// Schema and Channel records repeated in the summary.
  bool repeat_definitions = true;
};

/// One Chunk record as written: where it is and what it holds.
struct WrittenChunk {
  int64_t offset = 0;
  int64_t length = 0;
  int64_t uncompressed_size = 0;
  int64_t messages = 0;
};

class TestMcapWriter {
 public:
  explicit TestMcapWriter(WriterOptions options = {});

  /// Ids start at 1, as the Python writer's.
  uint16_t AddSchema(const std::string& name, const std::string& encoding, const Bytes& data);
  uint16_t AddChannel(const std::string& topic, const std::string& message_encoding,
                      uint16_t schema_id, const std::map<std::string, std::string>& metadata = {});
  void AddMessage(uint16_t channel_id, uint64_t log_time, const Bytes& data,
                  uint64_t publish_time = 0, uint32_t sequence = 0);
  void AddAttachment(const std::string& name, const std::string& media_type, const Bytes& data,
                     uint64_t log_time = 0, uint64_t create_time = 0);
  void AddMetadata(const std::string& name, const std::map<std::string, std::string>& pairs);

  /// Closes the open chunk, writes DataEnd, the summary and the footer.
  Bytes Finish();

  const std::vector<WrittenChunk>& chunks() const { return chunks_; }
  /// Where the summary section starts (valid after Finish; 0 without one).
  int64_t summary_start() const { return summary_start_; }

 private:
  struct ChannelInfo {
    uint16_t schema_id = 0;
    Bytes record;
  };
  void CloseChunk();
  void WriteToData(const Bytes& record);

  WriterOptions options_;
  Bytes file_;
  std::map<uint16_t, Bytes> schema_records_;
  std::map<uint16_t, ChannelInfo> channels_;
  // The open chunk: its records, the channels already defined in it and
  // each channel's (log time, offset) entries.
  Bytes chunk_records_;
  std::map<uint16_t, bool> defined_in_chunk_;
  std::map<uint16_t, std::vector<std::pair<uint64_t, uint64_t>>> chunk_index_entries_;
  uint64_t chunk_start_time_ = 0;
  uint64_t chunk_end_time_ = 0;
  int64_t chunk_messages_ = 0;
  std::vector<WrittenChunk> chunks_;
  std::vector<Bytes> chunk_index_records_;
  std::vector<Bytes> attachment_index_records_;
  std::vector<Bytes> metadata_index_records_;
  std::map<uint16_t, uint64_t> message_counts_;
  uint64_t message_count_ = 0;
  uint64_t first_time_ = UINT64_MAX;
  uint64_t last_time_ = 0;
  uint32_t attachment_count_ = 0;
  uint32_t metadata_count_ = 0;
  int64_t summary_start_ = 0;
};

}  // namespace rrflow::testing::mcap
