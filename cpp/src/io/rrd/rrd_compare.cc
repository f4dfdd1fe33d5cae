#include "rrflow/io/rrd/rrd_compare.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rrflow/io/rrd/rrd_reader.h"

namespace rrflow {
namespace {

// One side of the comparison: a file's recording, read as a stream.
struct Side {
  std::string path;
  StoreId store;
  std::shared_ptr<const RrdReader> reader;
  std::unique_ptr<ChunkIterator> chunks;
  int64_t read = 0;

  // The next chunk (null at the end) and its 1-based position.
  arrow::Result<std::pair<ChunkPtr, int64_t>> Next() {
    ARROW_ASSIGN_OR_RAISE(auto chunk, chunks->Next());
    if (chunk) ++read;
    return std::make_pair(std::move(chunk), read);
  }
};

arrow::Result<Side> OpenSide(const std::string& path, const ExecuteOptions& execution) {
  ARROW_ASSIGN_OR_RAISE(auto reader, RrdReader::Open(path));
  ARROW_ASSIGN_OR_RAISE(auto stores, reader->Stores());
  std::vector<StoreId> recordings;
  std::copy_if(stores.begin(), stores.end(), std::back_inserter(recordings),
               [](const StoreId& store) { return store.kind == StoreKind::kRecording; });
  if (recordings.size() != 1) {
    std::string names;
    for (const auto& recording : recordings) names += (names.empty() ? " (" : ", ") + recording.recording_id;
    return arrow::Status::Invalid(path, ": holds ", recordings.size(), " recordings", names,
                                  names.empty() ? "" : ")", "; compare needs exactly one");
  }
  ARROW_ASSIGN_OR_RAISE(auto chunks, Execute(reader->Stream(recordings.front()), execution));
  return Side{path, recordings.front(), std::move(reader), std::move(chunks)};
}

std::string Label(const std::string& path, int64_t position, const Chunk& chunk) {
  return path + ", chunk " + std::to_string(position) + " (" + chunk.entity_path().ToString() + ", " +
         chunk.id().ToString() + ")";
}

arrow::Status Interrupted(const ExecuteOptions& execution) {
  return execution.interrupt_check ? execution.interrupt_check() : arrow::Status::OK();
}

arrow::Result<std::optional<std::string>> CompareInOrder(Side& first, Side& second,
                                                         const RrdCompareOptions& options) {
  while (true) {
    ARROW_RETURN_NOT_OK(Interrupted(options.execution));
    ARROW_ASSIGN_OR_RAISE(auto a, first.Next());
    ARROW_ASSIGN_OR_RAISE(auto b, second.Next());
    if (!a.first && !b.first) return std::nullopt;
    if (!a.first || !b.first) {
      const auto& [shorter, longer, extra] =
          a.first ? std::tie(second, first, a) : std::tie(first, second, b);
      return shorter.path + " ends after " + std::to_string(shorter.read) + " chunks, " + longer.path +
             " has more: " + Label(longer.path, extra.second, *extra.first);
    }
    if (auto difference = FindChunkDifference(*a.first, *b.first, options.chunks)) {
      return Label(first.path, a.second, *a.first) + " and " + Label(second.path, b.second, *b.first) +
             " differ: " + difference->ToString();
    }
  }
}

// What an equal chunk must share, so that only chunks alike in it are
// compared in full.
size_t Fingerprint(const Chunk& chunk, const ChunkComparisonOptions& options) {
  size_t hash = std::hash<std::string>()(chunk.entity_path().ToString());
  const auto mix = [&hash](size_t value) { hash ^= value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2); };
  mix(std::hash<int64_t>()(chunk.num_rows()));
  mix(chunk.is_static() ? 1 : 2);
  for (const auto& timeline : chunk.timelines()) {  // in name order
    const auto& ignored = options.ignored_timelines;
    if (std::find(ignored.begin(), ignored.end(), timeline.name()) != ignored.end()) continue;
    mix(std::hash<std::string>()(timeline.name()));
    if (timeline.length() > 0) mix(std::hash<int64_t>()(timeline.values()[0]));
  }
  std::vector<std::string> components;
  for (const auto& component : chunk.components()) {
    const auto& ignored = options.ignored_components;
    if (std::find(ignored.begin(), ignored.end(), component.descriptor.component) != ignored.end()) continue;
    components.push_back(component.descriptor.component);
  }
  std::sort(components.begin(), components.end());
  for (const auto& component : components) mix(std::hash<std::string>()(component));
  return hash;
}

// The chunks of one side not yet matched with the other's, by fingerprint.
struct Unmatched {
  struct Entry {
    int64_t position;
    ChunkPtr chunk;
  };
  std::unordered_map<size_t, std::vector<Entry>> by_fingerprint;
  int64_t count = 0;

