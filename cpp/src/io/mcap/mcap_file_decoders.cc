#include "io/mcap/mcap_file_decoders_internal.h"

#include <algorithm>
#include <map>
#include <string>

#include "chunk/column_building_internal.h"
#include "io/mcap/mcap_columns_internal.h"

namespace rrflow::internal::mcap {
namespace {

constexpr const char* kPropertiesEntity = "/__mcap_properties";

arrow::Result<ChunkPtr> StaticChunk(const std::string& entity,
                                    std::vector<McapComponent> components) {
  std::vector<std::pair<ComponentDescriptor, std::shared_ptr<arrow::Array>>> columns;
  for (auto& component : components) {
    columns.emplace_back(std::move(component.descriptor), std::move(component.column));
  }
  return rrflow::Chunk::FromColumns(EntityPath::Parse(entity), {}, std::move(columns));
}

void Warn(ProblemHandler* problems, const std::string& source, std::string message) {
  if (problems == nullptr) return;
  problems->Report(Problem{Problem::Severity::kWarning, std::move(message), source, std::nullopt});
}

arrow::Result<McapComponent> OneRowOf(ComponentDescriptor descriptor,
                                      arrow::Result<std::shared_ptr<arrow::Array>> instances) {
  ARROW_ASSIGN_OR_RAISE(auto values, std::move(instances));
  ARROW_ASSIGN_OR_RAISE(auto column, OneRow(values));
  return McapComponent{std::move(descriptor), std::move(column)};
}

arrow::Result<std::optional<ChunkPtr>> AttachmentsChunk(const McapFile& file,
                                                   const McapSummary& summary,
                                                   ProblemHandler* problems) {
  std::vector<std::shared_ptr<arrow::Buffer>> data;
  std::vector<std::string> media_types;
  std::vector<KeyValuePairs> metadata;
  for (const auto& index : summary.attachment_indexes) {
    auto attachment = file.ReadAttachment(index);
    if (!attachment.ok()) {
      Warn(problems, file.source(),
           "Failed to read MCAP attachment record '" + index.name + "': " +
               attachment.status().message());
      continue;
    }
    data.push_back(attachment->data);
    media_types.push_back(attachment->media_type);
    metadata.push_back({{"name", attachment->name},
                        {"media_type", attachment->media_type},
                        {"log_time", std::to_string(attachment->log_time)},
                        {"create_time", std::to_string(attachment->create_time)},
                        {"data_size", std::to_string(attachment->data->size())},
                        {"offset", std::to_string(index.offset)}});
  }
  if (data.empty()) return std::nullopt;
  std::vector<McapComponent> components;
  ARROW_ASSIGN_OR_RAISE(
      components.emplace_back(),
      OneRowOf(ComponentDescriptor("data", "McapAttachment", "rerun.components.Blob"),
               BlobValues(data)));
  ARROW_ASSIGN_OR_RAISE(
      components.emplace_back(),
      OneRowOf(ComponentDescriptor("media_type", "McapAttachment", "rerun.components.MediaType"),
               Utf8Values(media_types)));
  ARROW_ASSIGN_OR_RAISE(
      components.emplace_back(),
      OneRowOf(ComponentDescriptor("metadata", "McapAttachment", "rerun.components.KeyValuePairs"),
               KeyValuePairsValues(metadata)));
  return StaticChunk("/__mcap_attachments", std::move(components));
}

arrow::Result<std::optional<ChunkPtr>> MetadataChunk(const McapFile& file, const McapSummary& summary,
                                                ProblemHandler* problems) {
  // Records sharing a name merge key by key, the later value winning.
  std::map<std::string, std::map<std::string, std::string>> by_name;
  for (const auto& index : summary.metadata_indexes) {
    auto record = file.ReadMetadata(index);
    if (!record.ok()) {
      Warn(problems, file.source(),
           "Failed to read MCAP metadata record '" + index.name + "': " +
               record.status().message());
      continue;
    }
    auto& merged = by_name[record->name];
    for (const auto& [key, value] : record->metadata) {
      if (merged.count(key) > 0) {
        Warn(problems, file.source(),
             "Key '" + key + "' appears in multiple MCAP metadata records named '" +
                 record->name + "'");
      }
      merged[key] = value;
    }
  }
  if (by_name.empty()) return std::nullopt;
  std::vector<McapComponent> components;
  for (const auto& [name, pairs] : by_name) {
    ARROW_ASSIGN_OR_RAISE(
        components.emplace_back(),
        OneRowOf(ComponentDescriptor(name, "McapMetadata", "rerun.components.KeyValuePairs"),
                 KeyValuePairsValues({KeyValuePairs(pairs.begin(), pairs.end())})));
  }
  return StaticChunk("/__mcap_metadata", std::move(components));
}

arrow::Result<ChunkPtr> RecordingInfoChunk(const McapSummary& summary) {
  if (!summary.statistics) {
    // The reference logs an archetype without fields: one row, no columns.
    const auto id = ChunkId::New();
    ARROW_ASSIGN_OR_RAISE(auto row_ids, SequentialRowIds(id.tuid, 1));
    return rrflow::Chunk::Make(id, EntityPath::Parse(kPropertiesEntity), std::move(row_ids), {}, {},
                       RowIdOrder::kKnownSorted);
  }
  ARROW_ASSIGN_OR_RAISE(
      auto start_time,
      OneRowOf(ComponentDescriptor("RecordingInfo:start_time", "rerun.archetypes.RecordingInfo",
                                   "rerun.components.Timestamp"),
               Int64Values({SaturatingTime(summary.statistics->message_start_time)})));
  return StaticChunk(kPropertiesEntity, {std::move(start_time)});
}

arrow::Result<ChunkPtr> ChannelDescription(const McapSummary& summary, uint16_t channel_id) {
  const Channel& channel = summary.channels.at(channel_id);
  const auto channel_part = [](const char* field, const char* type) {
    return ComponentDescriptor(std::string("McapChannel:") + field, "rerun.archetypes.McapChannel",
                               std::string("rerun.components.") + type);
  };
  std::vector<McapComponent> components;
  ARROW_ASSIGN_OR_RAISE(components.emplace_back(),
                        OneRowOf(channel_part("id", "ChannelId"), UInt16Values({channel.id})));
  ARROW_ASSIGN_OR_RAISE(components.emplace_back(),
                        OneRowOf(channel_part("topic", "Text"), Utf8Values({channel.topic})));
  ARROW_ASSIGN_OR_RAISE(
      components.emplace_back(),
      OneRowOf(channel_part("message_encoding", "Text"), Utf8Values({channel.message_encoding})));
  // StringMap is ordered: the pairs come sorted by key.
  ARROW_ASSIGN_OR_RAISE(
      components.emplace_back(),
      OneRowOf(channel_part("metadata", "KeyValuePairs"),
               KeyValuePairsValues(
                   {KeyValuePairs(channel.metadata.begin(), channel.metadata.end())})));
  const auto schema = summary.schemas.find(channel.schema_id);
  if (schema != summary.schemas.end()) {
    const auto schema_part = [](const char* field, const char* type) {
      return ComponentDescriptor(std::string("McapSchema:") + field, "rerun.archetypes.McapSchema",
                                 std::string("rerun.components.") + type);
    };
    ARROW_ASSIGN_OR_RAISE(
        components.emplace_back(),
        OneRowOf(schema_part("id", "SchemaId"), UInt16Values({schema->second.id})));
    ARROW_ASSIGN_OR_RAISE(
        components.emplace_back(),
        OneRowOf(schema_part("name", "Text"), Utf8Values({schema->second.name})));
    ARROW_ASSIGN_OR_RAISE(
        components.emplace_back(),
        OneRowOf(schema_part("encoding", "Text"), Utf8Values({schema->second.encoding})));
    ARROW_ASSIGN_OR_RAISE(
        components.emplace_back(),
        OneRowOf(schema_part("data", "Blob"), BlobValues({schema->second.data})));
  }
  return StaticChunk(channel.topic, std::move(components));
}

arrow::Result<ChunkPtr> StatisticsChunk(const Statistics& statistics) {
  const auto part = [](const char* field, const char* type) {
    return ComponentDescriptor(std::string("McapStatistics:") + field,
                               "rerun.archetypes.McapStatistics",
                               std::string("rerun.components.") + type);
  };
  std::vector<McapComponent> components;
  const std::pair<const char*, uint64_t> counts[] = {
      {"message_count", statistics.message_count},
      {"schema_count", statistics.schema_count},
      {"channel_count", statistics.channel_count},
      {"attachment_count", statistics.attachment_count},
      {"metadata_count", statistics.metadata_count},
      {"chunk_count", statistics.chunk_count}};
  for (const auto& [field, count] : counts) {
    ARROW_ASSIGN_OR_RAISE(components.emplace_back(),
                          OneRowOf(part(field, "Count"), UInt64Values({count})));
  }
  ARROW_ASSIGN_OR_RAISE(
      components.emplace_back(),
      OneRowOf(part("message_start_time", "Timestamp"),
               Int64Values({SaturatingTime(statistics.message_start_time)})));
  ARROW_ASSIGN_OR_RAISE(
      components.emplace_back(),
      OneRowOf(part("message_end_time", "Timestamp"),
               Int64Values({SaturatingTime(statistics.message_end_time)})));
  std::vector<uint16_t> channel_ids;
  std::vector<uint64_t> message_counts;
  for (const auto& [channel, count] : statistics.channel_message_counts) {
    channel_ids.push_back(channel);
    message_counts.push_back(count);
  }
  ARROW_ASSIGN_OR_RAISE(auto ids, UInt16Values(channel_ids));
  ARROW_ASSIGN_OR_RAISE(auto totals, UInt64Values(message_counts));
  ARROW_ASSIGN_OR_RAISE(
      auto entries,
      arrow::StructArray::Make({ids, totals}, {arrow::field("channel_id", arrow::uint16(), false),
                                               arrow::field("message_count", arrow::uint64(), false)}));
  ARROW_ASSIGN_OR_RAISE(
      auto instance,
      Rows({0, static_cast<int32_t>(entries->length())}, entries, /*item_nullable=*/false));
  ARROW_ASSIGN_OR_RAISE(
      components.emplace_back(),
      OneRowOf(part("channel_message_counts", "ChannelMessageCounts"),
               std::shared_ptr<arrow::Array>(instance)));
  return StaticChunk(kPropertiesEntity, std::move(components));
}

}  // namespace

arrow::Result<std::vector<ChunkPtr>> DecodeFileScoped(const McapFile& file,
                                                      const McapSummary& summary,
                                                      const ImportPlan& plan,
                                                      const DecoderSelection& selection,
                                                      ProblemHandler* problems) {
  std::vector<ChunkPtr> chunks;
  if (selection.attachments) {
    ARROW_ASSIGN_OR_RAISE(auto chunk, AttachmentsChunk(file, summary, problems));
    if (chunk) chunks.push_back(std::move(*chunk));
  }
  if (selection.metadata) {
    ARROW_ASSIGN_OR_RAISE(auto chunk, MetadataChunk(file, summary, problems));
    if (chunk) chunks.push_back(std::move(*chunk));
  }
  if (selection.recording_info) {
    ARROW_ASSIGN_OR_RAISE(chunks.emplace_back(), RecordingInfoChunk(summary));
  }
  if (selection.schema) {
    for (const uint16_t channel : plan.described_channels) {
      ARROW_ASSIGN_OR_RAISE(chunks.emplace_back(), ChannelDescription(summary, channel));
    }
  }
  if (selection.stats) {
    if (summary.statistics) {
      ARROW_ASSIGN_OR_RAISE(chunks.emplace_back(), StatisticsChunk(*summary.statistics));
    } else {
      Warn(problems, file.source(), "MCAP file has no statistics record");
    }
  }
  return chunks;
}

}  // namespace rrflow::internal::mcap
