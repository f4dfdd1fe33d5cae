// RrdFile: random access to an RRD file through its footer: the manifests of
// its stores and the loading of chosen chunks by byte range.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/io/interfaces.h>
#include <arrow/result.h>

#include "rrflow/chunk/chunk.h"
#include "rrflow/io/rrd/rrd_manifest.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/rrd_message_reader.h"

namespace rrflow {

/// How ranged reads are merged: two ranges closer than `hole_size_limit`
/// bytes are read as one, as long as the merged read stays within
/// `range_size_limit` bytes.
struct RangeCoalescing {
  int64_t hole_size_limit = 8 * 1024;           ///< largest gap read through
  int64_t range_size_limit = 32 * 1024 * 1024;  ///< largest merged read
};

/// An RRD file opened for random access (memory-mapped). Immutable and
/// thread-safe.
class RrdFile {
 public:
  /// Opens `path` and checks the stream header at its start.
  static arrow::Result<std::shared_ptr<const RrdFile>> Open(const std::string& path);
  /// Uses an open file; `source` names it in errors.
  static arrow::Result<std::shared_ptr<const RrdFile>> Make(
      std::shared_ptr<arrow::io::RandomAccessFile> file, std::string source);

  /// The file name used in errors.
  const std::string& source() const { return *source_; }
  /// The size of the file in bytes.
  int64_t size() const { return size_; }
  /// The underlying file (thread-safe positional reads).
  const std::shared_ptr<arrow::io::RandomAccessFile>& file() const { return file_; }

  /// The manifests of the footer found through the trailer at the end of the
  /// file (the last stream's footer), or nullopt for a file without one
  /// (written before 0.28 or without footer). A trailer whose footer lies
  /// outside the file, or whose checksum does not match, is an error.
  arrow::Result<std::optional<std::vector<RrdManifest>>> ReadFooter() const;

  /// Every message of the file in order (see RrdMessageReader).
  arrow::Result<std::unique_ptr<RrdMessageReader>> ReadMessages() const;

  /// Reads the ArrowMsg messages at `locations` (in that order), merging
  /// nearby byte ranges into single reads. Decode them with DecodeArrowMsg.
  arrow::Result<std::vector<RrdMessage>> ReadArrowMsgs(
      const std::vector<ChunkLocation>& locations, const RangeCoalescing& coalescing = {}) const;

  /// ReadArrowMsgs, then DecodeArrowMsg on each; a chunk whose id is not the
  /// one its location names is an error.
  arrow::Result<std::vector<ChunkPtr>> LoadChunks(const std::vector<ChunkLocation>& locations,
                                                  const RangeCoalescing& coalescing = {}) const;

 private:
  RrdFile(std::shared_ptr<arrow::io::RandomAccessFile> file, std::string source, int64_t size);

  std::shared_ptr<arrow::io::RandomAccessFile> file_;
  std::shared_ptr<const std::string> source_;
  int64_t size_ = 0;
};

}  // namespace rrflow
