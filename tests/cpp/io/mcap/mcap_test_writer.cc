#include "io/mcap/mcap_test_writer.h"

#include <algorithm>
#include <stdexcept>

#include <arrow/util/crc32.h>
#include <lz4frame.h>
#include <zstd.h>

namespace rrflow::testing::mcap {
namespace {

constexpr uint8_t kMagic[8] = {0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};

uint32_t Crc(const uint8_t* data, size_t size) { return arrow::internal::crc32(0, data, size); }

Bytes Compress(const std::string& compression, const Bytes& data) {
  if (compression.empty()) return data;
  Bytes out;
  if (compression == "lz4") {
    out.resize(LZ4F_compressFrameBound(data.size(), nullptr));
    const size_t size = LZ4F_compressFrame(out.data(), out.size(), data.data(), data.size(), nullptr);
    if (LZ4F_isError(size)) throw std::runtime_error("lz4 compression failed");
    out.resize(size);
  } else if (compression == "zstd") {
    out.resize(ZSTD_compressBound(data.size()));
    const size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
    if (ZSTD_isError(size)) throw std::runtime_error("zstd compression failed");
    out.resize(size);
  } else {
    // Any other name is written as is, for tests of unknown compressions.
    out = data;
  }
  return out;
}

}  // namespace

ByteWriter& ByteWriter::U8(uint8_t value) {
  bytes_.push_back(value);
  return *this;
}
ByteWriter& ByteWriter::U16(uint16_t value) {
  for (int i = 0; i < 2; ++i) bytes_.push_back(static_cast<uint8_t>(value >> (8 * i)));
  return *this;
}
ByteWriter& ByteWriter::U32(uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes_.push_back(static_cast<uint8_t>(value >> (8 * i)));
  return *this;
}
ByteWriter& ByteWriter::U64(uint64_t value) {
  for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<uint8_t>(value >> (8 * i)));
  return *this;
}
ByteWriter& ByteWriter::String(const std::string& value) {
  U32(static_cast<uint32_t>(value.size()));
  bytes_.insert(bytes_.end(), value.begin(), value.end());
  return *this;
}
ByteWriter& ByteWriter::Raw(const Bytes& bytes) {
  bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
  return *this;
}
ByteWriter& ByteWriter::StringMap(const std::map<std::string, std::string>& pairs) {
  ByteWriter entries;
  for (const auto& [key, value] : pairs) entries.String(key).String(value);
  return U32(static_cast<uint32_t>(entries.bytes().size())).Raw(entries.bytes());
}
ByteWriter& ByteWriter::IdMap(const std::map<uint16_t, uint64_t>& pairs) {
  ByteWriter entries;
  for (const auto& [key, value] : pairs) entries.U16(key).U64(value);
  return U32(static_cast<uint32_t>(entries.bytes().size())).Raw(entries.bytes());
}

Bytes Framed(uint8_t opcode, const Bytes& body) {
  ByteWriter record;
  record.U8(opcode).U64(body.size()).Raw(body);
  return record.bytes();
}

TestMcapWriter::TestMcapWriter(WriterOptions options) : options_(std::move(options)) {
  file_.assign(kMagic, kMagic + 8);
  WriteToData(Framed(0x01, ByteWriter().String("test").String("rrflow test writer").bytes()));
}

void TestMcapWriter::WriteToData(const Bytes& record) {
  file_.insert(file_.end(), record.begin(), record.end());
}

uint16_t TestMcapWriter::AddSchema(const std::string& name, const std::string& encoding,
                                   const Bytes& data) {
  const auto id = static_cast<uint16_t>(schema_records_.size() + 1);
  ByteWriter body;
  body.U16(id).String(name).String(encoding).U32(static_cast<uint32_t>(data.size())).Raw(data);
  schema_records_[id] = Framed(0x03, body.bytes());
  if (!options_.chunked) WriteToData(schema_records_[id]);
  return id;
}

uint16_t TestMcapWriter::AddChannel(const std::string& topic, const std::string& message_encoding,
                                    uint16_t schema_id,
                                    const std::map<std::string, std::string>& metadata) {
  const auto id = static_cast<uint16_t>(channels_.size() + 1);
  ByteWriter body;
  body.U16(id).U16(schema_id).String(topic).String(message_encoding).StringMap(metadata);
  channels_[id] = ChannelInfo{schema_id, Framed(0x04, body.bytes())};
  if (!options_.chunked) WriteToData(channels_[id].record);
  return id;
}

void TestMcapWriter::AddMessage(uint16_t channel_id, uint64_t log_time, const Bytes& data,
                                uint64_t publish_time, uint32_t sequence) {
  ByteWriter body;
  body.U16(channel_id).U32(sequence).U64(log_time).U64(publish_time).Raw(data);
  const Bytes record = Framed(0x05, body.bytes());
  ++message_count_;
  ++message_counts_[channel_id];
  first_time_ = std::min(first_time_, log_time);
  last_time_ = std::max(last_time_, log_time);
  if (!options_.chunked) {
    WriteToData(record);
    return;
  }
  if (!defined_in_chunk_[channel_id]) {
    const auto& channel = channels_.at(channel_id);
    if (channel.schema_id != 0) {
      const Bytes& schema = schema_records_.at(channel.schema_id);
      chunk_records_.insert(chunk_records_.end(), schema.begin(), schema.end());
    }
    chunk_records_.insert(chunk_records_.end(), channel.record.begin(), channel.record.end());
    defined_in_chunk_[channel_id] = true;
  }
  if (chunk_messages_ == 0) {
    chunk_start_time_ = log_time;
    chunk_end_time_ = log_time;
  }
  chunk_start_time_ = std::min(chunk_start_time_, log_time);
  chunk_end_time_ = std::max(chunk_end_time_, log_time);
  chunk_index_entries_[channel_id].emplace_back(log_time, chunk_records_.size());
  chunk_records_.insert(chunk_records_.end(), record.begin(), record.end());
  ++chunk_messages_;
  if (static_cast<int64_t>(chunk_records_.size()) >= options_.chunk_size) CloseChunk();
}

