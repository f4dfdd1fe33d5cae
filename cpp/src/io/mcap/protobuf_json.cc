#include "io/mcap/protobuf_json_internal.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "text/number_text_internal.h"

namespace rrflow::internal {

namespace pb = google::protobuf;

namespace {

// Field numbers of struct.proto.
constexpr int kStructFields = 1;
constexpr int kValueNumber = 2;
constexpr int kValueString = 3;
constexpr int kValueBool = 4;
constexpr int kValueStruct = 5;
constexpr int kValueList = 6;
constexpr int kListValues = 1;

void AppendJsonString(const std::string& text, std::string* out) {
  constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (const char c : text) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[(c >> 4) & 0xF]);
          out->push_back(kHex[c & 0xF]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void AppendNumber(double value, std::string* out) {
  if (std::isnan(value)) {
    out->append("\"NaN\"");
  } else if (std::isinf(value)) {
    out->append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  } else {
    AppendRyuFloat(value, out);
  }
}

void AppendStruct(const pb::Message& message, std::string* out);
void AppendList(const pb::Message& message, std::string* out);

void AppendValue(const pb::Message& value, std::string* out) {
  const pb::Descriptor& type = *value.GetDescriptor();
  const pb::Reflection& reflection = *value.GetReflection();
  auto field = [&](int number) { return type.FindFieldByNumber(number); };
  if (reflection.HasField(value, field(kValueNumber))) {
    AppendNumber(reflection.GetDouble(value, field(kValueNumber)), out);
  } else if (reflection.HasField(value, field(kValueString))) {
    std::string scratch;
    AppendJsonString(reflection.GetStringReference(value, field(kValueString), &scratch), out);
  } else if (reflection.HasField(value, field(kValueBool))) {
    out->append(reflection.GetBool(value, field(kValueBool)) ? "true" : "false");
  } else if (reflection.HasField(value, field(kValueStruct))) {
    AppendStruct(reflection.GetMessage(value, field(kValueStruct)), out);
  } else if (reflection.HasField(value, field(kValueList))) {
    AppendList(reflection.GetMessage(value, field(kValueList)), out);
  } else {
    out->append("null");  // null_value (field 1), or no kind at all
  }
}

void AppendStruct(const pb::Message& message, std::string* out) {
  const pb::Reflection& reflection = *message.GetReflection();
  const pb::FieldDescriptor* fields = message.GetDescriptor()->FindFieldByNumber(kStructFields);
  const pb::FieldDescriptor* key = fields->message_type()->map_key();
  const pb::FieldDescriptor* value = fields->message_type()->map_value();
  std::vector<std::pair<std::string, const pb::Message*>> entries;
  const int count = reflection.FieldSize(message, fields);
  entries.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    const pb::Message& entry = reflection.GetRepeatedMessage(message, fields, i);
    const pb::Reflection& entry_reflection = *entry.GetReflection();
    entries.emplace_back(entry_reflection.GetString(entry, key),
                         &entry_reflection.GetMessage(entry, value));
  }
  // Parsed entries keep wire order and repeated keys; as in protobuf, the last one wins.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  out->push_back('{');
  bool first = true;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i + 1 < entries.size() && entries[i].first == entries[i + 1].first) continue;
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(entries[i].first, out);
    out->push_back(':');
    AppendValue(*entries[i].second, out);
  }
  out->push_back('}');
}

void AppendList(const pb::Message& message, std::string* out) {
  const pb::Reflection& reflection = *message.GetReflection();
  const pb::FieldDescriptor* values = message.GetDescriptor()->FindFieldByNumber(kListValues);
  out->push_back('[');
  const int count = reflection.FieldSize(message, values);
  for (int i = 0; i < count; ++i) {
    if (i > 0) out->push_back(',');
    AppendValue(reflection.GetRepeatedMessage(message, values, i), out);
  }
  out->push_back(']');
}

}  // namespace

void AppendProtobufJson(const pb::Message& message, std::string* out) {
  const std::string& name = message.GetDescriptor()->full_name();
  if (name == "google.protobuf.Struct") {
    AppendStruct(message, out);
  } else if (name == "google.protobuf.ListValue") {
    AppendList(message, out);
  } else {
    AppendValue(message, out);
  }
}

}  // namespace rrflow::internal
