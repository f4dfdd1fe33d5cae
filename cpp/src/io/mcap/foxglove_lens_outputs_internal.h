// The Foxglove lens outputs that decode message contents rather than move
// fields: packed point fields (PointCloud) and raw images (RawImage).
#pragma once

#include <memory>

#include <arrow/array.h>
#include <arrow/result.h>

namespace rrflow::internal::mcap {

/// `Points3D:positions` of foxglove.PointCloud messages: per message the
/// points of `data` (every `point_stride` bytes) from the packed fields
/// named x, y, z, as f32. A message with null data or fields, stride 0 or
/// no x, y or z field gives a null row; a value read past the end is 0. A
/// matched field with a numeric type outside 1..8 is an error.
arrow::Result<std::shared_ptr<arrow::ListArray>> PackedPositions(
    const std::shared_ptr<arrow::StructArray>& messages);

/// `Points3D:colors` of foxglove.PointCloud messages: per point the packed
/// fields red, green, blue and alpha (255 when absent) as u8 channels
/// (integers saturated into 0..255, floats ×255 clamped and truncated),
/// packed RGBA. Null rows and errors as PackedPositions (for red, green, blue).
arrow::Result<std::shared_ptr<arrow::ListArray>> PackedColors(
    const std::shared_ptr<arrow::StructArray>& messages);

/// `Image:format` of foxglove.RawImage messages from width, height and
/// encoding; an encoding Rerun has no format for is an error naming it.
arrow::Result<std::shared_ptr<arrow::ListArray>> RawImageFormats(
    const std::shared_ptr<arrow::StructArray>& messages);

/// `Image:buffer` of foxglove.RawImage messages: `data` without the padding
/// at the end of each row when `step` is more than a row's bytes, cut to the
/// image's size when longer, else as it is (`step` 0 means data / height).
/// A short `data` is cut where it ends. An unknown encoding is an
/// error, as for RawImageFormats.
arrow::Result<std::shared_ptr<arrow::ListArray>> RawImageBuffers(
    const std::shared_ptr<arrow::StructArray>& messages);

}  // namespace rrflow::internal::mcap
