#include "io/mcap/ros2_cdr_to_arrow_internal.h"

#include <bit>
#include <cstring>
#include <type_traits>

#include <arrow/array/builder_binary.h>
#include <arrow/array/builder_primitive.h>
#include <arrow/builder.h>
#include <arrow/util/utf8.h>

namespace rrflow::internal {

struct Ros2CdrColumnBuilder::Node {
  const CdrField* field = nullptr;
  /// The field's builder: a ListBuilder for an array.
  arrow::ArrayBuilder* builder = nullptr;
  /// The builder of its values (the list's values for an array).
  arrow::ArrayBuilder* values = nullptr;
  /// For a struct-typed field: the nodes of the struct's fields.
  std::vector<Node> fields;
};

namespace {

using Node = Ros2CdrColumnBuilder::Node;

template <typename T>
T ByteSwapped(T value) {
  using Bits = std::conditional_t<sizeof(T) == 2, uint16_t,
                                  std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>>;
  Bits bits;
  std::memcpy(&bits, &value, sizeof(T));
  if constexpr (sizeof(T) == 2) {
    bits = __builtin_bswap16(bits);
  } else if constexpr (sizeof(T) == 4) {
    bits = __builtin_bswap32(bits);
  } else {
    bits = __builtin_bswap64(bits);
  }
  std::memcpy(&value, &bits, sizeof(T));
  return value;
}

std::vector<Node> NodesOf(const Ros2DecodePlan& plan, const CdrStruct& type,
                          arrow::StructBuilder* builder) {
  std::vector<Node> nodes(type.fields.size());
  for (size_t i = 0; i < type.fields.size(); ++i) {
    const CdrField& field = type.fields[i];
    Node& node = nodes[i];
    node.field = &field;
    node.builder = builder->field_builder(static_cast<int>(i));
    node.values = field.sequence || field.fixed
                      ? static_cast<arrow::ListBuilder*>(node.builder)->value_builder()
                      : node.builder;
    if (field.scalar == CdrScalar::kStruct) {
      node.fields = NodesOf(plan, plan.structs()[field.struct_index],
                            static_cast<arrow::StructBuilder*>(node.values));
    }
  }
  return nodes;
}

}  // namespace

class Ros2CdrColumnBuilder::Reader {
 public:
  explicit Reader(const Ros2DecodePlan& plan) : plan_(plan) { path_.reserve(16); }

  // Reads the encapsulation header; the fields follow.
  arrow::Status Start(const uint8_t* data, size_t size) {
    path_.clear();
    empty_values_ = 0;
    if (size < 4) {
      return arrow::Status::Invalid("a CDR payload starts with a 4-byte encapsulation header, "
                                    "this one has ", size, " bytes");
    }
    const unsigned id = data[1];
    const bool plain = data[0] == 0 && (id <= 0x01 || (id >= 0x10 && id <= 0x15));
    if (!plain) {
      return arrow::Status::Invalid("encapsulation 0x", kHex[data[0] >> 4], kHex[data[0] & 15],
                                    kHex[id >> 4], kHex[id & 15], " is not plain CDR");
    }
    const bool big_endian = id % 2 == 0;
    swap_ = big_endian != (std::endian::native == std::endian::big);
    data_ = data + 4;
    size_ = size - 4;
    pos_ = 0;
    return arrow::Status::OK();
  }

  template <bool kAppend>
  arrow::Status Struct(const CdrStruct& type, Node* nodes, arrow::ArrayBuilder* builder) {
    if constexpr (kAppend) {
      ARROW_RETURN_NOT_OK(static_cast<arrow::StructBuilder*>(builder)->Append());
    }
    for (size_t i = 0; i < type.fields.size(); ++i) {
      path_.push_back({&type.fields[i].name, -1});
      ARROW_RETURN_NOT_OK(Field<kAppend>(type.fields[i], kAppend ? &nodes[i] : nullptr));
      path_.pop_back();
    }
    return arrow::Status::OK();
  }

 private:
  static constexpr char kHex[] = "0123456789abcdef";

  struct Step {
    const std::string* name;
    int64_t index;
  };

  arrow::Status Error(const std::string& what) const {
    std::string path;
    for (const Step& step : path_) {
      if (!path.empty()) path += '.';
      path += *step.name;
      if (step.index >= 0) {
        path += '[';
        path += std::to_string(step.index);
        path += ']';
      }
    }
    return arrow::Status::Invalid("at byte ", pos_ + 4, path.empty() ? "" : ", field `", path,
                                  path.empty() ? "" : "`", ": ", what);
  }

