// RrdMessageReader: the messages of an RRD file in file order, across
// concatenated streams, found by a cheap sequential scan of the framing.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <arrow/io/interfaces.h>
#include <arrow/result.h>

#include "rrflow/core/store_id.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/store_info.h"

namespace rrflow {

/// Reads the framed messages of an RRD file one after the other. Payloads
/// are slices of blocks read ahead from the file and are not decoded, except the
/// small store ids needed to say which store each message is about; decode
/// ArrowMsg payloads with DecodeArrowMsg, on any thread.
///
/// Damage is reported, never skipped silently: a truncated or corrupted
/// frame, an unknown message kind, data after the end of a stream or a
/// stream footer that does not match its End message is an error naming the
/// file and byte offset. Every message before the damage is delivered first;
/// after such an error the reader stays at it. A damaged payload inside
/// intact framing (e.g. a SetStoreInfo that does not parse) is an error for
/// that message only: the next call goes on with the next message.
class RrdMessageReader {
 public:
  /// Opens `path` for positional reads (no memory map: a file that shrinks
  /// while it is read gives an error naming the offset, never SIGBUS). An
  /// empty file has no messages; a non-empty one must begin with a valid
  /// stream header.
  static arrow::Result<std::unique_ptr<RrdMessageReader>> Open(const std::string& path);

  /// Reads an open file; `source` names it in errors.
  static arrow::Result<std::unique_ptr<RrdMessageReader>> Make(
      std::shared_ptr<arrow::io::RandomAccessFile> file, std::string source);

  /// The next message, or nullopt after the last one.
  arrow::Result<std::optional<RrdMessage>> Next();

  /// The file name used in errors.
  const std::string& source() const { return *source_; }
  /// The size of the file in bytes.
  int64_t file_size() const { return file_size_; }

 private:
  RrdMessageReader(std::shared_ptr<arrow::io::RandomAccessFile> file, std::string source,
                   int64_t file_size);

  arrow::Result<std::optional<RrdMessage>> ReadNext();
  // `length` bytes at `offset` (within the size the file had when opened),
  // sliced from the current read-ahead block or from a new one.
  arrow::Result<std::shared_ptr<arrow::Buffer>> ReadBytes(int64_t offset, int64_t length);
  arrow::Status StartStream();
  arrow::Status FinishStream(const RrdMessage& end);
  arrow::Status ResolveStoreId(RrdMessage& message);

  std::shared_ptr<arrow::io::RandomAccessFile> file_;
  std::shared_ptr<const std::string> source_;
  int64_t file_size_ = 0;
  int64_t position_ = 0;
  std::shared_ptr<arrow::Buffer> block_;
  int64_t block_offset_ = 0;
  int64_t stream_offset_ = 0;
  RerunVersion stream_version_;
  bool in_stream_ = false;
  arrow::Status error_;
  // (kind, recording id) -> application id announced by SetStoreInfo, for
  // legacy store ids that lack one.
  std::map<std::pair<StoreKind, std::string>, std::string> application_ids_;
};

/// A store found in a file.
struct RrdStoreEntry {
  StoreId store_id;
  /// The last SetStoreInfo for the store, if the file announced it.
  std::optional<StoreInfo> info;
  /// How many ArrowMsg messages the store has.
  int64_t num_chunks = 0;
};

/// Every store of a file in order of first appearance, from a scan of all
/// its messages (payloads are not decompressed).
arrow::Result<std::vector<RrdStoreEntry>> ScanRrdStores(RrdMessageReader& reader);

/// Reads the chunks of one store (or of every store) in file order,
/// decoding each ArrowMsg on the calling thread.
class RrdChunkReader {
 public:
  /// `store`: only this store's chunks; nullopt for every store's.
  static arrow::Result<std::unique_ptr<RrdChunkReader>> Open(
      const std::string& path, std::optional<StoreId> store = std::nullopt);
  /// Reads through an open message reader.
  static std::unique_ptr<RrdChunkReader> Make(std::unique_ptr<RrdMessageReader> messages,
                                              std::optional<StoreId> store = std::nullopt);

  /// The next chunk with its store, or a null chunk after the last one.
  arrow::Result<StoreChunk> Next();

 private:
  RrdChunkReader(std::unique_ptr<RrdMessageReader> messages, std::optional<StoreId> store)
      : messages_(std::move(messages)), store_(std::move(store)) {}

  std::unique_ptr<RrdMessageReader> messages_;
  std::optional<StoreId> store_;
};

}  // namespace rrflow
