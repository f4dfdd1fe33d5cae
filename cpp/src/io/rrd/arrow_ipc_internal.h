// Arrow IPC streams as RRD payloads hold them: a schema, at most one record
// batch, and the end-of-stream marker.
#pragma once

#include <memory>

#include <arrow/buffer.h>
#include <arrow/record_batch.h>
#include <arrow/result.h>
#include <arrow/type_fwd.h>

namespace rrflow::internal {

/// The IPC stream of one record batch (schema, batch, end marker).
arrow::Result<std::shared_ptr<arrow::Buffer>> WriteIpcBatch(const arrow::RecordBatch& batch);

/// The IPC stream of a schema alone (schema, end marker).
arrow::Result<std::shared_ptr<arrow::Buffer>> WriteIpcSchema(const arrow::Schema& schema);

/// The first record batch of an IPC stream, fully validated so that damaged
/// input cannot lead to out-of-bounds reads later. The batch may share
/// memory with `stream`.
arrow::Result<std::shared_ptr<arrow::RecordBatch>> ReadIpcBatch(
    std::shared_ptr<arrow::Buffer> stream);

/// The schema of an IPC stream.
arrow::Result<std::shared_ptr<arrow::Schema>> ReadIpcSchema(std::shared_ptr<arrow::Buffer> stream);

}  // namespace rrflow::internal
