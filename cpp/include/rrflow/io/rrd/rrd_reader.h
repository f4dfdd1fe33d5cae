// RrdReader, LazyStore and write_rrd: the stream engine's view of `.rrd` files.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "rrflow/core/store_id.h"
#include "rrflow/io/rrd/rrd_file.h"
#include "rrflow/io/rrd/rrd_manifest.h"
#include "rrflow/store/store_schema.h"
#include "rrflow/stream/problem.h"
#include "rrflow/stream/lazy_chunk_stream.h"

namespace rrflow {

/// Index-based, on-demand view of one store of an RRD file: the footer's
/// manifest is held in memory; chunk data is read only when a stream runs,
/// and leading filters are decided on the manifest so unmatched chunks are
/// never read. Immutable apart from the loaded-chunks counter.
class LazyStore : public std::enable_shared_from_this<LazyStore> {
 public:
  static arrow::Result<std::shared_ptr<const LazyStore>> Make(std::shared_ptr<const RrdFile> file,
                                                              RrdManifest manifest);

  int64_t num_chunks() const { return static_cast<int64_t>(chunks_.size()); }
  /// The manifest's store-wide schema.
  const StoreSchema& schema() const { return schema_; }
  /// One summary line per manifest chunk, built from the manifest alone.
  std::string Summary() const;
  /// A stream over the chunks in manifest order, loaded in batches of about
  /// 8 MiB of file bytes. Leading filters and a time range hint are decided
  /// on the manifest, so the chunks they reject are never read.
  StreamNodePtr Stream() const;
  /// How many chunks all executions of Stream() have loaded so far.
  int64_t chunks_loaded() const { return loaded_->load(); }
  const std::string& source() const { return file_->source(); }

  /// What the manifest says about one chunk, enough to decide filters and
  /// time ranges.
  struct ChunkEntry : ManifestChunk {
    EntityPath entity_path;
    /// Components indexed for the chunk: with data on some timeline when
    /// temporal; those it is the current static holder of when static.
    std::vector<std::string> components;
  };
  const std::vector<ChunkEntry>& entries() const { return chunks_; }

 private:
  LazyStore() = default;

  std::shared_ptr<const RrdFile> file_;
  std::vector<ChunkEntry> chunks_;
  StoreSchema schema_;
  std::shared_ptr<std::atomic<int64_t>> loaded_ = std::make_shared<std::atomic<int64_t>>(0);
};

/// Which store of a file a read is about.
struct StoreRequest {
  /// This exact store; the file must have it.
  std::optional<StoreId> store;
  /// Else the recording with this id; else the file's first recording.
  std::optional<std::string> recording_id;
};

/// Reads one `.rrd` file: its stores, a streaming pass over one store, or a
/// LazyStore over one store's manifest.
class RrdReader {
 public:
  /// Fails with `RRD file not found: <path>` when the path does not exist.
  /// Other problems with the file surface when it is read, except that a
  /// regular file of at least a stream header's size without a usable footer
  /// is reported to `problems` (a legacy file: no LazyStore, stores found by
  /// a scan).
  static arrow::Result<std::shared_ptr<const RrdReader>> Open(std::string path,
                                                              ProblemHandler* problems = nullptr);

  const std::string& path() const { return path_; }

  /// True when the file ends with a usable footer (false on any problem).
  bool has_footer() const;

  /// Where the stream the footer describes begins, when other streams were
  /// concatenated before it: the footer then lists only part of the file,
  /// so the stores are found by a scan and Store() refuses the file.
  std::optional<int64_t> ConcatenatedStreamOffset() const;

  /// The stores, from the footer's manifests when there is one, else from a
  /// scan of the SetStoreInfo messages; sorted by (kind, application id,
  /// recording id), recordings first.
  /// Listed once per reader (a file without footer is scanned once).
  arrow::Result<std::vector<StoreId>> Stores() const;

  /// The store `request` names, checked against Stores(); without a store
  /// or recording id, the first recording, reporting to `problems` when the
  /// file has several. Errors (Invalid) say which store is missing.
  arrow::Result<StoreId> SelectStore(const StoreRequest& request,
                                     ProblemHandler* problems = nullptr) const;

  /// Every chunk of `store` in file order, decoded in parallel. Works for
  /// files with or without footer.
  StreamNodePtr Stream(StoreId store) const;

  /// A LazyStore over `store`; needs a footer.
  arrow::Result<std::shared_ptr<const LazyStore>> Store(const StoreId& store) const;

 private:
  // ConcatenatedStreamOffset of a file already open.
  static std::optional<int64_t> ConcatenatedStreamOffset(const RrdFile& file);
  explicit RrdReader(std::string path) : path_(std::move(path)) {}
  arrow::Result<std::vector<StoreId>> ListStores() const;

  std::string path_;
  mutable std::mutex stores_mutex_;
  mutable std::optional<std::vector<StoreId>> stores_;
};

}  // namespace rrflow
