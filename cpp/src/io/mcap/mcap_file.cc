#include "io/mcap/mcap_file_internal.h"

#include <cstring>

#include <arrow/io/file.h>

namespace rrflow::internal::mcap {
namespace {

// Footer record (prefix and 20-byte body) and the end magic.
constexpr int64_t kFooterRecordSize = kRecordPrefixSize + kFooterBodySize;
constexpr int64_t kTrailerSize = kFooterRecordSize + kMagicSize;

uint64_t LoadU64(const uint8_t* bytes) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value |= static_cast<uint64_t>(bytes[i]) << (8 * i);
  return value;
}

bool IsMagic(const uint8_t* bytes) { return std::memcmp(bytes, kMagic, kMagicSize) == 0; }

// Adds one summary record to `summary`, checking it against what is there.
arrow::Status AddSummaryRecord(const Record& record, std::string_view source,
                               McapSummary* summary) {
  const RecordPlace place{source, record.offset};
  switch (static_cast<Opcode>(record.opcode)) {
    case Opcode::kSchema: {
      ARROW_ASSIGN_OR_RAISE(auto schema, ParseSchema(record.body, place));
      const auto [it, inserted] = summary->schemas.try_emplace(schema.id, schema);
      if (!inserted && !it->second.SameAs(schema)) {
        return McapError(place, "conflicting schemas: two different Schema records with id ",
                         schema.id);
      }
      return arrow::Status::OK();
    }
    case Opcode::kChannel: {
      ARROW_ASSIGN_OR_RAISE(auto channel, ParseChannel(record.body, place));
      if (channel.schema_id != 0 && summary->schemas.count(channel.schema_id) == 0) {
        return McapError(place, "channel ", channel.id, " (topic `", channel.topic,
                         "`) has unknown schema ", channel.schema_id);
      }
      const auto [it, inserted] = summary->channels.try_emplace(channel.id, channel);
      if (!inserted && !it->second.SameAs(channel)) {
        return McapError(place, "conflicting channels: two different Channel records with id ",
                         channel.id);
      }
      return arrow::Status::OK();
    }
    case Opcode::kChunkIndex: {
      ARROW_ASSIGN_OR_RAISE(auto index, ParseChunkIndex(record.body, place));
      summary->chunk_indexes.push_back(std::move(index));
      return arrow::Status::OK();
    }
    case Opcode::kAttachmentIndex: {
      ARROW_ASSIGN_OR_RAISE(auto index, ParseAttachmentIndex(record.body, place));
      summary->attachment_indexes.push_back(std::move(index));
      return arrow::Status::OK();
    }
    case Opcode::kMetadataIndex: {
      ARROW_ASSIGN_OR_RAISE(auto index, ParseMetadataIndex(record.body, place));
      summary->metadata_indexes.push_back(std::move(index));
      return arrow::Status::OK();
    }
    case Opcode::kStatistics: {
      ARROW_ASSIGN_OR_RAISE(summary->statistics, ParseStatistics(record.body, place));
      return arrow::Status::OK();
    }
    default:
      // SummaryOffset records only speed up other readers; private records
      // are skipped by length.
      return arrow::Status::OK();
  }
}

}  // namespace

McapFile::McapFile(std::shared_ptr<arrow::io::RandomAccessFile> file, std::string source,
                   int64_t size, arrow::MemoryPool* pool)
    : file_(std::move(file)), source_(std::move(source)), size_(size), pool_(pool) {}

arrow::Result<std::shared_ptr<const McapFile>> McapFile::Open(const std::string& path,
                                                              arrow::MemoryPool* pool) {
  ARROW_ASSIGN_OR_RAISE(auto file, arrow::io::ReadableFile::Open(path, pool));
  return Make(std::move(file), path, pool);
}

arrow::Result<std::shared_ptr<const McapFile>> McapFile::Make(
    std::shared_ptr<arrow::io::RandomAccessFile> file, std::string source,
    arrow::MemoryPool* pool) {
  ARROW_ASSIGN_OR_RAISE(const int64_t size, file->GetSize());
  std::shared_ptr<const McapFile> mcap(new McapFile(std::move(file), std::move(source), size, pool));
  const RecordPlace start{mcap->source_, 0};
  if (size < kMagicSize) {
    return McapError(start, "Not an MCAP file: missing start magic (the file has only ", size,
                     " bytes)");
  }
  ARROW_ASSIGN_OR_RAISE(auto magic, mcap->ReadBytes(0, kMagicSize));
  if (!IsMagic(magic->data())) return McapError(start, "Not an MCAP file: missing start magic");
  return mcap;
}

