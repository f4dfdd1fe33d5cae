#include "io/mcap/protobuf_schema_internal.h"

#include <algorithm>
#include <climits>
#include <string>

#include <arrow/type.h>
#include <arrow/util/key_value_metadata.h>
#include <arrow/util/utf8.h>
#include <google/protobuf/descriptor.pb.h>

namespace rrflow::internal {

namespace pb = google::protobuf;

namespace {

// A schema whose message would expand into more Arrow fields than this (every
// nested message type is inlined, so a small schema can expand exponentially)
// is refused rather than building huge types and builders.
constexpr uint64_t kMaxArrowFields = 100'000;
// Message types nest at most this deep in the Arrow type (a chain of distinct
// types; recursive types are cut, see kSelfReferential).
constexpr int kMaxTypeNesting = 1'000;

constexpr char kExtensionName[] = "ARROW:extension:name";

template <typename... Args>
arrow::Status InvalidSchema(std::string_view schema_name, Args&&... args) {
  return arrow::Status::Invalid("Invalid schema ", schema_name, ": ", std::forward<Args>(args)...);
}

class FirstErrorCollector : public pb::DescriptorPool::ErrorCollector {
 public:
  void AddError(const std::string& filename, const std::string& element_name, const pb::Message*,
                ErrorLocation, const std::string& message) override {
    if (first_error_.empty()) first_error_ = filename + ": " + element_name + ": " + message;
  }
  const std::string& first_error() const { return first_error_; }

 private:
  std::string first_error_;
};

// Builds every file of the set, each after the files it imports.
class PoolBuilder {
 public:
  PoolBuilder(std::string_view schema_name, pb::DescriptorPool* pool)
      : schema_name_(schema_name), pool_(pool) {}

  arrow::Status BuildAll(const pb::FileDescriptorSet& set) {
    for (const auto& file : set.file()) {
      auto [it, inserted] = files_.emplace(file.name(), &file);
      if (!inserted && it->second->SerializeAsString() != file.SerializeAsString()) {
        return InvalidSchema(schema_name_, "the FileDescriptorSet holds two different files named ",
                             file.name());
      }
    }
    for (const auto& file : set.file()) ARROW_RETURN_NOT_OK(Build(file, 0));
    return arrow::Status::OK();
  }

 private:
  arrow::Status Build(const pb::FileDescriptorProto& file, int depth) {
    if (pool_->FindFileByName(file.name()) != nullptr) return arrow::Status::OK();
    if (depth > kMaxTypeNesting) {
      return InvalidSchema(schema_name_, "imports nest deeper than ", kMaxTypeNesting, " files");
    }
    if (!in_progress_.insert(file.name()).second) {
      return InvalidSchema(schema_name_, "the imports of ", file.name(), " form a cycle");
    }
    for (const auto& dependency : file.dependency()) {
      auto it = files_.find(dependency);
      if (it == files_.end()) {
        return InvalidSchema(schema_name_, file.name(), " imports ", dependency,
                             ", which the FileDescriptorSet does not contain");
      }
      ARROW_RETURN_NOT_OK(Build(*it->second, depth + 1));
    }
    FirstErrorCollector errors;
    if (pool_->BuildFileCollectingErrors(file, &errors) == nullptr) {
      return InvalidSchema(schema_name_, errors.first_error());
    }
    in_progress_.erase(file.name());
    return arrow::Status::OK();
  }

