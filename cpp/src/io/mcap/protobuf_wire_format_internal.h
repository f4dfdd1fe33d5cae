// Protobuf's wire format as the wire check and the direct decoder read it.
#pragma once

#include <cstdint>

#include <google/protobuf/descriptor.h>

namespace rrflow::internal {

/// The low three bits of a tag.
enum ProtobufWireType : uint32_t {
  kVarint = 0,
  kFixed64 = 1,
  kLengthDelimited = 2,
  kStartGroup = 3,
  kEndGroup = 4,
  kFixed32 = 5,
};

/// The largest field number a tag may carry.
inline constexpr uint64_t kMaxProtobufFieldNumber = (uint64_t{1} << 29) - 1;

/// The wire type protobuf writes `field`'s values with (unpacked).
inline ProtobufWireType WireTypeOf(const google::protobuf::FieldDescriptor& field) {
  using Type = google::protobuf::FieldDescriptor;
  switch (field.type()) {
    case Type::TYPE_DOUBLE:
    case Type::TYPE_FIXED64:
    case Type::TYPE_SFIXED64:
      return kFixed64;
    case Type::TYPE_FLOAT:
    case Type::TYPE_FIXED32:
    case Type::TYPE_SFIXED32:
      return kFixed32;
    case Type::TYPE_STRING:
    case Type::TYPE_BYTES:
    case Type::TYPE_MESSAGE:
      return kLengthDelimited;
    case Type::TYPE_GROUP:
      return kStartGroup;
    default:
      return kVarint;
  }
}

}  // namespace rrflow::internal
