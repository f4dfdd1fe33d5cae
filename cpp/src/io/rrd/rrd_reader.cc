// RrdReader and write_rrd: RRD files as stream sources and sinks.
#include "rrflow/io/rrd/rrd_reader.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <arrow/io/file.h>

#include "rrflow/core/status.h"
#include "rrflow/io/rrd/rrd_message_reader.h"
#include "rrflow/io/rrd/rrd_writer.h"
#include "stream/execution_context_internal.h"
#include "stream/ordered_tasks_internal.h"

namespace rrflow {
namespace {

arrow::Status ReadError(const std::string& path, const arrow::Status& status) {
  return RuntimeError("Failed to read RRD file at ", path, ": ", status.message());
}

// Scans the file's messages and decodes the target store's chunks on the CPU
// pool, handing them back in file order. Every chunk before a damaged frame
// is delivered before the error.
class RrdChunkIterator final : public ChunkIterator {
 public:
  RrdChunkIterator(std::string path, StoreId store) : path_(std::move(path)), store_(std::move(store)) {}

  arrow::Result<ChunkPtr> Next() override {
    if (finished_) return nullptr;
    while (!reader_done_ && !decoding_.full()) ARROW_RETURN_NOT_OK(ReadAhead());
    if (decoding_.empty()) {
      finished_ = true;
      if (!read_error_.ok()) return read_error_;
      return nullptr;
    }
    auto decoded = decoding_.TakeOldest();
    if (!decoded.ok()) {
      finished_ = true;
      return RuntimeError("Failed to decode chunk from RRD file: ", decoded.status().message());
    }
    return std::move(decoded->chunk);
  }

 private:
  arrow::Status ReadAhead() {
    if (reader_ == nullptr) {
      // Positional reads rather than a memory map: a streaming pass then keeps
      // only the messages in flight resident, whatever the file size.
      auto file = arrow::io::ReadableFile::Open(path_);
      if (!file.ok()) return Stop(file.status());
      auto opened = RrdMessageReader::Make(std::move(*file), path_);
      if (!opened.ok()) return Stop(opened.status());
      reader_ = std::move(*opened);
    }
    auto message = reader_->Next();
    if (!message.ok()) return Stop(message.status());
    if (!message->has_value()) return Stop(arrow::Status::OK());
    RrdMessage& current = **message;
    if (current.kind != RrdMessageKind::kArrowMsg || current.store_id != store_) {
      return arrow::Status::OK();
    }
    return decoding_.Submit([message = std::move(current)] { return DecodeArrowMsg(message); });
  }

  arrow::Status Stop(const arrow::Status& status) {
    reader_done_ = true;
    if (!status.ok()) read_error_ = ReadError(path_, status);
    return arrow::Status::OK();
  }

  std::string path_;
  StoreId store_;
  std::unique_ptr<RrdMessageReader> reader_;
  internal::OrderedTasks<StoreChunk> decoding_;
  arrow::Status read_error_;
  bool reader_done_ = false;
  bool finished_ = false;
};

class RrdStreamSource final : public StreamNode {
 public:
  RrdStreamSource(std::string path, StoreId store) : path_(std::move(path)), store_(std::move(store)) {}
  arrow::Result<std::unique_ptr<ChunkIterator>> Open(internal::ExecutionContext&) const override {
    return std::make_unique<RrdChunkIterator>(path_, store_);
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

arrow::Result<std::shared_ptr<const RrdReader>> RrdReader::Open(std::string path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return arrow::Status::Invalid("RRD file not found: ", path);
  }
  return std::shared_ptr<const RrdReader>(new RrdReader(std::move(path)));
}

bool RrdReader::has_footer() const {
  auto file = RrdFile::Open(path_);
  if (!file.ok()) return false;
  auto footer = (*file)->ReadFooter();
  return footer.ok() && footer->has_value();
}

arrow::Result<std::vector<StoreId>> RrdReader::Stores() const {
  std::set<StoreId, decltype(&StoreOrder)> stores(&StoreOrder);
  auto file = RrdFile::Open(path_);
  if (!file.ok()) return ReadError(path_, file.status());
  auto footer = (*file)->ReadFooter();
  if (!footer.ok()) return ReadError(path_, footer.status());
  if (footer->has_value()) {
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

arrow::Status WriteRrd(const StreamNodePtr& node, const std::string& path, const StoreId& store) {
  ARROW_ASSIGN_OR_RAISE(auto iterator, Execute(node));
  ARROW_ASSIGN_OR_RAISE(auto writer, RrdWriter::Open(path));
  ARROW_RETURN_NOT_OK(writer->WriteStoreInfo(ChunkPipelineStoreInfo(store)));
  internal::OrderedTasks<EncodedArrowMsg> encoding;
  bool input_done = false;
  while (!input_done || !encoding.empty()) {
    while (!input_done && !encoding.full()) {
      ARROW_ASSIGN_OR_RAISE(auto chunk, iterator->Next());
      if (chunk == nullptr) {
        input_done = true;
        break;
      }
      ARROW_RETURN_NOT_OK(encoding.Submit(
          [store, chunk = std::move(chunk)] { return EncodeArrowMsg(store, chunk); }));
    }
    if (encoding.empty()) break;
    ARROW_ASSIGN_OR_RAISE(auto encoded, encoding.TakeOldest());
    ARROW_RETURN_NOT_OK(writer->WriteEncoded(encoded));
  }
  return writer->Finish();
}

}  // namespace rrflow
