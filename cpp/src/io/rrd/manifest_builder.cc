#include <algorithm>
#include <set>

#include <arrow/array.h>
#include <arrow/builder.h>
#include <arrow/type.h>
#include <arrow/util/key_value_metadata.h>
#include <openssl/evp.h>

#include "io/rrd/arrow_ipc_internal.h"
#include "io/rrd/lz4_block_internal.h"
#include "io/rrd/manifest_builder_internal.h"
#include "io/rrd/manifest_columns_internal.h"

namespace rrflow::internal {
namespace {

using MetadataPairs = std::vector<std::pair<std::string, std::string>>;

// Metadata with keys in byte order, as the reference's (sorted map) output.
std::shared_ptr<const arrow::KeyValueMetadata> SortedMetadata(MetadataPairs pairs) {
  std::sort(pairs.begin(), pairs.end());
  std::vector<std::string> keys, values;
  for (auto& [key, value] : pairs) {
    keys.push_back(std::move(key));
    values.push_back(std::move(value));
  }
  return arrow::key_value_metadata(std::move(keys), std::move(values));
}

MetadataPairs DescriptorMetadata(const ComponentDescriptor& descriptor) {
  MetadataPairs pairs = {{"rerun:component", descriptor.component}};
  if (descriptor.archetype) pairs.emplace_back("rerun:archetype", *descriptor.archetype);
  if (descriptor.component_type) {
    pairs.emplace_back("rerun:component_type", *descriptor.component_type);
  }
  return pairs;
}

// Builds a nullable time column of the timeline's Arrow type.
class TimeColumnBuilder {
 public:
  arrow::Status Append(std::optional<int64_t> value) {
    return value ? builder_.Append(*value) : builder_.AppendNull();
  }
  arrow::Result<std::shared_ptr<arrow::Array>> Finish(TimeType type) {
    ARROW_ASSIGN_OR_RAISE(auto values, builder_.Finish());
    return values->View(TimeTypeToArrow(type));  // same layout: zero copy
  }

 private:
  arrow::Int64Builder builder_;
};

struct ColumnList {
  arrow::FieldVector fields;
  arrow::ArrayVector arrays;

  void Add(std::string name, std::shared_ptr<arrow::Array> array, bool nullable,
           std::shared_ptr<const arrow::KeyValueMetadata> metadata = nullptr) {
    fields.push_back(arrow::field(std::move(name), array->type(), nullable, std::move(metadata)));
    arrays.push_back(std::move(array));
  }
};

arrow::Result<std::string> Sha256(const arrow::Buffer& bytes) {
  std::string digest(EVP_MAX_MD_SIZE, '\0');
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), static_cast<size_t>(bytes.size()),
                 reinterpret_cast<unsigned char*>(digest.data()), &length, EVP_sha256(),
                 nullptr) != 1) {
    return arrow::Status::UnknownError("SHA-256 failed");
  }
  digest.resize(length);
  return digest;
}

}  // namespace

std::unique_ptr<ManifestBuilder> ManifestBuilder::Carrying(StoreId store_id, RrdManifest source) {
  auto builder = std::make_unique<ManifestBuilder>(std::move(store_id));
  builder->carried_ = Carried{std::move(source), {}, {}};
  return builder;
}

void ManifestBuilder::AddCopied(int64_t byte_offset, int64_t byte_size) {
  carried_->byte_offsets.push_back(static_cast<uint64_t>(byte_offset));
  carried_->byte_sizes.push_back(static_cast<uint64_t>(byte_size));
}

