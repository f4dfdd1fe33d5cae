// Chunk.apply_selector: one component replaced by a selector's per-row result.
#include "chunk/column_building_internal.h"
#include "rrflow/query/lens.h"

namespace rrflow {

arrow::Result<ChunkPtr> ApplySelector(const ChunkPtr& chunk, std::string_view component,
                                      const Selector& selector) {
  const std::string& entity = chunk->entity_path().ToString();
  std::vector<ComponentColumn> columns = chunk->components();
  auto column = std::find_if(columns.begin(), columns.end(), [&](const ComponentColumn& c) {
    return c.descriptor.Matches(component);
  });
  if (column == columns.end()) {
    return arrow::Status::Invalid("Component '", component, "' not found in chunk for entity `",
                                  entity, "`");
  }
  auto rows = selector.ExecutePerRow(column->list);
  if (!rows.ok()) {
    return arrow::Status::Invalid("Failed to apply operations to component '", component,
                                  "' (entity: `", entity, "`, input: `", component,
                                  "`): ", rows.status().message());
  }
  if (*rows == nullptr) {
    return arrow::Status::Invalid("No component outputs were produced for target entity `",
                                  entity, "`");
  }
  column->list = std::move(*rows);
  const auto id = ChunkId::New();
  ARROW_ASSIGN_OR_RAISE(auto row_ids, internal::SequentialRowIds(id.tuid, chunk->num_rows()));
  return Chunk::Make(id, chunk->entity_path(), std::move(row_ids), chunk->timelines(),
                     std::move(columns), RowIdOrder::kKnownSorted);
}

}  // namespace rrflow
