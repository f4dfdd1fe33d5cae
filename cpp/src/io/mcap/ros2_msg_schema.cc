#include "io/mcap/ros2_msg_schema_internal.h"

#include <charconv>
#include <type_traits>
#include <utility>

#include "core/unicode_internal.h"

namespace rrflow::internal {
namespace {

struct Line {
  int number = 0;
  std::string_view text;
};

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) AppendUtf8(DecodeUtf8(text, &pos), &out);
  return out;
}

// Lines as Rust's `str::lines` gives them: split at `\n`, a trailing `\r` dropped.
std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  int number = 1;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({number++, line});
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// The reference trims Unicode white space (Rust's `str::trim`).
size_t LeadingSpace(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t next = pos;
    if (!IsUnicodeWhitespace(DecodeUtf8(text, &next))) break;
    pos = next;
  }
  return pos;
}

// The length of `text` without its trailing white space.
size_t TrimmedLength(std::string_view text) {
  size_t end = 0;
  for (size_t pos = 0; pos < text.size();) {
    if (!IsUnicodeWhitespace(DecodeUtf8(text, &pos))) end = pos;
  }
  return end;
}

std::string_view Trim(std::string_view text) {
  text.remove_prefix(LeadingSpace(text));
  return text.substr(0, TrimmedLength(text));
}

bool IsSeparator(std::string_view line) {
  line = Trim(line);
  return line.size() >= 3 && line.find_first_not_of('=') == std::string_view::npos;
}

// A `#` starts a comment unless it is inside single or double quotes
// (where a backslash escapes the next character).
std::string_view StripComment(std::string_view line) {
  char quote = 0;
  bool escaped = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (escaped) {
      escaped = false;
    } else if (c == '\\') {
      escaped = quote != 0;
    } else if (c == '"' || c == '\'') {
      if (quote == 0) {
        quote = c;
      } else if (quote == c) {
        quote = 0;
      }
    } else if (c == '#' && quote == 0) {
      return line.substr(0, i);
    }
  }
  return line;
}

// The next token from `*pos`: it ends at white space or at a `=` that is not
// the one of `<=`; a token starting with `=` is that `=` alone.
std::string_view NextToken(std::string_view line, size_t* pos) {
  size_t start = *pos + LeadingSpace(line.substr(*pos));
  size_t end = start;
  if (end < line.size() && line[end] == '=') {
    end = start + 1;
  } else {
    while (end < line.size()) {
      size_t next = end;
      if (IsUnicodeWhitespace(DecodeUtf8(line, &next))) break;
      if (line[end] == '=' && (end == start || line[end - 1] != '<')) break;
      end = next;
    }
  }
  *pos = end;
  return line.substr(start, end - start);
}

// Rust's integer parsing: an optional sign (`+` only for unsigned), then digits.
template <typename T>
bool ParseInteger(std::string_view text, T* value) {
  if (text.size() > 1 && text[0] == '+') {
    text.remove_prefix(1);
    if (text[0] == '-') return false;
  }
  if (text.empty() || (std::is_unsigned_v<T> && text[0] == '-')) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return error == std::errc() && end == text.data() + text.size();
}

bool ParseFloat(std::string_view text) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error != std::errc::invalid_argument && !text.empty() &&
         end == text.data() + text.size();
}

// What went wrong on one line; the caller adds where.
arrow::Status LineError(const std::string& what) { return arrow::Status::Invalid(what); }

arrow::Result<uint64_t> ParseSize(std::string_view text, const char* what) {
  uint64_t size = 0;
  if (!ParseInteger(text, &size)) {
    return LineError(std::string("invalid ") + what + " `" + std::string(text) + "`");
  }
  return size;
}