arrow::Result<std::shared_ptr<arrow::Buffer>> McapFile::ReadBytes(int64_t offset,
                                                                  int64_t size) const {
  ARROW_ASSIGN_OR_RAISE(auto bytes, file_->ReadAt(offset, size));
  if (bytes->size() != size) {
    return McapError(RecordPlace{source_, offset}, "short read: ", bytes->size(), " of ", size,
                     " bytes (the file is shorter than when it was opened)");
  }
  return bytes;
}

arrow::Result<Record> McapFile::ReadRecordAt(int64_t offset) const {
  const RecordPlace place{source_, offset};
  if (offset < 0 || offset > size_ || size_ - offset < kRecordPrefixSize) {
    return McapError(place, "truncated record: the file ends ", size_ - offset,
                     " bytes after its start, before the ", kRecordPrefixSize, "-byte prefix");
  }
  ARROW_ASSIGN_OR_RAISE(auto prefix, ReadBytes(offset, kRecordPrefixSize));
  const uint8_t opcode = prefix->data()[0];
  const uint64_t length = LoadU64(prefix->data() + 1);
  const int64_t available = size_ - offset - kRecordPrefixSize;
  if (length > static_cast<uint64_t>(available)) {
    return McapError(place, "truncated ", OpcodeName(opcode), " record: its body of ", length,
                     " bytes goes past the end of the file (", available, " bytes remain)");
  }
  Record record;
  record.opcode = opcode;
  record.offset = offset;
  ARROW_ASSIGN_OR_RAISE(record.body,
                        ReadBytes(offset + kRecordPrefixSize, static_cast<int64_t>(length)));
  return record;
}

arrow::Result<Record> McapFile::ReadIndexedRecord(uint64_t offset, uint64_t length,
                                                  Opcode opcode) const {
  const RecordPlace place{source_, static_cast<int64_t>(offset)};
  if (offset > static_cast<uint64_t>(size_) || length > static_cast<uint64_t>(size_) - offset) {
    return McapError(place, "the ", OpcodeName(static_cast<uint8_t>(opcode)), " record of ",
                     length, " bytes that the summary points at lies outside the file of ", size_,
                     " bytes");
  }
  ARROW_ASSIGN_OR_RAISE(auto record, ReadRecordAt(static_cast<int64_t>(offset)));
  if (record.opcode != static_cast<uint8_t>(opcode)) {
    return McapError(place, "expected a ", OpcodeName(static_cast<uint8_t>(opcode)),
                     " record where the summary points, found ", OpcodeName(record.opcode));
  }
  if (static_cast<uint64_t>(record.size()) != length) {
    return McapError(place, OpcodeName(record.opcode), " record of ", record.size(),
                     " bytes where the summary says ", length);
  }
  return record;
}

arrow::Result<Header> McapFile::ReadHeader() const {
  ARROW_ASSIGN_OR_RAISE(auto record, ReadRecordAt(kMagicSize));
  return ParseRecord<Header>(record, source_);
}