  std::string_view schema_name_;
  pb::DescriptorPool* pool_;
  std::unordered_map<std::string, const pb::FileDescriptorProto*> files_;
  std::unordered_set<std::string> in_progress_;
};

// The message types reachable from `root` that can reach themselves again
// through their fields: the members of the cyclic strongly connected
// components of the field graph (Tarjan's algorithm, iterative so that a deep
// schema cannot exhaust the stack).
std::unordered_set<const pb::Descriptor*> FindSelfReferential(const pb::Descriptor* root) {
  struct Frame {
    const pb::Descriptor* message;
    int next_field;
  };
  std::unordered_map<const pb::Descriptor*, int> index;
  std::unordered_map<const pb::Descriptor*, int> low;
  std::unordered_set<const pb::Descriptor*> on_stack;
  std::unordered_set<const pb::Descriptor*> refers_to_itself;
  std::vector<const pb::Descriptor*> stack;
  std::vector<Frame> frames;
  std::unordered_set<const pb::Descriptor*> result;

  auto visit = [&](const pb::Descriptor* message) {
    const int next = static_cast<int>(index.size());
    index[message] = low[message] = next;
    stack.push_back(message);
    on_stack.insert(message);
    frames.push_back({message, 0});
  };
  visit(root);
  while (!frames.empty()) {
    Frame& frame = frames.back();
    const pb::Descriptor* message = frame.message;
    if (frame.next_field < message->field_count()) {
      const pb::FieldDescriptor* field = message->field(frame.next_field++);
      if (field->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) continue;
      const pb::Descriptor* child = field->message_type();
      if (child == message) refers_to_itself.insert(message);
      if (!index.contains(child)) {
        visit(child);
      } else if (on_stack.contains(child)) {
        low[message] = std::min(low[message], index[child]);
      }
      continue;
    }
    if (low[message] == index[message]) {
      std::vector<const pb::Descriptor*> component;
      const pb::Descriptor* member = nullptr;
      do {
        member = stack.back();
        stack.pop_back();
        on_stack.erase(member);
        component.push_back(member);
      } while (member != message);
      if (component.size() > 1 || refers_to_itself.contains(message)) {
        result.insert(component.begin(), component.end());
      }
    }
    frames.pop_back();
    if (!frames.empty()) {
      const pb::Descriptor* parent = frames.back().message;
      low[parent] = std::min(low[parent], low[message]);
    }
  }
  return result;
}

bool IsSingularMessage(const pb::FieldDescriptor* field, std::string_view type_name) {
  return field != nullptr && !field->is_repeated() &&
         field->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE &&
         field->message_type()->full_name() == type_name;
}

// The JSON renderer reads Struct, Value and ListValue by their standard field
// numbers; a schema that redefines them differently is refused.
arrow::Status CheckJsonTypes(std::string_view schema_name, const pb::Descriptor& any_of_them) {
  const pb::DescriptorPool* pool = any_of_them.file()->pool();
  const pb::Descriptor* struct_type = pool->FindMessageTypeByName("google.protobuf.Struct");
  const pb::Descriptor* value = pool->FindMessageTypeByName("google.protobuf.Value");
  const pb::Descriptor* list = pool->FindMessageTypeByName("google.protobuf.ListValue");
  bool standard = struct_type != nullptr && value != nullptr && list != nullptr;
  if (standard) {
    const pb::FieldDescriptor* fields = struct_type->FindFieldByNumber(1);
    standard = struct_type->field_count() == 1 && fields != nullptr && fields->is_map() &&
               fields->message_type()->map_key()->type() == pb::FieldDescriptor::TYPE_STRING &&
               IsSingularMessage(fields->message_type()->map_value(), "google.protobuf.Value");
    const pb::FieldDescriptor* values = list->FindFieldByNumber(1);
    standard = standard && list->field_count() == 1 && values != nullptr && values->is_repeated() &&
               values->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE &&
               values->message_type() == value;
    const pb::FieldDescriptor* kind = value->FindFieldByNumber(1);
    standard = standard && value->field_count() == 6 && kind != nullptr &&
               kind->cpp_type() == pb::FieldDescriptor::CPPTYPE_ENUM &&
               value->FindFieldByNumber(2) != nullptr &&
               value->FindFieldByNumber(2)->type() == pb::FieldDescriptor::TYPE_DOUBLE &&
               value->FindFieldByNumber(3) != nullptr &&
               value->FindFieldByNumber(3)->type() == pb::FieldDescriptor::TYPE_STRING &&
               value->FindFieldByNumber(4) != nullptr &&
               value->FindFieldByNumber(4)->type() == pb::FieldDescriptor::TYPE_BOOL &&
               IsSingularMessage(value->FindFieldByNumber(5), "google.protobuf.Struct") &&
               IsSingularMessage(value->FindFieldByNumber(6), "google.protobuf.ListValue");
    for (int i = 0; standard && i < value->field_count(); ++i) {
      standard = !value->field(i)->is_repeated() &&
                 value->field(i)->containing_oneof() != nullptr &&
                 value->field(i)->containing_oneof() == kind->containing_oneof();
    }
  }
  if (!standard) {
    return InvalidSchema(schema_name,
                         "google.protobuf.Struct, Value and ListValue must have their standard "
                         "fields (found a different ",
                         any_of_them.full_name(), ")");
  }
  return arrow::Status::OK();
}

std::shared_ptr<const arrow::KeyValueMetadata> ExtensionMetadata(std::string_view name) {
  return arrow::key_value_metadata({kExtensionName}, {std::string(name)});
}

}  // namespace

// Derives the Arrow type of the schema's message, filling the schema's column
// lists as it goes. Every field is nullable and so are list items and map
// values, as rerun-sdk 0.33.1 lays them out.
class ProtobufSchemaBuilder {
 public:
  ProtobufSchemaBuilder(std::string_view schema_name, ProtobufSchema* schema)
      : schema_name_(schema_name), schema_(schema) {}

