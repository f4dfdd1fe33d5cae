// Brings chunk record batches written by older Rerun SDKs (>= 0.23) to the
// current sorbet layout (0.1.3) before Chunk::FromRecordBatch reads them.
#pragma once

#include <memory>

#include <arrow/record_batch.h>
#include <arrow/result.h>

namespace rrflow::internal {

/// Returns `batch` unchanged when it is already sorbet 0.1.3 (or newer);
/// otherwise applies the reference's migration steps in order:
/// 0.0.1 -> 0.0.2: row id, index, data column order; struct TUIDs become
///   FixedSizeBinary(16); Scalar/SeriesLine/SeriesPoint become plural.
/// 0.0.2 -> 0.1.0: `rerun.x` keys become `rerun:x`; the old (archetype,
///   archetype_field, component) triple becomes (archetype, `Short:field`,
///   component_type); RecordingProperties becomes RecordingInfo at `/__properties`.
/// 0.1.0 -> 0.1.1: indicator columns are dropped.
/// 0.1.1 -> 0.1.2: `Pose*` component types lose the prefix;
///   `Transform3D:axis_length` moves to TransformAxes3D; `CoordinateFrame:frame_id`
///   becomes `CoordinateFrame:frame`.
/// 0.1.2 -> 0.1.3: `SeriesVisible` becomes `Visible`.
/// A batch without `sorbet:version` is 0.0.1 when a schema key starts with
/// `rerun.`, 0.0.2 when it has `rerun:version`, else 0.0.1.
arrow::Result<std::shared_ptr<arrow::RecordBatch>> MigrateToCurrentSorbet(
    std::shared_ptr<arrow::RecordBatch> batch);

}  // namespace rrflow::internal
