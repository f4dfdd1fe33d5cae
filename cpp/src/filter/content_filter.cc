#include "rrflow/query/content_filter.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace rrflow {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// Splits into rule tokens: whitespace separates, except that a leading sign
// may be followed by spaces (not a newline) before its path, and a backslash
// protects the next character.
std::vector<std::string_view> Tokenize(std::string_view text) {
  std::vector<std::string_view> tokens;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    if (pos >= text.size()) break;
    const size_t start = pos;
    if (text[pos] == '+' || text[pos] == '-') {
      ++pos;
      while (pos < text.size() && IsSpace(text[pos]) && text[pos] != '\n') ++pos;
    }
    while (pos < text.size() && !IsSpace(text[pos])) {
      pos += text[pos] == '\\' ? 2 : 1;
    }
    pos = std::min(pos, text.size());
    tokens.push_back(text.substr(start, pos - start));
  }
  return tokens;
}

// Part-wise order of paths, a prefix before its extensions.
bool PathLess(const EntityPath& a, const EntityPath& b) { return a.parts() < b.parts(); }

}  // namespace

ContentFilter ContentFilter::Parse(const std::vector<std::string>& expressions) {
  std::string joined;
  for (size_t i = 0; i < expressions.size(); ++i) {
    if (i > 0) joined += ' ';
    joined += expressions[i];
  }
  return Parse(joined);
}

ContentFilter ContentFilter::Parse(std::string_view expressions) {
  // Pattern text -> include?; a repeated pattern keeps its last effect.
  std::map<std::string, bool> patterns;
  for (std::string_view token : Tokenize(expressions)) {
    token = Trim(token);
    if (token.empty()) continue;
    bool include = true;
    if (token.front() == '+' || token.front() == '-') {
      include = token.front() == '+';
      token = Trim(token.substr(1));
    }
    patterns[std::string(token)] = include;
  }

  // (path, subtree) -> include; patterns in byte order, so the last one sorting wins.
  std::map<std::pair<std::vector<std::string>, bool>, std::pair<EntityPath, bool>> resolved;
  for (const auto& [pattern, include] : patterns) {
    std::string_view text = pattern;
    bool subtree = false;
    if (text == "/**") {
      text = "";
      subtree = true;
    } else if (text.size() >= 3 && text.substr(text.size() - 3) == "/**") {
      text.remove_suffix(3);
      subtree = true;
    }
    EntityPath path = EntityPath::Parse(text);
    auto key = std::make_pair(path.parts(), subtree);
    resolved[std::move(key)] = {std::move(path), include};
  }
  const EntityPath properties = EntityPath::Parse("/__properties");
  if (resolved.count({properties.parts(), true}) == 0) {
    resolved[{properties.parts(), true}] = {properties, false};
  }

  ContentFilter filter;
  for (auto& [key, value] : resolved) {
    filter.rules_.push_back(Rule{std::move(value.first), key.second, value.second});
  }
  // Most specific first: deeper (later in path order) paths first; at the
  // same path the exact rule before the subtree rule.
  std::sort(filter.rules_.begin(), filter.rules_.end(), [](const Rule& a, const Rule& b) {
    if (PathLess(a.path, b.path)) return false;
    if (PathLess(b.path, a.path)) return true;
    return !a.subtree && b.subtree;
  });
  return filter;
}

bool ContentFilter::Matches(const EntityPath& path) const {
  const auto& parts = path.parts();
  for (const auto& rule : rules_) {
    const auto& prefix = rule.path.parts();
    if (rule.subtree) {
      if (prefix.size() <= parts.size() && std::equal(prefix.begin(), prefix.end(), parts.begin())) {
        return rule.include;
      }
    } else if (prefix == parts) {
      return rule.include;
    }
  }
  return false;
}

}  // namespace rrflow
