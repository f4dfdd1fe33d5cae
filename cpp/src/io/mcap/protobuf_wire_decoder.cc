#include "io/mcap/protobuf_wire_decoder_internal.h"

#include <algorithm>
#include <cstring>

#include <arrow/array/builder_binary.h>
#include <arrow/array/builder_primitive.h>
#include <arrow/util/endian.h>
#include <arrow/util/utf8.h>

#include "io/mcap/protobuf_wire_format_internal.h"

namespace rrflow::internal {

namespace pb = google::protobuf;

using Span = ProtobufWireDecoder::Span;

struct ProtobufWireDecoder::Node {
  struct Column {
    const pb::FieldDescriptor* field = nullptr;
    // The column's builder: a ListBuilder when the field is repeated.
    arrow::ArrayBuilder* builder = nullptr;
    // Where the field's values go: the list's value builder, or `builder`.
    arrow::ArrayBuilder* values = nullptr;
    // The layout of a message field's values.
    std::unique_ptr<Node> message;
    // This row's occurrences; only the last for a singular non-message field.
    std::vector<Span> seen;
  };

  arrow::StructBuilder* builder = nullptr;
  std::vector<Column> columns;
  // The Arrow values one row of this message fills (ProtobufSchema::ValueCountOf).
  uint64_t value_count = 0;
  // The column after the last one met: fields usually come in order.
  size_t next = 0;

