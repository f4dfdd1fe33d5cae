#include "io/mcap/mcap_records_internal.h"

#include <array>
#include <span>

#include <arrow/util/crc32.h>
#include <arrow/util/logging.h>
#include <arrow/util/utf8.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace rrflow::internal::mcap {
namespace {

bool ValidUtf8(std::string_view text) {
  static const bool initialized = (arrow::util::InitializeUTF8(), true);
  (void)initialized;
  return arrow::util::ValidateUTF8(text);
}

template <typename T>
T LoadLittleEndian(const uint8_t* bytes) {
  T value = 0;
  for (size_t i = 0; i < sizeof(T); ++i) {
    value |= static_cast<T>(static_cast<T>(bytes[i]) << (8 * i));
  }
  return value;
}

// Reads the fields of one record body front to back; every read checks that
// the field fits in what remains, and names the record and field if not.
class BodyReader {
 public:
  BodyReader(const std::shared_ptr<arrow::Buffer>& body, const RecordPlace& place,
             const char* record_type)
      : bytes_(body->data(), static_cast<size_t>(body->size())),
        body_(&body),
        place_(place),
        record_type_(record_type),
        end_(body->size()) {}
  /// A reader of bytes it does not own, for parsers that keep no slices of them.
  BodyReader(std::span<const uint8_t> bytes, const RecordPlace& place, const char* record_type)
      : bytes_(bytes),
        place_(place),
        record_type_(record_type),
        end_(static_cast<int64_t>(bytes.size())) {}

  template <typename T>
  arrow::Result<T> Int(const char* field) {
    ARROW_RETURN_NOT_OK(Need(static_cast<int64_t>(sizeof(T)), field));
    const T value = LoadLittleEndian<T>(bytes_.data() + position_);
    position_ += static_cast<int64_t>(sizeof(T));
    return value;
  }

  /// The spec's strings are UTF-8; other bytes would reach Arrow Utf8
  /// columns and entity paths, so they are an error here, as in the reference.
  arrow::Result<std::string> String(const char* field) {
    ARROW_ASSIGN_OR_RAISE(const uint32_t length, Int<uint32_t>(field));
    ARROW_RETURN_NOT_OK(Need(length, field));
    std::string value(reinterpret_cast<const char*>(bytes_.data() + position_), length);
    if (!ValidUtf8(value)) {
      return Error("field ", field, " is not valid UTF-8 at body byte ", position_);
    }
    position_ += length;
    return value;
  }

  /// Bytes with a length prefix of type `Length`, as a slice of the body.
  template <typename Length>
  arrow::Result<std::shared_ptr<arrow::Buffer>> PrefixedBytes(const char* field) {
    ARROW_ASSIGN_OR_RAISE(const Length length, Int<Length>(field));
    return Bytes(length, field);
  }

  /// Everything up to the end of the body (or of the enclosing field).
  std::span<const uint8_t> Rest() {
    const auto rest = bytes_.subspan(static_cast<size_t>(position_),
                                     static_cast<size_t>(end_ - position_));
    position_ = end_;
    return rest;
  }

  /// Reads the u32 byte length of an array or map and limits the reader to
  /// its bytes; EndGroup() then returns to the rest of the body.
  arrow::Status BeginGroup(const char* field) {
    ARROW_ASSIGN_OR_RAISE(const uint32_t length, Int<uint32_t>(field));
    ARROW_RETURN_NOT_OK(Need(length, field));
    outer_end_ = end_;
    end_ = position_ + length;
    return arrow::Status::OK();
  }
  bool InGroup() const { return position_ < end_; }
  arrow::Status EndGroup(const char* field) {
    if (position_ != end_) return Error("field ", field, " ends inside an element");
    end_ = outer_end_;
    return arrow::Status::OK();
  }

  arrow::Result<StringMap> StringPairs(const char* field) {
    ARROW_RETURN_NOT_OK(BeginGroup(field));
    StringMap map;
    while (InGroup()) {
      ARROW_ASSIGN_OR_RAISE(auto key, String(field));
      ARROW_ASSIGN_OR_RAISE(auto value, String(field));
      map.insert_or_assign(std::move(key), std::move(value));
    }
    ARROW_RETURN_NOT_OK(EndGroup(field));
    return map;
  }

