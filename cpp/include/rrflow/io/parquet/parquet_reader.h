// ParquetReader: a Parquet file as a stream of chunks, its columns grouped
// into entities and components the way Rerun's generic Parquet reader does.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "rrflow/stream/lazy_chunk_stream.h"

namespace rrflow {

/// Packs sibling columns into one typed component, matched by name suffix
/// within a column group. Fields are as the user writes them; they are
/// checked when the reader is opened.
struct ColumnRule {
  /// Column-name suffixes, in the order their values are packed.
  std::vector<std::string> suffixes;
  /// `Translation3D`, `RotationQuat`, `RotationAxisAngle`, `Scale3D`,
  /// `Scalars` or `Transform`.
  std::string target;
  /// The series names; required by `Scalars`.
  std::optional<std::vector<std::string>> names;
  /// Replaces the field name derived from the suffixes.
  std::optional<std::string> field_name_override;
  /// The four rotation suffixes; required by `Transform` (whose `suffixes`
  /// are the three translation ones).
  std::optional<std::vector<std::string>> rotation_suffixes;
};

/// A column whose values become a timeline instead of a component.
struct ParquetIndexColumn {
  std::string name;
  /// `timestamp`, `duration` or `sequence`.
  std::string type;
  /// `ns` (the default), `us`, `ms` or `s`: the unit of the stored numbers.
  std::optional<std::string> unit;
};

/// How columns become entities and components; defaults as in the Python API.
struct ParquetReaderOptions {
  /// Entity path every group is placed under; the root when absent.
  std::optional<std::string> entity_path_prefix;
  /// `prefix` (split names at the first delimiter), `individual` (one entity
  /// per column) or `explicit_prefixes` (group by the given prefixes).
  std::string column_grouping = "prefix";
  /// The delimiter of `prefix` grouping: one Unicode character.
  char32_t delimiter = U'_';
  /// The prefixes of `explicit_prefixes` grouping (and only of it).
  std::optional<std::vector<std::string>> prefixes;
  /// Packs a group of several columns into one struct component `data`.
  bool use_structs = true;
  /// Columns holding one value for the whole file, emitted once as a static
  /// chunk; names absent from the file are ignored.
  std::vector<std::string> static_columns;
  std::vector<ParquetIndexColumn> index_columns;
  std::vector<ColumnRule> column_rules;
};

namespace internal {
struct ReaderConfig;
}

/// Reads one Parquet file as chunks, one 1024-row window of the file at a
/// time (windows run across row groups), so memory stays bounded whatever
/// the file size.
class ParquetReader {
 public:
  /// Checks that `path` exists (an IOError with errno ENOENT, `Parquet file
  /// not found: <path>`, if not) and validates the options (Invalid, with the
  /// reference's messages). The file itself is read when a stream runs.
  static arrow::Result<std::shared_ptr<const ParquetReader>> Open(
      std::string path, const ParquetReaderOptions& options = {});

  const std::string& path() const { return path_; }

  /// The file's chunks: first its key/value metadata at `/__properties`,
  /// then for each 1024-row window one chunk per group (rows sorted by the
  /// index columns), then the static columns' chunk, then (flat layout) the
  /// series names of `Scalars` rules. Errors met while running are
  /// RuntimeErrors reading `Parquet error: ...`.
  StreamNodePtr Stream() const;

 private:
  ParquetReader(std::string path, std::shared_ptr<const internal::ReaderConfig> config)
      : path_(std::move(path)), config_(std::move(config)) {}

  std::string path_;
  std::shared_ptr<const internal::ReaderConfig> config_;
};

}  // namespace rrflow
