#include "chunk/take_rows_internal.h"

#include <cstring>

#include <arrow/array/builder_primitive.h>
#include <arrow/buffer.h>
#include <arrow/compute/api_vector.h>
#include <arrow/type.h>
#include <arrow/util/bit_util.h>

namespace rrflow::internal {
namespace {

// Values laid out as contiguous fixed-size elements: where element 0 starts
// and how many bytes each element takes. Only for data without nulls.
struct FlatLayout {
  const uint8_t* first = nullptr;
  int64_t element_bytes = 0;
};

std::optional<FlatLayout> FlatLayoutOf(const arrow::ArrayData& data) {
  if (data.GetNullCount() != 0) return std::nullopt;
  const auto& type = *data.type;
  if (type.id() == arrow::Type::FIXED_SIZE_LIST) {
    const auto list_size = static_cast<const arrow::FixedSizeListType&>(type).list_size();
    auto child = FlatLayoutOf(*data.child_data[0]);
    if (!child) return std::nullopt;
    const int64_t bytes = list_size * child->element_bytes;
    return FlatLayout{child->first + data.offset * bytes, bytes};
  }
  if (type.id() == arrow::Type::BOOL || type.id() == arrow::Type::DICTIONARY ||
      type.id() == arrow::Type::EXTENSION || !arrow::is_fixed_width(type.id())) {
    return std::nullopt;
  }
  const int bits = static_cast<const arrow::FixedWidthType&>(type).bit_width();
  if (bits % 8 != 0 || data.buffers.size() < 2 || data.buffers[1] == nullptr) return std::nullopt;
  const int64_t bytes = bits / 8;
  return FlatLayout{data.buffers[1]->data() + data.offset * bytes, bytes};
}

// Rebuilds the nesting of `type` around one flat buffer holding `length`
// elements of that type.
std::shared_ptr<arrow::ArrayData> WrapFlatBuffer(const std::shared_ptr<arrow::DataType>& type,
                                                 int64_t length,
                                                 std::shared_ptr<arrow::Buffer> buffer) {
  if (type->id() == arrow::Type::FIXED_SIZE_LIST) {
    const auto& list_type = static_cast<const arrow::FixedSizeListType&>(*type);
    auto child = WrapFlatBuffer(list_type.value_type(), length * list_type.list_size(),
                                std::move(buffer));
    return arrow::ArrayData::Make(type, length, {nullptr}, {std::move(child)}, 0);
  }
  return arrow::ArrayData::Make(type, length, {nullptr, std::move(buffer)}, 0);
}

arrow::Result<std::shared_ptr<arrow::Buffer>> GatherValidity(const arrow::Array& array,
                                                             const std::vector<int64_t>& order) {
  if (array.null_count() == 0) return nullptr;
  const auto length = static_cast<int64_t>(order.size());
  ARROW_ASSIGN_OR_RAISE(auto bitmap, arrow::AllocateEmptyBitmap(length));
  for (int64_t i = 0; i < length; ++i) {
    if (array.IsValid(order[i])) arrow::bit_util::SetBit(bitmap->mutable_data(), i);
  }
  return bitmap;
}

arrow::Result<std::shared_ptr<arrow::Array>> TakeFlatListRows(const arrow::ListArray& list,
                                                              const FlatLayout& layout,
                                                              const std::vector<int64_t>& order) {
  const auto length = static_cast<int64_t>(order.size());
  ARROW_ASSIGN_OR_RAISE(auto offsets, arrow::AllocateBuffer((length + 1) * sizeof(int32_t)));
  auto* out_offsets = reinterpret_cast<int32_t*>(offsets->mutable_data());
  const int32_t* in_offsets = list.raw_value_offsets();
  out_offsets[0] = 0;
  for (int64_t i = 0; i < length; ++i) {
    const int64_t row = order[i];
    out_offsets[i + 1] = out_offsets[i] + (in_offsets[row + 1] - in_offsets[row]);
  }
  const int64_t total = out_offsets[length];
  ARROW_ASSIGN_OR_RAISE(auto values, arrow::AllocateBuffer(total * layout.element_bytes));
  uint8_t* out = values->mutable_data();
  for (int64_t i = 0; i < length; ++i) {
    const int64_t row = order[i];
    const int64_t bytes = (in_offsets[row + 1] - in_offsets[row]) * layout.element_bytes;
    std::memcpy(out, layout.first + in_offsets[row] * layout.element_bytes, bytes);
    out += bytes;
  }
  ARROW_ASSIGN_OR_RAISE(auto validity, GatherValidity(list, order));
  auto child = WrapFlatBuffer(list.value_type(), total, std::move(values));
  auto data = arrow::ArrayData::Make(list.type(), length, {validity, std::move(offsets)},
                                     {std::move(child)}, list.null_count());
  return arrow::MakeArray(std::move(data));
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::Array>> TakeRows(const std::shared_ptr<arrow::Array>& array,
                                                      const std::vector<int64_t>& order) {
  if (array->type_id() == arrow::Type::LIST) {
    const auto& list = static_cast<const arrow::ListArray&>(*array);
    // The offsets index the values array directly, whatever the list's own offset.
    if (auto layout = FlatLayoutOf(*list.values()->data())) {
      return TakeFlatListRows(list, *layout, order);
    }
  }
  arrow::Int64Builder builder;
  ARROW_RETURN_NOT_OK(builder.AppendValues(order));
  ARROW_ASSIGN_OR_RAISE(auto indices, builder.Finish());
  return arrow::compute::Take(*array, *indices);
}

}  // namespace rrflow::internal
