#include "io/mcap/mcap_linear_scan_internal.h"

#include "io/mcap/mcap_chunk_internal.h"

namespace rrflow::internal::mcap {

LinearScanner::LinearScanner(std::shared_ptr<const McapFile> file,
                             std::shared_ptr<ProblemHandler> problems)
    : file_(std::move(file)), problems_(std::move(problems)) {}

void LinearScanner::Warn(std::string message, int64_t offset) const {
  if (problems_ == nullptr) return;
  problems_->Report(Problem{Problem::Severity::kWarning, std::move(message), file_->source(), offset});
}

arrow::Result<std::optional<ScannedRecord>> LinearScanner::Next() {
  if (finished_) return std::nullopt;
  if (pending_chunk_) {
    EnterChunk(*pending_chunk_);
    pending_chunk_.reset();
  }
  auto scanned = chunk_records_ ? NextInChunk() : NextTopLevel();
  if (!scanned.ok()) {
    finished_ = true;
    return scanned;
  }
  if (!scanned->has_value()) {
    finished_ = true;
    return std::nullopt;
  }
  if (auto registered = Register(**scanned); !registered.ok()) {
    finished_ = true;
    return registered;
  }
  return scanned;
}

arrow::Result<std::optional<ScannedRecord>> LinearScanner::NextInChunk() {
  while (chunk_records_) {
    auto record = chunk_records_->Next();
    if (record.ok() && record->has_value()) return ScannedRecord{std::move(**record), chunk_offset_};
    if (!record.ok()) {
      Warn(record.status().message() + "; the rest of the chunk is skipped", chunk_offset_);
    }
    chunk_records_.reset();
  }
  return NextTopLevel();
}

arrow::Result<std::optional<ScannedRecord>> LinearScanner::NextTopLevel() {
  if (next_offset_ == file_->size()) {
    Warn("MCAP file ends without a DataEnd record (it may have been cut short)", next_offset_);
    return std::nullopt;
  }
  ARROW_ASSIGN_OR_RAISE(auto record, file_->ReadRecordAt(next_offset_));
  next_offset_ += record.size();
  switch (static_cast<Opcode>(record.opcode)) {
    case Opcode::kDataEnd:
    case Opcode::kFooter:
      return std::nullopt;
    case Opcode::kChunk:
      pending_chunk_ = record;
      break;
    default:
      break;
  }
  return ScannedRecord{std::move(record), -1};
}

void LinearScanner::EnterChunk(const Record& record) {
  const RecordPlace place{file_->source(), record.offset};
  auto chunk = ParseChunk(record.body, place);
  auto records = chunk.ok() ? DecompressChunk(*chunk, place, file_->pool())
                            : arrow::Result<std::shared_ptr<arrow::Buffer>>(chunk.status());
  if (!records.ok()) {
    Warn(records.status().message() + "; the chunk is skipped", record.offset);
    return;
  }
  CheckChunkCrc(*chunk, **records, place, problems_.get());
  chunk_records_.emplace(std::move(*records), file_->source(), 0, record.offset);
  chunk_offset_ = record.offset;
}

arrow::Status LinearScanner::Register(const ScannedRecord& scanned) {
  const RecordPlace place{file_->source(), scanned.record.offset, scanned.chunk_offset};
  switch (static_cast<Opcode>(scanned.record.opcode)) {
    case Opcode::kSchema: {
      ARROW_ASSIGN_OR_RAISE(auto schema, ParseSchema(scanned.record.body, place));
      const auto [it, inserted] = schemas_.try_emplace(schema.id, schema);
      if (!inserted && !it->second.SameAs(schema)) {
        return McapError(place, "conflicting schemas: two different Schema records with id ",
                         schema.id);
      }
      return arrow::Status::OK();
    }
    case Opcode::kChannel: {
      ARROW_ASSIGN_OR_RAISE(auto channel, ParseChannel(scanned.record.body, place));
      const auto [it, inserted] = channels_.try_emplace(channel.id, channel);
      if (!inserted && !it->second.SameAs(channel)) {
        return McapError(place, "conflicting channels: two different Channel records with id ",
                         channel.id);
      }
      return arrow::Status::OK();
    }
    default:
      return arrow::Status::OK();
  }
}

}  // namespace rrflow::internal::mcap
