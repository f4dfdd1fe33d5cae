// RrdReader: RRD files as stream sources.
#include "rrflow/io/rrd/rrd_reader.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <arrow/io/file.h>

#include "io/rrd/arrow_msg_decoding_internal.h"
#include "rrflow/core/status.h"
#include "rrflow/io/rrd/rrd_message_reader.h"

namespace rrflow {
namespace {

// A file of concatenated streams whose footer is the last stream's.
std::string ConcatenatedStreamsText(const std::string& path, int64_t offset) {
  return "RRD file " + path + " holds concatenated streams, and its footer describes only the " +
         "last one (from byte " + std::to_string(offset) + ")";
}

arrow::Status ReadError(const std::string& path, const arrow::Status& status) {
  return RuntimeError("Failed to read RRD file at ", path, ": ", status.message());
}

// Scans the file's messages and decodes the target store's chunks on the CPU
// pool, handing them back in file order. Every chunk before a damaged frame
// is delivered before the error.
class RrdChunkIterator final : public ChunkIterator {
 public:
  RrdChunkIterator(std::string path, StoreId store, int64_t byte_budget, bool keep_encodings)
      : path_(std::move(path)),
        store_(std::move(store)),
        decoding_([this] { return NextStoreMessage(); }, internal::DecodeWindowBytes(byte_budget),
                  [](const arrow::Status& status) {
                    return RuntimeError("Failed to decode chunk from RRD file: ",
                                        status.message());
                  },
                  keep_encodings) {}

  arrow::Result<ChunkPtr> Next() override {
    ARROW_ASSIGN_OR_RAISE(auto decoded, decoding_.Next());
    if (!decoded) return nullptr;
    return std::move(decoded->decoded.chunk);
  }

 private:
  // The next ArrowMsg of the target store; read errors name the file.
  arrow::Result<std::optional<RrdMessage>> NextStoreMessage() {
    if (reader_ == nullptr) {
      // Positional reads rather than a memory map: a streaming pass then keeps
      // only the messages in flight resident, whatever the file size.
      auto file = arrow::io::ReadableFile::Open(path_);
      if (!file.ok()) return ReadError(path_, file.status());
      auto opened = RrdMessageReader::Make(std::move(*file), path_);
      if (!opened.ok()) return ReadError(path_, opened.status());
      reader_ = std::move(*opened);
    }
    while (true) {
      auto message = reader_->Next();
      if (!message.ok()) return ReadError(path_, message.status());
      if (!message->has_value()) return std::nullopt;
      if ((*message)->kind == RrdMessageKind::kArrowMsg && (*message)->store_id == store_) {
        return std::move(*message);
      }
    }
  }

  std::string path_;
  StoreId store_;
  std::unique_ptr<RrdMessageReader> reader_;
  internal::ArrowMsgDecoding decoding_;
};

// A streaming pass reads every message, so it has nothing to skip: the
// filters after it do all the selecting.
class RrdStreamSource final : public ChunkSource {
 public:
  RrdStreamSource(std::string path, StoreId store) : path_(std::move(path)), store_(std::move(store)) {}
  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context,
                                                     const ScanHints& hints) const override {
    return std::make_unique<RrdChunkIterator>(path_, store_, hints.byte_budget,
                                              context.keep_chunk_encodings());
  }

 private:
  std::string path_;
  StoreId store_;
};

bool StoreOrder(const StoreId& a, const StoreId& b) {
  return std::tie(a.kind, a.application_id, a.recording_id) <
         std::tie(b.kind, b.application_id, b.recording_id);
}

}  // namespace

arrow::Result<std::shared_ptr<const RrdReader>> RrdReader::Open(std::string path,
                                                                ProblemHandler* problems) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return arrow::Status::Invalid("RRD file not found: ", path);
  }
  auto reader = std::shared_ptr<const RrdReader>(new RrdReader(std::move(path)));
  // Shorter files are not RRD streams at all; reading them reports that.
  constexpr uintmax_t kStreamHeaderBytes = 12;
  if (problems == nullptr || !std::filesystem::is_regular_file(reader->path_, error) ||
      std::filesystem::file_size(reader->path_, error) < kStreamHeaderBytes) {
    return reader;
  }
  if (!reader->has_footer()) {
    problems->Report(Problem{
        Problem::Severity::kWarning,
        "RRD file has no footer/manifest: " + reader->path_ +
            ". This is a legacy format; store enumeration will fall back to a whole-file scan, "
            "and `store()` is not supported (use `stream()` instead).",
        reader->path_, std::nullopt});
  } else if (const auto offset = reader->ConcatenatedStreamOffset()) {
    problems->Report(Problem{Problem::Severity::kWarning, ConcatenatedStreamsText(reader->path_, *offset) +
                                 ": store enumeration scans the whole file, and `store()` is not "
                                 "supported (use `stream()` instead).",
                             reader->path_, *offset});
  }
  return reader;
}

