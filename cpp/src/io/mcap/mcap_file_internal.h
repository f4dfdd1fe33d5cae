// McapFile: an MCAP file opened for positional reads, and its summary.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/io/interfaces.h>
#include <arrow/memory_pool.h>
#include <arrow/result.h>

#include "io/mcap/mcap_records_internal.h"

namespace rrflow::internal::mcap {

/// What a file's summary section says about it, checked for consistency.
struct McapSummary {
  /// The Header record at the start of the data section.
  Header header;
  std::map<uint16_t, Schema> schemas;
  /// Every channel's schema id is 0 or a key of `schemas`.
  std::map<uint16_t, Channel> channels;
  /// In summary order, which is the order the reference reads chunks in.
  std::vector<ChunkIndex> chunk_indexes;
  std::vector<AttachmentIndex> attachment_indexes;
  std::vector<MetadataIndex> metadata_indexes;
  /// The last Statistics record, if any.
  std::optional<Statistics> statistics;
};

/// An MCAP file opened for random access. Immutable and thread-safe.
class McapFile {
 public:
  /// Opens `path` for positional reads (no memory map: a file that shrinks
  /// while open gives read errors, not SIGBUS) and checks the start magic.
  /// Buffers read from the file and decompressed chunks come from `pool`,
  /// which must outlive every one of them.
  static arrow::Result<std::shared_ptr<const McapFile>> Open(
      const std::string& path, arrow::MemoryPool* pool = arrow::default_memory_pool());
  /// Uses an open file; `source` names it in errors.
  static arrow::Result<std::shared_ptr<const McapFile>> Make(
      std::shared_ptr<arrow::io::RandomAccessFile> file, std::string source,
      arrow::MemoryPool* pool = arrow::default_memory_pool());

  const std::string& source() const { return source_; }
  int64_t size() const { return size_; }
  arrow::MemoryPool* pool() const { return pool_; }

  /// The Header record at offset 8.
  arrow::Result<Header> ReadHeader() const;

  /// The summary found through the footer. A file without summary, a bad
  /// footer or end magic, a truncated or unparsable summary record, a
  /// channel whose schema is not in the summary and two records with the
  /// same id but different contents are errors.
  arrow::Result<McapSummary> ReadSummary() const;

  /// The record at `offset`: its prefix is read first, and a body that would
  /// go past the end of the file (or the file ending early) is an error.
  arrow::Result<Record> ReadRecordAt(int64_t offset) const;

  /// The Chunk record `index` points at; its compressed records are a slice
  /// of the bytes read.
  arrow::Result<Chunk> ReadChunk(const ChunkIndex& index) const;
  /// The MessageIndex records of `index`, in channel id order.
  arrow::Result<std::vector<MessageIndex>> ReadMessageIndexes(const ChunkIndex& index) const;
  /// The attachment `index` points at; a non-zero CRC that does not match
  /// its bytes is an error.
  arrow::Result<Attachment> ReadAttachment(const AttachmentIndex& index) const;
  arrow::Result<Metadata> ReadMetadata(const MetadataIndex& index) const;

 private:
  McapFile(std::shared_ptr<arrow::io::RandomAccessFile> file, std::string source, int64_t size,
           arrow::MemoryPool* pool);

  /// `size` bytes at `offset`, which must lie inside the file; a short read
  /// (the file shrank) is an error naming the offset.
  arrow::Result<std::shared_ptr<arrow::Buffer>> ReadBytes(int64_t offset, int64_t size) const;
  /// ReadRecordAt for a record an index says is `length` bytes long.
  arrow::Result<Record> ReadIndexedRecord(uint64_t offset, uint64_t length, Opcode opcode) const;

  std::shared_ptr<arrow::io::RandomAccessFile> file_;
  std::string source_;
  int64_t size_ = 0;
  arrow::MemoryPool* pool_;
};

}  // namespace rrflow::internal::mcap
