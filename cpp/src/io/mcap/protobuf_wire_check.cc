#include "io/mcap/protobuf_wire_check_internal.h"

#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/util/utf8.h>

#include "io/mcap/protobuf_wire_format_internal.h"

namespace rrflow::internal {

namespace pb = google::protobuf;

namespace {

class WireChecker {
 public:
  WireChecker(const ProtobufSchema& schema, std::string_view payload)
      : schema_(schema), begin_(reinterpret_cast<const uint8_t*>(payload.data())) {}

  // Checks the fields of `message` from `p` up to `end`, or for a group up to
  // its end-group tag; returns where the fields stopped. `expanded`: the
  // message becomes Arrow structs (not JSON text or re-encoded bytes), so its
  // enum numbers must be defined and its rows count against kMaxProtobufValues.
  arrow::Result<const uint8_t*> CheckMessage(const pb::Descriptor& message, const uint8_t* p,
                                             const uint8_t* end, int depth, bool expanded,
                                             uint32_t group_number) {
    if (depth > kMaxProtobufNesting) {
      return Error(p, "messages nest deeper than ", kMaxProtobufNesting, " levels");
    }
    while (p < end) {
      const uint8_t* tag_start = p;
      ARROW_ASSIGN_OR_RAISE(const uint64_t tag, ReadVarint(&p, end));
      const uint64_t number = tag >> 3;
      const auto wire_type = static_cast<uint32_t>(tag & 7);
      if (number == 0 || number > kMaxProtobufFieldNumber) {
        return Error(tag_start, "invalid field number ", number);
      }
      if (wire_type == kEndGroup) {
        if (number == group_number) return p;
        return Error(tag_start, "end-group tag for field number ", number, " without its group");
      }
      const pb::FieldDescriptor* field = message.FindFieldByNumber(static_cast<int>(number));
      if (field == nullptr) {
        ARROW_ASSIGN_OR_RAISE(
            p, SkipValue(tag_start, p, end, wire_type, static_cast<uint32_t>(number), depth));
        continue;
      }
      path_.push_back(field);
      ARROW_ASSIGN_OR_RAISE(p, CheckField(*field, tag_start, p, end, wire_type, depth, expanded));
      path_.pop_back();
    }
    if (group_number != 0) {
      return Error(p, "group of field number ", group_number, " is not closed");
    }
    return p;
  }

 private:
  arrow::Result<const uint8_t*> CheckField(const pb::FieldDescriptor& field,
                                           const uint8_t* tag_start, const uint8_t* p,
                                           const uint8_t* end, uint32_t wire_type, int depth,
                                           bool expanded) {
    const ProtobufWireType expected = WireTypeOf(field);
    const bool is_enum = expanded && field.cpp_type() == pb::FieldDescriptor::CPPTYPE_ENUM;
    if (field.is_packable() && wire_type == kLengthDelimited) {
      ARROW_ASSIGN_OR_RAISE(const uint8_t* packed_end, ReadLength(&p, end));
      const size_t size = static_cast<size_t>(packed_end - p);
      if ((expected == kFixed32 && size % 4 != 0) || (expected == kFixed64 && size % 8 != 0)) {
        return Error(p, "packed length ", size, " is not a multiple of the element size");
      }
      while (expected == kVarint && p < packed_end) {
        const uint8_t* value_start = p;
        ARROW_ASSIGN_OR_RAISE(const uint64_t value, ReadVarint(&p, packed_end));
        if (is_enum) ARROW_RETURN_NOT_OK(CheckEnum(field, value_start, value));
      }
      return packed_end;
    }
    if (wire_type != expected) {
      return Error(tag_start, "wire type ", wire_type, " does not match the field's type (",
                   field.type_name(), ", wire type ", static_cast<uint32_t>(expected), ")");
    }
    switch (expected) {
      case kVarint: {
        ARROW_ASSIGN_OR_RAISE(const uint64_t value, ReadVarint(&p, end));
        if (is_enum) ARROW_RETURN_NOT_OK(CheckEnum(field, tag_start, value));
        return p;
      }
      case kFixed64:
        return Skip(p, end, 8);
      case kFixed32:
        return Skip(p, end, 4);
      case kStartGroup: {
        const bool nested_expanded =
            expanded && schema_.LayoutOf(field) == ProtobufLayout::kMessage;
        if (nested_expanded) ARROW_RETURN_NOT_OK(CountValues(tag_start, field));
        return CheckMessage(*field.message_type(), p, end, depth + 1, nested_expanded,
                            static_cast<uint32_t>(field.number()));
      }
      default:
        break;
    }
    ARROW_ASSIGN_OR_RAISE(const uint8_t* value_end, ReadLength(&p, end));
    if (field.type() == pb::FieldDescriptor::TYPE_STRING &&
        !arrow::util::ValidateUTF8(p, value_end - p)) {
      return Error(p, "string is not valid UTF-8");
    }
    if (field.type() == pb::FieldDescriptor::TYPE_MESSAGE) {
      const ProtobufLayout layout = schema_.LayoutOf(field);
      if (expanded && layout == ProtobufLayout::kMessage) {
        ARROW_RETURN_NOT_OK(CountValues(p, field));
      }
      ARROW_RETURN_NOT_OK(CheckMessage(*field.message_type(), p, value_end, depth + 1,
                                       expanded && layout == ProtobufLayout::kMessage, 0)
                              .status());
    }
    return value_end;
  }