  Column* Find(uint64_t number) {
    for (size_t step = 0; step < columns.size(); ++step) {
      const size_t i = (next + step) % columns.size();
      if (static_cast<uint64_t>(columns[i].field->number()) == number) {
        next = i + 1;
        return &columns[i];
      }
    }
    return nullptr;
  }
};

namespace {

// The skipped groups of unknown fields nest at most this deep (the wire
// check allows less).
constexpr int kMaxSkipDepth = kMaxProtobufNesting + 2;

arrow::Status Refused() {
  return arrow::Status::Invalid("protobuf payload is not as the wire check passed it");
}

// Null when the varint is cut off or longer than 10 bytes.
const uint8_t* ReadVarint(const uint8_t* p, const uint8_t* end, uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64 && p < end; shift += 7) {
    const uint8_t byte = *p++;
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (byte < 0x80) {
      *value = result;
      return p;
    }
  }
  return nullptr;
}

// Where the value starting at `p` ends, or null when it is cut off. A group
// ends after its end-group tag.
const uint8_t* ValueEnd(const uint8_t* p, const uint8_t* end, uint32_t wire_type, uint64_t number,
                        int depth, const uint8_t** value_begin) {
  *value_begin = p;
  uint64_t value = 0;
  switch (wire_type) {
    case kVarint:
      return ReadVarint(p, end, &value);
    case kFixed64:
      return end - p >= 8 ? p + 8 : nullptr;
    case kFixed32:
      return end - p >= 4 ? p + 4 : nullptr;
    case kLengthDelimited:
      p = ReadVarint(p, end, &value);
      if (p == nullptr || value > static_cast<uint64_t>(end - p)) return nullptr;
      *value_begin = p;
      return p + value;
    case kStartGroup:
      if (depth > kMaxSkipDepth) return nullptr;
      while (p != nullptr && p < end) {
        uint64_t tag = 0;
        p = ReadVarint(p, end, &tag);
        if (p == nullptr) return nullptr;
        if ((tag & 7) == kEndGroup) return (tag >> 3) == number ? p : nullptr;
        const uint8_t* inner = nullptr;
        p = ValueEnd(p, end, static_cast<uint32_t>(tag & 7), tag >> 3, depth + 1, &inner);
      }
      return nullptr;
    default:
      return nullptr;
  }
}

template <typename T>
T LittleEndian(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return arrow::bit_util::FromLittleEndian(value);
}

// A fixed-width or varint value's bits, as protobuf reads them for `field`.
uint64_t Bits(const pb::FieldDescriptor& field, const uint8_t* p, const uint8_t* end) {
  switch (field.type()) {
    case pb::FieldDescriptor::TYPE_DOUBLE:
    case pb::FieldDescriptor::TYPE_FIXED64:
    case pb::FieldDescriptor::TYPE_SFIXED64:
      return LittleEndian<uint64_t>(p);
    case pb::FieldDescriptor::TYPE_FLOAT:
    case pb::FieldDescriptor::TYPE_FIXED32:
    case pb::FieldDescriptor::TYPE_SFIXED32:
      return LittleEndian<uint32_t>(p);
    default: {
      uint64_t value = 0;
      ReadVarint(p, end, &value);
      return value;
    }
  }
}

arrow::Status AppendEnum(const pb::FieldDescriptor& field, int number,
                         arrow::ArrayBuilder* builder) {
  const pb::EnumValueDescriptor* value = field.enum_type()->FindValueByNumber(number);
  if (value == nullptr) return Refused();  // the wire check rules this out
  auto* pair = static_cast<arrow::StructBuilder*>(builder);
  ARROW_RETURN_NOT_OK(pair->Append());
  ARROW_RETURN_NOT_OK(
      static_cast<arrow::StringBuilder*>(pair->field_builder(0))->Append(value->name()));
  return static_cast<arrow::Int32Builder*>(pair->field_builder(1))->Append(number);
}

// Appends a number field's value from its wire bits.
arrow::Status AppendNumber(const pb::FieldDescriptor& field, uint64_t bits,
                           arrow::ArrayBuilder* builder) {
  const auto low = static_cast<uint32_t>(bits);
  switch (field.type()) {
    case pb::FieldDescriptor::TYPE_DOUBLE: {
      double value;
      std::memcpy(&value, &bits, sizeof(value));
      return static_cast<arrow::DoubleBuilder*>(builder)->Append(value);
    }
    case pb::FieldDescriptor::TYPE_FLOAT: {
      float value;
      std::memcpy(&value, &low, sizeof(value));
      return static_cast<arrow::FloatBuilder*>(builder)->Append(value);
    }
    case pb::FieldDescriptor::TYPE_INT64:
    case pb::FieldDescriptor::TYPE_SFIXED64:
      return static_cast<arrow::Int64Builder*>(builder)->Append(static_cast<int64_t>(bits));
    case pb::FieldDescriptor::TYPE_UINT64:
    case pb::FieldDescriptor::TYPE_FIXED64:
      return static_cast<arrow::UInt64Builder*>(builder)->Append(bits);
    case pb::FieldDescriptor::TYPE_INT32:
    case pb::FieldDescriptor::TYPE_SFIXED32:
      return static_cast<arrow::Int32Builder*>(builder)->Append(static_cast<int32_t>(low));
    case pb::FieldDescriptor::TYPE_UINT32:
    case pb::FieldDescriptor::TYPE_FIXED32:
      return static_cast<arrow::UInt32Builder*>(builder)->Append(low);
    case pb::FieldDescriptor::TYPE_SINT32:
      return static_cast<arrow::Int32Builder*>(builder)->Append(
          static_cast<int32_t>((low >> 1) ^ (~(low & 1) + 1)));
    case pb::FieldDescriptor::TYPE_SINT64:
      return static_cast<arrow::Int64Builder*>(builder)->Append(
          static_cast<int64_t>((bits >> 1) ^ (~(bits & 1) + 1)));
    case pb::FieldDescriptor::TYPE_BOOL:
      return static_cast<arrow::BooleanBuilder*>(builder)->Append(bits != 0);
    case pb::FieldDescriptor::TYPE_ENUM:
      return AppendEnum(field, static_cast<int32_t>(low), builder);
    default:
      return Refused();
  }
}

// The value of an unset field without presence.
arrow::Status AppendDefault(const pb::FieldDescriptor& field, arrow::ArrayBuilder* builder) {
  switch (field.cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return static_cast<arrow::Int32Builder*>(builder)->Append(field.default_value_int32());
    case pb::FieldDescriptor::CPPTYPE_INT64:
      return static_cast<arrow::Int64Builder*>(builder)->Append(field.default_value_int64());
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return static_cast<arrow::UInt32Builder*>(builder)->Append(field.default_value_uint32());
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      return static_cast<arrow::UInt64Builder*>(builder)->Append(field.default_value_uint64());
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
      return static_cast<arrow::FloatBuilder*>(builder)->Append(field.default_value_float());
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
      return static_cast<arrow::DoubleBuilder*>(builder)->Append(field.default_value_double());
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return static_cast<arrow::BooleanBuilder*>(builder)->Append(field.default_value_bool());
    case pb::FieldDescriptor::CPPTYPE_STRING:
      return static_cast<arrow::BinaryBuilder*>(builder)->Append(field.default_value_string());
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      return AppendEnum(field, field.default_value_enum()->number(), builder);
    case pb::FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return Refused();
}

bool Handled(const ProtobufSchema& schema, const pb::FieldDescriptor& field) {
  if (field.is_map() || field.type() == pb::FieldDescriptor::TYPE_GROUP) return false;
  const ProtobufLayout layout = schema.LayoutOf(field);
  return layout == ProtobufLayout::kPlain || layout == ProtobufLayout::kEnum ||
         layout == ProtobufLayout::kMessage;
}

std::unique_ptr<ProtobufWireDecoder::Node> MakeNode(const ProtobufSchema& schema,
                                                    const pb::Descriptor& message,
                                                    arrow::StructBuilder* builder) {
  auto node = std::make_unique<ProtobufWireDecoder::Node>();
  node->builder = builder;
  node->value_count = schema.ValueCountOf(message);
  const auto& columns = schema.ColumnsOf(message);
  for (size_t i = 0; i < columns.size(); ++i) {
    const pb::FieldDescriptor* field = columns[i].field;
    if (field == nullptr || !Handled(schema, *field)) return nullptr;
    auto& column = node->columns.emplace_back();
    column.field = field;
    column.builder = builder->field_builder(static_cast<int>(i));
    column.values = field->is_repeated()
                        ? static_cast<arrow::ListBuilder*>(column.builder)->value_builder()
                        : column.builder;
    if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
      column.message = MakeNode(schema, *field->message_type(),
                                static_cast<arrow::StructBuilder*>(column.values));
      if (column.message == nullptr) return nullptr;
    }
  }
  return node;
}

arrow::Status Decode(ProtobufWireDecoder::Node& node, std::span<const Span> segments);

// Appends one element (or the value) of `column` from its wire bytes.
arrow::Status AppendValue(ProtobufWireDecoder::Node::Column& column, const Span& span) {
  const pb::FieldDescriptor& field = *column.field;
  switch (field.cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_MESSAGE:
      return Decode(*column.message, std::span<const Span>(&span, 1));
    case pb::FieldDescriptor::CPPTYPE_STRING:
      return static_cast<arrow::BinaryBuilder*>(column.values)
          ->Append(span.begin, static_cast<int64_t>(span.end - span.begin));
    default:
      break;
  }
  if (span.wire_type != kLengthDelimited) {
    return AppendNumber(field, Bits(field, span.begin, span.end), column.values);
  }
  // Packed: the elements one after the other, each as wide as its wire type.
  const bool fixed64 = field.type() == pb::FieldDescriptor::TYPE_DOUBLE ||
                       field.type() == pb::FieldDescriptor::TYPE_FIXED64 ||
                       field.type() == pb::FieldDescriptor::TYPE_SFIXED64;
  const bool fixed32 = field.type() == pb::FieldDescriptor::TYPE_FLOAT ||
                       field.type() == pb::FieldDescriptor::TYPE_FIXED32 ||
                       field.type() == pb::FieldDescriptor::TYPE_SFIXED32;
  for (const uint8_t* p = span.begin; p < span.end;) {
    const uint8_t* next = nullptr;
    if (fixed64 || fixed32) {
      next = p + (fixed64 ? 8 : 4);
      if (next > span.end) return Refused();
    } else {
      uint64_t value = 0;
      next = ReadVarint(p, span.end, &value);
      if (next == nullptr) return Refused();
    }
    ARROW_RETURN_NOT_OK(AppendNumber(field, Bits(field, p, next), column.values));
    p = next;
  }
  return arrow::Status::OK();
}

arrow::Status AppendColumn(ProtobufWireDecoder::Node::Column& column) {
  const pb::FieldDescriptor& field = *column.field;
  if (field.is_repeated()) {
    // Only an empty packed run holds no element.
    const bool any = std::any_of(column.seen.begin(), column.seen.end(), [&](const Span& span) {
      return span.begin != span.end || span.wire_type != kLengthDelimited ||
             !field.is_packable();
    });
    if (!any) return column.builder->AppendNull();
    ARROW_RETURN_NOT_OK(static_cast<arrow::ListBuilder*>(column.builder)->Append());
    for (const Span& span : column.seen) ARROW_RETURN_NOT_OK(AppendValue(column, span));
    return arrow::Status::OK();
  }
  if (field.cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
    // Occurrences of a singular message merge, as their concatenation parses.
    if (column.seen.empty()) return AppendProtobufNull(column.builder);
    return Decode(*column.message, column.seen);
  }
  if (column.seen.empty()) {
    return field.has_presence() ? AppendProtobufNull(column.builder)
                                : AppendDefault(field, column.builder);
  }
  return AppendValue(column, column.seen.back());
}

arrow::Status Decode(ProtobufWireDecoder::Node& node, std::span<const Span> segments) {
  for (auto& column : node.columns) column.seen.clear();
  for (const Span& segment : segments) {
    const uint8_t* p = segment.begin;
    while (p < segment.end) {
      uint64_t tag = 0;
      p = ReadVarint(p, segment.end, &tag);
      if (p == nullptr) return Refused();
      const auto wire_type = static_cast<uint32_t>(tag & 7);
      const uint8_t* value = nullptr;
      p = ValueEnd(p, segment.end, wire_type, tag >> 3, 0, &value);
      if (p == nullptr) return Refused();
      auto* column = node.Find(tag >> 3);
      if (column == nullptr) continue;
      const pb::FieldDescriptor& field = *column->field;
      if (!field.is_repeated() && field.cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) {
        column->seen.clear();
      }
      column->seen.push_back(Span{value, p, wire_type});
    }
  }
  ARROW_RETURN_NOT_OK(node.builder->Append());
  for (auto& column : node.columns) ARROW_RETURN_NOT_OK(AppendColumn(column));
  return arrow::Status::OK();
}


// What CheckProtobufWire accepts, for a schema the decoder handles: the same
// rules in the same order, on the decoder's columns.
class QuickCheck {
 public:
  bool Message(const ProtobufWireDecoder::Node& node, const uint8_t* p, const uint8_t* end,
               int depth) {
    if (depth > kMaxProtobufNesting) return false;
    while (p < end) {
      uint64_t tag = 0;
      p = StrictVarint(p, end, &tag);
      if (p == nullptr) return false;
      const uint64_t number = tag >> 3;
      const auto wire_type = static_cast<uint32_t>(tag & 7);
      if (number == 0 || number > kMaxProtobufFieldNumber || wire_type == kEndGroup) return false;
      const auto* column = const_cast<ProtobufWireDecoder::Node&>(node).Find(number);
      p = column == nullptr ? Skip(p, end, wire_type, number, depth)
                            : Field(*column, p, end, wire_type, depth);
      if (p == nullptr) return false;
    }
    return true;
  }

