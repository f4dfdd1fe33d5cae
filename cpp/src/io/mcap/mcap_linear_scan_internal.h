// The linear scan: an MCAP file's data section record by record, from the
// Header on, descending into chunks. For files whose summary or message
// indexes cannot be used, and for reading what no summary lists.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include <arrow/result.h>

#include "io/mcap/mcap_file_internal.h"
#include "io/mcap/mcap_records_internal.h"
#include "rrflow/stream/problem.h"

namespace rrflow::internal::mcap {

/// One record met by the scan.
struct ScannedRecord {
  /// Its offset is a file offset at the top level, or one into the
  /// decompressed records of the chunk at `chunk_offset`.
  Record record;
  /// The file offset of the Chunk record holding it; -1 at the top level.
  int64_t chunk_offset = -1;
};

/// Walks the records of a file in order. Not thread-safe.
class LinearScanner {
 public:
  /// `problems` (may be null) hears about chunks that are skipped and CRC
  /// mismatches.
  LinearScanner(std::shared_ptr<const McapFile> file, std::shared_ptr<ProblemHandler> problems);

  /// The next record: each top-level record in file order, and after a Chunk
  /// record the records inside it. Nullopt once the data section ends
  /// (DataEnd, a Footer, or the end of the file right after a record, which
  /// is reported as a problem). A chunk that cannot be decompressed and a
  /// damaged record inside a chunk are reported as problems and the scan
  /// goes on after that chunk. A truncated top-level record, an
  /// unparsable Schema or Channel record and two different definitions of
  /// one schema or channel id are errors; the scan
  /// is over after them.
  arrow::Result<std::optional<ScannedRecord>> Next();

  /// The schemas and channels met so far (top level and inside chunks).
  const std::map<uint16_t, Schema>& schemas() const { return schemas_; }
  const std::map<uint16_t, Channel>& channels() const { return channels_; }

 private:
  arrow::Result<std::optional<ScannedRecord>> NextTopLevel();
  arrow::Result<std::optional<ScannedRecord>> NextInChunk();
  /// Decompresses the Chunk record just returned, to descend into it.
  void EnterChunk(const Record& record);
  arrow::Status Register(const ScannedRecord& scanned);
  void Warn(std::string message, int64_t offset) const;

  std::shared_ptr<const McapFile> file_;
  std::shared_ptr<ProblemHandler> problems_;
  int64_t next_offset_ = kMagicSize;
  std::optional<Record> pending_chunk_;
  std::optional<RecordIterator> chunk_records_;
  int64_t chunk_offset_ = -1;
  bool finished_ = false;
  std::map<uint16_t, Schema> schemas_;
  std::map<uint16_t, Channel> channels_;
};

}  // namespace rrflow::internal::mcap
