// LazyStore: one store of an RRD file, read through its footer manifest.
#include <algorithm>
#include <deque>
#include <map>

#include "io/rrd/arrow_msg_decoding_internal.h"
#include "rrflow/chunk/chunk_summary.h"
#include "rrflow/core/status.h"
#include "rrflow/io/rrd/rrd_reader.h"

namespace rrflow {
namespace {

// Chunks are read in batches of about this many file bytes (less when the
// execution's byte budget is smaller).
constexpr int64_t kBatchBytes = 8 * 1024 * 1024;

bool Selected(const LazyStore::ChunkEntry& entry, const FilterCriteria& selection) {
  if (selection.content && !selection.content->Matches(entry.entity_path)) return false;
  if (selection.is_static && entry.location.is_static != *selection.is_static) return false;
  if (selection.has_timeline) {
    const auto& t = entry.timelines;
    if (entry.location.is_static ||
        std::find(t.begin(), t.end(), *selection.has_timeline) == t.end()) {
      return false;
    }
  }
  if (selection.components) {
    const auto& held = entry.components;
    return std::any_of(selection.components->begin(), selection.components->end(),
                       [&](const std::string& c) {
                         return std::find(held.begin(), held.end(), c) != held.end();
                       });
  }
  return true;
}

// A temporal chunk is outside the range when the manifest knows its times on
// the range's timeline and none lies in it, or knows it has none there (the
// manifest has range columns for every timeline of the store, or none).
bool InTimeRange(const LazyStore::ChunkEntry& entry, const std::optional<TimeRangeHint>& range) {
  if (!range || entry.location.is_static || entry.ranged_timelines == nullptr ||
      entry.ranged_timelines->empty()) {
    return true;
  }
  for (const auto& times : entry.time_ranges) {
    if (times.timeline == range->timeline) return times.end >= range->min && times.start <= range->max;
  }
  return false;
}

// Reads the selected chunks batch by batch (one coalesced read per batch) and
// decodes them on the CPU pool through the shared ArrowMsg decoding window.
class LazyStoreIterator final : public ChunkIterator {
 public:
  LazyStoreIterator(std::shared_ptr<const RrdFile> file, std::vector<ChunkLocation> locations,
                    std::shared_ptr<std::atomic<int64_t>> loaded, int64_t byte_budget,
                    bool keep_encodings)
      : file_(std::move(file)),
        locations_(std::move(locations)),
        loaded_(std::move(loaded)),
        batch_bytes_(std::min(kBatchBytes, byte_budget > 0 ? byte_budget : kBatchBytes)),
        decoding_([this] { return NextMessage(); }, internal::DecodeWindowBytes(byte_budget),
                  [this](const arrow::Status& status) { return LoadError(status); }, keep_encodings) {}

  arrow::Result<ChunkPtr> Next() override {
    if (failed_) return nullptr;
    ARROW_ASSIGN_OR_RAISE(auto decoded, decoding_.Next());
    if (!decoded) return nullptr;
    const ChunkLocation expected = std::move(in_flight_.front());
    in_flight_.pop_front();
    const ChunkPtr& chunk = decoded->decoded.chunk;
    if (auto checked = file_->CheckChunkId(expected, *chunk); !checked.ok()) {
      failed_ = true;
      return LoadError(checked);
    }
    ++*loaded_;
    return chunk;
  }

 private:
  arrow::Status LoadError(const arrow::Status& status) const {
    return RuntimeError("Failed to load chunks from ", file_->source(), ": ", status.message());
  }

  // The next selected chunk's message, reading a new batch when the last is used up.
  arrow::Result<std::optional<RrdMessage>> NextMessage() {
    if (messages_.empty()) {
      if (next_ >= locations_.size()) return std::nullopt;
      std::vector<ChunkLocation> batch;
      int64_t bytes = 0;
      while (next_ < locations_.size() &&
             (batch.empty() || bytes + locations_[next_].byte_size <= batch_bytes_)) {
        bytes += locations_[next_].byte_size;
        batch.push_back(locations_[next_++]);
      }
      // Read in file order, as one coalesced pass.
      std::stable_sort(batch.begin(), batch.end(), [](const auto& a, const auto& b) {
        return a.byte_offset < b.byte_offset;
      });
      auto read = file_->ReadArrowMsgs(batch);
      if (!read.ok()) return LoadError(read.status());
      for (auto& message : *read) messages_.push_back(std::move(message));
      for (auto& location : batch) batch_locations_.push_back(std::move(location));
    }
    RrdMessage message = std::move(messages_.front());
    messages_.pop_front();
    in_flight_.push_back(std::move(batch_locations_.front()));
    batch_locations_.pop_front();
    return message;
  }

