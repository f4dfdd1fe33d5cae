#include "rrflow/io/rrd/rrd_manifest.h"

#include <algorithm>
#include <array>
#include <climits>
#include <set>
#include <string_view>

#include <arrow/array.h>
#include <arrow/type.h>
#include <arrow/util/key_value_metadata.h>
#include <google/protobuf/stubs/logging.h>

#include "io/rrd/arrow_ipc_internal.h"
#include "io/rrd/lz4_block_internal.h"
#include "io/rrd/manifest_columns_internal.h"
#include "io/rrd/protobuf_conversion_internal.h"
#include "io/rrd/rrd_error_internal.h"

namespace rrflow {
namespace {

namespace pb_common = internal::pb_common;
namespace pb_log = internal::pb_log;

bool IsAllowedColumnName(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kSuffixes = {":start", ":end", ":num_rows",
                                                                ":has_static_data"};
  static constexpr std::array<std::string_view, 9> kGlobalColumns = {
      "chunk_key",           "chunk_partition_id",    "chunk_partition_layer",
      "rerun_partition_id",  "rerun_partition_layer", "chunk_segment_id",
      "chunk_segment_layer", "rerun_segment_id",      "rerun_segment_layer"};
  return std::any_of(kSuffixes.begin(), kSuffixes.end(),
                     [&](std::string_view s) { return name.ends_with(s); }) ||
         std::find(kGlobalColumns.begin(), kGlobalColumns.end(), name) != kGlobalColumns.end() ||
         std::any_of(internal::ManifestFixedFields().begin(), internal::ManifestFixedFields().end(),
                     [&](const auto& field) { return field->name() == name; });
}

arrow::Status CheckManifestColumns(const arrow::Schema& schema) {
  for (const auto& expected : internal::ManifestFixedFields()) {
    const auto field = schema.GetFieldByName(expected->name());
    if (field == nullptr) {
      return arrow::Status::Invalid("manifest lacks the column ", expected->name());
    }
    if (!field->type()->Equals(*expected->type())) {
      return arrow::Status::Invalid("manifest column ", expected->name(), " is ",
                                    field->type()->ToString(), ", expected ",
                                    expected->type()->ToString());
    }
  }
  for (const auto& field : schema.fields()) {
    if (!IsAllowedColumnName(field->name())) {
      return arrow::Status::Invalid("unexpected manifest column ", field->name());
    }
  }
  return arrow::Status::OK();
}

arrow::Result<std::shared_ptr<arrow::RecordBatch>> DecodeManifestData(
    const pb_common::DataframePart& part) {
  if (part.encoder_version() != pb_common::ENCODER_VERSION_V0) {
    return arrow::Status::Invalid("unsupported manifest encoder version ",
                                  static_cast<int>(part.encoder_version()));
  }
  const auto& payload = part.payload();
  std::shared_ptr<arrow::Buffer> stream;
  switch (static_cast<int>(part.compression())) {
    case pb_common::COMPRESSION_UNSPECIFIED:
    case pb_common::COMPRESSION_NONE:
      stream = arrow::Buffer::FromString(payload);
      break;
    case pb_common::COMPRESSION_LZ4: {
      if (part.uncompressed_size() > static_cast<uint64_t>(INT64_MAX)) {
        return arrow::Status::Invalid("corrupted manifest size ", part.uncompressed_size());
      }
      ARROW_ASSIGN_OR_RAISE(
          stream, internal::Lz4DecompressBlock(reinterpret_cast<const uint8_t*>(payload.data()),
                                               static_cast<int64_t>(payload.size()),
                                               static_cast<int64_t>(part.uncompressed_size())));
      break;
    }
    default:
      return arrow::Status::Invalid("unknown manifest compression ",
                                    static_cast<int>(part.compression()));
  }
  ARROW_ASSIGN_OR_RAISE(auto batch, internal::ReadIpcBatch(std::move(stream)));
  ARROW_RETURN_NOT_OK(CheckManifestColumns(*batch->schema()));
  return batch;
}

arrow::Result<RrdManifest> FromProto(const pb_log::RrdManifest& proto, int64_t stream_offset) {
  if (!proto.has_store_id()) return arrow::Status::Invalid("manifest is missing its store_id");
  RrdManifest manifest;
  manifest.store_id = internal::FromProto(proto.store_id());
  manifest.stream_offset = stream_offset;
  if (!proto.sorbet_schema().has_arrow_schema()) {
    return arrow::Status::Invalid("manifest is missing its sorbet schema");
  }
  ARROW_ASSIGN_OR_RAISE(
      manifest.sorbet_schema,
      internal::ReadIpcSchema(arrow::Buffer::FromString(proto.sorbet_schema().arrow_schema())));
  if (proto.has_sorbet_schema_sha256()) {
    const auto& hash = proto.sorbet_schema_sha256();
    if (hash.size() != 32) {
      return arrow::Status::Invalid("manifest schema hash has ", hash.size(),
                                    " bytes, expected 32");
    }
    std::array<uint8_t, 32> bytes;
    std::copy(hash.begin(), hash.end(), bytes.begin());
    manifest.sorbet_schema_sha256 = bytes;
  }
  if (!proto.has_data()) return arrow::Status::Invalid("manifest is missing its data");
  ARROW_ASSIGN_OR_RAISE(manifest.data, DecodeManifestData(proto.data()));
  return manifest;
}

template <typename ArrayType>
arrow::Result<std::shared_ptr<ArrayType>> NonNullColumn(const arrow::RecordBatch& batch,
                                                        const std::string& name) {
  auto column = batch.GetColumnByName(name);  // presence and type were checked on decode
  if (column == nullptr) return arrow::Status::Invalid("manifest lacks the column ", name);
  if (column->null_count() > 0) {
    return arrow::Status::Invalid("manifest column ", name, " has nulls");
  }
  return std::static_pointer_cast<ArrayType>(column);
}

arrow::Result<int64_t> ToInt64(uint64_t value, std::string_view what) {
  if (value > static_cast<uint64_t>(INT64_MAX)) {
    return arrow::Status::Invalid("manifest ", what, " ", value, " is out of range");
  }
  return static_cast<int64_t>(value);
}

std::string MetadataValue(const arrow::Field& field, const std::string& key) {
  const auto& metadata = field.metadata();
  if (metadata == nullptr) return {};
  return metadata->Get(key).ValueOr("");
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The 64-bit values of a time column (Int64, Timestamp or Duration).
arrow::Result<const int64_t*> TimeValues(const arrow::Field& field, const arrow::Array& column) {
  switch (column.type_id()) {
    case arrow::Type::INT64:
    case arrow::Type::TIMESTAMP:
    case arrow::Type::DURATION:
      return column.data()->GetValues<int64_t>(1);
    default:
      return arrow::Status::Invalid("manifest column '", field.name(), "' is not a time column");
  }
}

// One manifest index column, by what it says about each row.
struct IndexColumn {
  enum class Kind { kTimelineStart, kTimelineEnd, kComponentStart, kStaticFlag };
  Kind kind;
  std::string timeline;   // empty for static flags
  std::string component;  // empty for per-timeline columns
  std::shared_ptr<arrow::Array> values;
  const int64_t* times = nullptr;  // for the start/end columns
};

arrow::Result<std::vector<IndexColumn>> IndexColumns(const arrow::RecordBatch& data) {
  std::vector<IndexColumn> columns;
  for (int i = 0; i < data.num_columns(); ++i) {
    const auto& field = *data.schema()->field(i);
    const std::string component = MetadataValue(field, "rerun:component");
    const std::string timeline = MetadataValue(field, "rerun:index");
    IndexColumn column{IndexColumn::Kind::kStaticFlag, timeline, component, data.column(i)};
    if (EndsWith(field.name(), ":has_static_data")) {
      if (component.empty()) continue;
      if (column.values->type_id() != arrow::Type::BOOL) {
        return arrow::Status::Invalid("manifest column '", field.name(), "' is not Boolean");
      }
    } else if (EndsWith(field.name(), ":start") || EndsWith(field.name(), ":end")) {
      const bool start = EndsWith(field.name(), ":start");
      if (timeline.empty() || (!component.empty() && !start)) continue;
      column.kind = !component.empty() ? IndexColumn::Kind::kComponentStart
                    : start            ? IndexColumn::Kind::kTimelineStart
                                       : IndexColumn::Kind::kTimelineEnd;
      ARROW_ASSIGN_OR_RAISE(column.times, TimeValues(field, *column.values));
    } else {
      continue;
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

}  // namespace

arrow::Result<std::vector<ManifestChunk>> RrdManifest::Chunks() const {
  ARROW_ASSIGN_OR_RAISE(auto locations, ChunkLocations());
  ARROW_ASSIGN_OR_RAISE(auto columns, IndexColumns(*data));
  // End columns complete the ranges their start columns open.
  std::stable_partition(columns.begin(), columns.end(), [](const IndexColumn& column) {
    return column.kind != IndexColumn::Kind::kTimelineEnd;
  });
  // Per-timeline ranges need both a start and an end column.
  std::vector<std::string> ranged;
  for (const auto& start : columns) {
    if (start.kind != IndexColumn::Kind::kTimelineStart) continue;
    for (const auto& end : columns) {
      if (end.kind == IndexColumn::Kind::kTimelineEnd && end.timeline == start.timeline) {
        ranged.push_back(start.timeline);
      }
    }
  }
  const auto ranged_timelines = std::make_shared<const std::vector<std::string>>(ranged);

  std::vector<ManifestChunk> chunks;
  chunks.reserve(locations.size());
  for (size_t index = 0; index < locations.size(); ++index) {
    const auto row = static_cast<int64_t>(index);
    ManifestChunk chunk;
    chunk.location = std::move(locations[index]);
    chunk.ranged_timelines = ranged_timelines;
    std::set<std::string> timelines;
    std::set<std::string> components;
    for (const auto& column : columns) {
      if (!column.values->IsValid(row)) continue;
      switch (column.kind) {
        case IndexColumn::Kind::kComponentStart:
          timelines.insert(column.timeline);
          components.insert(column.component);
          break;
        case IndexColumn::Kind::kStaticFlag:
          if (std::static_pointer_cast<arrow::BooleanArray>(column.values)->Value(row)) {
            chunk.static_components.push_back(column.component);
          }
          break;
        case IndexColumn::Kind::kTimelineStart:
          if (std::find(ranged.begin(), ranged.end(), column.timeline) != ranged.end()) {
            chunk.time_ranges.push_back({column.timeline, column.times[row], column.times[row]});
          }
          break;
        case IndexColumn::Kind::kTimelineEnd:
          for (auto& range : chunk.time_ranges) {
            if (range.timeline == column.timeline) range.end = column.times[row];
          }
          break;
      }
    }
    chunk.timelines.assign(timelines.begin(), timelines.end());
    chunk.temporal_components.assign(components.begin(), components.end());
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

arrow::Result<std::vector<ChunkLocation>> RrdManifest::ChunkLocations() const {
  using internal::ManifestColumn;
  ARROW_ASSIGN_OR_RAISE(auto entity_paths,
                        NonNullColumn<arrow::StringArray>(*data, ManifestColumn::kEntityPath));
  ARROW_ASSIGN_OR_RAISE(auto ids,
                        NonNullColumn<arrow::FixedSizeBinaryArray>(*data, ManifestColumn::kId));
  ARROW_ASSIGN_OR_RAISE(auto is_static,
                        NonNullColumn<arrow::BooleanArray>(*data, ManifestColumn::kIsStatic));
  ARROW_ASSIGN_OR_RAISE(auto num_rows,
                        NonNullColumn<arrow::UInt64Array>(*data, ManifestColumn::kNumRows));
  ARROW_ASSIGN_OR_RAISE(auto offsets,
                        NonNullColumn<arrow::UInt64Array>(*data, ManifestColumn::kByteOffset));
  ARROW_ASSIGN_OR_RAISE(auto sizes,
                        NonNullColumn<arrow::UInt64Array>(*data, ManifestColumn::kByteSize));
  ARROW_ASSIGN_OR_RAISE(auto uncompressed_sizes, NonNullColumn<arrow::UInt64Array>(
                                                     *data, ManifestColumn::kByteSizeUncompressed));
  std::vector<ChunkLocation> locations;
  locations.reserve(static_cast<size_t>(data->num_rows()));
  for (int64_t row = 0; row < data->num_rows(); ++row) {
    ChunkLocation location;
    location.chunk_id = ChunkId{Tuid::FromBytes(ids->GetValue(row))};
    location.entity_path = entity_paths->GetString(row);
    location.is_static = is_static->Value(row);
    ARROW_ASSIGN_OR_RAISE(location.num_rows, ToInt64(num_rows->Value(row), "row count"));
    ARROW_ASSIGN_OR_RAISE(const int64_t offset, ToInt64(offsets->Value(row), "byte offset"));
    if (offset > INT64_MAX - stream_offset) {
      return arrow::Status::Invalid("manifest byte offset ", offset, " is out of range");
    }
    location.byte_offset = stream_offset + offset;
    ARROW_ASSIGN_OR_RAISE(location.byte_size, ToInt64(sizes->Value(row), "byte size"));
    ARROW_ASSIGN_OR_RAISE(location.byte_size_uncompressed,
                          ToInt64(uncompressed_sizes->Value(row), "uncompressed size"));
    locations.push_back(std::move(location));
  }
  return locations;
}

arrow::Result<std::vector<RrdManifest>> DecodeRrdFooter(const RrdMessage& end_message) {
  std::vector<RrdManifest> manifests;
  const auto& payload = *end_message.payload;
  if (payload.size() == 0) return manifests;
  pb_log::RrdFooter footer;
  const google::protobuf::LogSilencer silencer;  // the error below replaces libprotobuf's note
  if (payload.size() > INT_MAX ||
      !footer.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return internal::RrdError(*end_message.source, end_message.payload_offset(),
                              "corrupted protobuf in End message (RrdFooter)");
  }
  for (const auto& proto : footer.manifests()) {
    auto manifest = FromProto(proto, end_message.stream_offset);
    if (!manifest.ok()) {
      return internal::WithRrdLocation(manifest.status(), *end_message.source,
                                       end_message.payload_offset(), "RrdFooter");
    }
    manifests.push_back(*std::move(manifest));
  }
  return manifests;
}

}  // namespace rrflow
