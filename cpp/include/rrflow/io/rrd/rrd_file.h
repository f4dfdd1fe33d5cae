// RrdFile: random access to an RRD file through its footer: the manifests of
// its stores and the loading of chosen chunks by byte range.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/io/caching.h>
#include <arrow/io/interfaces.h>
#include <arrow/result.h>

#include "rrflow/chunk/chunk.h"
#include "rrflow/io/rrd/rrd_manifest.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/rrd_message_reader.h"

namespace rrflow {

/// An RRD file opened for random access. Immutable and thread-safe.
class RrdFile {
 public:
  /// Opens `path` for positional reads and checks the stream header at its
  /// start. No memory map: only the bytes being decoded stay resident, and a
  /// file that shrinks while open gives read errors rather than SIGBUS.
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

  /// Where the stream that the footer describes begins: 0 for a file of one
  /// stream, further on when other streams were concatenated before it
  /// (whose chunks the footer does not list); nullopt without a footer.
  arrow::Result<std::optional<int64_t>> FooterStreamOffset() const;

  /// Every message of the file in order (see RrdMessageReader).
  arrow::Result<std::unique_ptr<RrdMessageReader>> ReadMessages() const;

  /// Reads the ArrowMsg messages at `locations` (in that order) through an
  /// Arrow read-range cache: byte ranges closer than `cache.hole_size_limit`
  /// are merged into one read of at most `cache.range_size_limit` bytes,
  /// all made on the calling thread. A location given
  /// twice is read once; locations that partly overlap are an error. Decode
  /// the messages with DecodeArrowMsg.
  arrow::Result<std::vector<RrdMessage>> ReadArrowMsgs(
      const std::vector<ChunkLocation>& locations,
      const arrow::io::CacheOptions& cache = arrow::io::CacheOptions::Defaults()) const;

  /// An error naming the file and offset unless `chunk`, decoded from the
  /// message at `location`, is the chunk the location names.
  arrow::Status CheckChunkId(const ChunkLocation& location, const Chunk& chunk) const;

  /// ReadArrowMsgs, then DecodeArrowMsg and CheckChunkId on each.
  arrow::Result<std::vector<ChunkPtr>> LoadChunks(
      const std::vector<ChunkLocation>& locations,
      const arrow::io::CacheOptions& cache = arrow::io::CacheOptions::Defaults()) const;

 private:
  // Where the trailer at the end of the file says its footer and stream are.
  struct FooterPlace {
    int64_t trailer_offset = 0;
    int64_t payload_offset = 0;
    int64_t stream_offset = 0;
    uint32_t checksum = 0;
  };
  arrow::Result<std::optional<FooterPlace>> LocateFooter() const;

  RrdFile(std::shared_ptr<arrow::io::RandomAccessFile> file, std::string source, int64_t size);

  std::shared_ptr<arrow::io::RandomAccessFile> file_;
  std::shared_ptr<const std::string> source_;
  int64_t size_ = 0;
};

}  // namespace rrflow