 private:
  // As the check reads varints: at most 10 bytes, the tenth at most 1.
  static const uint8_t* StrictVarint(const uint8_t* p, const uint8_t* end, uint64_t* value) {
    uint64_t result = 0;
    for (int i = 0; i < 10 && p < end; ++i) {
      const uint8_t byte = *p++;
      if (i == 9 && byte > 1) return nullptr;
      result |= static_cast<uint64_t>(byte & 0x7F) << (7 * i);
      if (byte < 0x80) {
        *value = result;
        return p;
      }
    }
    return nullptr;
  }

  static const uint8_t* Length(const uint8_t* p, const uint8_t* end, const uint8_t** value) {
    uint64_t length = 0;
    p = StrictVarint(p, end, &length);
    if (p == nullptr || length > static_cast<uint64_t>(end - p)) return nullptr;
    *value = p;
    return p + length;
  }

  static bool Enum(const pb::FieldDescriptor& field, uint64_t value) {
    return field.enum_type()->FindValueByNumber(static_cast<int32_t>(value)) != nullptr;
  }

  const uint8_t* Field(const ProtobufWireDecoder::Node::Column& column, const uint8_t* p,
                       const uint8_t* end, uint32_t wire_type, int depth) {
    const pb::FieldDescriptor& field = *column.field;
    const uint32_t expected = WireTypeOf(field);
    const bool is_enum = field.cpp_type() == pb::FieldDescriptor::CPPTYPE_ENUM;
    const uint8_t* value = nullptr;
    if (field.is_packable() && wire_type == kLengthDelimited) {
      const uint8_t* packed_end = Length(p, end, &value);
      if (packed_end == nullptr) return nullptr;
      const auto size = static_cast<size_t>(packed_end - value);
      if ((expected == kFixed32 && size % 4 != 0) || (expected == kFixed64 && size % 8 != 0)) {
        return nullptr;
      }
      while (expected == kVarint && value < packed_end) {
        uint64_t number = 0;
        value = StrictVarint(value, packed_end, &number);
        if (value == nullptr || (is_enum && !Enum(field, number))) return nullptr;
      }
      return packed_end;
    }
    if (wire_type != expected) return nullptr;
    switch (expected) {
      case kVarint: {
        uint64_t number = 0;
        p = StrictVarint(p, end, &number);
        return p != nullptr && (!is_enum || Enum(field, number)) ? p : nullptr;
      }
      case kFixed64:
        return end - p >= 8 ? p + 8 : nullptr;
      case kFixed32:
        return end - p >= 4 ? p + 4 : nullptr;
      default:
        break;
    }
    const uint8_t* value_end = Length(p, end, &value);
    if (value_end == nullptr) return nullptr;
    if (field.type() == pb::FieldDescriptor::TYPE_STRING &&
        !arrow::util::ValidateUTF8(value, value_end - value)) {
      return nullptr;
    }
    if (column.message != nullptr) {
      values_ += column.message->value_count;
      if (values_ > kMaxProtobufValues) return nullptr;
      if (!Message(*column.message, value, value_end, depth + 1)) return nullptr;
    }
    return value_end;
  }