  template <typename Key>
  arrow::Result<std::map<Key, uint64_t>> IdMap(const char* field) {
    ARROW_RETURN_NOT_OK(BeginGroup(field));
    std::map<Key, uint64_t> map;
    while (InGroup()) {
      ARROW_ASSIGN_OR_RAISE(const Key key, Int<Key>(field));
      ARROW_ASSIGN_OR_RAISE(const uint64_t value, Int<uint64_t>(field));
      map.insert_or_assign(key, value);
    }
    ARROW_RETURN_NOT_OK(EndGroup(field));
    return map;
  }

  int64_t position() const { return position_; }

  template <typename... Args>
  arrow::Status Error(Args&&... what) const {
    return McapError(place_, record_type_, " record: ", std::forward<Args>(what)...);
  }

 private:
  arrow::Status Need(uint64_t size, const char* field) const {
    if (size > static_cast<uint64_t>(end_ - position_)) {
      return Error("field ", field, " needs ", size, " bytes but only ", end_ - position_,
                   " remain at body byte ", position_);
    }
    return arrow::Status::OK();
  }

  arrow::Result<std::shared_ptr<arrow::Buffer>> Bytes(uint64_t length, const char* field) {
    ARROW_RETURN_NOT_OK(Need(length, field));
    ARROW_DCHECK(body_ != nullptr) << "slices need the body's buffer";
    auto slice = arrow::SliceBuffer(*body_, position_, static_cast<int64_t>(length));
    position_ += static_cast<int64_t>(length);
    return slice;
  }

  std::span<const uint8_t> bytes_;
  // The buffer the bytes are in, when slices of it may be kept.
  const std::shared_ptr<arrow::Buffer>* body_ = nullptr;
  const RecordPlace& place_;
  const char* record_type_;
  int64_t position_ = 0;
  int64_t end_;
  int64_t outer_end_ = 0;
};

template <typename T>
struct RecordTraits;

#define RRFLOW_MCAP_RECORD_TRAITS(Type)                                          \
  template <>                                                                    \
  struct RecordTraits<Type> {                                                    \
    static constexpr Opcode kOpcode = Opcode::k##Type;                           \
    static arrow::Result<Type> Parse(const std::shared_ptr<arrow::Buffer>& body, \
                                     const RecordPlace& place) {                 \
      return Parse##Type(body, place);                                           \
    }                                                                            \
  };

RRFLOW_MCAP_RECORD_TRAITS(Header)
RRFLOW_MCAP_RECORD_TRAITS(Footer)
RRFLOW_MCAP_RECORD_TRAITS(Schema)
RRFLOW_MCAP_RECORD_TRAITS(Channel)
RRFLOW_MCAP_RECORD_TRAITS(Message)
RRFLOW_MCAP_RECORD_TRAITS(Chunk)
RRFLOW_MCAP_RECORD_TRAITS(MessageIndex)
RRFLOW_MCAP_RECORD_TRAITS(ChunkIndex)
RRFLOW_MCAP_RECORD_TRAITS(Attachment)
RRFLOW_MCAP_RECORD_TRAITS(AttachmentIndex)
RRFLOW_MCAP_RECORD_TRAITS(Statistics)
RRFLOW_MCAP_RECORD_TRAITS(Metadata)
RRFLOW_MCAP_RECORD_TRAITS(MetadataIndex)
RRFLOW_MCAP_RECORD_TRAITS(SummaryOffset)
RRFLOW_MCAP_RECORD_TRAITS(DataEnd)
#undef RRFLOW_MCAP_RECORD_TRAITS

bool SameBytes(const std::shared_ptr<arrow::Buffer>& a, const std::shared_ptr<arrow::Buffer>& b) {
  if (a == nullptr || b == nullptr) return a == b;
  return a->Equals(*b);
}

}  // namespace