arrow::Result<std::shared_ptr<arrow::RecordBatch>> ManifestBuilder::CarriedRecordBatch() const {
  const auto& batch = *carried_->source.data;
  if (static_cast<int64_t>(carried_->byte_offsets.size()) != batch.num_rows()) {
    return arrow::Status::Invalid("the footer of ", store_id_.ToString(), " describes ", batch.num_rows(),
                                  " chunks, but ", carried_->byte_offsets.size(), " were copied");
  }
  auto replaced = carried_->source.data;
  for (const auto& [name, values] : {std::pair{ManifestColumn::kByteOffset, &carried_->byte_offsets},
                                     std::pair{ManifestColumn::kByteSize, &carried_->byte_sizes}}) {
    arrow::UInt64Builder column;
    ARROW_RETURN_NOT_OK(column.AppendValues(*values));
    ARROW_ASSIGN_OR_RAISE(auto array, column.Finish());
    const int index = replaced->schema()->GetFieldIndex(name);
    if (index < 0) return arrow::Status::Invalid("the footer of ", store_id_.ToString(), " has no ", name, " column");
    ARROW_ASSIGN_OR_RAISE(replaced, replaced->SetColumn(index, replaced->schema()->field(index), array));
  }
  return replaced;
}

void ManifestBuilder::Add(const Chunk& chunk, int64_t byte_offset, int64_t byte_size,
                          int64_t ipc_size) {
  schema_.Add(chunk);
  Row row;
  row.entity_path = chunk.entity_path().ToString();
  row.id = chunk.id();
  row.is_static = chunk.is_static();
  row.num_rows = static_cast<uint64_t>(chunk.num_rows());
  row.byte_offset = static_cast<uint64_t>(byte_offset);
  row.byte_size = static_cast<uint64_t>(byte_size);
  row.ipc_size = static_cast<uint64_t>(ipc_size);

  for (const auto& column : chunk.timelines()) {
    timelines_.try_emplace(column.name(), column.type());
    const int64_t* times = column.values();
    if (column.length() == 0) continue;
    const auto [min, max] = std::minmax_element(times, times + column.length());
    row.timeline_ranges[column.name()] = TimeRange{*min, *max};
  }
  for (const auto& component : chunk.components()) {
    const auto& d = component.descriptor;
    DescriptorKey key{d.archetype, d.component, d.component_type};
    descriptors_.try_emplace(key, d);
    if (chunk.is_static()) {
      row.static_components.push_back(key);
      continue;
    }
    const auto& list = *component.list;
    for (const auto& column : chunk.timelines()) {
      ComponentRange stats;
      const int64_t* times = column.values();
      for (int64_t i = 0; i < list.length(); ++i) {
        if (list.IsNull(i)) continue;
        ++stats.num_rows;
        if (!stats.range) {
          stats.range = TimeRange{times[i], times[i]};
        } else {
          stats.range->start = std::min(stats.range->start, times[i]);
          stats.range->end = std::max(stats.range->end, times[i]);
        }
      }
      row.component_ranges[{column.name(), key}] = stats;
    }
  }
  rows_.push_back(std::move(row));
}

