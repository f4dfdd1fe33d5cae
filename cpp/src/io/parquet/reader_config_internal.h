// The ParquetReader's options, validated and resolved into typed values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "rrflow/core/entity_path.h"
#include "rrflow/core/timeline.h"
#include "rrflow/io/parquet/parquet_reader.h"

namespace rrflow::internal {

enum class ColumnGrouping { kPrefix, kIndividual, kExplicitPrefixes };

/// What a column rule packs its columns into.
enum class RuleTarget {
  kTranslation3D,
  kRotationQuat,
  kRotationAxisAngle,
  kScale3D,
  kScalars,
  kTransform,
};

struct RuleConfig {
  RuleTarget target = RuleTarget::kTranslation3D;
  /// For Transform, the translation suffixes.
  std::vector<std::string> suffixes;
  std::vector<std::string> rotation_suffixes;
  /// Scalars only.
  std::vector<std::string> names;
  /// Empty when absent: an empty override means no override.
  std::string field_name_override;
};

struct IndexColumnConfig {
  std::string column;
  TimeType type = TimeType::kSequence;
  /// Nanoseconds per stored unit; 1 for sequences.
  int64_t multiplier = 1;
};

struct ReaderConfig {
  EntityPath prefix;
  ColumnGrouping grouping = ColumnGrouping::kPrefix;
  /// The delimiter character, UTF-8 encoded.
  std::string delimiter = "_";
  std::vector<std::string> prefixes;
  bool use_structs = true;
  std::vector<std::string> static_columns;
  std::vector<IndexColumnConfig> index_columns;
  std::vector<RuleConfig> rules;
};

/// Validates in the reference's order (grouping and prefixes, then rules,
/// then index columns), failing with its ValueError texts as Invalid.
arrow::Result<ReaderConfig> MakeReaderConfig(const ParquetReaderOptions& options);

}  // namespace rrflow::internal