arrow::Result<Ros2Type> ParseType(std::string_view text) {
  text = Trim(text);
  const size_t bracket = text.find('[');
  if (bracket != std::string_view::npos) {
    ARROW_ASSIGN_OR_RAISE(Ros2Type type, ParseType(text.substr(0, bracket)));
    std::string_view size = text.substr(bracket + 1);
    if (size.empty() || size.back() != ']') return LineError("missing `]` in array type");
    size.remove_suffix(1);
    if (size.empty()) {
      type.array = Ros2ArrayKind::kUnbounded;
    } else if (ParseInteger(size, &type.array_size)) {
      type.array = Ros2ArrayKind::kFixed;
    } else if (size.substr(0, 2) == "<=") {
      ARROW_ASSIGN_OR_RAISE(type.array_size, ParseSize(size.substr(2), "array bound"));
      type.array = Ros2ArrayKind::kBounded;
    } else {
      return LineError("invalid array size `" + std::string(size) + "`");
    }
    return type;
  }
  static constexpr std::pair<std::string_view, Ros2Primitive> kBuiltIn[] = {
      {"bool", Ros2Primitive::kBool},       {"byte", Ros2Primitive::kByte},
      {"char", Ros2Primitive::kChar},       {"float32", Ros2Primitive::kFloat32},
      {"float64", Ros2Primitive::kFloat64}, {"int8", Ros2Primitive::kInt8},
      {"int16", Ros2Primitive::kInt16},     {"int32", Ros2Primitive::kInt32},
      {"int64", Ros2Primitive::kInt64},     {"uint8", Ros2Primitive::kUInt8},
      {"uint16", Ros2Primitive::kUInt16},   {"uint32", Ros2Primitive::kUInt32},
      {"uint64", Ros2Primitive::kUInt64},   {"string", Ros2Primitive::kString},
      {"wstring", Ros2Primitive::kWString}};
  Ros2Type type;
  for (const auto& [name, primitive] : kBuiltIn) {
    if (text == name) {
      type.primitive = primitive;
      return type;
    }
  }
  for (const auto& [prefix, primitive] :
       {std::pair{std::string_view("string<="), Ros2Primitive::kString},
        std::pair{std::string_view("wstring<="), Ros2Primitive::kWString}}) {
    if (text.substr(0, prefix.size()) == prefix) {
      ARROW_ASSIGN_OR_RAISE(type.string_bound,
                            ParseSize(text.substr(prefix.size()), "string bound"));
      type.primitive = primitive;
      return type;
    }
  }
  const size_t slash = text.rfind('/');
  if (slash != std::string_view::npos) {
    type.package = std::string(text.substr(0, slash));
    type.name = std::string(text.substr(slash + 1));
    if (type.package.empty() || type.name.empty()) {
      return LineError("invalid type `" + std::string(text) + "`, expected `package/Message`");
    }
  } else {
    type.name = std::string(text);
    if (type.name.empty()) return LineError("missing type");
  }
  return type;
}

// Defaults and constants: the literal must read as a value of `type`.
arrow::Status CheckLiteral(std::string_view text, const Ros2Type& type) {
  if (type.array != Ros2ArrayKind::kNone) {
    text = Trim(text);
    if (text.size() < 2 || text.front() != '[' || text.back() != ']') {
      return LineError("array value must be written `[a, b, ...]`: `" + std::string(text) + "`");
    }
    Ros2Type element = type;
    element.array = Ros2ArrayKind::kNone;
    std::string_view items = text.substr(1, text.size() - 2);
    while (!items.empty()) {
      const size_t comma = items.find(',');
      const std::string_view item = Trim(items.substr(0, comma));
      if (!item.empty()) ARROW_RETURN_NOT_OK(CheckLiteral(item, element));
      if (comma == std::string_view::npos) break;
      items.remove_prefix(comma + 1);
    }
    return arrow::Status::OK();
  }
  if (!type.primitive) return LineError("a message type cannot have a value");
  bool valid = true;
  switch (*type.primitive) {
    case Ros2Primitive::kBool:
      valid = text == "true" || text == "false";
      break;
    case Ros2Primitive::kChar:
    case Ros2Primitive::kInt8:
    case Ros2Primitive::kInt16:
    case Ros2Primitive::kInt32:
    case Ros2Primitive::kInt64: {
      int64_t value = 0;
      valid = ParseInteger(text, &value);
      break;
    }
    case Ros2Primitive::kByte:
    case Ros2Primitive::kUInt8:
    case Ros2Primitive::kUInt16:
    case Ros2Primitive::kUInt32:
    case Ros2Primitive::kUInt64: {
      uint64_t value = 0;
      valid = ParseInteger(text, &value);
      break;
    }
    case Ros2Primitive::kFloat32:
    case Ros2Primitive::kFloat64:
      valid = ParseFloat(text);
      break;
    case Ros2Primitive::kString:
    case Ros2Primitive::kWString:
      break;
  }
  if (!valid) return LineError("invalid value `" + std::string(text) + "` for its type");
  return arrow::Status::OK();
}

// All capitals, digits and single underscores, starting with a letter.
bool IsConstantName(std::string_view name) {
  if (name.empty() || name[0] < 'A' || name[0] > 'Z' || name.back() == '_') return false;
  if (name.find("__") != std::string_view::npos) return false;
  for (const char c : name) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string StripQuotes(std::string_view text) {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
      text.back() == text.front()) {
    text = text.substr(1, text.size() - 2);
  }
  return std::string(text);
}