  // An unknown field's value, as the check skips it.
  const uint8_t* Skip(const uint8_t* p, const uint8_t* end, uint32_t wire_type, uint64_t number,
                      int depth) {
    uint64_t value = 0;
    const uint8_t* begin = nullptr;
    switch (wire_type) {
      case kVarint:
        return StrictVarint(p, end, &value);
      case kFixed64:
        return end - p >= 8 ? p + 8 : nullptr;
      case kFixed32:
        return end - p >= 4 ? p + 4 : nullptr;
      case kLengthDelimited:
        return Length(p, end, &begin);
      case kStartGroup:
        if (depth + 1 > kMaxProtobufNesting) return nullptr;
        while (p < end) {
          uint64_t tag = 0;
          p = StrictVarint(p, end, &tag);
          if (p == nullptr) return nullptr;
          const uint64_t inner = tag >> 3;
          const auto inner_wire = static_cast<uint32_t>(tag & 7);
          if (inner == 0 || inner > kMaxProtobufFieldNumber) return nullptr;
          if (inner_wire == kEndGroup) return inner == number ? p : nullptr;
          p = Skip(p, end, inner_wire, inner, depth + 1);
          if (p == nullptr) return nullptr;
        }
        return nullptr;
      default:
        return nullptr;
    }
  }

