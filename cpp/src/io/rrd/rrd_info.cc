#include "rrflow/io/rrd/rrd_info.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include <arrow/array.h>
#include <arrow/io/file.h>
#include <arrow/util/byte_size.h>

#include "io/rrd/arrow_msg_decoding_internal.h"
#include "rrflow/io/rrd/rrd_file.h"
#include "rrflow/io/rrd/rrd_message_reader.h"

namespace rrflow {
namespace {

RrdStoreInfo& StoreEntry(RrdFileInfo& info, const StoreId& store) {
  for (auto& entry : info.stores) {
    if (entry.store_id == store) return entry;
  }
  info.stores.push_back(RrdStoreInfo{store});
  return info.stores.back();
}

void Tally(RrdFileInfo& info, const StoreChunk& decoded, int64_t payload_bytes) {
  auto& store = StoreEntry(info, decoded.store_id);
  const Chunk& chunk = *decoded.chunk;
  ++store.num_chunks;
  store.num_rows += chunk.num_rows();
  store.static_chunks += chunk.is_static() ? 1 : 0;
  store.entity_paths.insert(chunk.entity_path().ToString());
  for (const auto& timeline : chunk.timelines()) store.timelines[timeline.name()] = timeline.type();
  store.compressed_bytes += payload_bytes;
  store.uncompressed_bytes += decoded.ipc_size;

  auto& entity = store.entities[chunk.entity_path().ToString()];
  ++entity.chunks;
  entity.rows += chunk.num_rows();
  entity.compressed_bytes += payload_bytes;
  entity.uncompressed_bytes += decoded.ipc_size;
  // LZ4 compresses a chunk whole: each column is given the chunk's ratio.
  const double ratio = decoded.ipc_size > 0 ? static_cast<double>(payload_bytes) / static_cast<double>(decoded.ipc_size) : 1.0;
  // Each timeline's range, once per chunk: what every dense column has.
  std::vector<std::optional<std::pair<int64_t, int64_t>>> timeline_ranges;
  for (const auto& timeline : chunk.timelines()) {
    if (timeline.length() == 0) {
      timeline_ranges.emplace_back();
      continue;
    }
    const auto [low, high] = std::minmax_element(timeline.values(), timeline.values() + timeline.length());
    timeline_ranges.emplace_back(std::make_pair(*low, *high));
  }
  for (const auto& column : chunk.components()) {
    auto& component = entity.components[column.descriptor.component];
    ++component.chunks;
    component.static_chunks += chunk.is_static() ? 1 : 0;
    const arrow::ListArray& list = *column.list;
    component.rows += list.length() - list.null_count();
    const int64_t column_bytes = arrow::util::TotalBufferSize(*list.data());
    component.uncompressed_bytes += column_bytes;
    component.compressed_bytes += static_cast<int64_t>(static_cast<double>(column_bytes) * ratio);
    for (size_t t = 0; t < chunk.timelines().size(); ++t) {
      const int64_t* times = chunk.timelines()[t].values();
      std::optional<std::pair<int64_t, int64_t>> rows_range;
      if (list.null_count() == 0) {
        rows_range = timeline_ranges[t];  // a dense column spans the whole timeline
      } else {
        for (int64_t row = 0; row < list.length(); ++row) {
          if (list.IsNull(row)) continue;
          rows_range = rows_range ? std::make_pair(std::min(rows_range->first, times[row]),
                                                   std::max(rows_range->second, times[row]))
                                  : std::make_pair(times[row], times[row]);
        }
      }
      if (!rows_range) continue;
      auto [range, inserted] = component.time_ranges.try_emplace(chunk.timelines()[t].name(), *rows_range);
      range->second.first = std::min(range->second.first, rows_range->first);
      range->second.second = std::max(range->second.second, rows_range->second);
    }
  }
}

}  // namespace

arrow::Result<RrdFileInfo> DescribeRrdFile(const std::string& path) {
  RrdFileInfo info;
  info.path = path;
  ARROW_ASSIGN_OR_RAISE(auto file, RrdFile::Open(path));
  info.file_bytes = file->size();
  auto footer = file->ReadFooter();
  info.has_footer = footer.ok() && footer->has_value();

  ARROW_ASSIGN_OR_RAISE(auto readable, arrow::io::ReadableFile::Open(path));
  ARROW_ASSIGN_OR_RAISE(auto reader, RrdMessageReader::Make(std::move(readable), path));
  // Every store's chunks, with the stores announced by SetStoreInfo listed
  // in the order they appear even when they have no chunks.
  internal::ArrowMsgDecoding decoding(
      [&]() -> arrow::Result<std::optional<RrdMessage>> {
        while (true) {
          ARROW_ASSIGN_OR_RAISE(auto message, reader->Next());
          if (!message) return std::nullopt;
          if (message->kind == RrdMessageKind::kSetStoreInfo && message->store_id) {
            StoreEntry(info, *message->store_id);
          }
          if (message->kind == RrdMessageKind::kArrowMsg) return message;
        }
      },
      internal::DecodeWindowBytes(0), [](const arrow::Status& status) { return status; });
  while (true) {
    ARROW_ASSIGN_OR_RAISE(auto done, decoding.Next());
    if (!done) break;
    Tally(info, done->decoded, done->payload_bytes);
  }
  return info;
}

}  // namespace rrflow
