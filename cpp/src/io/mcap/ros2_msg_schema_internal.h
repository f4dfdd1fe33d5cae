// The text of an MCAP `ros2msg` schema: the root message definition, then
// each dependency after a `===` separator line and a `MSG: pkg/Type` line,
// parsed into fields and constants as ROS 2's `.msg` grammar writes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>

namespace rrflow::internal {

/// The built-in field types of `.msg` files.
enum class Ros2Primitive : uint8_t {
  kBool,
  kByte,
  kChar,
  kFloat32,
  kFloat64,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kString,
  kWString,
};

/// `T` alone, `T[N]`, `T[<=N]` or `T[]`.
enum class Ros2ArrayKind : uint8_t { kNone, kFixed, kBounded, kUnbounded };

/// The declared type of a field or constant.
struct Ros2Type {
  /// Set for a built-in type; otherwise the type names a message.
  std::optional<Ros2Primitive> primitive;
  /// For a message type: the package before the last `/`, empty when the
  /// name is relative (resolved in the package of the message using it).
  std::string package;
  std::string name;
  /// `string<=N` / `wstring<=N`.
  std::optional<uint64_t> string_bound;
  Ros2ArrayKind array = Ros2ArrayKind::kNone;
  /// N of `T[N]` and `T[<=N]`.
  uint64_t array_size = 0;
};

struct Ros2Field {
  Ros2Type type;
  std::string name;
  /// Where the field is written (1-based, in the whole schema text).
  int line = 0;
  /// The default value as written (`TYPE name value`), checked against the type.
  std::optional<std::string> default_value;
};

/// `TYPE NAME=value`: part of the schema, not of the messages.
struct Ros2Constant {
  /// A built-in type, not an array.
  Ros2Type type;
  std::string name;
  std::string value;
  int line = 0;
};

/// One message definition of a schema.
struct Ros2MessageSpec {
  /// The MCAP schema name for the root (`pkg/msg/Type`), the `MSG:` name
  /// for a dependency (`pkg/Type`).
  std::string name;
  std::vector<Ros2Field> fields;
  std::vector<Ros2Constant> constants;

  /// A definition with constants only, all of one type, stands for that
  /// type where a field uses it (ROS 2 enums are written this way).
  std::optional<Ros2Primitive> EnumType() const;
};

/// The root definition of a schema and the dependencies written after it.
struct Ros2Schema {
  Ros2MessageSpec root;
  /// In the order written; a later definition of a name replaces an earlier one.
  std::vector<Ros2MessageSpec> dependencies;

  /// Parses `text` (invalid UTF-8 becomes U+FFFD). A dependency section whose
  /// first line is not `MSG: <name>`, or that has no line after it, is
  /// skipped, as in the reference. Malformed text is Invalid naming the
  /// schema, the line number in `text` and the line.
  static arrow::Result<Ros2Schema> Parse(std::string_view schema_name, std::string_view text);
};

}  // namespace rrflow::internal
