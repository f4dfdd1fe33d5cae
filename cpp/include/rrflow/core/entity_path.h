// Entity paths: where in the entity hierarchy a chunk's data lives.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rrflow {

/// A path of non-empty, unescaped parts; the root has none. Immutable value,
/// cheap to copy (the parts and printed form are shared).
class EntityPath {
 public:
  EntityPath();
  explicit EntityPath(std::vector<std::string> parts);

  /// The forgiving parse every user-facing entry point uses: splits on
  /// unescaped `/`, drops empty pieces, resolves escapes (`\n`, `\u{XXXX}`,
  /// `\<punct>`), and keeps anything else as written. Never fails.
  static EntityPath Parse(std::string_view text);

  /// The root path `/`.
  static EntityPath Root() { return EntityPath(); }

  const std::vector<std::string>& parts() const { return data_->parts; }
  bool is_root() const { return data_->parts.empty(); }

  /// The printed form: `/` for the root, otherwise `/` + escaped part for each part.
  const std::string& ToString() const { return data_->printed; }

  /// A hash of the printed form, computed once.
  size_t hash() const { return data_->hash; }

  /// True for `/__properties` and everything below it.
  bool IsProperty() const;

  bool operator==(const EntityPath& other) const {
    return data_ == other.data_ || data_->parts == other.data_->parts;
  }

  /// The hierarchy's order: part by part, a prefix first, parts beginning with
  /// `__` after all others, otherwise natural order (digit runs as numbers,
  /// letters case-insensitively with the exact character as tie-break).
  static int CompareNatural(const EntityPath& a, const EntityPath& b);

 private:
  struct Data {
    std::vector<std::string> parts;
    std::string printed;
    size_t hash = 0;
  };
  std::shared_ptr<const Data> data_;
};

/// Escapes one part for printing: alphanumerics, `_`, `-` and `.` as they are;
/// `\n`, `\r`, `\t`; a backslash before other ASCII punctuation or space;
/// `\u{XXXX}` for anything else.
std::string EscapeEntityPathPart(std::string_view part);

}  // namespace rrflow
