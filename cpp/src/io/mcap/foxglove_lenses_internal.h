// The Foxglove lenses (decoder "foxglove"): Rerun archetypes made of the
// protobuf decoder's reflected `foxglove.<Type>:message` columns.
#pragma once

#include <string>
#include <vector>

#include <arrow/result.h>

#include "rrflow/chunk/chunk.h"
#include "rrflow/core/timeline.h"
#include "rrflow/stream/problem.h"

namespace rrflow::internal::mcap {

/// `chunk` through the lens of the Foxglove message column it holds, as
/// rerun-sdk 0.33.1 has them (CameraCalibration, CompressedImage,
/// CompressedVideo, FrameTransform(s), LocationFix(es), Log, PointCloud,
/// PoseInFrame, PosesInFrame, RawImage).
///
/// The lens makes a new chunk at the same entity: the chunk's timelines, a
/// `timestamp` timeline of `timeline_type` from the messages' own stamps,
/// the lens's Rerun components and fresh row ids. The message column is
/// consumed; any other column stays in a chunk of its own. FrameTransforms
/// and LocationFixes give one row per transform or fix (a message with none
/// gives no row). An output column that cannot be made (an unknown video
/// codec or image encoding, an unknown packed field type, a field of an
/// unexpected type) is left out, and so is a `timestamp` that overflows;
/// each is reported to `problems` as a warning naming `source`.
///
/// A chunk without a Foxglove message column comes back as it is.
arrow::Result<std::vector<ChunkPtr>> ApplyFoxgloveLenses(const ChunkPtr& chunk,
                                                         TimeType timeline_type,
                                                         const std::string& source,
                                                         ProblemHandler* problems);

}  // namespace rrflow::internal::mcap
