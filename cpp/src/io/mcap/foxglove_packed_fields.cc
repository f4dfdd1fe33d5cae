// foxglove.PointCloud's packed point fields (PackedElementField).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <optional>

#include <arrow/array/builder_primitive.h>

#include "io/mcap/foxglove_lens_columns_internal.h"
#include "io/mcap/foxglove_lens_outputs_internal.h"

namespace rrflow::internal::mcap {
namespace {

// PackedElementField.NumericType: the codes 1..8.
enum class NumericType : int32_t {
  kUInt8 = 1, kInt8, kUInt16, kInt16, kUInt32, kInt32, kFloat32, kFloat64
};

uint64_t ByteSize(NumericType type) {
  switch (type) {
    case NumericType::kUInt8:
    case NumericType::kInt8:
      return 1;
    case NumericType::kUInt16:
    case NumericType::kInt16:
      return 2;
    case NumericType::kFloat64:
      return 8;
    default:
      return 4;
  }
}

template <typename T>
T Load(const uint8_t* bytes) {
  T value;
  std::memcpy(&value, bytes, sizeof(T));  // Little-endian hosts only, as the format.
  return value;
}

// Where a packed field sits in each element, and how it is stored.
struct PackedField {
  uint64_t offset = 0;
  NumericType type = NumericType::kUInt8;

  // The bytes of this field in the element at `base`, or null when they
  // run past the end of `data` (the value then reads as 0).
  const uint8_t* At(const uint8_t* data, uint64_t size, uint64_t base) const {
    const uint64_t begin = base + offset;
    if (begin < base || begin > size || size - begin < ByteSize(type)) return nullptr;
    return data + begin;
  }

  float ReadFloat(const uint8_t* data, uint64_t size, uint64_t base) const {
    const uint8_t* bytes = At(data, size, base);
    if (bytes == nullptr) return 0;
    switch (type) {
      case NumericType::kUInt8: return static_cast<float>(Load<uint8_t>(bytes));
      case NumericType::kInt8: return static_cast<float>(Load<int8_t>(bytes));
      case NumericType::kUInt16: return static_cast<float>(Load<uint16_t>(bytes));
      case NumericType::kInt16: return static_cast<float>(Load<int16_t>(bytes));
      case NumericType::kUInt32: return static_cast<float>(Load<uint32_t>(bytes));
      case NumericType::kInt32: return static_cast<float>(Load<int32_t>(bytes));
      case NumericType::kFloat32: return Load<float>(bytes);
      case NumericType::kFloat64: return static_cast<float>(Load<double>(bytes));
    }
    return 0;
  }

  uint8_t ReadChannel(const uint8_t* data, uint64_t size, uint64_t base) const {
    const uint8_t* bytes = At(data, size, base);
    if (bytes == nullptr) return 0;
    const auto saturate = [](auto value) {
      return static_cast<uint8_t>(std::clamp<int64_t>(static_cast<int64_t>(value), 0, 255));
    };
    // Floats scale [0, 1] to 0..255 in their own precision, truncating;
    // NaN becomes 0.
    const auto scale = [](auto value) {
      using Float = decltype(value);
      const Float scaled = std::clamp<Float>(value * Float{255}, 0, 255);
      return std::isnan(scaled) ? uint8_t{0} : static_cast<uint8_t>(scaled);
    };
    switch (type) {
      case NumericType::kUInt8: return Load<uint8_t>(bytes);
      case NumericType::kInt8: return saturate(Load<int8_t>(bytes));
      case NumericType::kUInt16: return saturate(Load<uint16_t>(bytes));
      case NumericType::kInt16: return saturate(Load<int16_t>(bytes));
      case NumericType::kUInt32: return saturate(Load<uint32_t>(bytes));
      case NumericType::kInt32: return saturate(Load<int32_t>(bytes));
      case NumericType::kFloat32: return scale(Load<float>(bytes));
      case NumericType::kFloat64: return scale(Load<double>(bytes));
    }
    return 0;
  }
};

// The `fields`, `data` and stride of PointCloud messages, and per message
// the packed fields with the wanted names.
class PackedElements {
 public:
  static arrow::Result<PackedElements> Make(const std::shared_ptr<arrow::StructArray>& messages) {
    PackedElements elements;
    ARROW_ASSIGN_OR_RAISE(elements.stride_, TypedFieldAt<arrow::UInt32Array>(messages,
                                                                             "point_stride"));
    ARROW_ASSIGN_OR_RAISE(elements.fields_, TypedFieldAt<arrow::ListArray>(messages, "fields"));
    ARROW_ASSIGN_OR_RAISE(elements.data_, TypedFieldAt<arrow::BinaryArray>(messages, "data"));
    auto entries = std::dynamic_pointer_cast<arrow::StructArray>(elements.fields_->values());
    if (entries == nullptr) return arrow::Status::Invalid("field `fields` is not a list of messages");
    ARROW_ASSIGN_OR_RAISE(elements.names_, TypedFieldAt<arrow::StringArray>(entries, "name"));
    ARROW_ASSIGN_OR_RAISE(elements.offsets_, TypedFieldAt<arrow::UInt32Array>(entries, "offset"));
    ARROW_ASSIGN_OR_RAISE(auto type_codes, FieldAt(entries, "type.value"));
    elements.types_ = std::dynamic_pointer_cast<arrow::Int32Array>(type_codes);
    if (elements.types_ == nullptr) {
      return arrow::Status::Invalid("field `fields.type` is not a protobuf enum");
    }
    return elements;
  }

