// What the subcommands of the `rrflow` command share: exit codes, error and
// problem printing, pipeline options, the recording to read, sizes for
// people, store ids in JSON.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/status.h>

#include "json_writer.h"
#include "rrflow/core/store_id.h"
#include "rrflow/io/rrd/rrd_info.h"
#include "rrflow/io/rrd/rrd_reader.h"
#include "rrflow/stream/execution_context.h"
#include "rrflow/stream/problem.h"

namespace rrflow::cli {

// Exit codes: 0 success, 1 the file or the operation failed, 2 bad usage,
// 3 a recovering read of a damaged file lost data.
inline constexpr int kSuccess = 0;
inline constexpr int kFailure = 1;
inline constexpr int kUsage = 2;
inline constexpr int kDataLost = 3;

/// A fresh recording id in Rerun's form: `rec_` and 32 hex digits.
std::string NewRecordingId();

/// "512 B", "12.3 kB", "4.5 MB", "1.23 GB".
std::string ReadableSize(int64_t bytes);

class ProgressBar;

/// Prints `status` on stderr after the command's name (through `bar` when
/// one is drawn); returns kFailure.
int Fail(const arrow::Status& status, ProgressBar* bar = nullptr);

/// The line a problem is printed as on stderr, without newline.
std::string ProblemLine(const Problem& problem);

/// Options for pipelines: their problems go to stderr as ProblemLine()s,
/// through `bar` when one is drawn.
ExecuteOptions CliExecuteOptions(ProgressBar* bar = nullptr);

/// The recording with `recording_id`, or the first one (as the options' help
/// says, so several recordings are not worth a warning); errors name the file.
arrow::Result<StoreId> PickRecording(const RrdReader& reader, const std::string& recording_id);

/// Describes each file (DescribeRrdFile) and hands it to `print`; a file
/// that cannot be read is reported and the others still described. 0 when
/// all could be read, else 1. Errors go through `bar` when one is drawn.
int DescribeFiles(const std::vector<std::string>& inputs, const std::function<void(const RrdFileInfo&)>& print,
                  ProgressBar* bar = nullptr);

/// Where a writing command writes: `output`, or standard output when it is
/// empty or `-` and standard output is not a terminal (an error if it is).
arrow::Result<std::string> OutputPath(const std::string& output);

/// `"kind"`, `"application_id"` and `"recording_id"` members of the current object.
void WriteStoreIdFields(JsonWriter& json, const StoreId& store_id);

}  // namespace rrflow::cli