  std::shared_ptr<const RrdFile> file_;
  std::vector<ChunkLocation> locations_;
  std::shared_ptr<std::atomic<int64_t>> loaded_;
  const int64_t batch_bytes_;
  size_t next_ = 0;
  // The current batch: messages read and not yet submitted, with their locations.
  std::deque<RrdMessage> messages_;
  std::deque<ChunkLocation> batch_locations_;
  // Locations of the messages submitted for decoding, oldest first.
  std::deque<ChunkLocation> in_flight_;
  bool failed_ = false;
  // Last member: its window refers to the members above.
  internal::ArrowMsgDecoding decoding_;
};

// Decides the leading filters and the time range on the manifest, so that the
// chunks they reject are never read.
class LazyStoreSource final : public ChunkSource {
 public:
  LazyStoreSource(std::shared_ptr<const LazyStore> store, std::shared_ptr<const RrdFile> file,
                  std::shared_ptr<std::atomic<int64_t>> loaded)
      : store_(std::move(store)), file_(std::move(file)), loaded_(std::move(loaded)) {}

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context,
                                                     const ScanHints& hints) const override {
    const FilterCriteria selection = hints.Selection();
    std::vector<ChunkLocation> locations;
    for (const auto& entry : store_->entries()) {
      if (Selected(entry, selection) && InTimeRange(entry, hints.time_range)) {
        locations.push_back(entry.location);
      }
    }
    return std::make_unique<LazyStoreIterator>(file_, std::move(locations), loaded_,
                                               hints.byte_budget, context.keep_chunk_encodings());
  }

 private:
  std::shared_ptr<const LazyStore> store_;
  std::shared_ptr<const RrdFile> file_;
  std::shared_ptr<std::atomic<int64_t>> loaded_;
};

}  // namespace

arrow::Result<std::shared_ptr<const LazyStore>> LazyStore::Make(std::shared_ptr<const RrdFile> file,
                                                                RrdManifest manifest) {
  auto store = std::shared_ptr<LazyStore>(new LazyStore());
  store->file_ = std::move(file);
  ARROW_ASSIGN_OR_RAISE(store->schema_, StoreSchema::FromArrowSchema(*manifest.sorbet_schema));
  ARROW_ASSIGN_OR_RAISE(auto rows, manifest.Chunks());

  store->chunks_.reserve(rows.size());
  // (entity, component) -> the last static chunk in manifest order holding
  // it: a static component is indexed for its current holder only.
  std::map<std::pair<std::string, std::string>, size_t> static_holders;
  for (size_t row = 0; row < rows.size(); ++row) {
    ChunkEntry entry;
    static_cast<ManifestChunk&>(entry) = std::move(rows[row]);
    entry.entity_path = EntityPath::Parse(entry.location.entity_path);
    entry.components = entry.temporal_components;
    if (entry.location.is_static) {
      for (const auto& component : entry.static_components) {
        static_holders[{entry.location.entity_path, component}] = row;
      }
    }
    store->chunks_.push_back(std::move(entry));
  }
  for (const auto& [key, row] : static_holders) {
    store->chunks_[row].components.push_back(key.second);
  }
  for (auto& entry : store->chunks_) std::sort(entry.components.begin(), entry.components.end());
  return store;
}

std::string LazyStore::Summary() const {
  std::vector<SummaryEntry> entries;
  entries.reserve(chunks_.size());
  for (const auto& chunk : chunks_) {
    entries.push_back(SummaryEntry{chunk.location.entity_path, chunk.location.num_rows,
                                   chunk.location.is_static, chunk.timelines, chunk.components});
  }
  return Summarize(std::move(entries));
}

StreamNodePtr LazyStore::Stream() const {
  return std::make_shared<LazyStoreSource>(shared_from_this(), file_, loaded_);
}

}  // namespace rrflow