arrow::Result<std::shared_ptr<arrow::RecordBatch>> ManifestBuilder::BuildRecordBatch() const {
  ColumnList columns;
  {
    arrow::StringBuilder entity_paths;
    arrow::FixedSizeBinaryBuilder ids(arrow::fixed_size_binary(16));
    arrow::BooleanBuilder is_static;
    arrow::UInt64Builder num_rows, offsets, sizes, ipc_sizes;
    for (const auto& row : rows_) {
      ARROW_RETURN_NOT_OK(entity_paths.Append(row.entity_path));
      ARROW_RETURN_NOT_OK(ids.Append(row.id.tuid.ToBytes().data()));
      ARROW_RETURN_NOT_OK(is_static.Append(row.is_static));
      ARROW_RETURN_NOT_OK(num_rows.Append(row.num_rows));
      ARROW_RETURN_NOT_OK(offsets.Append(row.byte_offset));
      ARROW_RETURN_NOT_OK(sizes.Append(row.byte_size));
      ARROW_RETURN_NOT_OK(ipc_sizes.Append(row.ipc_size));
    }
    std::vector<std::shared_ptr<arrow::Array>> fixed(ManifestFixedFields().size());
    ARROW_RETURN_NOT_OK(entity_paths.Finish(&fixed[0]));
    ARROW_RETURN_NOT_OK(ids.Finish(&fixed[1]));
    ARROW_RETURN_NOT_OK(is_static.Finish(&fixed[2]));
    ARROW_RETURN_NOT_OK(num_rows.Finish(&fixed[3]));
    ARROW_RETURN_NOT_OK(offsets.Finish(&fixed[4]));
    ARROW_RETURN_NOT_OK(sizes.Finish(&fixed[5]));
    ARROW_RETURN_NOT_OK(ipc_sizes.Finish(&fixed[6]));
    for (size_t i = 0; i < fixed.size(); ++i) {
      columns.Add(ManifestFixedFields()[i]->name(), fixed[i], /*nullable=*/false);
    }
  }

  std::vector<const ComponentDescriptor*> descriptors;
  for (const auto& [key, descriptor] : descriptors_) descriptors.push_back(&descriptor);
  std::stable_sort(descriptors.begin(), descriptors.end(),
                   [](const ComponentDescriptor* a, const ComponentDescriptor* b) {
                     return ComponentDescriptor::ColumnOrderLess(*a, *b);
                   });
  auto key_of = [](const ComponentDescriptor& d) {
    return DescriptorKey{d.archetype, d.component, d.component_type};
  };

  // 1. Per component: does the chunk hold it as static data?
  for (const auto* descriptor : descriptors) {
    const auto key = key_of(*descriptor);
    arrow::BooleanBuilder has_static_data;
    for (const auto& row : rows_) {
      const auto& held = row.static_components;
      ARROW_RETURN_NOT_OK(
          has_static_data.Append(std::find(held.begin(), held.end(), key) != held.end()));
    }
    ARROW_ASSIGN_OR_RAISE(auto array, has_static_data.Finish());
    auto metadata = DescriptorMetadata(*descriptor);
    metadata.emplace_back("rerun:index", "rerun:static");
    columns.Add(ManifestColumnName(std::nullopt, descriptor, "has_static_data"), array,
                /*nullable=*/false, SortedMetadata(std::move(metadata)));
  }

  // 2. Per timeline: the chunk's time range.
  for (const auto& [timeline, type] : timelines_) {
    TimeColumnBuilder starts, ends;
    for (const auto& row : rows_) {
      auto it = row.timeline_ranges.find(timeline);
      const bool present = it != row.timeline_ranges.end();
      ARROW_RETURN_NOT_OK(starts.Append(present ? std::optional(it->second.start) : std::nullopt));
      ARROW_RETURN_NOT_OK(ends.Append(present ? std::optional(it->second.end) : std::nullopt));
    }
    auto metadata = SortedMetadata({{"rerun:index", timeline}});
    ARROW_ASSIGN_OR_RAISE(auto start_array, starts.Finish(type));
    ARROW_ASSIGN_OR_RAISE(auto end_array, ends.Finish(type));
    columns.Add(ManifestColumnName(timeline, nullptr, "start"), start_array, true, metadata);
    columns.Add(ManifestColumnName(timeline, nullptr, "end"), end_array, true, metadata);
  }

  // 3. Per (timeline, component) pair seen in a temporal chunk: the range
  // and count of the rows holding the component.
  std::set<std::pair<std::string, DescriptorKey>> pairs;
  for (const auto& row : rows_) {
    for (const auto& [pair, stats] : row.component_ranges) pairs.insert(pair);
  }
  for (const auto& [timeline, type] : timelines_) {
    for (const auto* descriptor : descriptors) {
      const std::pair<std::string, DescriptorKey> pair{timeline, key_of(*descriptor)};
      if (!pairs.contains(pair)) continue;
      TimeColumnBuilder starts, ends;
      arrow::UInt64Builder num_rows;
      for (const auto& row : rows_) {
        auto it = row.component_ranges.find(pair);
        const ComponentRange stats =
            it == row.component_ranges.end() ? ComponentRange{} : it->second;
        ARROW_RETURN_NOT_OK(
            starts.Append(stats.range ? std::optional(stats.range->start) : std::nullopt));
        ARROW_RETURN_NOT_OK(
            ends.Append(stats.range ? std::optional(stats.range->end) : std::nullopt));
        ARROW_RETURN_NOT_OK(num_rows.Append(stats.num_rows));
      }
      auto pairs_metadata = DescriptorMetadata(*descriptor);
      pairs_metadata.emplace_back("rerun:index", timeline);
      auto metadata = SortedMetadata(std::move(pairs_metadata));
      ARROW_ASSIGN_OR_RAISE(auto start_array, starts.Finish(type));
      ARROW_ASSIGN_OR_RAISE(auto end_array, ends.Finish(type));
      ARROW_ASSIGN_OR_RAISE(auto count_array, num_rows.Finish());
      columns.Add(ManifestColumnName(timeline, descriptor, "start"), start_array, true, metadata);
      columns.Add(ManifestColumnName(timeline, descriptor, "end"), end_array, true, metadata);
      columns.Add(ManifestColumnName(timeline, descriptor, "num_rows"), count_array, true,
                  metadata);
    }
  }
  return arrow::RecordBatch::Make(arrow::schema(std::move(columns.fields)),
                                  static_cast<int64_t>(rows_.size()), std::move(columns.arrays));
}