std::string OpcodeName(uint8_t opcode) {
  static constexpr std::array<const char*, 16> kNames = {
      nullptr,    "Header",        "Footer",        "Schema",     "Channel",         "Message",
      "Chunk",    "MessageIndex",  "ChunkIndex",    "Attachment", "AttachmentIndex", "Statistics",
      "Metadata", "MetadataIndex", "SummaryOffset", "DataEnd"};
  if (opcode < kNames.size() && kNames[opcode] != nullptr) return kNames[opcode];
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("opcode 0x") + kHex[opcode >> 4] + kHex[opcode & 0xF];
}

RecordIterator::RecordIterator(std::shared_ptr<arrow::Buffer> data, std::string_view source,
                               int64_t base_offset, int64_t chunk_offset)
    : data_(std::move(data)),
      source_(source),
      base_offset_(base_offset),
      chunk_offset_(chunk_offset) {}

arrow::Result<std::optional<RecordView>> RecordIterator::NextView() {
  const int64_t remaining = data_->size() - position_;
  if (remaining == 0) return std::nullopt;
  const RecordPlace place{source_, base_offset_ + position_, chunk_offset_};
  if (remaining < kRecordPrefixSize) {
    return McapError(place, "truncated record: ", remaining, " bytes left, fewer than a record's ",
                     kRecordPrefixSize, "-byte prefix");
  }
  const uint8_t* prefix = data_->data() + position_;
  const uint64_t length = LoadLittleEndian<uint64_t>(prefix + 1);
  if (length > static_cast<uint64_t>(remaining - kRecordPrefixSize)) {
    return McapError(place, "truncated ", OpcodeName(prefix[0]), " record: its body of ", length,
                     " bytes goes past the ", remaining - kRecordPrefixSize, " bytes that remain");
  }
  RecordView record;
  record.opcode = prefix[0];
  record.offset = place.offset;
  record.body_position = position_ + kRecordPrefixSize;
  record.body = std::span<const uint8_t>(prefix + kRecordPrefixSize, static_cast<size_t>(length));
  position_ += kRecordPrefixSize + static_cast<int64_t>(length);
  return record;
}

arrow::Result<std::optional<Record>> RecordIterator::Next() {
  ARROW_ASSIGN_OR_RAISE(const auto view, NextView());
  if (!view) return std::nullopt;
  return Slice(*view);
}

Record RecordIterator::Slice(const RecordView& view) const {
  return Record{view.opcode, view.offset,
                arrow::SliceBuffer(data_, view.body_position,
                                   static_cast<int64_t>(view.body.size()))};
}

bool Schema::SameAs(const Schema& other) const {
  return id == other.id && name == other.name && encoding == other.encoding &&
         SameBytes(data, other.data);
}

bool Channel::SameAs(const Channel& other) const {
  return id == other.id && schema_id == other.schema_id && topic == other.topic &&
         message_encoding == other.message_encoding && metadata == other.metadata;
}

arrow::Result<Header> ParseHeader(const std::shared_ptr<arrow::Buffer>& body,
                                  const RecordPlace& place) {
  BodyReader reader(body, place, "Header");
  Header header;
  ARROW_ASSIGN_OR_RAISE(header.profile, reader.String("profile"));
  ARROW_ASSIGN_OR_RAISE(header.library, reader.String("library"));
  return header;
}

arrow::Result<Footer> ParseFooter(const std::shared_ptr<arrow::Buffer>& body,
                                  const RecordPlace& place) {
  BodyReader reader(body, place, "Footer");
  Footer footer;
  ARROW_ASSIGN_OR_RAISE(footer.summary_start, reader.Int<uint64_t>("summary_start"));
  ARROW_ASSIGN_OR_RAISE(footer.summary_offset_start, reader.Int<uint64_t>("summary_offset_start"));
  ARROW_ASSIGN_OR_RAISE(footer.summary_crc, reader.Int<uint32_t>("summary_crc"));
  return footer;
}

