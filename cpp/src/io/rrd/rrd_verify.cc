#include "rrflow/io/rrd/rrd_verify.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <optional>
#include <utility>


#include "rrflow/io/rrd/rrd_manifest.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/rrd_message_reader.h"
#include "rrflow/stream/ordered_tasks.h"

namespace rrflow {
namespace {

template <typename... Args>
std::string Text(const Args&... pieces) {
  std::ostringstream out;
  (out << ... << pieces);
  return out.str();
}

// What a manifest row is compared with, taken from the chunk decoded at its
// offset: kept per stream until its footer, so small whatever the chunk.
struct DecodedChunk {
  StoreId store_id;
  ChunkId id;
  std::string entity_path;
  bool is_static = false;
  int64_t num_rows = 0;
  // timeline -> (lowest, highest time), for timelines with rows
  std::map<std::string, std::pair<int64_t, int64_t>> time_ranges;
  int64_t payload_size = 0;
  bool listed = false;  // a manifest row named it
};

DecodedChunk Describe(const StoreChunk& decoded, int64_t payload_size) {
  const Chunk& chunk = *decoded.chunk;
  DecodedChunk described{decoded.store_id, chunk.id(), chunk.entity_path().ToString(), chunk.is_static(),
                         chunk.num_rows(), {}, payload_size, false};
  for (const auto& column : chunk.timelines()) {
    if (column.length() == 0) continue;
    const int64_t* values = column.values();
    const auto [low, high] = std::minmax_element(values, values + column.length());
    described.time_ranges[column.name()] = {*low, *high};
  }
  return described;
}

// A message read, and for an ArrowMsg what decoding it (on a CPU thread) gave.
struct Outcome {
  RrdMessage message;
  DecodedChunk decoded;
  arrow::Status decode_error;
};

// The chunks of one stream, by absolute payload offset.
using StreamChunks = std::map<int64_t, DecodedChunk>;

class Verifier {
 public:
  Verifier(std::string path, const RrdVerifyOptions& options)
      : path_(std::move(path)), options_(options) {}

  arrow::Result<RrdVerification> Run() {
    ARROW_ASSIGN_OR_RAISE(auto reader, RrdMessageReader::Open(path_));
    // Chunks decode in parallel; their outcomes are checked in file order.
    OrderedTasks<Outcome> pending;
    auto check_oldest = [&]() -> arrow::Status {
      ARROW_ASSIGN_OR_RAISE(auto outcome, pending.TakeOldest());
      if (options_.progress) {
        options_.progress(outcome.message.payload_offset() + outcome.message.payload->size(), reader->file_size());
      }
      Check(outcome);
      return arrow::Status::OK();
    };
    while (true) {
      if (options_.interrupt_check) ARROW_RETURN_NOT_OK(options_.interrupt_check());
      auto message = reader->Next();
      if (!message.ok()) {
        while (!pending.empty()) ARROW_RETURN_NOT_OK(check_oldest());  // problems stay in file order
        // After damage inside intact framing the reader goes on with the next
        // message; damaged framing it reports again and again: then stop.
        if (message.status().message() == last_error_) break;
        last_error_ = message.status().message();
        Problem(last_error_);
        continue;
      }
      if (!*message) break;
      ++result_.messages;
      while (pending.full()) ARROW_RETURN_NOT_OK(check_oldest());
      const int64_t size = (*message)->payload->size();
      ARROW_RETURN_NOT_OK(pending.Submit(
          [message = **std::move(message)]() -> arrow::Result<Outcome> {
            Outcome outcome{message, {}, {}};
            if (message.kind == RrdMessageKind::kArrowMsg) {
              auto decoded = DecodeArrowMsg(message);
              if (decoded.ok()) {
                outcome.decoded = Describe(*decoded, message.payload->size());
              } else {
                outcome.decode_error = decoded.status();
              }
            }
            return outcome;
          },
          size));
    }
    while (!pending.empty()) ARROW_RETURN_NOT_OK(check_oldest());
    if (stream_open_) EndStream(std::nullopt, reader->file_size());
    if (options_.progress) options_.progress(reader->file_size(), reader->file_size());
    return std::move(result_);
  }

 private:
  void Problem(std::string text) { result_.problems.push_back(std::move(text)); }

  void Check(const Outcome& outcome) {
    const RrdMessage& message = outcome.message;
    if (!stream_open_ || message.stream_offset != stream_offset_) {
      if (stream_open_) EndStream(std::nullopt, message.stream_offset);
      stream_open_ = true;
      stream_offset_ = message.stream_offset;
      ++result_.streams;
    }
    switch (message.kind) {
      case RrdMessageKind::kSetStoreInfo:
        if (auto info = DecodeSetStoreInfo(message); !info.ok()) Problem(info.status().message());
        break;
      case RrdMessageKind::kBlueprintActivationCommand:
        if (auto command = DecodeBlueprintActivationCommand(message); !command.ok()) {
          Problem(command.status().message());
        }
        break;
      case RrdMessageKind::kArrowMsg: {
        if (!outcome.decode_error.ok()) {
          Problem(outcome.decode_error.message());
          undecodable_.insert(message.payload_offset());
          break;
        }
        ++result_.chunks;
        chunks_[message.payload_offset()] = outcome.decoded;
        break;
      }
      case RrdMessageKind::kEnd:
        EndStream(message, message.header_offset);
        break;
    }
  }

