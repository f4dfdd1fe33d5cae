// Recovery: a summary rebuilt from the data section, for files whose
// summary is missing or unreadable (cut short while being written, say).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// The summary an import or a description of a file works from.
struct SummarySource {
  McapSummary summary;
  /// Set when the summary was rebuilt: why the file's own could not be read.
  std::optional<std::string> rebuilt_because;
  /// What the rebuilt summary misses, as RecoverSummary reported it.
  std::vector<Problem> losses;
};

/// The summary of `file`; when it cannot be read and `recover` is set, the
/// one RecoverSummary rebuilds. Without `recover` the error is ReadSummary's.
arrow::Result<SummarySource> ReadSummarySource(const McapFile& file, bool recover);

/// Each loss of `source`, one line, without RecoverSummary's prefix.
std::vector<std::string> LossLines(const SummarySource& source);

/// How the warning that ends a recovering read starts when something was lost.
inline constexpr std::string_view kRecoveryLossPrefix = "MCAP recovery lost data: ";

/// The warning that ends a read of `file` from a rebuilt summary: why it was
/// rebuilt and each loss, or that nothing was lost.
Problem RecoveryWarning(const McapFile& file, const SummarySource& source);

}  // namespace rrflow::internal::mcap