arrow::Result<Schema> ParseSchema(const std::shared_ptr<arrow::Buffer>& body,
                                  const RecordPlace& place) {
  BodyReader reader(body, place, "Schema");
  Schema schema;
  ARROW_ASSIGN_OR_RAISE(schema.id, reader.Int<uint16_t>("id"));
  if (schema.id == 0) return reader.Error("schema id 0 is reserved");
  ARROW_ASSIGN_OR_RAISE(schema.name, reader.String("name"));
  ARROW_ASSIGN_OR_RAISE(schema.encoding, reader.String("encoding"));
  ARROW_ASSIGN_OR_RAISE(schema.data, reader.PrefixedBytes<uint32_t>("data"));
  return schema;
}

arrow::Result<Channel> ParseChannel(const std::shared_ptr<arrow::Buffer>& body,
                                    const RecordPlace& place) {
  BodyReader reader(body, place, "Channel");
  Channel channel;
  ARROW_ASSIGN_OR_RAISE(channel.id, reader.Int<uint16_t>("id"));
  ARROW_ASSIGN_OR_RAISE(channel.schema_id, reader.Int<uint16_t>("schema_id"));
  ARROW_ASSIGN_OR_RAISE(channel.topic, reader.String("topic"));
  ARROW_ASSIGN_OR_RAISE(channel.message_encoding, reader.String("message_encoding"));
  ARROW_ASSIGN_OR_RAISE(channel.metadata, reader.StringPairs("metadata"));
  return channel;
}

arrow::Result<Message> ParseMessageView(std::span<const uint8_t> body, const RecordPlace& place) {
  BodyReader reader(body, place, "Message");
  Message message;
  ARROW_ASSIGN_OR_RAISE(message.channel_id, reader.Int<uint16_t>("channel_id"));
  ARROW_ASSIGN_OR_RAISE(message.sequence, reader.Int<uint32_t>("sequence"));
  ARROW_ASSIGN_OR_RAISE(message.log_time, reader.Int<uint64_t>("log_time"));
  ARROW_ASSIGN_OR_RAISE(message.publish_time, reader.Int<uint64_t>("publish_time"));
  message.data = reader.Rest();
  return message;
}

arrow::Result<Message> ParseMessage(const std::shared_ptr<arrow::Buffer>& body,
                                    const RecordPlace& place) {
  return ParseMessageView(
      std::span<const uint8_t>(body->data(), static_cast<size_t>(body->size())), place);
}

arrow::Result<Chunk> ParseChunk(const std::shared_ptr<arrow::Buffer>& body,
                                const RecordPlace& place) {
  BodyReader reader(body, place, "Chunk");
  Chunk chunk;
  ARROW_ASSIGN_OR_RAISE(chunk.message_start_time, reader.Int<uint64_t>("message_start_time"));
  ARROW_ASSIGN_OR_RAISE(chunk.message_end_time, reader.Int<uint64_t>("message_end_time"));
  ARROW_ASSIGN_OR_RAISE(chunk.uncompressed_size, reader.Int<uint64_t>("uncompressed_size"));
  ARROW_ASSIGN_OR_RAISE(chunk.uncompressed_crc, reader.Int<uint32_t>("uncompressed_crc"));
  ARROW_ASSIGN_OR_RAISE(chunk.compression, reader.String("compression"));
  ARROW_ASSIGN_OR_RAISE(chunk.records, reader.PrefixedBytes<uint64_t>("records"));
  return chunk;
}

arrow::Result<MessageIndex> ParseMessageIndex(const std::shared_ptr<arrow::Buffer>& body,
                                              const RecordPlace& place) {
  BodyReader reader(body, place, "MessageIndex");
  MessageIndex index;
  ARROW_ASSIGN_OR_RAISE(index.channel_id, reader.Int<uint16_t>("channel_id"));
  ARROW_RETURN_NOT_OK(reader.BeginGroup("records"));
  while (reader.InGroup()) {
    ARROW_ASSIGN_OR_RAISE(const uint64_t log_time, reader.Int<uint64_t>("records"));
    ARROW_ASSIGN_OR_RAISE(const uint64_t offset, reader.Int<uint64_t>("records"));
    index.records.emplace_back(log_time, offset);
  }
  ARROW_RETURN_NOT_OK(reader.EndGroup("records"));
  return index;
}

