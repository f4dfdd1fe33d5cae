#include "io/mcap/mcap_recovery_internal.h"

#include <algorithm>
#include <set>
#include <string>

#include "io/mcap/mcap_chunk_internal.h"

namespace rrflow::internal::mcap {
namespace {

class Losses {
 public:
  Losses(const McapFile& file, ProblemHandler* problems) : file_(file), problems_(problems) {}
  void Report(std::string message, int64_t offset) const {
    if (problems_ == nullptr) return;
    problems_->Report(Problem{Problem::Severity::kWarning, "MCAP recovery: " + std::move(message),
                              file_.source(), offset});
  }

 private:
  const McapFile& file_;
  ProblemHandler* problems_;
};

// What the walk over the top-level records found.
struct DataSection {
  std::vector<ChunkIndex> chunks;
  std::vector<MetadataIndex> metadata;
  int64_t attachments = 0;
  bool has_top_level_messages = false;
};

ChunkIndex IndexOf(const Chunk& chunk, const Record& record) {
  ChunkIndex index;
  index.message_start_time = chunk.message_start_time;
  index.message_end_time = chunk.message_end_time;
  index.chunk_start_offset = static_cast<uint64_t>(record.offset);
  index.chunk_length = static_cast<uint64_t>(record.size());
  index.compression = chunk.compression;
  index.compressed_size = static_cast<uint64_t>(chunk.records->size());
  index.uncompressed_size = chunk.uncompressed_size;
  return index;
}

DataSection WalkDataSection(const McapFile& file, const Losses& losses) {
  DataSection section;
  int64_t offset = kMagicSize;
  while (true) {
    if (offset == file.size()) {
      losses.Report("the data section ends without a DataEnd record", offset);
      break;
    }
    auto record = file.ReadRecordAt(offset);
    if (!record.ok()) {
      losses.Report("stopped at a truncated record: " + record.status().message(), offset);
      break;
    }
    const RecordPlace place{file.source(), offset};
    bool stop = false;
    switch (static_cast<Opcode>(record->opcode)) {
      case Opcode::kChunk: {
        auto chunk = ParseChunk(record->body, place);
        if (!chunk.ok()) {
          losses.Report("stopped at an unparsable chunk: " + chunk.status().message(), offset);
          stop = true;
          break;
        }
        section.chunks.push_back(IndexOf(*chunk, *record));
        break;
      }
      case Opcode::kMessageIndex: {
        auto index = ParseMessageIndex(record->body, place);
        if (!index.ok()) {
          losses.Report("stopped at an unparsable message index: " + index.status().message(),
                        offset);
          stop = true;
          break;
        }
        if (!section.chunks.empty()) {
          ChunkIndex& chunk = section.chunks.back();
          chunk.message_index_offsets[index->channel_id] = static_cast<uint64_t>(offset);
          chunk.message_index_length += static_cast<uint64_t>(record->size());
        }
        break;
      }
      case Opcode::kMetadata: {
        auto metadata = ParseMetadata(record->body, place);
        if (!metadata.ok()) {
          losses.Report("unreadable metadata skipped: " + metadata.status().message(), offset);
          break;
        }
        section.metadata.push_back(MetadataIndex{static_cast<uint64_t>(offset),
                                                 static_cast<uint64_t>(record->size()),
                                                 std::move(metadata->name)});
        break;
      }
      case Opcode::kAttachment:
        ++section.attachments;
        break;
      case Opcode::kMessage:
        section.has_top_level_messages = true;
        break;
      case Opcode::kSchema:
      case Opcode::kChannel:
        // Definitions are taken from the chunks, as the reference takes them.
        break;
      case Opcode::kDataEnd:
      case Opcode::kFooter:
      case Opcode::kChunkIndex:
      case Opcode::kAttachmentIndex:
      case Opcode::kStatistics:
      case Opcode::kMetadataIndex:
      case Opcode::kSummaryOffset:
        stop = true;  // The data section is over.
        break;
      default:
        if (record->opcode == static_cast<uint8_t>(Opcode::kHeader) && offset == kMagicSize) break;
        losses.Report("stopped at an unexpected " + OpcodeName(record->opcode) + " record", offset);
        stop = true;
        break;
    }
    if (stop) break;
    offset += record->size();
  }
  return section;
}

bool Resolved(const Channel& channel, const std::map<uint16_t, Schema>& schemas) {
  return channel.schema_id == 0 || schemas.count(channel.schema_id) > 0;
}

}  // namespace

arrow::Result<McapSummary> RecoverSummary(const McapFile& file, ProblemHandler* problems) {
  const Losses losses(file, problems);
  McapSummary summary;
  ARROW_ASSIGN_OR_RAISE(summary.header, file.ReadHeader());
  DataSection section = WalkDataSection(file, losses);
  if (section.chunks.empty() && section.has_top_level_messages) {
    return arrow::Status::Invalid(
        file.source(),
        ": Cannot recover an unchunked MCAP file: its messages are not in chunks, "
        "and only chunks can be indexed without a summary");
  }
  if (section.attachments > 0) {
    losses.Report(std::to_string(section.attachments) + " attachment(s) are not recovered",
                  kMagicSize);
  }

  std::vector<ChunkIndex> chunks;
  std::set<uint16_t> referenced;
  for (auto& chunk : section.chunks) {
    if (chunk.message_index_offsets.empty()) {
      losses.Report("chunk dropped: no message index follows it",
                    static_cast<int64_t>(chunk.chunk_start_offset));
      continue;
    }
    for (const auto& entry : chunk.message_index_offsets) referenced.insert(entry.first);
    chunks.push_back(std::move(chunk));
  }

  // Channel and schema definitions, from the chunks front to back until
  // every indexed channel is known with its schema.
  std::map<uint16_t, Schema> schemas;
  std::map<uint16_t, Channel> channels;
  const auto all_known = [&] {
    return std::all_of(referenced.begin(), referenced.end(), [&](uint16_t id) {
      const auto it = channels.find(id);
      return it != channels.end() && Resolved(it->second, schemas);
    });
  };
  for (const auto& index : chunks) {
    if (all_known()) break;
    const auto offset = static_cast<int64_t>(index.chunk_start_offset);
    auto chunk = file.ReadChunk(index);
    // Damage inside the chunk is reported when its messages are read.
    auto contents =
        chunk.ok() ? DecodeChunk(*chunk, RecordPlace{file.source(), offset}, nullptr, file.pool())
                   : arrow::Result<ChunkContents>(chunk.status());
    if (!contents.ok()) {
      losses.Report(
          "no channel definitions read from an undecodable chunk: " + contents.status().message(),
          offset);
      continue;
    }
    for (auto& schema : contents->schemas) schemas.try_emplace(schema.id, std::move(schema));
    for (auto& channel : contents->channels) channels.try_emplace(channel.id, std::move(channel));
  }
  for (const uint16_t id : referenced) {
    const auto it = channels.find(id);
    if (it != channels.end() && Resolved(it->second, schemas)) {
      summary.channels.emplace(id, it->second);
      if (it->second.schema_id != 0) {
        summary.schemas.try_emplace(it->second.schema_id, schemas.at(it->second.schema_id));
      }
    } else {
      losses.Report("channel " + std::to_string(id) +
                        (it == channels.end() ? " has no Channel record in any chunk"
                                              : " has a schema no chunk defines") +
                        "; its messages are dropped",
                    kMagicSize);
    }
  }
  for (auto& index : chunks) {
    std::erase_if(index.message_index_offsets,
                  [&](const auto& entry) { return summary.channels.count(entry.first) == 0; });
    if (index.message_index_offsets.empty()) {
      losses.Report("chunk dropped: none of its channels is known",
                    static_cast<int64_t>(index.chunk_start_offset));
      continue;
    }
    summary.chunk_indexes.push_back(std::move(index));
  }
  summary.metadata_indexes = std::move(section.metadata);

  Statistics statistics;
  for (size_t i = 0; i < summary.chunk_indexes.size(); ++i) {
    const ChunkIndex& index = summary.chunk_indexes[i];
    if (i + 1 == summary.chunk_indexes.size()) {
      // The last chunk's message indexes may have been cut short: count its
      // messages when it can be decoded.
      const auto offset = static_cast<int64_t>(index.chunk_start_offset);
      auto chunk = file.ReadChunk(index);
      auto contents =
          chunk.ok() ? DecodeChunk(*chunk, RecordPlace{file.source(), offset}, nullptr, file.pool())
                     : arrow::Result<ChunkContents>(chunk.status());
      if (contents.ok()) {
        for (const auto& message : contents->messages) {
          if (summary.channels.count(message.channel_id) > 0) {
            ++statistics.channel_message_counts[message.channel_id];
          }
        }
        continue;
      }
    }
    ARROW_ASSIGN_OR_RAISE(auto message_indexes, file.ReadMessageIndexes(index));
    for (const auto& message_index : message_indexes) {
      statistics.channel_message_counts[message_index.channel_id] += message_index.records.size();
    }
  }
  for (const auto& entry : statistics.channel_message_counts) {
    statistics.message_count += entry.second;
  }
  statistics.schema_count = static_cast<uint16_t>(summary.schemas.size());
  statistics.channel_count = static_cast<uint32_t>(summary.channels.size());
  statistics.metadata_count = static_cast<uint32_t>(summary.metadata_indexes.size());
  statistics.chunk_count = static_cast<uint32_t>(summary.chunk_indexes.size());
  if (!summary.chunk_indexes.empty()) {
    statistics.message_start_time = UINT64_MAX;
    for (const auto& index : summary.chunk_indexes) {
      statistics.message_start_time =
          std::min(statistics.message_start_time, index.message_start_time);
      statistics.message_end_time = std::max(statistics.message_end_time, index.message_end_time);
    }
  }
  summary.statistics = std::move(statistics);
  return summary;
}

arrow::Result<SummarySource> ReadSummarySource(const McapFile& file, bool recover) {
  SummarySource source;
  auto summary = file.ReadSummary();
  if (summary.ok() || !recover) {
    ARROW_ASSIGN_OR_RAISE(source.summary, std::move(summary));
    return source;
  }
  source.rebuilt_because = summary.status().message();
  CollectingProblemHandler losses;
  ARROW_ASSIGN_OR_RAISE(source.summary, RecoverSummary(file, &losses));
  source.losses = losses.Take();
  return source;
}

std::vector<std::string> LossLines(const SummarySource& source) {
  constexpr std::string_view kLossPrefix = "MCAP recovery: ";
  std::vector<std::string> lines;
  for (const auto& loss : source.losses) {
    // RecoverSummary's own prefix is implied where the lines are shown.
    std::string line = loss.message.starts_with(kLossPrefix)
                           ? loss.message.substr(kLossPrefix.size())
                           : loss.message;
    if (loss.offset && line.find(" at byte ") == std::string::npos) {
      line += " (at byte " + std::to_string(*loss.offset) + ")";
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

Problem RecoveryWarning(const McapFile& file, const SummarySource& source) {
  std::string rebuilt = "the summary could not be read (" + source.rebuilt_because.value_or("") +
                        ") and was rebuilt from the data section";
  const auto losses = LossLines(source);
  if (losses.empty()) {
    return Problem{Problem::Severity::kWarning,
                   "MCAP recovery: " + rebuilt + "; no data was lost", file.source(),
                   std::nullopt};
  }
  std::string message = std::string(kRecoveryLossPrefix) + rebuilt + "; lost";
  const char* separator = ": ";
  for (const auto& line : losses) {
    message += separator;
    message += line;
    separator = "; ";
  }
  return Problem{Problem::Severity::kWarning, std::move(message), file.source(), std::nullopt};
}

}  // namespace rrflow::internal::mcap
