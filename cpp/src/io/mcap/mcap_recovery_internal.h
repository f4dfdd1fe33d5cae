// Recovery: a summary rebuilt from the data section, for files whose
// summary is missing or unreadable (cut short while being written, say).
#pragma once

#include <arrow/result.h>

#include "io/mcap/mcap_file_internal.h"
#include "rrflow/stream/problem.h"

namespace rrflow::internal::mcap {

/// Rebuilds the summary of `file` the way the reference's recovery does:
/// walks the top-level records from the Header and stops at the first
/// truncated record, unknown opcode, unparsable Chunk or MessageIndex, or
/// summary-section record. Each complete chunk gets a chunk index filled
/// from the MessageIndex records after it, Metadata records get metadata
/// indexes, attachments are not recovered. Chunks without message index are
/// dropped; schemas and channels are taken from the chunks, read front to
/// back until every indexed channel is known, and channels left unknown are
/// dropped from every chunk (and chunks left with none). Statistics are
/// synthesized: per-channel counts from the message indexes, except for the
/// last chunk whose messages are counted. Every loss goes to `problems`
/// (may be null). A file with messages outside chunks and no chunk is an
/// error ("Cannot recover an unchunked MCAP file").
arrow::Result<McapSummary> RecoverSummary(const McapFile& file, ProblemHandler* problems);

}  // namespace rrflow::internal::mcap
