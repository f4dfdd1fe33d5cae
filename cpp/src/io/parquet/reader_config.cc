// Validation of the ParquetReader's options.
#include "io/parquet/reader_config_internal.h"

#include "core/unicode_internal.h"

namespace rrflow::internal {
namespace {

arrow::Result<ColumnGrouping> ParseGrouping(const ParquetReaderOptions& options) {
  const std::string& name = options.column_grouping;
  const bool has_prefixes = options.prefixes.has_value();
  if (name == "prefix" || name == "individual") {
    if (has_prefixes) {
      return arrow::Status::Invalid(
          "'prefixes' is only valid with column_grouping='explicit_prefixes'");
    }
    return name == "prefix" ? ColumnGrouping::kPrefix : ColumnGrouping::kIndividual;
  }
  if (name == "explicit_prefixes") {
    if (!has_prefixes) {
      return arrow::Status::Invalid("'explicit_prefixes' requires the 'prefixes' parameter");
    }
    if (options.prefixes->empty()) {
      return arrow::Status::Invalid("'prefixes' must not be empty for 'explicit_prefixes' grouping");
    }
    return ColumnGrouping::kExplicitPrefixes;
  }
  return arrow::Status::Invalid("Unknown column_grouping: '", name,
                                "'. Expected 'prefix', 'individual', or 'explicit_prefixes'.");
}

arrow::Result<RuleConfig> ParseRule(const ColumnRule& rule) {
  RuleConfig config;
  const std::string& target = rule.target;
  if (target == "Translation3D") {
    config.target = RuleTarget::kTranslation3D;
  } else if (target == "RotationQuat") {
    config.target = RuleTarget::kRotationQuat;
  } else if (target == "RotationAxisAngle") {
    config.target = RuleTarget::kRotationAxisAngle;
  } else if (target == "Scale3D") {
    config.target = RuleTarget::kScale3D;
  } else if (target == "Scalars") {
    if (!rule.names) return arrow::Status::Invalid("Scalars target requires 'names'");
    config.target = RuleTarget::kScalars;
    config.names = *rule.names;
  } else if (target == "Transform") {
    if (!rule.rotation_suffixes) {
      return arrow::Status::Invalid("Transform target requires 'rotation_suffixes'");
    }
    config.target = RuleTarget::kTransform;
    config.rotation_suffixes = *rule.rotation_suffixes;
  } else {
    return arrow::Status::Invalid("Unknown target: '", target,
                                  "'. Valid targets: Translation3D, RotationQuat, "
                                  "RotationAxisAngle, Scale3D, Scalars, Transform.");
  }
  config.suffixes = rule.suffixes;
  config.field_name_override = rule.field_name_override.value_or("");
  return config;
}

arrow::Result<IndexColumnConfig> ParseIndexColumn(const ParquetIndexColumn& column) {
  // The unit is checked first, even for sequences, which ignore it.
  const std::string unit = column.unit.value_or("ns");
  int64_t multiplier = 1;
  if (unit == "us") {
    multiplier = 1'000;
  } else if (unit == "ms") {
    multiplier = 1'000'000;
  } else if (unit == "s") {
    multiplier = 1'000'000'000;
  } else if (unit != "ns") {
    return arrow::Status::Invalid("Unknown time unit: '", unit,
                                  "'. Expected 'ns', 'us', 'ms', or 's'.");
  }
  IndexColumnConfig config{column.name, TimeType::kSequence, 1};
  if (column.type == "timestamp") {
    config.type = TimeType::kTimestampNs;
    config.multiplier = multiplier;
  } else if (column.type == "duration") {
    config.type = TimeType::kDurationNs;
    config.multiplier = multiplier;
  } else if (column.type != "sequence") {
    return arrow::Status::Invalid("Unknown index type: '", column.type,
                                  "'. Expected 'timestamp', 'duration', or 'sequence'.");
  }
  return config;
}

}  // namespace

arrow::Result<ReaderConfig> MakeReaderConfig(const ParquetReaderOptions& options) {
  ReaderConfig config;
  ARROW_ASSIGN_OR_RAISE(config.grouping, ParseGrouping(options));
  for (const auto& rule : options.column_rules) {
    ARROW_ASSIGN_OR_RAISE(auto parsed, ParseRule(rule));
    config.rules.push_back(std::move(parsed));
  }
  for (const auto& column : options.index_columns) {
    ARROW_ASSIGN_OR_RAISE(auto parsed, ParseIndexColumn(column));
    config.index_columns.push_back(std::move(parsed));
  }
  config.prefix = EntityPath::Parse(options.entity_path_prefix.value_or("/"));
  config.delimiter.clear();
  AppendUtf8(options.delimiter, &config.delimiter);
  config.prefixes = options.prefixes.value_or(std::vector<std::string>{});
  config.use_structs = options.use_structs;
  config.static_columns = options.static_columns;
  return config;
}

}  // namespace rrflow::internal
