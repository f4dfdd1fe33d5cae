// StoreSchema: every column a store has ever held, as a dataframe would show it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "rrflow/chunk/chunk.h"

namespace rrflow {

/// A timeline column of a store.
struct IndexColumn {
  Timeline timeline;
  /// `Index(timeline:<name>)`.
  std::string ToString() const;
  bool operator==(const IndexColumn&) const = default;
};

/// A component column of one entity in a store.
struct ComponentColumnInfo {
  EntityPath entity_path;
  ComponentDescriptor descriptor;
  /// The column's outer list type, canonical (`List<item: T, nullable>`).
  std::shared_ptr<arrow::DataType> store_datatype;
  /// True if any chunk held the column as static data.
  bool is_static = false;
  /// True while every chunk's column was all nulls or empty lists.
  bool is_semantically_empty = true;
  /// True for the components of the `Clear` archetype.
  bool is_tombstone = false;

  /// `<entity_path>:<component>`; `property:<component>` on `/__properties`,
  /// `property:<sub/path>:<component>` below it.
  std::string ColumnName() const;
  bool IsProperty() const { return entity_path.IsProperty(); }
  /// The multi-line block the Python schema repr prints.
  std::string ToString() const;
  bool operator==(const ComponentColumnInfo& other) const;
};

/// The columns of every chunk ever inserted into a store (it never shrinks):
/// one index column per timeline name (its last type seen) and one component
/// column per (entity, archetype, component, component type).
class StoreSchema {
 public:
  /// Adds the columns of `chunk`.
  void Add(const Chunk& chunk);

  /// Reads a dataframe schema in the layout ToArrowSchema writes (as RRD
  /// manifests carry it): index fields become timelines, data fields
  /// component columns keyed by their `rerun:entity_path`.
  static arrow::Result<StoreSchema> FromArrowSchema(const arrow::Schema& schema);

  /// Sorted by (name, type).
  std::vector<IndexColumn> index_columns() const;
  /// Sorted by entity (natural order, `/__properties` last), then archetype,
  /// component and component type.
  std::vector<ComponentColumnInfo> component_columns() const;

  /// Index columns then component columns, joined by newlines.
  std::string ToString() const;

  /// The dataframe schema: a row-id field, the index fields, then one field
  /// per component column named by ColumnName(), with Rerun's metadata.
  std::shared_ptr<arrow::Schema> ToArrowSchema() const;

  bool operator==(const StoreSchema& other) const;

 private:
  using ComponentKey = std::tuple<std::string, std::optional<std::string>, std::string,
                                  std::optional<std::string>>;
  std::map<std::string, TimeType> timelines_;
  std::map<ComponentKey, ComponentColumnInfo> components_;
};

}  // namespace rrflow