  // Charges the Arrow values that one more element of `field` fills. A map
  // entry is charged its key, its value and, for a message value, that
  // message's row whether or not the entry holds it (a missing one is filled
  // with defaults). Merged occurrences of a singular field are charged each time.
  arrow::Status CountValues(const uint8_t* at, const pb::FieldDescriptor& field) {
    const pb::Descriptor& type = *field.message_type();
    if (field.is_map()) {
      const pb::FieldDescriptor& value = *type.map_value();
      values_ += 2;
      if (schema_.LayoutOf(value) == ProtobufLayout::kMessage) {
        values_ += schema_.ValueCountOf(*value.message_type());
      }
    } else {
      values_ += schema_.ValueCountOf(type);
    }
    if (values_ > kMaxProtobufValues) {
      return Error(at, "the message expands into more than ", kMaxProtobufValues, " Arrow values");
    }
    return arrow::Status::OK();
  }

  arrow::Status CheckEnum(const pb::FieldDescriptor& field, const uint8_t* at, uint64_t value) {
    const auto number = static_cast<int32_t>(value);  // protobuf keeps the low 32 bits
    if (field.enum_type()->FindValueByNumber(number) == nullptr) {
      return Error(at, "undefined number ", number, " for enum ", field.enum_type()->full_name());
    }
    return arrow::Status::OK();
  }

  // Skips the value of a field that the schema does not define.
  arrow::Result<const uint8_t*> SkipValue(const uint8_t* tag_start, const uint8_t* p,
                                          const uint8_t* end, uint32_t wire_type, uint32_t number,
                                          int depth) {
    switch (wire_type) {
      case kVarint: {
        ARROW_ASSIGN_OR_RAISE(const uint64_t value, ReadVarint(&p, end));
        (void)value;
        return p;
      }
      case kFixed64:
        return Skip(p, end, 8);
      case kFixed32:
        return Skip(p, end, 4);
      case kLengthDelimited:
        return ReadLength(&p, end);
      case kStartGroup:
        return SkipGroup(p, end, number, depth + 1);
      default:
        return Error(tag_start, "invalid wire type ", wire_type);
    }
  }

  arrow::Result<const uint8_t*> SkipGroup(const uint8_t* p, const uint8_t* end, uint32_t number,
                                          int depth) {
    if (depth > kMaxProtobufNesting) {
      return Error(p, "messages nest deeper than ", kMaxProtobufNesting, " levels");
    }
    while (p < end) {
      const uint8_t* tag_start = p;
      ARROW_ASSIGN_OR_RAISE(const uint64_t tag, ReadVarint(&p, end));
      const auto inner_number = static_cast<uint32_t>(tag >> 3);
      const auto wire_type = static_cast<uint32_t>(tag & 7);
      if (inner_number == 0 || (tag >> 3) > kMaxProtobufFieldNumber) {
        return Error(tag_start, "invalid field number ", tag >> 3);
      }
      if (wire_type == kEndGroup) {
        if (inner_number == number) return p;
        return Error(tag_start, "end-group tag for field number ", inner_number,
                     " without its group");
      }
      ARROW_ASSIGN_OR_RAISE(p, SkipValue(tag_start, p, end, wire_type, inner_number, depth));
    }
    return Error(p, "group of field number ", number, " is not closed");
  }

  arrow::Result<uint64_t> ReadVarint(const uint8_t** p, const uint8_t* end) {
    const uint8_t* start = *p;
    uint64_t value = 0;
    for (int i = 0; i < 10; ++i) {
      if (*p == end) return Error(start, "varint is cut off by the end of the data");
      const uint8_t byte = *(*p)++;
      if (i == 9 && byte > 1) return Error(start, "varint does not fit in 64 bits");
      value |= static_cast<uint64_t>(byte & 0x7F) << (7 * i);
      if (byte < 0x80) return value;
    }
    return Error(start, "varint is longer than 10 bytes");
  }

  // Reads a length prefix; returns where the value it announces ends.
  arrow::Result<const uint8_t*> ReadLength(const uint8_t** p, const uint8_t* end) {
    const uint8_t* start = *p;
    ARROW_ASSIGN_OR_RAISE(const uint64_t length, ReadVarint(p, end));
    if (length > static_cast<uint64_t>(end - *p)) {
      return Error(start, "length ", length, " exceeds the ", end - *p, " bytes that remain");
    }
    return *p + length;
  }

  arrow::Result<const uint8_t*> Skip(const uint8_t* p, const uint8_t* end, size_t size) {
    if (static_cast<size_t>(end - p) < size) {
      return Error(p, size, "-byte value is cut off by the end of the data");
    }
    return p + size;
  }

  template <typename... Args>
  arrow::Status Error(const uint8_t* at, Args&&... args) {
    std::string where = "at byte " + std::to_string(at - begin_);
    if (!path_.empty()) {
      where += ", field ";
      for (size_t i = 0; i < path_.size(); ++i) {
        if (i > 0) where += '.';
        where += path_[i]->name();
      }
    }
    return arrow::Status::Invalid(where, ": ", std::forward<Args>(args)...);
  }

  const ProtobufSchema& schema_;
  const uint8_t* begin_;
  std::vector<const pb::FieldDescriptor*> path_;
  uint64_t values_ = 0;
};

}  // namespace

arrow::Status CheckProtobufWire(const ProtobufSchema& schema, std::string_view payload) {
  WireChecker checker(schema, payload);
  const auto* begin = reinterpret_cast<const uint8_t*>(payload.data());
  return checker.CheckMessage(schema.message(), begin, begin + payload.size(), 0, true, 0).status();
}

}  // namespace rrflow::internal
