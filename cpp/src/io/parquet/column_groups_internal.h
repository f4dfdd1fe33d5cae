// Column groups: the entities a Parquet file's columns are placed at, and the
// entries (raw columns or column-rule outputs) each group holds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/parquet/reader_config_internal.h"
#include "rrflow/core/entity_path.h"

namespace rrflow::internal {

enum class EntryKind {
  kRaw,        ///< one column as it is
  kComponent,  ///< columns packed into one Transform3D component
  kScalars,    ///< columns packed into one row of scalars, plus their names
  kTransform,  ///< translation and quaternion columns packed together
};

/// What one group entry emits and from which columns.
struct GroupEntry {
  EntryKind kind = EntryKind::kRaw;
  /// The component name (raw) or the field name (rules; may be empty).
  std::string name;
  /// Schema indices of the source columns in packing order; for a transform
  /// the three translation columns, then the four rotation columns.
  std::vector<int> columns;
  /// kComponent only.
  RuleTarget target = RuleTarget::kTranslation3D;
  /// kScalars only.
  std::vector<std::string> series_names;
};

/// The columns that become one entity's components (one chunk per window),
/// or, in the flat layout, several entities below it.
struct ColumnGroup {
  EntityPath entity_path;
  std::vector<GroupEntry> entries;
};

/// A column of a group under the component name the grouping gave it.
struct NamedColumn {
  std::string name;
  int column = 0;
};

/// Runs the rules over one group's columns (prefix and matched explicit
/// groups): each rule claims, in column order, every set of columns whose
/// names end with its suffixes at a `_` boundary; the first rule to claim a
/// column wins. Unclaimed columns follow as raw entries.
std::vector<GroupEntry> ApplyRules(const std::vector<NamedColumn>& columns,
                                   const std::vector<RuleConfig>& rules);

/// `individual` grouping with rules: rules match full column names by raw
/// suffix, and matches are grouped by the name before the suffix (sorted by
/// that name, placed at `prefix` + that name). Columns claimed by a rule are
/// marked in `claimed` (indexed like `columns`).
std::vector<ColumnGroup> IndividualRuleGroups(const std::vector<NamedColumn>& columns,
                                              const std::vector<RuleConfig>& rules,
                                              const EntityPath& prefix,
                                              std::vector<bool>* claimed);

/// The entity path of `relative` (parsed forgivingly) below `prefix`.
EntityPath JoinEntityPath(const EntityPath& prefix, std::string_view relative);

}  // namespace rrflow::internal
