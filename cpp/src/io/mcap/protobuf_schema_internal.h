// The schema of an MCAP protobuf channel: its FileDescriptorSet built into a
// descriptor pool, the message type the channel carries, and the Arrow type
// that the reflection decoder gives to that message.
#pragma once

#include <memory>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>

namespace rrflow::internal {

/// Messages nest at most this deep in a payload (the limit of the reference's
/// protobuf decoder): deeper payloads are rejected instead of exhausting the stack.
inline constexpr int kMaxProtobufNesting = 100;

/// A payload may expand into at most this many Arrow values (counting every
/// field of every nested message row, set or not): a few bytes per empty
/// element of a repeated message could otherwise ask for gigabytes.
inline constexpr uint64_t kMaxProtobufValues = uint64_t{1} << 24;

/// How the values of one protobuf field are laid out in Arrow.
enum class ProtobufLayout {
  kPlain,            ///< numbers, bool, string, bytes: the matching Arrow primitive
  kEnum,             ///< Struct{name: Utf8, value: Int32}
  kMessage,          ///< a nested Struct; for a map field, the Map
  kJsonText,         ///< google.protobuf.Struct / Value / ListValue as JSON text (Utf8)
  kSelfReferential,  ///< a message type that can reach itself: its protobuf bytes (Binary)
};

/// One child of a message's Arrow struct: a field, or a real oneof (two or more
/// members) collapsed into one struct of its members.
struct ProtobufColumn {
  const google::protobuf::FieldDescriptor* field = nullptr;
  const google::protobuf::OneofDescriptor* oneof = nullptr;
};

/// An MCAP protobuf schema resolved for decoding; immutable and shareable.
class ProtobufSchema {
 public:
  /// Builds the FileDescriptorSet in `file_descriptor_set` (every dependency
  /// must be inside it) and looks up `schema_name`, a fully qualified message
  /// name without a leading dot. Errors: `Invalid schema <name>: …` for a set
  /// that does not decode or build, `Channel <name> does not define a schema`
  /// for a name that the set does not define.
  static arrow::Result<std::shared_ptr<const ProtobufSchema>> Make(
      std::string_view schema_name, std::string_view file_descriptor_set);

  const google::protobuf::Descriptor& message() const { return *message_; }

  /// The Arrow type of one message: a struct with one child per ProtobufColumn.
  const std::shared_ptr<arrow::StructType>& type() const { return type_; }

  /// An empty message of the schema's type, to parse payloads into.
  std::unique_ptr<google::protobuf::Message> NewMessage() const;

  /// How `field`'s values (each element, for a repeated field) are laid out.
  ProtobufLayout LayoutOf(const google::protobuf::FieldDescriptor& field) const;

  /// The Arrow struct children of `message`, a type laid out as kMessage.
  const std::vector<ProtobufColumn>& ColumnsOf(const google::protobuf::Descriptor& message) const;

  /// How many Arrow values one row of `message` (laid out as kMessage) fills:
  /// its fields with nested messages inlined.
  uint64_t ValueCountOf(const google::protobuf::Descriptor& message) const;

 private:
  ProtobufSchema() = default;

  // Declared first so that it is destroyed last: everything below points into it.
  std::unique_ptr<google::protobuf::DescriptorPool> pool_;
  std::unique_ptr<google::protobuf::DynamicMessageFactory> factory_;
  const google::protobuf::Descriptor* message_ = nullptr;
  const google::protobuf::Message* prototype_ = nullptr;
  std::unordered_set<const google::protobuf::Descriptor*> self_referential_;
  std::unordered_map<const google::protobuf::Descriptor*, std::vector<ProtobufColumn>> columns_;
  std::unordered_map<const google::protobuf::Descriptor*, uint64_t> value_counts_;
  std::shared_ptr<arrow::StructType> type_;

  friend class ProtobufSchemaBuilder;
};

/// Whether `message` is google.protobuf.Struct, Value or ListValue.
bool IsProtobufJsonType(const google::protobuf::Descriptor& message);

}  // namespace rrflow::internal
