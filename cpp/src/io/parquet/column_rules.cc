// Column rules: packing sibling columns, found by name suffix, into typed
// components.
#include <map>
#include <string_view>

#include "io/parquet/column_groups_internal.h"

namespace rrflow::internal {
namespace {

std::string_view StripLeadingUnderscore(std::string_view text) {
  if (!text.empty() && text.front() == '_') text.remove_prefix(1);
  return text;
}

std::string_view StripTrailingUnderscore(std::string_view text) {
  if (!text.empty() && text.back() == '_') text.remove_suffix(1);
  return text;
}

// The longest common prefix of the suffixes (each without one leading `_`),
// without one trailing `_`: `_pos_x`, `_pos_y`, `_pos_z` give `pos`.
std::string CommonStem(const std::vector<std::string>& suffixes) {
  if (suffixes.empty()) return "";
  std::string_view common = StripLeadingUnderscore(suffixes.front());
  for (const auto& suffix : suffixes) {
    const std::string_view stripped = StripLeadingUnderscore(suffix);
    size_t length = 0;
    while (length < common.size() && length < stripped.size() &&
           common[length] == stripped[length]) {
      ++length;
    }
    common = common.substr(0, length);
  }
  return std::string(StripTrailingUnderscore(common));
}

// The name a rule's output gets inside its group, `sub` being the part of
// the column names before the matched suffixes.
std::string FieldName(const RuleConfig& rule, const std::string& sub) {
  const std::string& override_name = rule.field_name_override;
  if (!override_name.empty()) {
    return sub.empty() ? std::string(StripLeadingUnderscore(override_name)) : sub + override_name;
  }
  std::string name = sub.empty() ? CommonStem(rule.suffixes) : sub;
  if (name.empty() && rule.target == RuleTarget::kScalars) name = "scalars";
  return name;
}

EntryKind KindOf(RuleTarget target) {
  switch (target) {
    case RuleTarget::kScalars:
      return EntryKind::kScalars;
    case RuleTarget::kTransform:
      return EntryKind::kTransform;
    default:
      return EntryKind::kComponent;
  }
}

// One set of columns a rule's suffixes matched: `stem` is the name before
// the first suffix, `positions` index the group's columns in suffix order.
struct Match {
  std::string stem;
  std::vector<size_t> positions;
};

// Finds the matches of `suffixes` among the unclaimed columns, claiming them.
// Columns are candidates in order; a candidate ends with the first suffix,
// and the stem followed by every other suffix must name an unclaimed column.
// `boundary` requires the stem to be empty or end with `_`.
class SuffixMatcher {
 public:
  SuffixMatcher(const std::vector<NamedColumn>& columns, std::vector<bool>* claimed)
      : columns_(columns), claimed_(*claimed) {}

  std::vector<Match> Claim(const std::vector<std::string_view>& suffixes, bool boundary) {
    std::vector<Match> matches;
    if (suffixes.empty()) return matches;
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (claimed_[i]) continue;
      const std::string& name = columns_[i].name;
      if (!name.ends_with(suffixes.front())) continue;
      std::string stem = name.substr(0, name.size() - suffixes.front().size());
      if (boundary && !stem.empty() && stem.back() != '_') continue;
      Match match{stem, {i}};
      for (size_t k = 1; k < suffixes.size() && match.positions.size() == k; ++k) {
        const std::string wanted = stem + std::string(suffixes[k]);
        for (size_t j = 0; j < columns_.size(); ++j) {
          if (!claimed_[j] && columns_[j].name == wanted) {
            match.positions.push_back(j);
            break;
          }
        }
      }
      if (match.positions.size() != suffixes.size()) continue;
      for (size_t position : match.positions) claimed_[position] = true;
      matches.push_back(std::move(match));
    }
    return matches;
  }

  void Release(const Match& match) {
    for (size_t position : match.positions) claimed_[position] = false;
  }

  std::vector<int> Columns(const Match& match) const {
    std::vector<int> out;
    for (size_t position : match.positions) out.push_back(columns_[position].column);
    return out;
  }

