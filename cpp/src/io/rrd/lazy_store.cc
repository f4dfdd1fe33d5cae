// LazyStore: one store of an RRD file, read through its footer manifest.
#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include <arrow/array.h>
#include <arrow/util/key_value_metadata.h>

#include "rrflow/chunk/chunk_summary.h"
#include "rrflow/core/status.h"
#include "rrflow/io/rrd/rrd_reader.h"
#include "stream/execution_context_internal.h"
#include "stream/ordered_tasks_internal.h"
#include "stream/selectable_source_internal.h"

namespace rrflow {
namespace {

// Chunks are loaded in batches of about this many file bytes.
constexpr int64_t kBatchBytes = 8 * 1024 * 1024;

std::string MetadataValue(const arrow::Field& field, const std::string& key) {
  const auto& metadata = field.metadata();
  if (metadata == nullptr) return {};
  return metadata->Get(key).ValueOr("");
}

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(),
                                                      suffix) == 0;
}

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

// Loads the selected chunks batch by batch, decoding each batch in parallel.
class LazyStoreIterator final : public ChunkIterator {
 public:
  LazyStoreIterator(std::shared_ptr<const RrdFile> file, std::vector<ChunkLocation> locations,
                    std::shared_ptr<std::atomic<int64_t>> loaded)
      : file_(std::move(file)), locations_(std::move(locations)), loaded_(std::move(loaded)) {}

  arrow::Result<ChunkPtr> Next() override {
    if (batch_.empty() && next_ < locations_.size()) {
      auto loaded = LoadBatch();
      if (!loaded.ok()) {
        next_ = locations_.size();
        return RuntimeError("Failed to load chunks from ", file_->source(), ": ",
                            loaded.message());
      }
    }
    if (batch_.empty()) return nullptr;
    ChunkPtr chunk = std::move(batch_.front());
    batch_.pop_front();
    return chunk;
  }

 private:
  arrow::Status LoadBatch() {
    std::vector<ChunkLocation> batch;
    int64_t bytes = 0;
    while (next_ < locations_.size() &&
           (batch.empty() || bytes + locations_[next_].byte_size <= kBatchBytes)) {
      bytes += locations_[next_].byte_size;
      batch.push_back(locations_[next_++]);
    }
    // Read in file order, as one coalesced pass.
    std::stable_sort(batch.begin(), batch.end(), [](const auto& a, const auto& b) {
      return a.byte_offset < b.byte_offset;
    });
    ARROW_ASSIGN_OR_RAISE(auto messages, file_->ReadArrowMsgs(batch));
    internal::OrderedTasks<StoreChunk> decoding(messages.size() + 1);
    for (auto& message : messages) {
      ARROW_RETURN_NOT_OK(decoding.Submit([message = std::move(message)] {
        return DecodeArrowMsg(message);
      }));
    }
    for (const auto& location : batch) {
      ARROW_ASSIGN_OR_RAISE(auto decoded, decoding.TakeOldest());
      if (decoded.chunk->id() != location.chunk_id) {
        return arrow::Status::Invalid("chunk at offset ", location.byte_offset, " is ",
                                      decoded.chunk->id().ToString(), ", the manifest says ",
                                      location.chunk_id.ToString());
      }
      batch_.push_back(std::move(decoded.chunk));
    }
    *loaded_ += static_cast<int64_t>(batch.size());
    return arrow::Status::OK();
  }

  std::shared_ptr<const RrdFile> file_;
  std::vector<ChunkLocation> locations_;
  std::shared_ptr<std::atomic<int64_t>> loaded_;
  size_t next_ = 0;
  std::deque<ChunkPtr> batch_;
};

class LazyStoreSource final : public internal::SelectableSource {
 public:
  explicit LazyStoreSource(std::shared_ptr<const LazyStore> store, std::shared_ptr<const RrdFile> file,
                           std::shared_ptr<std::atomic<int64_t>> loaded)
      : store_(std::move(store)), file_(std::move(file)), loaded_(std::move(loaded)) {}

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(internal::ExecutionContext& context) const override {
    return OpenSelected(context, FilterCriteria{});
  }

  arrow::Result<std::unique_ptr<ChunkIterator>> OpenSelected(
      internal::ExecutionContext&, const FilterCriteria& selection) const override {
    std::vector<ChunkLocation> locations;
    for (const auto& entry : store_->entries()) {
      if (Selected(entry, selection)) locations.push_back(entry.location);
    }
    return std::make_unique<LazyStoreIterator>(file_, std::move(locations), loaded_);
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
  ARROW_ASSIGN_OR_RAISE(auto locations, manifest.ChunkLocations());

  // The manifest's indexes: per-(timeline, component) start columns and
  // per-component static flags.
  struct TemporalColumn {
    std::string timeline;
    std::string component;
    std::shared_ptr<arrow::Array> starts;
  };
  struct StaticColumn {
    std::string component;
    std::shared_ptr<arrow::BooleanArray> flags;
  };
  std::vector<TemporalColumn> temporal;
  std::vector<StaticColumn> statics;
  const auto& data = *manifest.data;
  for (int i = 0; i < data.num_columns(); ++i) {
    const auto& field = *data.schema()->field(i);
    const std::string component = MetadataValue(field, "rerun:component");
    if (component.empty()) continue;
    if (EndsWith(field.name(), ":has_static_data")) {
      if (data.column(i)->type_id() != arrow::Type::BOOL) {
        return arrow::Status::Invalid("manifest column '", field.name(), "' is not Boolean");
      }
      statics.push_back({component, std::static_pointer_cast<arrow::BooleanArray>(data.column(i))});
    } else if (EndsWith(field.name(), ":start")) {
      temporal.push_back({MetadataValue(field, "rerun:index"), component, data.column(i)});
    }
  }

  store->chunks_.reserve(locations.size());
  // (entity, component) -> the last static chunk in manifest order holding it.
  std::map<std::pair<std::string, std::string>, size_t> static_holders;
  for (size_t row = 0; row < locations.size(); ++row) {
    ChunkEntry entry;
    entry.location = locations[row];
    entry.entity_path = EntityPath::Parse(locations[row].entity_path);
    std::set<std::string> timelines;
    std::set<std::string> components;
    for (const auto& column : temporal) {
      if (column.starts->IsValid(static_cast<int64_t>(row))) {
        timelines.insert(column.timeline);
        components.insert(column.component);
      }
    }
    if (entry.location.is_static) {
      for (const auto& column : statics) {
        if (column.flags->IsValid(static_cast<int64_t>(row)) &&
            column.flags->Value(static_cast<int64_t>(row))) {
          static_holders[{entry.location.entity_path, column.component}] = row;
        }
      }
    }
    entry.timelines.assign(timelines.begin(), timelines.end());
    entry.components.assign(components.begin(), components.end());
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
