#include "io/mcap/protobuf_to_arrow_internal.h"

#include <algorithm>
#include <climits>
#include <string_view>
#include <vector>

#include <arrow/array/builder_binary.h>
#include <arrow/array/builder_primitive.h>
#include <arrow/builder.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "io/mcap/protobuf_json_internal.h"
#include "io/mcap/protobuf_wire_check_internal.h"

namespace rrflow::internal {

namespace pb = google::protobuf;

namespace {

bool KeyLess(const pb::Message& a, const pb::Message& b, const pb::FieldDescriptor& key) {
  const pb::Reflection& reflection = *a.GetReflection();
  switch (key.cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return reflection.GetInt32(a, &key) < reflection.GetInt32(b, &key);
    case pb::FieldDescriptor::CPPTYPE_INT64:
      return reflection.GetInt64(a, &key) < reflection.GetInt64(b, &key);
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return reflection.GetUInt32(a, &key) < reflection.GetUInt32(b, &key);
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      return reflection.GetUInt64(a, &key) < reflection.GetUInt64(b, &key);
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return reflection.GetBool(a, &key) < reflection.GetBool(b, &key);
    default: {
      std::string scratch_a;
      std::string scratch_b;
      return reflection.GetStringReference(a, &key, &scratch_a) <
             reflection.GetStringReference(b, &key, &scratch_b);
    }
  }
}

// Arrow's MapBuilder rebuilds its type without field metadata; this puts the
// declared type (with the extension metadata of map values) back on every level.
std::shared_ptr<arrow::ArrayData> WithDeclaredType(const std::shared_ptr<arrow::ArrayData>& data,
                                                   const std::shared_ptr<arrow::DataType>& type) {
  auto copy = data->Copy();
  copy->type = type;
  for (size_t i = 0; i < copy->child_data.size(); ++i) {
    copy->child_data[i] =
        WithDeclaredType(copy->child_data[i], type->field(static_cast<int>(i))->type());
  }
  return copy;
}

}  // namespace

arrow::Result<std::unique_ptr<ProtobufColumnBuilder>> ProtobufColumnBuilder::Make(
    std::shared_ptr<const ProtobufSchema> schema, arrow::MemoryPool* pool,
    ProtobufDecodePath path) {
  std::unique_ptr<ProtobufColumnBuilder> builder(new ProtobufColumnBuilder());
  std::unique_ptr<arrow::ArrayBuilder> root;
  ARROW_RETURN_NOT_OK(arrow::MakeBuilder(pool, schema->type(), &root));
  builder->root_.reset(static_cast<arrow::StructBuilder*>(root.release()));
  if (path == ProtobufDecodePath::kFastest) {
    builder->wire_decoder_ = ProtobufWireDecoder::Make(*schema, builder->root_.get());
  }
  if (builder->wire_decoder_ == nullptr) builder->message_ = schema->NewMessage();
  builder->schema_ = std::move(schema);
  return builder;
}

arrow::Status ProtobufColumnBuilder::Append(const uint8_t* data, size_t size) {
  ARROW_RETURN_NOT_OK(broken_);
  const std::string& type_name = schema_->message().full_name();
  if (size > static_cast<size_t>(INT_MAX)) {
    return arrow::Status::Invalid("invalid message for schema ", type_name, ": ", size,
                                  " bytes is more than protobuf can decode");
  }
  // The direct decoder's quick check answers for most payloads; the full
  // check runs for the rest, and says what is wrong.
  if (wire_decoder_ == nullptr || !wire_decoder_->Accepts(data, size)) {
    const arrow::Status checked =
        CheckProtobufWire(*schema_, std::string_view(reinterpret_cast<const char*>(data), size));
    if (!checked.ok()) {
      return arrow::Status::Invalid("invalid message for schema ", type_name, ": ",
                                    checked.message());
    }
  }
  if (wire_decoder_ != nullptr) {
    broken_ = wire_decoder_->Append(data, size);
    return broken_;
  }
  message_->Clear();
  pb::io::CodedInputStream input(data, static_cast<int>(size));
  input.SetRecursionLimit(kMaxProtobufNesting + 1);  // the check above already enforced ours
  if (!message_->MergePartialFromCodedStream(&input) || !input.ConsumedEntireMessage()) {
    return arrow::Status::Invalid("invalid message for schema ", type_name,
                                  ": protobuf could not decode it");
  }
  broken_ = AppendMessage(*message_, root_.get());
  return broken_;
}

arrow::Result<std::shared_ptr<arrow::StructArray>> ProtobufColumnBuilder::Finish() {
  ARROW_RETURN_NOT_OK(broken_);
  std::shared_ptr<arrow::ArrayData> data;
  ARROW_RETURN_NOT_OK(root_->FinishInternal(&data));
  return std::make_shared<arrow::StructArray>(WithDeclaredType(data, schema_->type()));
}

arrow::Status ProtobufColumnBuilder::AppendMessage(const pb::Message& message,
                                                   arrow::StructBuilder* builder) {
  ARROW_RETURN_NOT_OK(builder->Append());
  const pb::Reflection& reflection = *message.GetReflection();
  const std::vector<ProtobufColumn>& columns = schema_->ColumnsOf(*message.GetDescriptor());
  for (size_t i = 0; i < columns.size(); ++i) {
    arrow::ArrayBuilder* child = builder->field_builder(static_cast<int>(i));
    if (columns[i].field != nullptr) {
      ARROW_RETURN_NOT_OK(AppendField(message, *columns[i].field, child));
      continue;
    }
    const pb::OneofDescriptor& oneof = *columns[i].oneof;
    auto* oneof_builder = static_cast<arrow::StructBuilder*>(child);
    const pb::FieldDescriptor* set_member = reflection.GetOneofFieldDescriptor(message, &oneof);
    if (set_member == nullptr) {
      ARROW_RETURN_NOT_OK(AppendProtobufNull(oneof_builder));
      continue;
    }
    ARROW_RETURN_NOT_OK(oneof_builder->Append());
    for (int j = 0; j < oneof.field_count(); ++j) {
      arrow::ArrayBuilder* member_builder = oneof_builder->field_builder(j);
      ARROW_RETURN_NOT_OK(oneof.field(j) == set_member
                              ? AppendField(message, *set_member, member_builder)
                              : AppendProtobufNull(member_builder));
    }
  }
  return arrow::Status::OK();
}

// Unset fields with presence, and empty repeated fields and maps, are null;
// other unset fields take their default value.
arrow::Status ProtobufColumnBuilder::AppendField(const pb::Message& message,
                                                 const pb::FieldDescriptor& field,
                                                 arrow::ArrayBuilder* builder) {
  const pb::Reflection& reflection = *message.GetReflection();
  if (field.is_map()) {
    return AppendMap(message, field, static_cast<arrow::MapBuilder*>(builder));
  }
  if (field.is_repeated()) {
    const int count = reflection.FieldSize(message, &field);
    if (count == 0) return AppendProtobufNull(builder);
    auto* list = static_cast<arrow::ListBuilder*>(builder);
    ARROW_RETURN_NOT_OK(list->Append());
    for (int i = 0; i < count; ++i) {
      ARROW_RETURN_NOT_OK(AppendElement(message, field, i, list->value_builder()));
    }
    return arrow::Status::OK();
  }
  if (field.has_presence() && !reflection.HasField(message, &field)) {
    return AppendProtobufNull(builder);
  }
  return AppendElement(message, field, -1, builder);
}

// Entries go in key order (protobuf maps have none); a value missing from its
// entry takes its default, as in protobuf.
arrow::Status ProtobufColumnBuilder::AppendMap(const pb::Message& message,
                                               const pb::FieldDescriptor& field,
                                               arrow::MapBuilder* builder) {
  const pb::Reflection& reflection = *message.GetReflection();
  const int count = reflection.FieldSize(message, &field);
  if (count == 0) return AppendProtobufNull(builder);
  std::vector<const pb::Message*> entries;
  entries.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i)
    entries.push_back(&reflection.GetRepeatedMessage(message, &field, i));
  const pb::FieldDescriptor& key = *field.message_type()->map_key();
  const pb::FieldDescriptor& value = *field.message_type()->map_value();
  // Parsed entries keep wire order and repeated keys; as in protobuf, the last one wins.
  auto less = [&](const pb::Message* a, const pb::Message* b) { return KeyLess(*a, *b, key); };
  std::stable_sort(entries.begin(), entries.end(), less);
  ARROW_RETURN_NOT_OK(builder->Append());
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i + 1 < entries.size() && !less(entries[i], entries[i + 1])) continue;
    ARROW_RETURN_NOT_OK(AppendElement(*entries[i], key, -1, builder->key_builder()));
    ARROW_RETURN_NOT_OK(AppendElement(*entries[i], value, -1, builder->item_builder()));
  }
  return arrow::Status::OK();
}