  int64_t length() const { return data_->length(); }

  // The packed fields named `names` of message `row` (nullopt for a name no
  // field has; the first field of a name counts), or an error when a
  // matched field's numeric type is unknown. No fields (null) gives nullopt.
  arrow::Result<std::optional<std::vector<std::optional<PackedField>>>> Find(
      int64_t row, const std::vector<std::string_view>& names) const {
    if (data_->IsNull(row) || fields_->IsNull(row)) return std::nullopt;
    std::vector<std::optional<PackedField>> found(names.size());
    for (size_t wanted = 0; wanted < names.size(); ++wanted) {
      for (int64_t entry = fields_->value_offset(row); entry < fields_->value_offset(row + 1);
           ++entry) {
        if (names_->IsNull(entry) || names_->GetView(entry) != names[wanted]) continue;
        const int32_t code = types_->IsNull(entry) ? 0 : types_->Value(entry);
        if (code < 1 || code > 8) {
          return arrow::Status::Invalid("packed field `", names[wanted],
                                        "` has the unknown numeric type ", code);
        }
        found[wanted] = PackedField{offsets_->IsNull(entry) ? 0 : offsets_->Value(entry),
                                    static_cast<NumericType>(code)};
        break;
      }
    }
    return found;
  }

  uint64_t Stride(int64_t row) const { return stride_->IsNull(row) ? 0 : stride_->Value(row); }
  std::string_view Data(int64_t row) const { return data_->GetView(row); }

 private:
  std::shared_ptr<arrow::UInt32Array> stride_;
  std::shared_ptr<arrow::ListArray> fields_;
  std::shared_ptr<arrow::BinaryArray> data_;
  std::shared_ptr<arrow::StringArray> names_;
  std::shared_ptr<arrow::UInt32Array> offsets_;
  std::shared_ptr<arrow::Int32Array> types_;
};

const uint8_t* Bytes(std::string_view data) {
  return reinterpret_cast<const uint8_t*>(data.data());
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::ListArray>> PackedPositions(
    const std::shared_ptr<arrow::StructArray>& messages) {
  ARROW_ASSIGN_OR_RAISE(const auto elements, PackedElements::Make(messages));
  TupleRows rows(3, arrow::float32());
  for (int64_t row = 0; row < elements.length(); ++row) {
    ARROW_ASSIGN_OR_RAISE(const auto found, elements.Find(row, {"x", "y", "z"}));
    const uint64_t stride = elements.Stride(row);
    if (!found || !(*found)[0] || !(*found)[1] || !(*found)[2] || stride == 0) {
      rows.AddNullRow();
      continue;
    }
    const std::string_view data = elements.Data(row);
    constexpr bool kValid[3] = {true, true, true};
    for (uint64_t base = 0; data.size() - base >= stride; base += stride) {
      double point[3];
      for (size_t axis = 0; axis < 3; ++axis) {
        point[axis] = (*found)[axis]->ReadFloat(Bytes(data), data.size(), base);
      }
      rows.AddTuple(point, kValid);
    }
    rows.EndRow();
  }
  return rows.Finish();
}

arrow::Result<std::shared_ptr<arrow::ListArray>> PackedColors(
    const std::shared_ptr<arrow::StructArray>& messages) {
  ARROW_ASSIGN_OR_RAISE(const auto elements, PackedElements::Make(messages));
  arrow::UInt32Builder colors;
  std::vector<int32_t> offsets = {0};
  std::vector<bool> valid;
  for (int64_t row = 0; row < elements.length(); ++row) {
    ARROW_ASSIGN_OR_RAISE(const auto found,
                          elements.Find(row, {"red", "green", "blue", "alpha"}));
    const uint64_t stride = elements.Stride(row);
    if (found && (*found)[0] && (*found)[1] && (*found)[2] && stride > 0) {
      const std::string_view data = elements.Data(row);
      for (uint64_t base = 0; data.size() - base >= stride; base += stride) {
        const auto channel = [&](size_t index) -> uint32_t {
          return (*found)[index]->ReadChannel(Bytes(data), data.size(), base);
        };
        const uint32_t alpha = (*found)[3] ? channel(3) : 255;
        ARROW_RETURN_NOT_OK(
            colors.Append(channel(0) << 24 | channel(1) << 16 | channel(2) << 8 | alpha));
      }
      if (colors.length() > INT32_MAX) {
        return arrow::Status::CapacityError("more than 2^31 point colours in one chunk");
      }
      valid.push_back(true);
    } else {
      valid.push_back(false);
    }
    offsets.push_back(static_cast<int32_t>(colors.length()));
  }
  ARROW_ASSIGN_OR_RAISE(auto values, colors.Finish());
  return ListRows(offsets, valid, values);
}

}  // namespace rrflow::internal::mcap