arrow::Result<ChunkIndex> ParseChunkIndex(const std::shared_ptr<arrow::Buffer>& body,
                                          const RecordPlace& place) {
  BodyReader reader(body, place, "ChunkIndex");
  ChunkIndex index;
  ARROW_ASSIGN_OR_RAISE(index.message_start_time, reader.Int<uint64_t>("message_start_time"));
  ARROW_ASSIGN_OR_RAISE(index.message_end_time, reader.Int<uint64_t>("message_end_time"));
  ARROW_ASSIGN_OR_RAISE(index.chunk_start_offset, reader.Int<uint64_t>("chunk_start_offset"));
  ARROW_ASSIGN_OR_RAISE(index.chunk_length, reader.Int<uint64_t>("chunk_length"));
  ARROW_ASSIGN_OR_RAISE(index.message_index_offsets,
                        reader.IdMap<uint16_t>("message_index_offsets"));
  ARROW_ASSIGN_OR_RAISE(index.message_index_length, reader.Int<uint64_t>("message_index_length"));
  ARROW_ASSIGN_OR_RAISE(index.compression, reader.String("compression"));
  ARROW_ASSIGN_OR_RAISE(index.compressed_size, reader.Int<uint64_t>("compressed_size"));
  ARROW_ASSIGN_OR_RAISE(index.uncompressed_size, reader.Int<uint64_t>("uncompressed_size"));
  return index;
}

arrow::Result<Attachment> ParseAttachment(const std::shared_ptr<arrow::Buffer>& body,
                                          const RecordPlace& place) {
  BodyReader reader(body, place, "Attachment");
  Attachment attachment;
  ARROW_ASSIGN_OR_RAISE(attachment.log_time, reader.Int<uint64_t>("log_time"));
  ARROW_ASSIGN_OR_RAISE(attachment.create_time, reader.Int<uint64_t>("create_time"));
  ARROW_ASSIGN_OR_RAISE(attachment.name, reader.String("name"));
  ARROW_ASSIGN_OR_RAISE(attachment.media_type, reader.String("media_type"));
  ARROW_ASSIGN_OR_RAISE(attachment.data, reader.PrefixedBytes<uint64_t>("data"));
  attachment.crc_covered_size = reader.position();
  ARROW_ASSIGN_OR_RAISE(attachment.crc, reader.Int<uint32_t>("crc"));
  return attachment;
}

arrow::Result<AttachmentIndex> ParseAttachmentIndex(const std::shared_ptr<arrow::Buffer>& body,
                                                    const RecordPlace& place) {
  BodyReader reader(body, place, "AttachmentIndex");
  AttachmentIndex index;
  ARROW_ASSIGN_OR_RAISE(index.offset, reader.Int<uint64_t>("offset"));
  ARROW_ASSIGN_OR_RAISE(index.length, reader.Int<uint64_t>("length"));
  ARROW_ASSIGN_OR_RAISE(index.log_time, reader.Int<uint64_t>("log_time"));
  ARROW_ASSIGN_OR_RAISE(index.create_time, reader.Int<uint64_t>("create_time"));
  ARROW_ASSIGN_OR_RAISE(index.data_size, reader.Int<uint64_t>("data_size"));
  ARROW_ASSIGN_OR_RAISE(index.name, reader.String("name"));
  ARROW_ASSIGN_OR_RAISE(index.media_type, reader.String("media_type"));
  return index;
}

