// Describing an MCAP file from its summary: McapInfo and the message time
// bounds.
#pragma once

#include <optional>

#include <arrow/result.h>

#include "io/mcap/mcap_file_internal.h"
#include "io/mcap/mcap_recovery_internal.h"
#include "rrflow/io/mcap/mcap_info.h"
#include "rrflow/stream/problem.h"

namespace rrflow::internal::mcap {

/// The smallest and largest message log time: the Statistics record's when
/// it counts messages, else the extremes of the chunk indexes; none when
/// neither has any.
std::optional<McapTimeBounds> MessageTimeBounds(const McapSummary& summary);

/// What `file` holds according to `source`. Without Statistics, message
/// counts come from the message indexes (a chunk without any is decoded to
/// count its messages; its damage goes to `problems`, may be null); an
/// unreadable index is an error.
arrow::Result<McapInfo> DescribeMcap(const McapFile& file, const SummarySource& source,
                                     ProblemHandler* problems);

}  // namespace rrflow::internal::mcap