  uint64_t values_ = 0;
};

}  // namespace

arrow::Status AppendProtobufNull(arrow::ArrayBuilder* builder) {
  if (builder->type()->id() != arrow::Type::STRUCT) return builder->AppendNull();
  auto* struct_builder = static_cast<arrow::StructBuilder*>(builder);
  for (int i = 0; i < struct_builder->num_fields(); ++i) {
    ARROW_RETURN_NOT_OK(AppendProtobufNull(struct_builder->field_builder(i)));
  }
  return struct_builder->Append(false);
}

std::unique_ptr<ProtobufWireDecoder> ProtobufWireDecoder::Make(const ProtobufSchema& schema,
                                                               arrow::StructBuilder* root) {
  auto node = MakeNode(schema, schema.message(), root);
  if (node == nullptr) return nullptr;
  return std::unique_ptr<ProtobufWireDecoder>(new ProtobufWireDecoder(std::move(node)));
}

ProtobufWireDecoder::ProtobufWireDecoder(std::unique_ptr<Node> root) : root_(std::move(root)) {}

ProtobufWireDecoder::~ProtobufWireDecoder() = default;

bool ProtobufWireDecoder::Accepts(const uint8_t* data, size_t size) {
  return QuickCheck().Message(*root_, data, data + size, 0);
}

arrow::Status ProtobufWireDecoder::Append(const uint8_t* data, size_t size) {
  const Span whole{data, data + size, kLengthDelimited};
  return Decode(*root_, std::span<const Span>(&whole, 1));
}

}  // namespace rrflow::internal
