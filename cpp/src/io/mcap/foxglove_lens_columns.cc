#include "io/mcap/foxglove_lens_columns_internal.h"

#include <algorithm>
#include <cmath>

#include <arrow/array/builder_primitive.h>
#include <arrow/buffer_builder.h>
#include <arrow/type.h>
#include <arrow/util/bitmap_ops.h>

#include "chunk/column_building_internal.h"

namespace rrflow::internal::mcap {
namespace {

arrow::Result<std::shared_ptr<arrow::Buffer>> Bitmap(const std::vector<bool>& bits,
                                                     int64_t* null_count) {
  arrow::TypedBufferBuilder<bool> builder;
  ARROW_RETURN_NOT_OK(builder.Reserve(static_cast<int64_t>(bits.size())));
  for (const bool bit : bits) builder.UnsafeAppend(bit);
  *null_count = builder.false_count();
  return builder.Finish();
}

template <typename T>
arrow::Result<std::shared_ptr<arrow::Buffer>> Values(const std::vector<T>& values) {
  arrow::TypedBufferBuilder<T> builder;
  ARROW_RETURN_NOT_OK(builder.Append(values.data(), static_cast<int64_t>(values.size())));
  return builder.Finish();
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::Array>> FieldAt(
    const std::shared_ptr<arrow::StructArray>& messages, std::string_view path) {
  std::shared_ptr<arrow::StructArray> parent = messages;
  std::shared_ptr<arrow::Array> field;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    const std::string name(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (parent == nullptr) {
      return arrow::Status::Invalid("field `", path.substr(0, start - 1), "` is not a message");
    }
    const int index = parent->struct_type()->GetFieldIndex(name);
    if (index < 0) return arrow::Status::Invalid("no field `", path.substr(0, dot), "`");
    // The flattened field is null wherever its struct is.
    ARROW_ASSIGN_OR_RAISE(field, parent->GetFlattenedField(index));
    if (dot == std::string_view::npos) return field;
    parent = std::dynamic_pointer_cast<arrow::StructArray>(field);
    start = dot + 1;
  }
}

template <typename Expected>
arrow::Result<std::shared_ptr<Expected>> TypedFieldAt(
    const std::shared_ptr<arrow::StructArray>& messages, std::string_view path) {
  ARROW_ASSIGN_OR_RAISE(auto field, FieldAt(messages, path));
  auto typed = std::dynamic_pointer_cast<Expected>(field);
  if (typed == nullptr) {
    return arrow::Status::Invalid("field `", path, "` is of type ", field->type()->ToString(),
                                  ", not the type its Foxglove schema gives it");
  }
  return typed;
}

template arrow::Result<std::shared_ptr<arrow::StringArray>> TypedFieldAt(
    const std::shared_ptr<arrow::StructArray>&, std::string_view);
template arrow::Result<std::shared_ptr<arrow::StructArray>> TypedFieldAt(
    const std::shared_ptr<arrow::StructArray>&, std::string_view);
template arrow::Result<std::shared_ptr<arrow::BinaryArray>> TypedFieldAt(
    const std::shared_ptr<arrow::StructArray>&, std::string_view);
template arrow::Result<std::shared_ptr<arrow::ListArray>> TypedFieldAt(
    const std::shared_ptr<arrow::StructArray>&, std::string_view);
template arrow::Result<std::shared_ptr<arrow::UInt32Array>> TypedFieldAt(
    const std::shared_ptr<arrow::StructArray>&, std::string_view);

arrow::Result<std::shared_ptr<arrow::Array>> FirstFieldAt(
    const std::shared_ptr<arrow::StructArray>& messages,
    const std::vector<std::string_view>& paths) {
  for (const auto path : paths) {
    auto field = FieldAt(messages, path);
    if (field.ok()) return field;
  }
  std::string names;
  for (const auto path : paths) names += (names.empty() ? "`" : ", `") + std::string(path) + "`";
  return arrow::Status::Invalid("none of the fields ", names);
}

arrow::Result<Numbers> Numbers::Make(std::shared_ptr<arrow::Array> values, std::string_view what) {
  if (!arrow::is_integer(values->type_id()) && !arrow::is_floating(values->type_id())) {
    return arrow::Status::Invalid("field `", what, "` is of type ", values->type()->ToString(),
                                  ", not a number");
  }
  if (values->type_id() == arrow::Type::HALF_FLOAT) {
    return arrow::Status::Invalid("field `", what, "` is a half float");
  }
  return Numbers(std::move(values));
}

double Numbers::Value(int64_t index) const {
  const auto& array = *values_;
  switch (array.type_id()) {
    case arrow::Type::DOUBLE:
      return static_cast<const arrow::DoubleArray&>(array).Value(index);
    case arrow::Type::FLOAT:
      return static_cast<const arrow::FloatArray&>(array).Value(index);
    case arrow::Type::INT8:
      return static_cast<const arrow::Int8Array&>(array).Value(index);
    case arrow::Type::INT16:
      return static_cast<const arrow::Int16Array&>(array).Value(index);
    case arrow::Type::INT32:
      return static_cast<const arrow::Int32Array&>(array).Value(index);
    case arrow::Type::INT64:
      return static_cast<double>(static_cast<const arrow::Int64Array&>(array).Value(index));
    case arrow::Type::UINT8:
      return static_cast<const arrow::UInt8Array&>(array).Value(index);
    case arrow::Type::UINT16:
      return static_cast<const arrow::UInt16Array&>(array).Value(index);
    case arrow::Type::UINT32:
      return static_cast<const arrow::UInt32Array&>(array).Value(index);
    case arrow::Type::UINT64:
      return static_cast<double>(static_cast<const arrow::UInt64Array&>(array).Value(index));
    default:
      return 0;  // Make admits numbers only.
  }
}

TupleRows::TupleRows(int32_t size, std::shared_ptr<arrow::DataType> value_type)
    : size_(size), value_type_(std::move(value_type)) {}

void TupleRows::AddTuple(const double* values, const bool* valid) {
  if (value_type_->id() == arrow::Type::FLOAT) {
    for (int32_t i = 0; i < size_; ++i) floats_.push_back(static_cast<float>(values[i]));
  } else {
    doubles_.insert(doubles_.end(), values, values + size_);
  }
  value_valid_.insert(value_valid_.end(), valid, valid + size_);
  tuple_valid_.push_back(true);
}

void TupleRows::EndRow() {
  offsets_.push_back(static_cast<int32_t>(tuple_valid_.size()));
  row_valid_.push_back(true);
}

void TupleRows::AddNullRow() {
  offsets_.push_back(static_cast<int32_t>(tuple_valid_.size()));
  row_valid_.push_back(false);
}

void TupleRows::AddNullRowOfNullTuple() {
  if (value_type_->id() == arrow::Type::FLOAT) {
    floats_.insert(floats_.end(), static_cast<size_t>(size_), 0.0f);
  } else {
    doubles_.insert(doubles_.end(), static_cast<size_t>(size_), 0.0);
  }
  value_valid_.insert(value_valid_.end(), static_cast<size_t>(size_), false);
  tuple_valid_.push_back(false);
  AddNullRow();
}

arrow::Result<std::shared_ptr<arrow::ListArray>> TupleRows::Finish() const {
  if (tuple_valid_.size() > static_cast<size_t>(INT32_MAX)) {
    return arrow::Status::CapacityError("more than 2^31 tuples in one column");
  }
  const bool single = value_type_->id() == arrow::Type::FLOAT;
  ARROW_ASSIGN_OR_RAISE(auto data, single ? Values(floats_) : Values(doubles_));
  int64_t value_nulls = 0;
  ARROW_ASSIGN_OR_RAISE(auto value_validity, Bitmap(value_valid_, &value_nulls));
  const auto count = static_cast<int64_t>(value_valid_.size());
  auto values = arrow::MakeArray(arrow::ArrayData::Make(
      value_type_, count, {value_nulls > 0 ? value_validity : nullptr, data}, value_nulls));
  int64_t tuple_nulls = 0;
  ARROW_ASSIGN_OR_RAISE(auto tuple_validity, Bitmap(tuple_valid_, &tuple_nulls));
  auto tuple_type =
      arrow::fixed_size_list(arrow::field("item", value_type_, value_nulls > 0), size_);
  auto tuples = arrow::MakeArray(arrow::ArrayData::Make(
      tuple_type, static_cast<int64_t>(tuple_valid_.size()),
      {tuple_nulls > 0 ? tuple_validity : nullptr}, {values->data()}, tuple_nulls));
  return ListRows(offsets_, row_valid_, tuples);
}

arrow::Result<std::shared_ptr<arrow::ListArray>> ListRows(const std::vector<int32_t>& offsets,
                                                          const std::vector<bool>& row_valid,
                                                          const std::shared_ptr<arrow::Array>& values,
                                                          bool item_nullable) {
  ARROW_ASSIGN_OR_RAISE(auto offset_buffer, Values(offsets));
  int64_t null_rows = 0;
  ARROW_ASSIGN_OR_RAISE(auto validity, Bitmap(row_valid, &null_rows));
  return std::make_shared<arrow::ListArray>(
      arrow::list(arrow::field("item", values->type(), item_nullable)),
      static_cast<int64_t>(row_valid.size()), std::move(offset_buffer), values,
      null_rows > 0 ? validity : nullptr, null_rows);
}

arrow::Result<std::shared_ptr<arrow::ListArray>> OneValueEach(
    const std::shared_ptr<arrow::Array>& values) {
  return internal::WrapEachValue(values, internal::NullValueAs::kNullRow);
}

arrow::Result<std::shared_ptr<arrow::ListArray>> OneInstanceEach(
    const std::shared_ptr<arrow::Array>& values) {
  return internal::WrapEachValue(values, internal::NullValueAs::kNullElement);
}

arrow::Result<std::shared_ptr<arrow::Array>> BinaryAsBlobs(
    const std::shared_ptr<arrow::BinaryArray>& binary) {
  const auto& data = *binary->data();
  auto bytes = std::make_shared<arrow::UInt8Array>(
      binary->value_offset(binary->length()), data.buffers[2]);
  auto type = arrow::list(arrow::field("item", arrow::uint8(), false));
  // The binary's validity and offsets serve the list as they are.
  return arrow::MakeArray(arrow::ArrayData::Make(std::move(type), binary->length(),
                                                 {data.buffers[0], data.buffers[1]},
                                                 {bytes->data()}, binary->null_count(),
                                                 binary->offset()));
}

uint32_t PackedColor(double red, double green, double blue, double alpha) {
  const auto channel = [](double value) {
    // NaN clamps to NaN; it becomes 0 like the reference's float-to-int cast.
    const double scaled = std::round(std::clamp(value, 0.0, 1.0) * 255.0);
    return std::isnan(scaled) ? 0u : static_cast<uint32_t>(scaled);
  };
  return channel(red) << 24 | channel(green) << 16 | channel(blue) << 8 | channel(alpha);
}

}  // namespace rrflow::internal::mcap