arrow::Result<Statistics> ParseStatistics(const std::shared_ptr<arrow::Buffer>& body,
                                          const RecordPlace& place) {
  BodyReader reader(body, place, "Statistics");
  Statistics statistics;
  ARROW_ASSIGN_OR_RAISE(statistics.message_count, reader.Int<uint64_t>("message_count"));
  ARROW_ASSIGN_OR_RAISE(statistics.schema_count, reader.Int<uint16_t>("schema_count"));
  ARROW_ASSIGN_OR_RAISE(statistics.channel_count, reader.Int<uint32_t>("channel_count"));
  ARROW_ASSIGN_OR_RAISE(statistics.attachment_count, reader.Int<uint32_t>("attachment_count"));
  ARROW_ASSIGN_OR_RAISE(statistics.metadata_count, reader.Int<uint32_t>("metadata_count"));
  ARROW_ASSIGN_OR_RAISE(statistics.chunk_count, reader.Int<uint32_t>("chunk_count"));
  ARROW_ASSIGN_OR_RAISE(statistics.message_start_time, reader.Int<uint64_t>("message_start_time"));
  ARROW_ASSIGN_OR_RAISE(statistics.message_end_time, reader.Int<uint64_t>("message_end_time"));
  ARROW_ASSIGN_OR_RAISE(statistics.channel_message_counts,
                        reader.IdMap<uint16_t>("channel_message_counts"));
  return statistics;
}

arrow::Result<Metadata> ParseMetadata(const std::shared_ptr<arrow::Buffer>& body,
                                      const RecordPlace& place) {
  BodyReader reader(body, place, "Metadata");
  Metadata metadata;
  ARROW_ASSIGN_OR_RAISE(metadata.name, reader.String("name"));
  ARROW_ASSIGN_OR_RAISE(metadata.metadata, reader.StringPairs("metadata"));
  return metadata;
}

arrow::Result<MetadataIndex> ParseMetadataIndex(const std::shared_ptr<arrow::Buffer>& body,
                                                const RecordPlace& place) {
  BodyReader reader(body, place, "MetadataIndex");
  MetadataIndex index;
  ARROW_ASSIGN_OR_RAISE(index.offset, reader.Int<uint64_t>("offset"));
  ARROW_ASSIGN_OR_RAISE(index.length, reader.Int<uint64_t>("length"));
  ARROW_ASSIGN_OR_RAISE(index.name, reader.String("name"));
  return index;
}

arrow::Result<SummaryOffset> ParseSummaryOffset(const std::shared_ptr<arrow::Buffer>& body,
                                                const RecordPlace& place) {
  BodyReader reader(body, place, "SummaryOffset");
  SummaryOffset offset;
  ARROW_ASSIGN_OR_RAISE(offset.group_opcode, reader.Int<uint8_t>("group_opcode"));
  ARROW_ASSIGN_OR_RAISE(offset.group_start, reader.Int<uint64_t>("group_start"));
  ARROW_ASSIGN_OR_RAISE(offset.group_length, reader.Int<uint64_t>("group_length"));
  return offset;
}

arrow::Result<DataEnd> ParseDataEnd(const std::shared_ptr<arrow::Buffer>& body,
                                    const RecordPlace& place) {
  BodyReader reader(body, place, "DataEnd");
  DataEnd data_end;
  ARROW_ASSIGN_OR_RAISE(data_end.data_section_crc, reader.Int<uint32_t>("data_section_crc"));
  return data_end;
}

template <typename T>
arrow::Result<T> ParseRecord(const Record& record, std::string_view source, int64_t chunk_offset) {
  const RecordPlace place{source, record.offset, chunk_offset};
  constexpr uint8_t kExpected = static_cast<uint8_t>(RecordTraits<T>::kOpcode);
  if (record.opcode != kExpected) {
    return McapError(place, "expected a ", OpcodeName(kExpected), " record, found ",
                     OpcodeName(record.opcode));
  }
  return RecordTraits<T>::Parse(record.body, place);
}

template arrow::Result<Header> ParseRecord<Header>(const Record&, std::string_view, int64_t);
template arrow::Result<Footer> ParseRecord<Footer>(const Record&, std::string_view, int64_t);
template arrow::Result<Schema> ParseRecord<Schema>(const Record&, std::string_view, int64_t);
template arrow::Result<Channel> ParseRecord<Channel>(const Record&, std::string_view, int64_t);
template arrow::Result<Message> ParseRecord<Message>(const Record&, std::string_view, int64_t);
template arrow::Result<Chunk> ParseRecord<Chunk>(const Record&, std::string_view, int64_t);
template arrow::Result<MessageIndex> ParseRecord<MessageIndex>(const Record&, std::string_view,
                                                               int64_t);
