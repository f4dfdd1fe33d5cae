#include "io/mcap/mcap_columns_internal.h"

#include <arrow/array/builder_binary.h>
#include <arrow/array/builder_primitive.h>
#include <arrow/buffer_builder.h>
#include <arrow/type.h>

namespace rrflow::internal::mcap {
namespace {

template <typename Builder, typename T>
arrow::Result<std::shared_ptr<arrow::Array>> Values(const std::vector<T>& values) {
  Builder builder;
  ARROW_RETURN_NOT_OK(builder.AppendValues(values));
  return builder.Finish();
}

arrow::Result<std::shared_ptr<arrow::Buffer>> OffsetsBuffer(const std::vector<int32_t>& offsets) {
  arrow::TypedBufferBuilder<int32_t> builder;
  ARROW_RETURN_NOT_OK(builder.Append(offsets.data(), static_cast<int64_t>(offsets.size())));
  return builder.Finish();
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::ListArray>> Rows(const std::vector<int32_t>& offsets,
                                                      const std::shared_ptr<arrow::Array>& instances,
                                                      bool item_nullable) {
  ARROW_ASSIGN_OR_RAISE(auto buffer, OffsetsBuffer(offsets));
  auto type = arrow::list(arrow::field("item", instances->type(), item_nullable));
  return std::make_shared<arrow::ListArray>(std::move(type),
                                            static_cast<int64_t>(offsets.size()) - 1,
                                            std::move(buffer), instances);
}

arrow::Result<std::shared_ptr<arrow::ListArray>> OneRow(
    const std::shared_ptr<arrow::Array>& instances) {
  return Rows({0, static_cast<int32_t>(instances->length())}, instances);
}

arrow::Result<std::shared_ptr<arrow::Array>> Utf8Values(const std::vector<std::string>& values) {
  return Values<arrow::StringBuilder>(values);
}

arrow::Result<std::shared_ptr<arrow::Array>> UInt16Values(const std::vector<uint16_t>& values) {
  return Values<arrow::UInt16Builder>(values);
}

arrow::Result<std::shared_ptr<arrow::Array>> UInt64Values(const std::vector<uint64_t>& values) {
  return Values<arrow::UInt64Builder>(values);
}

arrow::Result<std::shared_ptr<arrow::Array>> Int64Values(const std::vector<int64_t>& values) {
  return Values<arrow::Int64Builder>(values);
}

arrow::Result<std::shared_ptr<arrow::Array>> BlobValues(
    const std::vector<std::shared_ptr<arrow::Buffer>>& blobs) {
  std::vector<std::span<const uint8_t>> views;
  views.reserve(blobs.size());
  for (const auto& blob : blobs) {
    if (blob == nullptr) {
      views.emplace_back();
    } else {
      views.emplace_back(blob->data(), static_cast<size_t>(blob->size()));
    }
  }
  return BlobValues(views);
}

arrow::Result<std::shared_ptr<arrow::Array>> BlobValues(
    const std::vector<std::span<const uint8_t>>& blobs) {
  std::vector<int32_t> offsets = {0};
  offsets.reserve(blobs.size() + 1);
  arrow::BufferBuilder bytes;
  int64_t total = 0;
  for (const auto& blob : blobs) total += static_cast<int64_t>(blob.size());
  if (total > INT32_MAX) {
    return arrow::Status::CapacityError("blobs of more than 2 GiB in one column");
  }
  ARROW_RETURN_NOT_OK(bytes.Reserve(total));
  for (const auto& blob : blobs) {
    const auto size = static_cast<int64_t>(blob.size());
    if (size > 0) bytes.UnsafeAppend(blob.data(), size);
    offsets.push_back(offsets.back() + static_cast<int32_t>(size));
  }
  ARROW_ASSIGN_OR_RAISE(auto values_buffer, bytes.Finish());
  auto values = std::make_shared<arrow::UInt8Array>(offsets.back(), std::move(values_buffer));
  return Rows(offsets, values, /*item_nullable=*/false);
}

arrow::Result<std::shared_ptr<arrow::Array>> KeyValuePairsValues(
    const std::vector<KeyValuePairs>& instances) {
  std::vector<int32_t> offsets = {0};
  std::vector<std::string> keys;
  std::vector<std::string> values;
  for (const auto& pairs : instances) {
    for (const auto& [key, value] : pairs) {
      keys.push_back(key);
      values.push_back(value);
    }
    offsets.push_back(static_cast<int32_t>(keys.size()));
  }
  ARROW_ASSIGN_OR_RAISE(auto first, Utf8Values(keys));
  ARROW_ASSIGN_OR_RAISE(auto second, Utf8Values(values));
  ARROW_ASSIGN_OR_RAISE(
      auto pairs, arrow::StructArray::Make({first, second},
                                           {arrow::field("first", arrow::utf8(), false),
                                            arrow::field("second", arrow::utf8(), false)}));
  return Rows(offsets, pairs, /*item_nullable=*/false);
}

}  // namespace rrflow::internal::mcap