  // Checks the stream's footer, if it has one, against its chunks; `stream_end`
  // is where its End message, or the next stream or the file's end, is.
  void EndStream(const std::optional<RrdMessage>& end, int64_t stream_end) {
    stream_open_ = false;
    std::optional<std::vector<RrdManifest>> manifests;
    if (end && end->payload->size() > 0) {
      auto decoded = DecodeRrdFooter(*end);
      if (!decoded.ok()) {
        Problem(decoded.status().message());
      } else {
        manifests = *std::move(decoded);
      }
    } else if (options_.check_footers) {
      Problem(Text(path_, ": the stream has no footer (written without one, or cut short) at byte ",
                   stream_end));
    }
    if (manifests) {
      for (const auto& manifest : *manifests) {
        CheckManifest(manifest);
        CheckOnlyManifest(manifest, end->header_offset);
      }
      for (const auto& [offset, decoded] : chunks_) {
        if (decoded.listed) continue;
        Problem(Text(path_, ": the footer does not list ", decoded.id.ToString(), " of store ", decoded.store_id.ToString(), " at byte ", offset));
      }
    }
    chunks_.clear();
    undecodable_.clear();
  }

  // As `rerun rrd verify`: a store described by the footers of several
  // streams (files concatenated) is a problem, since a reader that trusts a
  // footer sees only the chunks of its own stream.
  void CheckOnlyManifest(const RrdManifest& manifest, int64_t end_offset) {
    auto [first, inserted] = manifest_ends_.emplace(manifest.store_id, end_offset);
    if (inserted) return;
    Problem(Text(path_, ": store ", manifest.store_id.ToString(), " has a footer in more than one stream (",
                 "the first ends at byte ", first->second, "), each describing only its own chunks, at byte ",
                 end_offset));
  }

  void CheckManifest(const RrdManifest& manifest) {
    auto rows = manifest.Chunks();
    if (!rows.ok()) {
      Problem(Text(path_, ": the footer's manifest of store ", manifest.store_id.ToString(), " does not decode: ", rows.status().message()));
      return;
    }
    for (const auto& row : *rows) {
      ++result_.footer_entries;
      CheckRow(manifest.store_id, row);
    }
  }

  void CheckRow(const StoreId& store_id, const ManifestChunk& row) {
    const ChunkLocation& location = row.location;
    const auto mismatch = [&](const std::string& what) {
      Problem(Text(path_, ": the footer's entry for ", location.chunk_id.ToString(), " ", what, " at byte ", location.byte_offset));
    };
    if (undecodable_.count(location.byte_offset) > 0) return;  // already reported
    auto found = chunks_.find(location.byte_offset);
    if (found == chunks_.end()) {
      mismatch("points at no chunk of this stream that decodes");
      return;
    }
    DecodedChunk& chunk = found->second;
    chunk.listed = true;
    if (chunk.store_id != store_id) {
      mismatch(Text("is in the manifest of store ", store_id.ToString(), ", the chunk in store ", chunk.store_id.ToString()));
    }
    if (chunk.id != location.chunk_id) mismatch("names another chunk than " + chunk.id.ToString());
    if (chunk.entity_path != location.entity_path) {
      mismatch(Text("says entity ", location.entity_path, ", the chunk has ", chunk.entity_path));
    }
    if (chunk.is_static != location.is_static) {
      mismatch(Text("says ", location.is_static ? "static" : "temporal", ", the chunk is ", chunk.is_static ? "static" : "temporal"));
    }
    if (chunk.num_rows != location.num_rows) {
      mismatch(Text("says ", location.num_rows, " rows, the chunk has ", chunk.num_rows));
    }
    if (chunk.payload_size != location.byte_size) {
      mismatch(Text("says ", location.byte_size, " bytes, the message has ", chunk.payload_size));
    }
    for (const auto& range : row.time_ranges) {
      const auto actual = chunk.time_ranges.find(range.timeline);
      if (actual == chunk.time_ranges.end()) {
        mismatch(Text("gives a range on timeline ", range.timeline, ", which the chunk does not have"));
      } else if (actual->second.first != range.start || actual->second.second != range.end) {
        mismatch(Text("says ", range.start, "..=", range.end, " on timeline ", range.timeline, ", the chunk has ",
                      actual->second.first, "..=", actual->second.second));
      }
    }
  }

  std::string path_;
  const RrdVerifyOptions& options_;
  RrdVerification result_;
  StreamChunks chunks_;
  std::set<int64_t> undecodable_;  // payload offsets of chunks that did not decode
  std::map<StoreId, int64_t> manifest_ends_;  // store -> End message of its first footer
  bool stream_open_ = false;
  int64_t stream_offset_ = 0;
  std::string last_error_;
};

}  // namespace

arrow::Result<RrdVerification> VerifyRrdFile(const std::string& path, const RrdVerifyOptions& options) {
  return Verifier(path, options).Run();
}

}  // namespace rrflow
