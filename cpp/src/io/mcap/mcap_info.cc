#include "io/mcap/mcap_info_internal.h"

#include <algorithm>
#include <map>

#include "io/mcap/mcap_chunk_internal.h"

namespace rrflow::internal::mcap {
namespace {

// Messages per channel, counted from the chunks when there are no Statistics.
arrow::Result<std::map<uint16_t, uint64_t>> CountMessages(const McapFile& file,
                                                          const McapSummary& summary,
                                                          ProblemHandler* problems) {
  if (summary.statistics) return summary.statistics->channel_message_counts;
  std::map<uint16_t, uint64_t> counts;
  for (const auto& index : summary.chunk_indexes) {
    if (index.message_index_offsets.empty()) {
      ARROW_ASSIGN_OR_RAISE(const Chunk chunk, file.ReadChunk(index));
      const RecordPlace place{file.source(), static_cast<int64_t>(index.chunk_start_offset)};
      ARROW_ASSIGN_OR_RAISE(auto contents, DecodeChunk(chunk, place, problems, file.pool()));
      for (const auto& message : contents.messages) ++counts[message.channel_id];
      continue;
    }
    ARROW_ASSIGN_OR_RAISE(auto message_indexes, file.ReadMessageIndexes(index));
    for (const auto& message_index : message_indexes) {
      counts[message_index.channel_id] += message_index.records.size();
    }
  }
  return counts;
}

}  // namespace

std::optional<McapTimeBounds> MessageTimeBounds(const McapSummary& summary) {
  if (summary.statistics && summary.statistics->message_count > 0) {
    return McapTimeBounds{summary.statistics->message_start_time,
                          summary.statistics->message_end_time};
  }
  if (summary.chunk_indexes.empty()) return std::nullopt;
  McapTimeBounds bounds{UINT64_MAX, 0};
  for (const auto& index : summary.chunk_indexes) {
    bounds.start_ns = std::min(bounds.start_ns, index.message_start_time);
    bounds.end_ns = std::max(bounds.end_ns, index.message_end_time);
  }
  return bounds;
}

arrow::Result<McapInfo> DescribeMcap(const McapFile& file, const SummarySource& source,
                                     ProblemHandler* problems) {
  const McapSummary& summary = source.summary;
  McapInfo info;
  info.path = file.source();
  info.file_bytes = file.size();
  info.profile = summary.header.profile;
  info.library = summary.header.library;
  info.time_bounds = MessageTimeBounds(summary);

  for (const auto& [id, schema] : summary.schemas) {
    info.schemas.push_back(McapSchemaInfo{id, schema.name, schema.encoding,
                                          schema.data == nullptr ? 0 : schema.data->size()});
  }
  ARROW_ASSIGN_OR_RAISE(const auto counts, CountMessages(file, summary, problems));
  for (const auto& [id, channel] : summary.channels) {
    McapChannelInfo described{id, channel.topic, channel.message_encoding, channel.schema_id, "", 0};
    if (const auto schema = summary.schemas.find(channel.schema_id);
        schema != summary.schemas.end()) {
      described.schema_name = schema->second.name;
    }
    if (const auto count = counts.find(id); count != counts.end()) {
      described.message_count = count->second;
    }
    info.channels.push_back(std::move(described));
  }
  if (summary.statistics) {
    info.message_count = summary.statistics->message_count;
  } else {
    for (const auto& [id, count] : counts) info.message_count += count;
  }

  std::map<std::string, McapCompressionInfo> by_compression;
  for (const auto& index : summary.chunk_indexes) {
    auto& group = by_compression[index.compression];
    group.compression = index.compression;
    ++group.chunk_count;
    group.compressed_bytes += index.compressed_size;
    group.uncompressed_bytes += index.uncompressed_size;
    info.compressed_bytes += index.compressed_size;
    info.uncompressed_bytes += index.uncompressed_size;
  }
  info.chunk_count = static_cast<int64_t>(summary.chunk_indexes.size());
  for (auto& [name, group] : by_compression) info.compressions.push_back(std::move(group));

  info.attachment_count = static_cast<int64_t>(summary.attachment_indexes.size());
  info.metadata_count = static_cast<int64_t>(summary.metadata_indexes.size());
  info.recovered = source.rebuilt_because.has_value();
  info.recovery_losses = LossLines(source);
  return info;
}

}  // namespace rrflow::internal::mcap
