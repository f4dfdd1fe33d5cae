// The records of the MCAP container: one plain struct per record type, the
// framing (opcode, u64 length, body) and a parse function per record body.
// Every length read from a body is checked against what remains of it;
// fields a newer writer appends to a body are skipped.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <arrow/buffer.h>
#include <arrow/result.h>

namespace rrflow::internal::mcap {

/// The 8 bytes at the start and at the end of every MCAP file.
inline constexpr uint8_t kMagic[8] = {0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};
inline constexpr int64_t kMagicSize = 8;
/// Opcode (u8) and body length (u64) in front of every record body.
inline constexpr int64_t kRecordPrefixSize = 9;
inline constexpr int64_t kFooterBodySize = 20;

enum class Opcode : uint8_t {
  kHeader = 0x01,
  kFooter = 0x02,
  kSchema = 0x03,
  kChannel = 0x04,
  kMessage = 0x05,
  kChunk = 0x06,
  kMessageIndex = 0x07,
  kChunkIndex = 0x08,
  kAttachment = 0x09,
  kAttachmentIndex = 0x0A,
  kStatistics = 0x0B,
  kMetadata = 0x0C,
  kMetadataIndex = 0x0D,
  kSummaryOffset = 0x0E,
  kDataEnd = 0x0F,
};

/// "Schema", "Chunk", ...; "opcode 0x42" for an opcode the spec does not define.
std::string OpcodeName(uint8_t opcode);

/// Where a record was found, for errors.
struct RecordPlace {
  /// The file the record comes from, as errors name it.
  std::string_view source;
  /// The record's opcode byte: a file offset, or one into the decompressed
  /// records of the chunk at `chunk_offset`.
  int64_t offset = 0;
  /// The file offset of the Chunk record that holds the record; -1 for a
  /// record at the top level of the file.
  int64_t chunk_offset = -1;
};

/// `<source>: <what...> at byte <offset>` (with ` of the chunk at byte N`
/// for a record inside a chunk), as Status::Invalid.
template <typename... Args>
arrow::Status McapError(const RecordPlace& place, Args&&... what) {
  if (place.chunk_offset < 0) {
    return arrow::Status::Invalid(place.source, ": ", std::forward<Args>(what)..., " at byte ",
                                  place.offset);
  }
  return arrow::Status::Invalid(place.source, ": ", std::forward<Args>(what)..., " at byte ",
                                place.offset, " of the chunk at byte ", place.chunk_offset);
}

/// One framed record: its opcode, where it starts and its body (a slice of
/// the buffer it was read from).
struct Record {
  uint8_t opcode = 0;
  /// The opcode byte's offset (see RecordPlace::offset).
  int64_t offset = 0;
  std::shared_ptr<arrow::Buffer> body;

  /// Prefix and body.
  int64_t size() const { return kRecordPrefixSize + body->size(); }
};

/// A framed record whose body is a view of the iterator's buffer, for
/// readers that copy what they keep (no buffer object per record).
struct RecordView {
  uint8_t opcode = 0;
  /// The opcode byte's offset (see RecordPlace::offset).
  int64_t offset = 0;
  /// Where the body starts in the iterator's buffer.
  int64_t body_position = 0;
  std::span<const uint8_t> body;
};

/// The records framed back to back in a buffer (a chunk's decompressed
/// records, a file's summary section).
class RecordIterator {
 public:
  /// `base_offset` is the offset of `data`'s first byte in the frame of
  /// reference that `chunk_offset` selects (see RecordPlace).
  RecordIterator(std::shared_ptr<arrow::Buffer> data, std::string_view source, int64_t base_offset,
                 int64_t chunk_offset = -1);

  /// The next record, or nullopt after the last. A record that does not fit
  /// in what remains is an error naming its offset.
  arrow::Result<std::optional<Record>> Next();
  /// Next() without the body's buffer slice; Slice() makes the Record.
  arrow::Result<std::optional<RecordView>> NextView();
  Record Slice(const RecordView& view) const;

 private:
  std::shared_ptr<arrow::Buffer> data_;
  std::string_view source_;
  int64_t base_offset_;
  int64_t chunk_offset_;
  int64_t position_ = 0;
};

using StringMap = std::map<std::string, std::string>;

struct Header {
  std::string profile;
  std::string library;
};

struct Footer {
  uint64_t summary_start = 0;
  uint64_t summary_offset_start = 0;
  uint32_t summary_crc = 0;
};

struct Schema {
  uint16_t id = 0;
  std::string name;
  std::string encoding;
  std::shared_ptr<arrow::Buffer> data;

  /// Same id, name, encoding and data bytes.
  bool SameAs(const Schema& other) const;
};

struct Channel {
  uint16_t id = 0;
  /// 0 for a channel without schema.
  uint16_t schema_id = 0;
  std::string topic;
  std::string message_encoding;
  StringMap metadata;