  // Removes and reports an entry equal to `chunk`, if there is one.
  bool Match(size_t fingerprint, const Chunk& chunk, const ChunkComparisonOptions& options) {
    auto bucket = by_fingerprint.find(fingerprint);
    if (bucket == by_fingerprint.end()) return false;
    auto& entries = bucket->second;
    auto equal = std::find_if(entries.begin(), entries.end(), [&](const Entry& entry) {
      return !FindChunkDifference(*entry.chunk, chunk, options);
    });
    if (equal == entries.end()) return false;
    entries.erase(equal);
    if (entries.empty()) by_fingerprint.erase(bucket);
    --count;
    return true;
  }

  void Add(size_t fingerprint, int64_t position, ChunkPtr chunk) {
    by_fingerprint[fingerprint].push_back(Entry{position, std::move(chunk)});
    ++count;
  }

  // The entry read first, among those `keep` accepts.
  const Entry* First(const std::function<bool(const Chunk&)>& keep = {}) const {
    const Entry* first = nullptr;
    for (const auto& [_, entries] : by_fingerprint) {
      for (const auto& entry : entries) {
        if (keep && !keep(*entry.chunk)) continue;
        if (first == nullptr || entry.position < first->position) first = &entry;
      }
    }
    return first;
  }
};

// Names the first chunk of `side` left without an equal, and how it differs
// from the first unmatched chunk of `other` on the same entity, if any.
std::string Unmatchable(const Side& side, const Unmatched& unmatched, const Side& other,
                        const Unmatched& other_unmatched, const ChunkComparisonOptions& options) {
  const auto* first = unmatched.First();
  std::string text = side.path + ": " + std::to_string(unmatched.count) + " chunk(s) with no equal in " +
                     other.path;
  if (other_unmatched.count > 0) {
    text += " (and " + std::to_string(other_unmatched.count) + " of " + other.path + " with none here)";
  }
  text += "; the first is " + Label(side.path, first->position, *first->chunk);
  const auto* nearest = other_unmatched.First(
      [&](const Chunk& chunk) { return chunk.entity_path() == first->chunk->entity_path(); });
  if (nearest != nullptr) {
    // Not equal, or the two would have been matched.
    const auto difference = FindChunkDifference(*first->chunk, *nearest->chunk, options);
    text += "; " + Label(other.path, nearest->position, *nearest->chunk) + " on the same entity differs: " +
            difference->ToString();
  }
  return text;
}

arrow::Result<std::optional<std::string>> CompareUnordered(Side& first, Side& second,
                                                           const RrdCompareOptions& options) {
  // Read in step, so that files in about the same order hold few chunks.
  Unmatched first_unmatched, second_unmatched;
  bool first_done = false, second_done = false;
  const auto step = [&](Side& side, Unmatched& own, Unmatched& others, bool& done) -> arrow::Status {
    if (done) return arrow::Status::OK();
    ARROW_ASSIGN_OR_RAISE(auto next, side.Next());
    if (!next.first) {
      done = true;
      return arrow::Status::OK();
    }
    const size_t fingerprint = Fingerprint(*next.first, options.chunks);
    if (!others.Match(fingerprint, *next.first, options.chunks)) own.Add(fingerprint, next.second, next.first);
    return arrow::Status::OK();
  };
  while (!first_done || !second_done) {
    ARROW_RETURN_NOT_OK(Interrupted(options.execution));
    ARROW_RETURN_NOT_OK(step(first, first_unmatched, second_unmatched, first_done));
    ARROW_RETURN_NOT_OK(step(second, second_unmatched, first_unmatched, second_done));
  }
  if (first_unmatched.count > 0) {
    return Unmatchable(first, first_unmatched, second, second_unmatched, options.chunks);
  }
  if (second_unmatched.count > 0) {
    return Unmatchable(second, second_unmatched, first, first_unmatched, options.chunks);
  }
  return std::nullopt;
}

}  // namespace

arrow::Result<RrdComparison> CompareRrdFiles(const std::string& first, const std::string& second,
                                             const RrdCompareOptions& options) {
  ARROW_ASSIGN_OR_RAISE(auto a, OpenSide(first, options.execution));
  ARROW_ASSIGN_OR_RAISE(auto b, OpenSide(second, options.execution));
  RrdComparison comparison;
  if (a.store.application_id != b.store.application_id) {
    comparison.difference = "application ids differ: " + first + " has '" + a.store.application_id + "', " +
                            second + " has '" + b.store.application_id + "'";
    return comparison;
  }
  ARROW_ASSIGN_OR_RAISE(comparison.difference,
                        options.unordered ? CompareUnordered(a, b, options) : CompareInOrder(a, b, options));
  comparison.first_chunks = a.read;
  comparison.second_chunks = b.read;
  return comparison;
}

}  // namespace rrflow