  arrow::Result<std::shared_ptr<arrow::StructType>> StructOf(const pb::Descriptor& message,
                                                             int depth) {
    if (auto it = structs_.find(&message); it != structs_.end()) return it->second;
    if (depth > kMaxTypeNesting) {
      return InvalidSchema(schema_name_, "message types nest deeper than ", kMaxTypeNesting,
                           " levels");
    }
    std::vector<ProtobufColumn> columns;
    std::unordered_set<const pb::OneofDescriptor*> seen_oneofs;
    arrow::FieldVector fields;
    for (int i = 0; i < message.field_count(); ++i) {
      const pb::FieldDescriptor* field = message.field(i);
      const pb::OneofDescriptor* oneof = field->containing_oneof();
      if (oneof == nullptr || oneof->field_count() < 2) {
        columns.push_back({field, nullptr});
        ARROW_ASSIGN_OR_RAISE(auto arrow_field, FieldOf(*field, depth));
        fields.push_back(std::move(arrow_field));
      } else if (seen_oneofs.insert(oneof).second) {
        columns.push_back({nullptr, oneof});
        arrow::FieldVector members;
        for (int j = 0; j < oneof->field_count(); ++j) {
          ARROW_ASSIGN_OR_RAISE(auto member, FieldOf(*oneof->field(j), depth));
          members.push_back(std::move(member));
        }
        fields.push_back(arrow::field(oneof->name(), arrow::struct_(std::move(members)), true,
                                      ExtensionMetadata("rerun.datatypes.ProtobufOneOf")));
      }
    }
    auto type = std::static_pointer_cast<arrow::StructType>(arrow::struct_(std::move(fields)));
    ARROW_ASSIGN_OR_RAISE(schema_->value_counts_[&message], CountFields(*type));
    schema_->columns_.emplace(&message, std::move(columns));
    structs_.emplace(&message, type);
    return type;
  }

 private:
  arrow::Result<std::shared_ptr<arrow::Field>> FieldOf(const pb::FieldDescriptor& field,
                                                       int depth) {
    std::shared_ptr<arrow::DataType> type;
    if (field.is_map()) {
      ARROW_ASSIGN_OR_RAISE(type, MapOf(field, depth));
    } else {
      ARROW_ASSIGN_OR_RAISE(type, ElementTypeOf(field, depth));
      if (field.is_repeated()) type = arrow::list(arrow::field("item", std::move(type), true));
    }
    auto metadata = schema_->LayoutOf(field) == ProtobufLayout::kEnum
                        ? ExtensionMetadata("rerun.datatypes.ProtobufEnum")
                        : LayoutMetadata(field);
    return arrow::field(field.name(), std::move(type), true, std::move(metadata));
  }

