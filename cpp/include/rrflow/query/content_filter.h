// ContentFilter: the entity-path filter language of `content=` arguments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rrflow/core/entity_path.h"

namespace rrflow {

/// A parsed set of `+`/`-` entity-path rules. `/**` suffixes match a whole
/// subtree; the most specific matching rule decides (deepest path first, an
/// exact rule before a subtree rule at the same path); no matching rule means
/// excluded. Property entities (`/__properties/**`) are excluded unless a rule
/// names that subtree itself. Immutable value.
class ContentFilter {
 public:
  /// Parses whitespace-separated rules (a leading `+` includes, `-` excludes;
  /// `+ /a` with a space is one rule, a newline always ends one; a backslash
  /// escapes the next character). Never fails: every token is a rule.
  static ContentFilter Parse(std::string_view expressions);

  /// The rules of several expressions, joined by spaces first (so each item is
  /// re-tokenised), as the API does for a list.
  static ContentFilter Parse(const std::vector<std::string>& expressions);

  bool Matches(const EntityPath& path) const;

  bool operator==(const ContentFilter& other) const { return rules_ == other.rules_; }

 private:
  struct Rule {
    EntityPath path;
    bool subtree = false;
    bool include = true;
    bool operator==(const Rule& other) const = default;
  };
  // Sorted from most to least specific, one rule per (path, subtree).
  std::vector<Rule> rules_;
};

}  // namespace rrflow