std::shared_ptr<arrow::Schema> ManifestBuilder::BuildSorbetSchema() const {
  arrow::FieldVector fields;
  fields.push_back(
      arrow::field("rerun.controls.RowId", arrow::fixed_size_binary(16), /*nullable=*/false,
                   SortedMetadata({{"ARROW:extension:metadata", R"({"namespace":"row"})"},
                                   {"ARROW:extension:name", "rerun.datatypes.TUID"},
                                   {"rerun:kind", "control"}})));
  for (const auto& column : schema_.index_columns()) {
    const auto& timeline = column.timeline;
    fields.push_back(arrow::field(
        timeline.name, TimeTypeToArrow(timeline.type), /*nullable=*/true,
        SortedMetadata({{"rerun:index_name", timeline.name}, {"rerun:kind", "index"}})));
  }
  for (const auto& column : schema_.component_columns()) {
    auto metadata = DescriptorMetadata(column.descriptor);
    metadata.emplace_back("rerun:kind", "data");
    metadata.emplace_back("rerun:entity_path", column.entity_path.ToString());
    if (column.is_static) metadata.emplace_back("rerun:is_static", "true");
    if (column.is_semantically_empty) metadata.emplace_back("rerun:is_semantically_empty", "true");
    if (column.is_tombstone) metadata.emplace_back("rerun:is_tombstone", "true");
    fields.push_back(arrow::field(column.ColumnName(), column.store_datatype, /*nullable=*/true,
                                  SortedMetadata(std::move(metadata))));
  }
  return arrow::schema(std::move(fields));
}

arrow::Result<pb_log::RrdManifest> ManifestBuilder::Finish() const {
  pb_log::RrdManifest manifest;
  ToProto(store_id_, manifest.mutable_store_id());

  ARROW_ASSIGN_OR_RAISE(
      auto schema_bytes, WriteIpcSchema(carrying() ? *carried_->source.sorbet_schema : *BuildSorbetSchema()));
  manifest.mutable_sorbet_schema()->set_arrow_schema(schema_bytes->ToString());
  ARROW_ASSIGN_OR_RAISE(auto schema_hash, Sha256(*schema_bytes));
  manifest.set_sorbet_schema_sha256(std::move(schema_hash));

  ARROW_ASSIGN_OR_RAISE(auto batch, carrying() ? CarriedRecordBatch() : BuildRecordBatch());
  ARROW_ASSIGN_OR_RAISE(auto batch_bytes, WriteIpcBatch(*batch));
  ARROW_ASSIGN_OR_RAISE(auto compressed,
                        Lz4CompressBlock(batch_bytes->data(), batch_bytes->size()));
  auto* data = manifest.mutable_data();
  data->set_encoder_version(pb_common::ENCODER_VERSION_V0);
  data->set_payload(compressed->ToString());
  data->set_compression(pb_common::COMPRESSION_LZ4);
  data->set_uncompressed_size(static_cast<uint64_t>(batch_bytes->size()));
  return manifest;
}

}  // namespace rrflow::internal
