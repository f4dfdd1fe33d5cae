// A small JSON writer for the `--json` output of the subcommands: compact,
// one document per call sequence, keys in the order written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rrflow::cli {

/// Builds one JSON document. Strings must be UTF-8 (every text rrflow prints
/// is); control characters, quotes and backslashes are escaped.
class JsonWriter {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  /// The key of the next value in the current object.
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);

  const std::string& text() const { return out_; }

 private:
  void Open(char bracket);
  void Close(char bracket);
  void BeforeValue();
  void Quoted(std::string_view text);

  std::string out_;
  std::vector<bool> has_items_;  // per open container
  bool after_key_ = false;
};

}  // namespace rrflow::cli
