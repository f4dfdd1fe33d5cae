// The read plan: what each column of a Parquet file becomes (a timeline, a
// static value, or part of a group's components), decided from its schema.
#pragma once

#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "io/parquet/column_groups_internal.h"
#include "io/parquet/reader_config_internal.h"
#include "rrflow/core/entity_path.h"
#include "rrflow/core/timeline.h"

namespace rrflow::internal {

/// An index column whose Arrow type can hold times.
struct TimelineSource {
  int column = 0;
  std::string name;
  TimeType type = TimeType::kSequence;
  int64_t multiplier = 1;
};

/// A static column (each configured name found in the schema, in order).
struct StaticSource {
  int column = 0;
  std::string name;
};

struct ReadPlan {
  /// Empty when no index column is usable: rows are then numbered on the
  /// synthetic `row_index` timeline.
  std::vector<TimelineSource> timelines;
  std::vector<StaticSource> statics;
  /// Where the static chunk goes: the entity path prefix.
  EntityPath static_path;
  std::vector<ColumnGroup> groups;
  /// Struct layout (several entries of a group packed into `data`) rather
  /// than the flat one (an entity per rule output).
  bool structs = true;
};

/// Resolves index and static columns, then groups the remaining columns.
/// Fails (Invalid) when an index column is not in the schema.
arrow::Result<ReadPlan> MakeReadPlan(const arrow::Schema& schema, const ReaderConfig& config);

/// Whether values of this Arrow type can become timeline values.
bool IsTimelineType(const arrow::DataType& type);

}  // namespace rrflow::internal