  // Aligns to `alignment` from the payload start and makes sure `bytes` follow.
  arrow::Status Need(size_t alignment, size_t bytes) {
    const size_t aligned = (pos_ + alignment - 1) & ~(alignment - 1);
    if (aligned > size_ || bytes > size_ - aligned) {
      return Error("needs " + std::to_string(bytes) + " bytes" +
                   (aligned != pos_ ? " after " + std::to_string(aligned - pos_) + " of padding"
                                    : std::string()) +
                   ", the payload has " +
                   std::to_string(size_ > pos_ ? size_ - pos_ : 0) + " left");
    }
    pos_ = aligned;
    return arrow::Status::OK();
  }

  template <typename T>
  T Load(size_t at) const {
    T value;
    std::memcpy(&value, data_ + at, sizeof(T));
    if constexpr (sizeof(T) > 1) {
      if (swap_) value = ByteSwapped(value);
    }
    return value;
  }

  template <typename T, typename Builder>
  arrow::Status Numbers(uint32_t count, arrow::ArrayBuilder* builder, bool append) {
    ARROW_RETURN_NOT_OK(Need(sizeof(T), size_t{count} * sizeof(T)));
    if (append) {
      auto* typed = static_cast<Builder*>(builder);
      if constexpr (sizeof(T) == 1) {
        ARROW_RETURN_NOT_OK(typed->AppendValues(reinterpret_cast<const T*>(data_ + pos_), count));
      } else {
        ARROW_RETURN_NOT_OK(typed->Reserve(count));
        for (uint32_t i = 0; i < count; ++i) typed->UnsafeAppend(Load<T>(pos_ + i * sizeof(T)));
      }
    }
    pos_ += size_t{count} * sizeof(T);
    return arrow::Status::OK();
  }

  arrow::Status Bools(uint32_t count, arrow::ArrayBuilder* builder, bool append) {
    ARROW_RETURN_NOT_OK(Need(1, count));
    if (append) {
      ARROW_RETURN_NOT_OK(static_cast<arrow::BooleanBuilder*>(builder)->AppendValues(
          data_ + pos_, count));
    } else {
      for (uint32_t i = 0; i < count; ++i) {
        if (data_[pos_ + i] > 1) {
          pos_ += i;
          return Error("a bool is 0 or 1, not " + std::to_string(data_[pos_]));
        }
      }
    }
    pos_ += count;
    return arrow::Status::OK();
  }

  // `count` values of a scalar other than kString and kStruct, contiguous
  // (each aligned to its size, so aligning the first aligns them all).
  arrow::Status Primitives(CdrScalar scalar, uint32_t count, arrow::ArrayBuilder* builder,
                           bool append) {
    switch (scalar) {
      case CdrScalar::kBool:
        return Bools(count, builder, append);
      case CdrScalar::kInt8:
        return Numbers<int8_t, arrow::Int8Builder>(count, builder, append);
      case CdrScalar::kUInt8:
        return Numbers<uint8_t, arrow::UInt8Builder>(count, builder, append);
      case CdrScalar::kInt16:
        return Numbers<int16_t, arrow::Int16Builder>(count, builder, append);
      case CdrScalar::kUInt16:
        return Numbers<uint16_t, arrow::UInt16Builder>(count, builder, append);
      case CdrScalar::kInt32:
        return Numbers<int32_t, arrow::Int32Builder>(count, builder, append);
      case CdrScalar::kUInt32:
        return Numbers<uint32_t, arrow::UInt32Builder>(count, builder, append);
      case CdrScalar::kInt64:
        return Numbers<int64_t, arrow::Int64Builder>(count, builder, append);
      case CdrScalar::kUInt64:
        return Numbers<uint64_t, arrow::UInt64Builder>(count, builder, append);
      case CdrScalar::kFloat32:
        return Numbers<float, arrow::FloatBuilder>(count, builder, append);
      case CdrScalar::kFloat64:
        return Numbers<double, arrow::DoubleBuilder>(count, builder, append);
      case CdrScalar::kString:
      case CdrScalar::kStruct:
        break;
    }
    return arrow::Status::OK();
  }

  // A u32 length counting a terminating NUL, then the bytes. As in the
  // reference's decoder, the last byte is dropped whatever it is, and a zero
  // length is the empty string.
  template <bool kAppend>
  arrow::Status String(arrow::ArrayBuilder* builder) {
    ARROW_RETURN_NOT_OK(Need(4, 4));
    const uint32_t length = Load<uint32_t>(pos_);
    pos_ += 4;
    if (length > size_ - pos_) {
      return Error("a string of " + std::to_string(length) + " bytes, the payload has " +
                   std::to_string(size_ - pos_) + " left");
    }
    const uint8_t* text = data_ + pos_;
    const size_t text_size = length == 0 ? 0 : length - 1;
    if constexpr (kAppend) {
      ARROW_RETURN_NOT_OK(static_cast<arrow::StringBuilder*>(builder)->Append(
          text, static_cast<int64_t>(text_size)));
    } else if (!arrow::util::ValidateUTF8(text, static_cast<int64_t>(text_size))) {
      return Error("a string that is not UTF-8");
    }
    pos_ += length;
    return arrow::Status::OK();
  }