 private:
  const std::vector<NamedColumn>& columns_;
  std::vector<bool>& claimed_;
};

std::vector<std::string_view> Views(const std::vector<std::string>& suffixes, bool strip) {
  std::vector<std::string_view> out;
  for (const auto& suffix : suffixes) {
    out.push_back(strip ? StripLeadingUnderscore(suffix) : std::string_view(suffix));
  }
  return out;
}

// A transform pairs each translation match with the first rotation match of
// the same stem; unpaired matches give their columns back.
template <typename Emit>
void ClaimTransforms(SuffixMatcher& matcher, const RuleConfig& rule, bool group_mode, Emit emit) {
  auto translations = matcher.Claim(Views(rule.suffixes, group_mode), group_mode);
  auto rotations = matcher.Claim(Views(rule.rotation_suffixes, group_mode), group_mode);
  std::vector<bool> paired(rotations.size(), false);
  for (const auto& translation : translations) {
    bool found = false;
    for (size_t r = 0; r < rotations.size() && !found; ++r) {
      if (paired[r] || rotations[r].stem != translation.stem) continue;
      paired[r] = found = true;
      auto columns = matcher.Columns(translation);
      for (int column : matcher.Columns(rotations[r])) columns.push_back(column);
      emit(translation.stem, std::move(columns));
    }
    if (!found) matcher.Release(translation);
  }
  for (size_t r = 0; r < rotations.size(); ++r) {
    if (!paired[r]) matcher.Release(rotations[r]);
  }
}

}  // namespace

std::vector<GroupEntry> ApplyRules(const std::vector<NamedColumn>& columns,
                                   const std::vector<RuleConfig>& rules) {
  std::vector<bool> claimed(columns.size(), false);
  SuffixMatcher matcher(columns, &claimed);
  std::vector<GroupEntry> entries;
  for (const auto& rule : rules) {
    const auto entry_for = [&](const std::string& stem, std::vector<int> sources) {
      GroupEntry entry;
      entry.kind = KindOf(rule.target);
      entry.name = FieldName(rule, std::string(StripTrailingUnderscore(stem)));
      entry.columns = std::move(sources);
      entry.target = rule.target;
      entry.series_names = rule.names;
      entries.push_back(std::move(entry));
    };
    if (rule.target == RuleTarget::kTransform) {
      ClaimTransforms(matcher, rule, /*group_mode=*/true, entry_for);
    } else {
      for (const auto& match : matcher.Claim(Views(rule.suffixes, true), true)) {
        entry_for(match.stem, matcher.Columns(match));
      }
    }
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!claimed[i]) entries.push_back(GroupEntry{EntryKind::kRaw, columns[i].name, {columns[i].column}});
  }
  return entries;
}

std::vector<ColumnGroup> IndividualRuleGroups(const std::vector<NamedColumn>& columns,
                                              const std::vector<RuleConfig>& rules,
                                              const EntityPath& prefix,
                                              std::vector<bool>* claimed) {
  SuffixMatcher matcher(columns, claimed);
  // Grouped by the text before the suffixes, which is also the field name of
  // component and scalars outputs (so they land one level further down).
  std::map<std::string, std::vector<GroupEntry>> by_stem;
  for (const auto& rule : rules) {
    const auto add = [&](const std::string& stem, std::vector<int> sources, std::string name) {
      GroupEntry entry;
      entry.kind = KindOf(rule.target);
      entry.name = std::move(name);
      entry.columns = std::move(sources);
      entry.target = rule.target;
      entry.series_names = rule.names;
      by_stem[stem].push_back(std::move(entry));
    };
    if (rule.target == RuleTarget::kTransform) {
      ClaimTransforms(matcher, rule, /*group_mode=*/false,
                      [&](const std::string& stem, std::vector<int> sources) {
                        add(stem, std::move(sources), "");
                      });
    } else {
      for (const auto& match : matcher.Claim(Views(rule.suffixes, false), false)) {
        add(match.stem, matcher.Columns(match), match.stem);
      }
    }
  }
  std::vector<ColumnGroup> groups;
  for (auto& [stem, entries] : by_stem) {
    groups.push_back(ColumnGroup{JoinEntityPath(prefix, stem), std::move(entries)});
  }
  return groups;
}

}  // namespace rrflow::internal