arrow::Status ParseLine(std::string_view line, int number, Ros2MessageSpec* spec) {
  size_t pos = 0;
  const std::string_view type_text = NextToken(line, &pos);
  const std::string_view name = NextToken(line, &pos);
  if (name.empty()) return LineError("missing name");
  ARROW_ASSIGN_OR_RAISE(Ros2Type type, ParseType(type_text));
  const std::string_view rest = Trim(line.substr(pos));
  if (!rest.empty() && rest[0] == '=') {
    if (!IsConstantName(name)) {
      return LineError("constant name `" + std::string(name) +
                       "` must be capitals, digits and single underscores");
    }
    if (type.array != Ros2ArrayKind::kNone) return LineError("a constant cannot be an array");
    if (!type.primitive) return LineError("a constant must have a built-in type");
    const std::string_view value = Trim(rest.substr(1));
    ARROW_RETURN_NOT_OK(CheckLiteral(value, type));
    const bool text = *type.primitive == Ros2Primitive::kString ||
                      *type.primitive == Ros2Primitive::kWString;
    spec->constants.push_back(
        {std::move(type), std::string(name), text ? StripQuotes(value) : std::string(value),
         number});
    return arrow::Status::OK();
  }
  std::optional<std::string> default_value;
  if (!rest.empty()) {
    ARROW_RETURN_NOT_OK(CheckLiteral(rest, type));
    default_value = std::string(rest);
  }
  spec->fields.push_back({std::move(type), std::string(name), number, std::move(default_value)});
  return arrow::Status::OK();
}

bool SameType(const Ros2Type& a, const Ros2Type& b) {
  return a.primitive == b.primitive && a.package == b.package && a.name == b.name &&
         a.string_bound == b.string_bound && a.array == b.array && a.array_size == b.array_size;
}

arrow::Result<Ros2MessageSpec> ParseSpec(std::string_view schema_name, std::string name,
                                         const std::vector<Line>& lines) {
  Ros2MessageSpec spec;
  spec.name = std::move(name);
  for (const Line& line : lines) {
    const std::string_view content = Trim(StripComment(line.text));
    if (content.empty() || IsSeparator(content)) continue;
    const arrow::Status parsed = ParseLine(content, line.number, &spec);
    if (!parsed.ok()) {
      return arrow::Status::Invalid("Invalid ROS 2 schema `", schema_name, "`, line ",
                                    line.number, " (`", content, "`) of `", spec.name,
                                    "`: ", parsed.message());
    }
  }
  // Field-less definitions with constants of several types cannot stand for one.
  if (spec.fields.empty()) {
    for (const Ros2Constant& constant : spec.constants) {
      if (!SameType(constant.type, spec.constants.front().type)) {
        return arrow::Status::Invalid(
            "Invalid ROS 2 schema `", schema_name, "`, line ", constant.line, " of `", spec.name,
            "`: a definition of constants only must give them all one type");
      }
    }
  }
  return spec;
}

}  // namespace

std::optional<Ros2Primitive> Ros2MessageSpec::EnumType() const {
  if (!fields.empty() || constants.empty()) return std::nullopt;
  return constants.front().type.primitive;
}

arrow::Result<Ros2Schema> Ros2Schema::Parse(std::string_view schema_name, std::string_view text) {
  const std::string valid = ValidUtf8(text);
  const std::vector<Line> lines = SplitLines(valid);
  std::vector<std::vector<Line>> sections(1);
  for (const Line& line : lines) {
    if (IsSeparator(line.text)) {
      sections.emplace_back();
    } else {
      sections.back().push_back(line);
    }
  }
  Ros2Schema schema;
  ARROW_ASSIGN_OR_RAISE(schema.root,
                        ParseSpec(schema_name, std::string(schema_name), sections.front()));
  for (const auto& section : sections) {
    if (section.size() < 2) continue;
    const std::string_view first = Trim(section.front().text);
    if (first.substr(0, 5) != "MSG: ") continue;
    const std::vector<Line> body(section.begin() + 1, section.end());
    ARROW_ASSIGN_OR_RAISE(auto spec,
                          ParseSpec(schema_name, std::string(Trim(first.substr(5))), body));
    schema.dependencies.push_back(std::move(spec));
  }
  return schema;
}

}  // namespace rrflow::internal
