// google.protobuf.Struct, Value and ListValue as JSON text: their values have
// no fixed shape, so the reflection decoder stores them as text.
#pragma once

#include <string>

#include <google/protobuf/message.h>

namespace rrflow::internal {

/// Appends `message`, a google.protobuf.Struct, Value or ListValue whose
/// schema has the standard fields, as compact JSON text the way newer Rerun
/// writes it (serde_json): object keys sorted bytewise, numbers in the
/// shortest round-trip form of the `ryu` crate (`2.0`, `-0.5`, `1e20`), NaN
/// and infinities as the strings "NaN", "Infinity" and "-Infinity", a Value
/// with no kind set as null, strings escaped as serde_json escapes them.
void AppendProtobufJson(const google::protobuf::Message& message, std::string* out);

}  // namespace rrflow::internal
