// RrdWriter: writes chunks of one or more stores to an `.rrd` file that the
// Rerun viewer and `rerun rrd verify` accept.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <arrow/io/interfaces.h>
#include <arrow/result.h>
#include <arrow/status.h>

#include "rrflow/chunk/chunk.h"
#include "rrflow/core/store_id.h"
#include "rrflow/io/rrd/rerun_version.h"
#include "rrflow/io/rrd/rrd_manifest.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/store_info.h"

namespace rrflow::internal {
class ManifestBuilder;
}  // namespace rrflow::internal

namespace rrflow {

/// Options of RrdWriter.
struct RrdWriterOptions {
  /// How ArrowMsg payloads are compressed (Rerun writes LZ4).
  RrdCompression compression = RrdCompression::kLz4;
  /// End the stream with an RrdFooter of per-store manifests and the
  /// trailer that locates it, as Rerun >= 0.28 does.
  bool write_footer = true;
  /// The version recorded in the stream header.
  RerunVersion version = RerunVersion::Written();
};

/// Writes one RRD stream: the header, then SetStoreInfo / ArrowMsg /
/// BlueprintActivationCommand messages in the order given, then the footer.
///
/// Where the bytes go: a symbolic link is followed (the link stays, the file
/// it ends at is written). A regular file, or a new one, is written under a
/// temporary name `.<name>.<pid>.<n>.tmp` in its directory and renamed into
/// place by Finish(), so a failed or abandoned write never leaves a partial
/// file there; a file replaced this way keeps its mode, and its owner where
/// the process may set it. Temporary files of writers that were killed (their
/// process is gone, or they are older than a day) are removed when a writer
/// of the same target opens. A device, FIFO or socket is written in place, as
/// a stream, and so is a file named through a descriptor (`/dev/stdout`,
/// `/proc/self/fd/N`); a directory is an error. Errors name `path` and the OS reason.
/// Not thread-safe: encode chunks in parallel with EncodeArrowMsg and hand
/// the results to WriteEncoded in order.
class RrdWriter {
 public:
  /// Opens the target (see above) and writes the stream header.
  static arrow::Result<std::unique_ptr<RrdWriter>> Open(const std::string& path,
                                                        const RrdWriterOptions& options = {});

  /// Deletes the temporary file unless Finish() succeeded.
  ~RrdWriter();
  /// Not copyable: one writer owns one temporary file.
  RrdWriter(const RrdWriter&) = delete;
  RrdWriter& operator=(const RrdWriter&) = delete;

  /// Writes a SetStoreInfo message announcing (or re-announcing) a store.
  arrow::Status WriteStoreInfo(const StoreInfo& info);

  /// Encodes and writes one chunk of `store_id`. A store not yet announced
  /// is announced first with ChunkPipelineStoreInfo().
  arrow::Status WriteChunk(const StoreId& store_id, ChunkPtr chunk);

  /// Writes a chunk encoded by EncodeArrowMsg (with this writer's compression
  /// or another); as WriteChunk otherwise. `message.chunk` may be null for a
  /// store whose footer manifest is carried (CarryManifest).
  arrow::Status WriteEncoded(const EncodedArrowMsg& message);

  /// Describes the chunks of `store_id` in the footer with the rows of
  /// `source`, a manifest read from another file, instead of from decoded
  /// chunks: the chunks of the store written next are copies of the ones
  /// `source` describes, in its row order (e.g. with new store ids), so that
  /// they need not be decoded. Only before the store's first chunk; Finish()
  /// fails unless every row got its chunk.
  arrow::Status CarryManifest(const StoreId& store_id, RrdManifest source);

  /// Writes a BlueprintActivationCommand (after the blueprint's chunks).
  arrow::Status WriteBlueprintActivation(const BlueprintActivationCommand& command);

  /// Writes the End message with one manifest per store that has chunks and
  /// the trailer (unless disabled), closes the file and renames it into place.
  arrow::Status Finish();

  /// The target path.
  const std::string& path() const { return path_; }

 private:
  RrdWriter(std::string path, std::string target_path, std::string temporary_path,
            RrdWriterOptions options, std::shared_ptr<arrow::io::OutputStream> output);

  arrow::Status WriteMessage(RrdMessageKind kind, const uint8_t* payload, int64_t size);
  arrow::Status WriteFooter();
  arrow::Status EnsureAnnounced(const StoreId& store_id);
  // Runs `write` unless the writer already failed; a failure is kept.
  template <typename Write>
  arrow::Status Guarded(Write&& write);

  std::string path_;
  // The file `path_`'s symbolic links end at.
  std::string target_path_;
  // Empty when the target is written in place.
  std::string temporary_path_;
  RrdWriterOptions options_;
  std::shared_ptr<arrow::io::OutputStream> output_;
  int64_t position_ = 0;
  bool finished_ = false;
  arrow::Status error_;
  std::vector<StoreId> announced_;
  // One per store with chunks, in order of first chunk.
  std::vector<std::unique_ptr<internal::ManifestBuilder>> manifests_;
};

}  // namespace rrflow
