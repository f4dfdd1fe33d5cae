// The file-scoped MCAP decoders: one static chunk each for the attachments,
// the metadata, the recording's start time and the statistics, and one per
// decoded channel describing it and its schema.
#pragma once

#include <vector>

#include <arrow/result.h>

#include "io/mcap/mcap_file_internal.h"
#include "io/mcap/mcap_import_plan_internal.h"
#include "rrflow/chunk/chunk.h"
#include "rrflow/stream/problem.h"

namespace rrflow::internal::mcap {

/// The chunks of the selected file-scoped decoders, in the reference's
/// order: attachments, metadata, recording info, channel schemas (in
/// channel id order), statistics. An attachment or metadata record that
/// cannot be read is skipped with a warning to `problems` (may be null).
arrow::Result<std::vector<ChunkPtr>> DecodeFileScoped(const McapFile& file,
                                                      const McapSummary& summary,
                                                      const ImportPlan& plan,
                                                      const DecoderSelection& selection,
                                                      ProblemHandler* problems);

}  // namespace rrflow::internal::mcap