arrow::Result<StoreId> RrdReader::SelectStore(const StoreRequest& request,
                                              ProblemHandler* problems) const {
  ARROW_ASSIGN_OR_RAISE(auto stores, Stores());
  if (request.store) {
    if (std::find(stores.begin(), stores.end(), *request.store) == stores.end()) {
      return arrow::Status::Invalid("Store ", request.store->ToString(), " not found in RRD file");
    }
    return *request.store;
  }
  std::vector<StoreId> recordings;
  for (const auto& store : stores) {
    if (store.kind != StoreKind::kRecording) continue;
    if (request.recording_id && store.recording_id != *request.recording_id) continue;
    recordings.push_back(store);
  }
  if (recordings.empty()) {
    if (request.recording_id) {
      return arrow::Status::Invalid("No recording with id '", *request.recording_id,
                                    "' found in RRD file");
    }
    return arrow::Status::Invalid("No recording store found in RRD file");
  }
  if (recordings.size() > 1 && problems != nullptr) {
    problems->Report(Problem{Problem::Severity::kWarning,
                             "RRD contains " + std::to_string(recordings.size()) +
                                 " recording stores; implicitly using " +
                                 recordings.front().ToString() +
                                 ". Pass `store=\u2026` to select explicitly (see `recordings()`).",
                             path_, std::nullopt});
  }
  return recordings.front();
}

bool RrdReader::has_footer() const {
  auto file = RrdFile::Open(path_);
  if (!file.ok()) return false;
  auto footer = (*file)->ReadFooter();
  return footer.ok() && footer->has_value();
}

std::optional<int64_t> RrdReader::ConcatenatedStreamOffset() const {
  auto file = RrdFile::Open(path_);
  if (!file.ok()) return std::nullopt;
  return ConcatenatedStreamOffset(**file);
}

std::optional<int64_t> RrdReader::ConcatenatedStreamOffset(const RrdFile& file) {
  auto offset = file.FooterStreamOffset();
  if (!offset.ok() || !offset->has_value() || **offset == 0) return std::nullopt;
  return **offset;
}

arrow::Result<std::vector<StoreId>> RrdReader::Stores() const {
  std::lock_guard lock(stores_mutex_);
  if (!stores_) {
    ARROW_ASSIGN_OR_RAISE(auto stores, ListStores());
    stores_ = std::move(stores);
  }
  return *stores_;
}

arrow::Result<std::vector<StoreId>> RrdReader::ListStores() const {
  std::set<StoreId, decltype(&StoreOrder)> stores(&StoreOrder);
  auto file = RrdFile::Open(path_);
  if (!file.ok()) return ReadError(path_, file.status());
  auto footer = (*file)->ReadFooter();
  if (!footer.ok()) return ReadError(path_, footer.status());
  if (footer->has_value() && !ConcatenatedStreamOffset(**file)) {
    for (const auto& manifest : **footer) stores.insert(manifest.store_id);
  } else {
    // A scan for SetStoreInfo messages. Damage further on is reported when
    // the chunks are streamed; the stores announced before it are listed.
    auto reader = RrdMessageReader::Open(path_);
    if (!reader.ok()) return ReadError(path_, reader.status());
    while (true) {
      auto message = (*reader)->Next();
      if (!message.ok() || !message->has_value()) break;
      if ((*message)->kind == RrdMessageKind::kSetStoreInfo && (*message)->store_id) {
        stores.insert(*(*message)->store_id);
      }
    }
  }
  return std::vector<StoreId>(stores.begin(), stores.end());
}

StreamNodePtr RrdReader::Stream(StoreId store) const {
  return std::make_shared<RrdStreamSource>(path_, std::move(store));
}

arrow::Result<std::shared_ptr<const LazyStore>> RrdReader::Store(const StoreId& store) const {
  auto file = RrdFile::Open(path_);
  if (!file.ok()) return ReadError(path_, file.status());
  auto footer = (*file)->ReadFooter();
  if (!footer.ok()) return ReadError(path_, footer.status());
  if (!footer->has_value()) {
    return RuntimeError("Legacy RRD without footer: ", path_,
                        ". Use RrdReader.stream().collect() to read it eagerly into a ChunkStore.");
  }
  if (const auto offset = ConcatenatedStreamOffset(**file)) {
    return RuntimeError(ConcatenatedStreamsText(path_, *offset),
                        ". Use RrdReader.stream().collect() to read all of it into a ChunkStore.");
  }
  for (auto& manifest : **footer) {
    if (manifest.store_id == store) {
      auto lazy = LazyStore::Make(*file, std::move(manifest));
      if (!lazy.ok()) {
        return RuntimeError("Failed to read RRD file at ", path_,
                            ": Invalid RRD manifest: ", lazy.status().message());
      }
      return lazy;
    }
  }
  return RuntimeError("Failed to read RRD file at ", path_, ": Store ", store.ToString(),
                      " not found in RRD footer");
}

}  // namespace rrflow