void TestMcapWriter::CloseChunk() {
  if (chunk_records_.empty()) return;
  const Bytes compressed = Compress(options_.compression, chunk_records_);
  ByteWriter body;
  body.U64(chunk_start_time_)
      .U64(chunk_end_time_)
      .U64(chunk_records_.size())
      .U32(options_.crcs ? Crc(chunk_records_.data(), chunk_records_.size()) : 0)
      .String(options_.compression)
      .U64(compressed.size())
      .Raw(compressed);
  const Bytes record = Framed(0x06, body.bytes());
  const auto chunk_offset = static_cast<uint64_t>(file_.size());
  WriteToData(record);

  std::map<uint16_t, uint64_t> index_offsets;
  const uint64_t indexes_start = file_.size();
  if (options_.message_indexes) {
    for (const auto& [channel_id, entries] : chunk_index_entries_) {
      ByteWriter index;
      index.U16(channel_id).U32(static_cast<uint32_t>(entries.size() * 16));
      for (const auto& [time, offset] : entries) index.U64(time).U64(offset);
      index_offsets[channel_id] = file_.size();
      WriteToData(Framed(0x07, index.bytes()));
    }
  }
  ByteWriter chunk_index;
  chunk_index.U64(chunk_start_time_)
      .U64(chunk_end_time_)
      .U64(chunk_offset)
      .U64(record.size())
      .IdMap(index_offsets)
      .U64(file_.size() - indexes_start)
      .String(options_.compression)
      .U64(compressed.size())
      .U64(chunk_records_.size());
  chunk_index_records_.push_back(Framed(0x08, chunk_index.bytes()));
  chunks_.push_back(WrittenChunk{static_cast<int64_t>(chunk_offset),
                                 static_cast<int64_t>(record.size()),
                                 static_cast<int64_t>(chunk_records_.size()), chunk_messages_});
  chunk_records_.clear();
  defined_in_chunk_.clear();
  chunk_index_entries_.clear();
  chunk_messages_ = 0;
}

void TestMcapWriter::AddAttachment(const std::string& name, const std::string& media_type,
                                   const Bytes& data, uint64_t log_time, uint64_t create_time) {
  CloseChunk();
  ByteWriter body;
  body.U64(log_time).U64(create_time).String(name).String(media_type).U64(data.size()).Raw(data);
  body.U32(options_.crcs ? Crc(body.bytes().data(), body.bytes().size()) : 0);
  const Bytes record = Framed(0x09, body.bytes());
  ByteWriter index;
  index.U64(file_.size())
      .U64(record.size())
      .U64(log_time)
      .U64(create_time)
      .U64(data.size())
      .String(name)
      .String(media_type);
  attachment_index_records_.push_back(Framed(0x0A, index.bytes()));
  WriteToData(record);
  ++attachment_count_;
}

void TestMcapWriter::AddMetadata(const std::string& name,
                                 const std::map<std::string, std::string>& pairs) {
  CloseChunk();
  const Bytes record = Framed(0x0C, ByteWriter().String(name).StringMap(pairs).bytes());
  ByteWriter index;
  index.U64(file_.size()).U64(record.size()).String(name);
  metadata_index_records_.push_back(Framed(0x0D, index.bytes()));
  WriteToData(record);
  ++metadata_count_;
}

Bytes TestMcapWriter::Finish() {
  CloseChunk();
  WriteToData(Framed(0x0F, ByteWriter().U32(0).bytes()));
  uint64_t summary_start = 0;
  if (options_.summary) {
    summary_start = file_.size();
    if (options_.repeat_definitions) {
      for (const auto& [id, record] : schema_records_) WriteToData(record);
      for (const auto& [id, channel] : channels_) WriteToData(channel.record);
    }
    if (options_.statistics) {
      ByteWriter statistics;
      statistics.U64(message_count_)
          .U16(static_cast<uint16_t>(schema_records_.size()))
          .U32(static_cast<uint32_t>(channels_.size()))
          .U32(attachment_count_)
          .U32(metadata_count_)
          .U32(static_cast<uint32_t>(chunks_.size()))
          .U64(message_count_ == 0 ? 0 : first_time_)
          .U64(last_time_)
          .IdMap(message_counts_);
      WriteToData(Framed(0x0B, statistics.bytes()));
    }
    for (const auto& record : chunk_index_records_) WriteToData(record);
    for (const auto& record : attachment_index_records_) WriteToData(record);
    for (const auto& record : metadata_index_records_) WriteToData(record);
  }
  summary_start_ = static_cast<int64_t>(summary_start);
  WriteToData(Framed(0x02, ByteWriter().U64(summary_start).U64(0).U32(0).bytes()));
  file_.insert(file_.end(), kMagic, kMagic + 8);
  return file_;
}

}  // namespace rrflow::testing::mcap