  bool SameAs(const Channel& other) const;
};

struct Message {
  uint16_t channel_id = 0;
  uint32_t sequence = 0;
  uint64_t log_time = 0;
  uint64_t publish_time = 0;
  /// A view of the bytes the message was parsed from (the record body, or
  /// for a chunk's messages ChunkContents::records): valid while they are.
  std::span<const uint8_t> data;
};

struct Chunk {
  uint64_t message_start_time = 0;
  uint64_t message_end_time = 0;
  uint64_t uncompressed_size = 0;
  /// CRC-32 of the decompressed records; 0 when the writer computed none.
  uint32_t uncompressed_crc = 0;
  std::string compression;
  /// The compressed records.
  std::shared_ptr<arrow::Buffer> records;
};

struct MessageIndex {
  uint16_t channel_id = 0;
  /// (log_time, offset of the Message record in the decompressed records).
  std::vector<std::pair<uint64_t, uint64_t>> records;
};

struct ChunkIndex {
  uint64_t message_start_time = 0;
  uint64_t message_end_time = 0;
  uint64_t chunk_start_offset = 0;
  /// The whole Chunk record, prefix included.
  uint64_t chunk_length = 0;
  /// Channel id → file offset of that channel's MessageIndex record.
  std::map<uint16_t, uint64_t> message_index_offsets;
  uint64_t message_index_length = 0;
  std::string compression;
  uint64_t compressed_size = 0;
  uint64_t uncompressed_size = 0;
};

struct Attachment {
  uint64_t log_time = 0;
  uint64_t create_time = 0;
  std::string name;
  std::string media_type;
  std::shared_ptr<arrow::Buffer> data;
  /// CRC-32 of the body bytes in front of it; 0 when not computed.
  uint32_t crc = 0;
  /// How many body bytes the CRC covers.
  int64_t crc_covered_size = 0;
};

struct AttachmentIndex {
  uint64_t offset = 0;
  uint64_t length = 0;
  uint64_t log_time = 0;
  uint64_t create_time = 0;
  uint64_t data_size = 0;
  std::string name;
  std::string media_type;
};

struct Statistics {
  uint64_t message_count = 0;
  uint16_t schema_count = 0;
  uint32_t channel_count = 0;
  uint32_t attachment_count = 0;
  uint32_t metadata_count = 0;
  uint32_t chunk_count = 0;
  uint64_t message_start_time = 0;
  uint64_t message_end_time = 0;
  std::map<uint16_t, uint64_t> channel_message_counts;
};

struct Metadata {
  std::string name;
  StringMap metadata;
};

struct MetadataIndex {
  uint64_t offset = 0;
  uint64_t length = 0;
  std::string name;
};

struct SummaryOffset {
  uint8_t group_opcode = 0;
  uint64_t group_start = 0;
  uint64_t group_length = 0;
};

struct DataEnd {
  uint32_t data_section_crc = 0;
};

// Parsers of record bodies. `body` is the record's body only; `place` names
// the record in errors. Byte fields (schema, message, chunk and attachment
// data) are zero-copy slices of `body`.
arrow::Result<Header> ParseHeader(const std::shared_ptr<arrow::Buffer>& body,
                                  const RecordPlace& place);
arrow::Result<Footer> ParseFooter(const std::shared_ptr<arrow::Buffer>& body,
                                  const RecordPlace& place);
/// Schema id 0 is reserved and an error.
arrow::Result<Schema> ParseSchema(const std::shared_ptr<arrow::Buffer>& body,
                                  const RecordPlace& place);
arrow::Result<Channel> ParseChannel(const std::shared_ptr<arrow::Buffer>& body,
                                    const RecordPlace& place);
arrow::Result<Message> ParseMessage(const std::shared_ptr<arrow::Buffer>& body,
                                    const RecordPlace& place);
/// ParseMessage of bytes that no buffer object holds.
arrow::Result<Message> ParseMessageView(std::span<const uint8_t> body, const RecordPlace& place);
arrow::Result<Chunk> ParseChunk(const std::shared_ptr<arrow::Buffer>& body,
                                const RecordPlace& place);
arrow::Result<MessageIndex> ParseMessageIndex(const std::shared_ptr<arrow::Buffer>& body,
                                              const RecordPlace& place);
arrow::Result<ChunkIndex> ParseChunkIndex(const std::shared_ptr<arrow::Buffer>& body,
                                          const RecordPlace& place);
arrow::Result<Attachment> ParseAttachment(const std::shared_ptr<arrow::Buffer>& body,
                                          const RecordPlace& place);
arrow::Result<AttachmentIndex> ParseAttachmentIndex(const std::shared_ptr<arrow::Buffer>& body,
                                                    const RecordPlace& place);
arrow::Result<Statistics> ParseStatistics(const std::shared_ptr<arrow::Buffer>& body,
                                          const RecordPlace& place);
arrow::Result<Metadata> ParseMetadata(const std::shared_ptr<arrow::Buffer>& body,
                                      const RecordPlace& place);
arrow::Result<MetadataIndex> ParseMetadataIndex(const std::shared_ptr<arrow::Buffer>& body,
                                                const RecordPlace& place);
arrow::Result<SummaryOffset> ParseSummaryOffset(const std::shared_ptr<arrow::Buffer>& body,
                                                const RecordPlace& place);
arrow::Result<DataEnd> ParseDataEnd(const std::shared_ptr<arrow::Buffer>& body,
                                    const RecordPlace& place);

/// Parses `record`'s body as `T`, after checking that its opcode is `T`'s.
template <typename T>
arrow::Result<T> ParseRecord(const Record& record, std::string_view source,
                             int64_t chunk_offset = -1);

/// The CRC-32 (IEEE 802.3, as zlib computes it) of `size` bytes.
uint32_t Crc32(const uint8_t* data, int64_t size);

}  // namespace rrflow::internal::mcap