arrow::Result<McapSummary> McapFile::ReadSummary() const {
  McapSummary summary;
  ARROW_ASSIGN_OR_RAISE(summary.header, ReadHeader());

  const int64_t trailer_offset = size_ - kTrailerSize;
  if (trailer_offset < kMagicSize) {
    return McapError(RecordPlace{source_, 0}, "MCAP file of ", size_,
                     " bytes is too short to hold a footer");
  }
  ARROW_ASSIGN_OR_RAISE(auto trailer, ReadBytes(trailer_offset, kTrailerSize));
  if (!IsMagic(trailer->data() + kFooterRecordSize)) {
    return McapError(RecordPlace{source_, size_ - kMagicSize},
                     "MCAP file does not end with the expected magic bytes");
  }
  const RecordPlace footer_place{source_, trailer_offset};
  const uint8_t opcode = trailer->data()[0];
  const uint64_t length = LoadU64(trailer->data() + 1);
  if (opcode != static_cast<uint8_t>(Opcode::kFooter) ||
      length != static_cast<uint64_t>(kFooterBodySize)) {
    return McapError(footer_place, "expected a Footer record of ", kFooterBodySize,
                     " bytes before the end magic, found ", OpcodeName(opcode), " of ", length,
                     " bytes");
  }
  ARROW_ASSIGN_OR_RAISE(
      const Footer footer,
      ParseFooter(arrow::SliceBuffer(trailer, kRecordPrefixSize, kFooterBodySize), footer_place));
  if (footer.summary_start == 0) {
    return McapError(footer_place, "MCAP file does not contain a summary");
  }
  if (footer.summary_start < static_cast<uint64_t>(kMagicSize) ||
      footer.summary_start > static_cast<uint64_t>(trailer_offset)) {
    return McapError(footer_place, "the footer's summary start ", footer.summary_start,
                     " lies outside the file's ", kMagicSize, "..", trailer_offset, " bytes");
  }

  const auto summary_start = static_cast<int64_t>(footer.summary_start);
  ARROW_ASSIGN_OR_RAISE(auto section, ReadBytes(summary_start, trailer_offset - summary_start));
  RecordIterator records(std::move(section), source_, summary_start);
  while (true) {
    ARROW_ASSIGN_OR_RAISE(auto record, records.Next());
    if (!record) break;
    ARROW_RETURN_NOT_OK(AddSummaryRecord(*record, source_, &summary));
  }
  return summary;
}

arrow::Result<Chunk> McapFile::ReadChunk(const ChunkIndex& index) const {
  ARROW_ASSIGN_OR_RAISE(auto record,
                        ReadIndexedRecord(index.chunk_start_offset, index.chunk_length,
                                          Opcode::kChunk));
  return ParseRecord<Chunk>(record, source_);
}

arrow::Result<std::vector<MessageIndex>> McapFile::ReadMessageIndexes(
    const ChunkIndex& index) const {
  std::vector<MessageIndex> indexes;
  indexes.reserve(index.message_index_offsets.size());
  for (const auto& [channel_id, offset] : index.message_index_offsets) {
    const RecordPlace place{source_, static_cast<int64_t>(offset)};
    if (offset > static_cast<uint64_t>(size_)) {
      return McapError(place, "the MessageIndex of channel ", channel_id, " of the chunk at byte ",
                       index.chunk_start_offset, " lies outside the file of ", size_, " bytes");
    }
    ARROW_ASSIGN_OR_RAISE(auto record, ReadRecordAt(static_cast<int64_t>(offset)));
    ARROW_ASSIGN_OR_RAISE(auto message_index, ParseRecord<MessageIndex>(record, source_));
    if (message_index.channel_id != channel_id) {
      return McapError(place, "MessageIndex record of channel ", message_index.channel_id,
                       " where the chunk index expects channel ", channel_id);
    }
    indexes.push_back(std::move(message_index));
  }
  return indexes;
}

arrow::Result<Attachment> McapFile::ReadAttachment(const AttachmentIndex& index) const {
  ARROW_ASSIGN_OR_RAISE(auto record,
                        ReadIndexedRecord(index.offset, index.length, Opcode::kAttachment));
  ARROW_ASSIGN_OR_RAISE(auto attachment, ParseRecord<Attachment>(record, source_));
  if (attachment.crc != 0) {
    const uint32_t computed = Crc32(record.body->data(), attachment.crc_covered_size);
    if (computed != attachment.crc) {
      return McapError(RecordPlace{source_, record.offset}, "attachment `", attachment.name,
                       "`: CRC mismatch (stored ", attachment.crc, ", computed ", computed, ")");
    }
  }
  return attachment;
}

arrow::Result<Metadata> McapFile::ReadMetadata(const MetadataIndex& index) const {
  ARROW_ASSIGN_OR_RAISE(auto record,
                        ReadIndexedRecord(index.offset, index.length, Opcode::kMetadata));
  return ParseRecord<Metadata>(record, source_);
}

}  // namespace rrflow::internal::mcap