  // Map values carry the JSON and self-referential metadata (newer Rerun) but,
  // as in 0.33.1, no enum metadata.
  arrow::Result<std::shared_ptr<arrow::DataType>> MapOf(const pb::FieldDescriptor& field,
                                                        int depth) {
    const pb::FieldDescriptor& key = *field.message_type()->map_key();
    const pb::FieldDescriptor& value = *field.message_type()->map_value();
    ARROW_ASSIGN_OR_RAISE(auto key_type, ElementTypeOf(key, depth));
    ARROW_ASSIGN_OR_RAISE(auto value_type, ElementTypeOf(value, depth));
    return std::make_shared<arrow::MapType>(
        arrow::field(key.name(), std::move(key_type), false),
        arrow::field(value.name(), std::move(value_type), true, LayoutMetadata(value)),
        /*keys_sorted=*/false);
  }

  std::shared_ptr<const arrow::KeyValueMetadata> LayoutMetadata(const pb::FieldDescriptor& field) {
    switch (schema_->LayoutOf(field)) {
      case ProtobufLayout::kJsonText:
        return ExtensionMetadata("google.protobuf.Struct");
      case ProtobufLayout::kSelfReferential:
        return ExtensionMetadata("rerun.datatypes.ProtobufSelfReferential");
      default:
        return nullptr;
    }
  }

  arrow::Result<std::shared_ptr<arrow::DataType>> ElementTypeOf(const pb::FieldDescriptor& field,
                                                                int depth) {
    switch (schema_->LayoutOf(field)) {
      case ProtobufLayout::kEnum:
        return arrow::struct_({arrow::field("name", arrow::utf8(), true),
                               arrow::field("value", arrow::int32(), true)});
      case ProtobufLayout::kJsonText:
        if (!json_types_checked_) {
          ARROW_RETURN_NOT_OK(CheckJsonTypes(schema_name_, *field.message_type()));
          json_types_checked_ = true;
        }
        return arrow::utf8();
      case ProtobufLayout::kSelfReferential:
        return arrow::binary();
      case ProtobufLayout::kMessage:
        return StructOf(*field.message_type(), depth + 1);
      case ProtobufLayout::kPlain:
        break;
    }
    switch (field.type()) {
      case pb::FieldDescriptor::TYPE_DOUBLE:
        return arrow::float64();
      case pb::FieldDescriptor::TYPE_FLOAT:
        return arrow::float32();
      case pb::FieldDescriptor::TYPE_INT32:
      case pb::FieldDescriptor::TYPE_SINT32:
      case pb::FieldDescriptor::TYPE_SFIXED32:
        return arrow::int32();
      case pb::FieldDescriptor::TYPE_INT64:
      case pb::FieldDescriptor::TYPE_SINT64:
      case pb::FieldDescriptor::TYPE_SFIXED64:
        return arrow::int64();
      case pb::FieldDescriptor::TYPE_UINT32:
      case pb::FieldDescriptor::TYPE_FIXED32:
        return arrow::uint32();
      case pb::FieldDescriptor::TYPE_UINT64:
      case pb::FieldDescriptor::TYPE_FIXED64:
        return arrow::uint64();
      case pb::FieldDescriptor::TYPE_BOOL:
        return arrow::boolean();
      case pb::FieldDescriptor::TYPE_STRING:
        return arrow::utf8();
      default:
        return arrow::binary();
    }
  }