arrow::Status ProtobufColumnBuilder::AppendElement(const pb::Message& message,
                                                   const pb::FieldDescriptor& field, int index,
                                                   arrow::ArrayBuilder* builder) {
  const pb::Reflection& r = *message.GetReflection();
  const pb::FieldDescriptor* f = &field;
  const bool single = index < 0;
  switch (field.cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return static_cast<arrow::Int32Builder*>(builder)->Append(
          single ? r.GetInt32(message, f) : r.GetRepeatedInt32(message, f, index));
    case pb::FieldDescriptor::CPPTYPE_INT64:
      return static_cast<arrow::Int64Builder*>(builder)->Append(
          single ? r.GetInt64(message, f) : r.GetRepeatedInt64(message, f, index));
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return static_cast<arrow::UInt32Builder*>(builder)->Append(
          single ? r.GetUInt32(message, f) : r.GetRepeatedUInt32(message, f, index));
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      return static_cast<arrow::UInt64Builder*>(builder)->Append(
          single ? r.GetUInt64(message, f) : r.GetRepeatedUInt64(message, f, index));
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
      return static_cast<arrow::FloatBuilder*>(builder)->Append(
          single ? r.GetFloat(message, f) : r.GetRepeatedFloat(message, f, index));
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
      return static_cast<arrow::DoubleBuilder*>(builder)->Append(
          single ? r.GetDouble(message, f) : r.GetRepeatedDouble(message, f, index));
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return static_cast<arrow::BooleanBuilder*>(builder)->Append(
          single ? r.GetBool(message, f) : r.GetRepeatedBool(message, f, index));
    case pb::FieldDescriptor::CPPTYPE_STRING: {
      // StringBuilder is a BinaryBuilder; the wire check validated UTF-8.
      const std::string& bytes = single
                                     ? r.GetStringReference(message, f, &scratch_)
                                     : r.GetRepeatedStringReference(message, f, index, &scratch_);
      return static_cast<arrow::BinaryBuilder*>(builder)->Append(bytes);
    }
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
      const int number =
          single ? r.GetEnumValue(message, f) : r.GetRepeatedEnumValue(message, f, index);
      const pb::EnumValueDescriptor* value = field.enum_type()->FindValueByNumber(number);
      if (value == nullptr) {  // the wire check rules this out
        return arrow::Status::Invalid("undefined number ", number, " for enum ",
                                      field.enum_type()->full_name());
      }
      auto* pair = static_cast<arrow::StructBuilder*>(builder);
      ARROW_RETURN_NOT_OK(pair->Append());
      ARROW_RETURN_NOT_OK(
          static_cast<arrow::StringBuilder*>(pair->field_builder(0))->Append(value->name()));
      return static_cast<arrow::Int32Builder*>(pair->field_builder(1))->Append(number);
    }
    case pb::FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  const pb::Message& nested =
      single ? r.GetMessage(message, f) : r.GetRepeatedMessage(message, f, index);
  switch (schema_->LayoutOf(field)) {
    case ProtobufLayout::kJsonText:
      scratch_.clear();
      AppendProtobufJson(nested, &scratch_);
      return static_cast<arrow::StringBuilder*>(builder)->Append(scratch_);
    case ProtobufLayout::kSelfReferential: {
      // Deterministic, so that equal messages give equal bytes (map entries sorted by key).
      scratch_.clear();
      bool serialized = false;
      {
        pb::io::StringOutputStream stream(&scratch_);
        pb::io::CodedOutputStream output(&stream);
        output.SetSerializationDeterministic(true);
        serialized = nested.SerializePartialToCodedStream(&output);
      }
      if (!serialized) return arrow::Status::Invalid("cannot re-encode ", field.full_name());
      return static_cast<arrow::BinaryBuilder*>(builder)->Append(scratch_);
    }
    default:
      return AppendMessage(nested, static_cast<arrow::StructBuilder*>(builder));
  }
}

}  // namespace rrflow::internal