template arrow::Result<ChunkIndex> ParseRecord<ChunkIndex>(const Record&, std::string_view,
                                                           int64_t);
template arrow::Result<Attachment> ParseRecord<Attachment>(const Record&, std::string_view,
                                                           int64_t);
template arrow::Result<AttachmentIndex> ParseRecord<AttachmentIndex>(const Record&,
                                                                     std::string_view, int64_t);
template arrow::Result<Statistics> ParseRecord<Statistics>(const Record&, std::string_view,
                                                           int64_t);
template arrow::Result<Metadata> ParseRecord<Metadata>(const Record&, std::string_view, int64_t);
template arrow::Result<MetadataIndex> ParseRecord<MetadataIndex>(const Record&, std::string_view,
                                                                 int64_t);
template arrow::Result<SummaryOffset> ParseRecord<SummaryOffset>(const Record&, std::string_view,
                                                                 int64_t);
template arrow::Result<DataEnd> ParseRecord<DataEnd>(const Record&, std::string_view, int64_t);

namespace {

#if defined(__x86_64__)
// Carry-less multiplication folds the data 64 bytes at a time (about 5x the
// table-driven speed; chunk CRCs were a large part of reading a file): the
// running remainder is multiplied by x^d mod P for the distance d it moves
// and added to the data there. The 16 bytes left after folding have the
// CRC state of everything before them, which the table method finishes.
// Constants: x^(4*128+32), x^(4*128-32), x^(128+32), x^(128-32) mod P,
// bit-reflected, for P the IEEE polynomial.
__attribute__((target("pclmul,sse2"))) __m128i Fold(__m128i remainder, __m128i constants,
                                                    __m128i data) {
  const __m128i low = _mm_clmulepi64_si128(remainder, constants, 0x00);
  const __m128i high = _mm_clmulepi64_si128(remainder, constants, 0x11);
  return _mm_xor_si128(_mm_xor_si128(low, high), data);
}

__attribute__((target("pclmul,sse2"))) uint32_t FoldedCrc32(const uint8_t* data, int64_t size) {
  const auto load = [](const uint8_t* at) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  };
  const __m128i by_four = _mm_set_epi64x(0x1c6e41596, 0x154442bd4);
  const __m128i by_one = _mm_set_epi64x(0xccaa009e, 0x1751997d0);
  // The initial state, ~0, goes into the first bytes.
  __m128i x0 = _mm_xor_si128(load(data), _mm_cvtsi32_si128(-1));
  __m128i x1 = load(data + 16);
  __m128i x2 = load(data + 32);
  __m128i x3 = load(data + 48);
  data += 64;
  size -= 64;
  for (; size >= 64; data += 64, size -= 64) {
    x0 = Fold(x0, by_four, load(data));
    x1 = Fold(x1, by_four, load(data + 16));
    x2 = Fold(x2, by_four, load(data + 32));
    x3 = Fold(x3, by_four, load(data + 48));
  }
  __m128i x = Fold(Fold(Fold(x0, by_one, x1), by_one, x2), by_one, x3);
  for (; size >= 16; data += 16, size -= 16) x = Fold(x, by_one, load(data));
  uint8_t rest[16];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(rest), x);
  // A state of 0 before `rest` (zlib's crc32 takes the complement of it).
  const uint32_t crc = arrow::internal::crc32(0xFFFFFFFF, rest, sizeof(rest));
  return arrow::internal::crc32(crc, data, static_cast<size_t>(size));
}
#endif

}  // namespace

uint32_t Crc32(const uint8_t* data, int64_t size) {
#if defined(__x86_64__)
  static const bool kFolding = __builtin_cpu_supports("pclmul");
  if (kFolding && size >= 64) return FoldedCrc32(data, size);
#endif
  return arrow::internal::crc32(0, data, static_cast<size_t>(size));
}

}  // namespace rrflow::internal::mcap