  template <bool kAppend>
  arrow::Status Value(const CdrField& field, Node* node) {
    arrow::ArrayBuilder* builder = kAppend ? node->values : nullptr;
    switch (field.scalar) {
      case CdrScalar::kString:
        return String<kAppend>(builder);
      case CdrScalar::kStruct:
        return Struct<kAppend>(plan_.structs()[field.struct_index],
                               kAppend ? node->fields.data() : nullptr, builder);
      default:
        return Primitives(field.scalar, 1, builder, kAppend);
    }
  }

  template <bool kAppend>
  arrow::Status Field(const CdrField& field, Node* node) {
    if (!field.sequence && !field.fixed) return Value<kAppend>(field, node);
    uint32_t count = field.fixed_length;
    if (field.sequence) {
      ARROW_RETURN_NOT_OK(Need(4, 4));
      count = Load<uint32_t>(pos_);
      pos_ += 4;
    }
    if constexpr (kAppend) {
      ARROW_RETURN_NOT_OK(static_cast<arrow::ListBuilder*>(node->builder)->Append());
    } else {
      // Refuse counts that the bytes left cannot hold before looping over them.
      const uint64_t least = field.scalar == CdrScalar::kStruct
                                 ? plan_.structs()[field.struct_index].min_size
                             : field.scalar == CdrScalar::kString
                                 ? 4
                                 : static_cast<uint64_t>(CdrScalarSize(field.scalar));
      if (least == 0) {
        empty_values_ += count;
        if (empty_values_ > kMaxCdrEmptyValues) {
          return Error("more than " + std::to_string(kMaxCdrEmptyValues) +
                       " values of empty messages");
        }
      } else if (count > (size_ - pos_) / least) {
        return Error(std::to_string(count) + " values need at least " +
                     std::to_string(count * least) + " bytes, the payload has " +
                     std::to_string(size_ - pos_) + " left");
      }
    }
    if (field.scalar != CdrScalar::kString && field.scalar != CdrScalar::kStruct) {
      if (count == 0) return arrow::Status::OK();  // an empty sequence aligns nothing
      return Primitives(field.scalar, count, kAppend ? node->values : nullptr, kAppend);
    }
    for (uint32_t i = 0; i < count; ++i) {
      path_.back().index = i;
      ARROW_RETURN_NOT_OK(Value<kAppend>(field, node));
    }
    path_.back().index = -1;
    return arrow::Status::OK();
  }

  const Ros2DecodePlan& plan_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  bool swap_ = false;
  uint64_t empty_values_ = 0;
  std::vector<Step> path_;
};

Ros2CdrColumnBuilder::~Ros2CdrColumnBuilder() = default;

arrow::Result<std::unique_ptr<Ros2CdrColumnBuilder>> Ros2CdrColumnBuilder::Make(
    std::shared_ptr<const Ros2DecodePlan> plan, arrow::MemoryPool* pool) {
  arrow::util::InitializeUTF8();
  std::unique_ptr<Ros2CdrColumnBuilder> builder(new Ros2CdrColumnBuilder());
  std::unique_ptr<arrow::ArrayBuilder> root;
  ARROW_RETURN_NOT_OK(arrow::MakeBuilder(pool, plan->type(), &root));
  builder->root_.reset(static_cast<arrow::StructBuilder*>(root.release()));
  builder->root_node_ = std::make_unique<Node>();
  builder->root_node_->builder = builder->root_.get();
  builder->root_node_->values = builder->root_.get();
  builder->root_node_->fields = NodesOf(*plan, plan->root(), builder->root_.get());
  builder->reader_ = std::make_unique<Reader>(*plan);
  builder->plan_ = std::move(plan);
  return builder;
}

arrow::Status Ros2CdrColumnBuilder::Append(const uint8_t* data, size_t size) {
  ARROW_RETURN_NOT_OK(broken_);
  const CdrStruct& root = plan_->root();
  arrow::Status checked = reader_->Start(data, size);
  if (checked.ok()) checked = reader_->Struct<false>(root, nullptr, nullptr);
  if (!checked.ok()) {
    return arrow::Status::Invalid("invalid message for schema ", plan_->schema_name(), ": ",
                                  checked.message());
  }
  ARROW_RETURN_NOT_OK(reader_->Start(data, size));
  broken_ = reader_->Struct<true>(root, root_node_->fields.data(), root_.get());
  return broken_;
}

int64_t Ros2CdrColumnBuilder::length() const { return root_->length(); }

arrow::Result<std::shared_ptr<arrow::StructArray>> Ros2CdrColumnBuilder::Finish() {
  ARROW_RETURN_NOT_OK(broken_);
  std::shared_ptr<arrow::Array> array;
  ARROW_RETURN_NOT_OK(root_->Finish(&array));
  return std::static_pointer_cast<arrow::StructArray>(array);
}

}  // namespace rrflow::internal
