#include "io/parquet/file_metadata_chunk_internal.h"

#include <arrow/builder.h>
#include <arrow/type.h>

#include "io/parquet/row_lists_internal.h"

namespace rrflow::internal {

arrow::Result<ChunkPtr> FileMetadataChunk(const arrow::KeyValueMetadata* metadata) {
  if (metadata == nullptr || metadata->size() == 0) return nullptr;
  arrow::StringBuilder keys;
  arrow::StringBuilder values;
  ARROW_RETURN_NOT_OK(keys.AppendValues(metadata->keys()));
  ARROW_RETURN_NOT_OK(values.AppendValues(metadata->values()));
  ARROW_ASSIGN_OR_RAISE(auto key_array, keys.Finish());
  ARROW_ASSIGN_OR_RAISE(auto value_array, values.Finish());
  ARROW_ASSIGN_OR_RAISE(auto pairs, arrow::StructArray::Make(
                                        {key_array, value_array},
                                        {arrow::field("first", arrow::utf8(), false),
                                         arrow::field("second", arrow::utf8(), false)}));
  // One KeyValuePairs value: a list of all the pairs.
  ARROW_ASSIGN_OR_RAISE(auto offsets, arrow::AllocateBuffer(2 * sizeof(int32_t)));
  auto* bounds = reinterpret_cast<int32_t*>(offsets->mutable_data());
  bounds[0] = 0;
  bounds[1] = static_cast<int32_t>(pairs->length());
  auto value = std::make_shared<arrow::ListArray>(
      arrow::list(arrow::field("item", pairs->type(), false)), 1, std::move(offsets),
      std::move(pairs));
  ARROW_ASSIGN_OR_RAISE(auto list, OneValuePerRow(std::move(value), /*item_nullable=*/true));
  const ComponentDescriptor descriptor("file_metadata", "ParquetMetadata",
                                       "rerun.components.KeyValuePairs");
  return Chunk::FromColumns(EntityPath({"__properties"}), {}, {{descriptor, std::move(list)}});
}

}  // namespace rrflow::internal