  // Counts the fields of `type` with nested structs inlined, memoised per
  // struct type (each message type's struct is built once and shared).
  arrow::Result<uint64_t> CountFields(const arrow::StructType& type) {
    uint64_t count = 0;
    for (const auto& child : type.fields()) count += 1 + NestedCount(*child->type());
    if (count > kMaxArrowFields) {
      return InvalidSchema(schema_name_, "the message expands into more than ", kMaxArrowFields,
                           " Arrow fields");
    }
    field_counts_[&type] = count;
    return count;
  }

  uint64_t NestedCount(const arrow::DataType& type) {
    if (auto it = field_counts_.find(&type); it != field_counts_.end()) return it->second;
    uint64_t count = 0;
    for (const auto& child : type.fields()) count += 1 + NestedCount(*child->type());
    return std::min(count, kMaxArrowFields + 1);
  }

  std::string_view schema_name_;
  ProtobufSchema* schema_;
  std::unordered_map<const pb::Descriptor*, std::shared_ptr<arrow::StructType>> structs_;
  std::unordered_map<const arrow::DataType*, uint64_t> field_counts_;
  bool json_types_checked_ = false;
};

arrow::Result<std::shared_ptr<const ProtobufSchema>> ProtobufSchema::Make(
    std::string_view schema_name, std::string_view file_descriptor_set) {
  arrow::util::InitializeUTF8();
  pb::FileDescriptorSet set;
  if (file_descriptor_set.size() > static_cast<size_t>(INT_MAX) ||
      !set.ParsePartialFromArray(file_descriptor_set.data(),
                                 static_cast<int>(file_descriptor_set.size()))) {
    return InvalidSchema(schema_name, "failed to decode the FileDescriptorSet");
  }
  std::shared_ptr<ProtobufSchema> schema(new ProtobufSchema());
  schema->pool_ = std::make_unique<pb::DescriptorPool>();
  ARROW_RETURN_NOT_OK(PoolBuilder(schema_name, schema->pool_.get()).BuildAll(set));
  schema->message_ = schema->pool_->FindMessageTypeByName(std::string(schema_name));
  if (schema->message_ == nullptr) {
    return arrow::Status::Invalid("Channel ", schema_name, " does not define a schema");
  }
  schema->factory_ = std::make_unique<pb::DynamicMessageFactory>(schema->pool_.get());
  schema->prototype_ = schema->factory_->GetPrototype(schema->message_);
  schema->self_referential_ = FindSelfReferential(schema->message_);
  ProtobufSchemaBuilder builder(schema_name, schema.get());
  ARROW_ASSIGN_OR_RAISE(schema->type_, builder.StructOf(*schema->message_, 0));
  return schema;
}

std::unique_ptr<pb::Message> ProtobufSchema::NewMessage() const {
  return std::unique_ptr<pb::Message>(prototype_->New());
}

ProtobufLayout ProtobufSchema::LayoutOf(const pb::FieldDescriptor& field) const {
  switch (field.cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      return ProtobufLayout::kEnum;
    case pb::FieldDescriptor::CPPTYPE_MESSAGE:
      if (field.is_map()) return ProtobufLayout::kMessage;
      if (IsProtobufJsonType(*field.message_type())) return ProtobufLayout::kJsonText;
      if (self_referential_.contains(field.message_type())) {
        return ProtobufLayout::kSelfReferential;
      }
      return ProtobufLayout::kMessage;
    default:
      return ProtobufLayout::kPlain;
  }
}

const std::vector<ProtobufColumn>& ProtobufSchema::ColumnsOf(const pb::Descriptor& message) const {
  return columns_.at(&message);
}

uint64_t ProtobufSchema::ValueCountOf(const pb::Descriptor& message) const {
  return value_counts_.at(&message);
}

bool IsProtobufJsonType(const pb::Descriptor& message) {
  const std::string& name = message.full_name();
  return name == "google.protobuf.Struct" || name == "google.protobuf.Value" ||
         name == "google.protobuf.ListValue";
}

}  // namespace rrflow::internal
