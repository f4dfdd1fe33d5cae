// The read plan: index and static columns, then column grouping.
#include "io/parquet/read_plan_internal.h"

#include <algorithm>
#include <map>

#include <arrow/type.h>

namespace rrflow::internal {
namespace {

int FindColumn(const arrow::Schema& schema, const std::string& name) {
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (schema.field(i)->name() == name) return i;
  }
  return -1;
}

std::vector<GroupEntry> GroupEntries(const std::vector<NamedColumn>& columns,
                                     const std::vector<RuleConfig>& rules) {
  if (!rules.empty()) return ApplyRules(columns, rules);
  std::vector<GroupEntry> entries;
  for (const auto& column : columns) {
    entries.push_back(GroupEntry{EntryKind::kRaw, column.name, {column.column}});
  }
  return entries;
}

ColumnGroup SingleColumnGroup(const EntityPath& prefix, const NamedColumn& column) {
  return ColumnGroup{JoinEntityPath(prefix, column.name),
                     {GroupEntry{EntryKind::kRaw, column.name, {column.column}}}};
}

// `prefix`: the name up to the first delimiter is the group key, the rest the
// component name; a name without delimiter, or ending in it, is both.
std::vector<ColumnGroup> PrefixGroups(const std::vector<NamedColumn>& columns,
                                      const ReaderConfig& config) {
  std::map<std::string, std::vector<NamedColumn>> by_key;
  for (const auto& column : columns) {
    const size_t at = column.name.find(config.delimiter);
    const size_t rest = at + config.delimiter.size();
    if (at != std::string::npos && rest < column.name.size()) {
      by_key[column.name.substr(0, at)].push_back({column.name.substr(rest), column.column});
    } else {
      by_key[column.name].push_back(column);
    }
  }
  std::vector<ColumnGroup> groups;
  for (const auto& [key, members] : by_key) {
    groups.push_back({JoinEntityPath(config.prefix, key), GroupEntries(members, config.rules)});
  }
  return groups;
}

// `explicit_prefixes`: the longest matching prefix claims a column, which
// keeps the rest of its name (minus one leading `_`); a column equal to its
// prefix, or matching none, stands alone.
std::vector<ColumnGroup> ExplicitPrefixGroups(const std::vector<NamedColumn>& columns,
                                              const ReaderConfig& config) {
  std::vector<std::string> prefixes = config.prefixes;
  std::stable_sort(prefixes.begin(), prefixes.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::map<std::string, std::vector<NamedColumn>> by_prefix;
  std::vector<NamedColumn> unmatched;
  for (const auto& column : columns) {
    const auto prefix = std::find_if(prefixes.begin(), prefixes.end(), [&](const std::string& p) {
      return column.name.starts_with(p);
    });
    if (prefix == prefixes.end() || prefix->size() == column.name.size()) {
      unmatched.push_back(column);
      continue;
    }
    std::string rest = column.name.substr(prefix->size());
    if (rest.front() == '_') rest.erase(0, 1);
    by_prefix[*prefix].push_back({std::move(rest), column.column});
  }
  std::vector<ColumnGroup> groups;
  for (const auto& [prefix, members] : by_prefix) {
    groups.push_back({JoinEntityPath(config.prefix, prefix), GroupEntries(members, config.rules)});
  }
  for (const auto& column : unmatched) groups.push_back(SingleColumnGroup(config.prefix, column));
  return groups;
}

// `individual`: an entity per column, after the groups rules form.
std::vector<ColumnGroup> IndividualGroups(const std::vector<NamedColumn>& columns,
                                          const ReaderConfig& config) {
  std::vector<bool> claimed(columns.size(), false);
  auto groups = IndividualRuleGroups(columns, config.rules, config.prefix, &claimed);
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!claimed[i]) groups.push_back(SingleColumnGroup(config.prefix, columns[i]));
  }
  return groups;
}

}  // namespace

EntityPath JoinEntityPath(const EntityPath& prefix, std::string_view relative) {
  std::vector<std::string> parts = prefix.parts();
  const EntityPath parsed = EntityPath::Parse(relative);
  parts.insert(parts.end(), parsed.parts().begin(), parsed.parts().end());
  return EntityPath(std::move(parts));
}

bool IsTimelineType(const arrow::DataType& type) {
  switch (type.id()) {
    case arrow::Type::INT64:
    case arrow::Type::INT32:
    case arrow::Type::INT16:
    case arrow::Type::UINT32:
    case arrow::Type::UINT64:
    case arrow::Type::DOUBLE:
    case arrow::Type::FLOAT:
    case arrow::Type::TIMESTAMP:
    case arrow::Type::DURATION:
      return true;
    default:
      return false;
  }
}

arrow::Result<ReadPlan> MakeReadPlan(const arrow::Schema& schema, const ReaderConfig& config) {
  ReadPlan plan;
  std::vector<bool> excluded(schema.num_fields(), false);
  for (const auto& index : config.index_columns) {
    const int column = FindColumn(schema, index.column);
    if (column < 0) {
      return arrow::Status::Invalid("Index column '", index.column, "' not found in parquet schema");
    }
    // An index column of another type is no timeline, but no component either.
    excluded[column] = true;
    if (IsTimelineType(*schema.field(column)->type())) {
      plan.timelines.push_back({column, index.column, index.type, index.multiplier});
    }
  }
  for (const auto& name : config.static_columns) {
    const int column = FindColumn(schema, name);
    if (column < 0) continue;
    excluded[column] = true;
    plan.statics.push_back({column, name});
  }
  plan.static_path = config.prefix;

  std::vector<NamedColumn> columns;
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (!excluded[i]) columns.push_back({schema.field(i)->name(), i});
  }
  switch (config.grouping) {
    case ColumnGrouping::kPrefix:
      plan.groups = PrefixGroups(columns, config);
      break;
    case ColumnGrouping::kExplicitPrefixes:
      plan.groups = ExplicitPrefixGroups(columns, config);
      break;
    case ColumnGrouping::kIndividual:
      plan.groups = IndividualGroups(columns, config);
      break;
  }
  plan.structs = config.use_structs && config.grouping != ColumnGrouping::kIndividual;
  return plan;
}

}  // namespace rrflow::internal
