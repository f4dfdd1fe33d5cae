#include "rrflow/io/rrd/rrd_message_reader.h"

#include <algorithm>
#include <array>
#include <cstring>

#include <arrow/io/file.h>

#include "io/rrd/byte_order_internal.h"
#include "io/rrd/rrd_error_internal.h"
#include "io/rrd/stream_footer_internal.h"
#include "io/rrd/stream_header_internal.h"

namespace rrflow {
namespace {

constexpr int64_t kMessageHeaderSize = 16;
// Bytes read ahead at once: messages are sliced from these blocks, so small
// messages cost no read each.
constexpr int64_t kReadAheadBytes = 8 << 20;
constexpr uint64_t kLastMessageKind =
    static_cast<uint64_t>(RrdMessageKind::kBlueprintActivationCommand);

}  // namespace

RrdMessageReader::RrdMessageReader(std::shared_ptr<arrow::io::RandomAccessFile> file,
                                   std::string source, int64_t file_size)
    : file_(std::move(file)),
      source_(std::make_shared<const std::string>(std::move(source))),
      file_size_(file_size) {}

arrow::Result<std::unique_ptr<RrdMessageReader>> RrdMessageReader::Open(const std::string& path) {
  ARROW_ASSIGN_OR_RAISE(auto file, arrow::io::ReadableFile::Open(path));
  return Make(std::move(file), path);
}

arrow::Result<std::shared_ptr<arrow::Buffer>> RrdMessageReader::ReadBytes(int64_t offset,
                                                                         int64_t length) {
  const bool in_block = block_ != nullptr && offset >= block_offset_ &&
                        offset + length <= block_offset_ + block_->size();
  if (!in_block) {
    const int64_t wanted = std::min(std::max(length, kReadAheadBytes), file_size_ - offset);
    ARROW_ASSIGN_OR_RAISE(block_, file_->ReadAt(offset, wanted));
    block_offset_ = offset;
    if (block_->size() < length) {
      block_.reset();
      return internal::RrdError(*source_, offset, "short read of ", length,
                                " bytes (the file is shorter than when it was opened)");
    }
  }
  return arrow::SliceBuffer(block_, offset - block_offset_, length);
}

arrow::Result<std::unique_ptr<RrdMessageReader>> RrdMessageReader::Make(
    std::shared_ptr<arrow::io::RandomAccessFile> file, std::string source) {
  ARROW_ASSIGN_OR_RAISE(const int64_t size, file->GetSize());
  std::unique_ptr<RrdMessageReader> reader(
      new RrdMessageReader(std::move(file), std::move(source), size));
  if (size > 0) ARROW_RETURN_NOT_OK(reader->StartStream());
  return reader;
}

arrow::Result<std::optional<RrdMessage>> RrdMessageReader::Next() {
  ARROW_RETURN_NOT_OK(error_);
  auto message = ReadNext();
  if (!message.ok()) {
    error_ = message.status();
    return message;
  }
  // A damaged payload inside intact framing is an error for that message only.
  if (*message) ARROW_RETURN_NOT_OK(ResolveStoreId(**message));
  return message;
}

arrow::Status RrdMessageReader::StartStream() {
  const int64_t remaining = file_size_ - position_;
  if (remaining < internal::kStreamHeaderSize) {
    return internal::RrdError(*source_, position_, "truncated RRD stream header (", remaining,
                              " of ", internal::kStreamHeaderSize, " bytes)");
  }
  std::array<uint8_t, internal::kStreamHeaderSize> bytes;
  ARROW_ASSIGN_OR_RAISE(auto read, ReadBytes(position_, internal::kStreamHeaderSize));
  std::memcpy(bytes.data(), read->data(), bytes.size());
  ARROW_ASSIGN_OR_RAISE(auto header, internal::ParseStreamHeader(bytes, *source_, position_));
  stream_offset_ = position_;
  stream_version_ = header.version;
  position_ += internal::kStreamHeaderSize;
  in_stream_ = true;
  return arrow::Status::OK();
}

arrow::Result<std::optional<RrdMessage>> RrdMessageReader::ReadNext() {
  while (true) {
    if (!in_stream_) {
      if (position_ == file_size_) return std::nullopt;
      ARROW_RETURN_NOT_OK(StartStream());
    }
    const int64_t remaining = file_size_ - position_;
    if (remaining == 0) return std::nullopt;  // a stream written without End and footer
    if (remaining < kMessageHeaderSize) {
      return internal::RrdError(*source_, position_, "truncated message header (", remaining,
                                " of ", kMessageHeaderSize, " bytes)");
    }
    ARROW_ASSIGN_OR_RAISE(auto header_bytes, ReadBytes(position_, kMessageHeaderSize));
    const uint8_t* header = header_bytes->data();
    if (internal::StartsWithRrdFourCc(header)) {
      in_stream_ = false;  // the next stream begins without an End before it
      continue;
    }
    const auto kind = internal::LoadLittleEndian<uint64_t>(header);
    const auto length = internal::LoadLittleEndian<uint64_t>(header + 8);
    if (kind > kLastMessageKind) {
      return internal::RrdError(*source_, position_, "unknown RRD message kind ", kind);
    }
    const auto message_kind = static_cast<RrdMessageKind>(kind);
    if (length > static_cast<uint64_t>(remaining - kMessageHeaderSize)) {
      return internal::RrdError(*source_, position_, "truncated ", RrdMessageKindName(message_kind),
                                " message: its header declares ", length,
                                " payload bytes but only ", remaining - kMessageHeaderSize,
                                " remain");
    }
    RrdMessage message;
    message.kind = message_kind;
    message.header_offset = position_;
    message.stream_offset = stream_offset_;
    message.stream_version = stream_version_;
    message.source = source_;
    ARROW_ASSIGN_OR_RAISE(message.payload,
                          ReadBytes(position_ + kMessageHeaderSize, static_cast<int64_t>(length)));
    position_ += kMessageHeaderSize + static_cast<int64_t>(length);
    if (message.kind == RrdMessageKind::kEnd) {
      // The End message is delivered; a damaged footer after it is reported next.
      error_ = FinishStream(message);
    }
    return message;
  }
}

arrow::Status RrdMessageReader::FinishStream(const RrdMessage& end) {
  in_stream_ = false;
  const int64_t remaining = file_size_ - position_;
  if (remaining >= internal::kStreamFooterSize) {
    std::array<uint8_t, internal::kStreamFooterSize> bytes;
    ARROW_ASSIGN_OR_RAISE(auto read, ReadBytes(position_, internal::kStreamFooterSize));
    std::memcpy(bytes.data(), read->data(), bytes.size());
    if (auto footer = internal::ParseStreamFooter(bytes)) {
      const auto& payload = *end.payload;
      if (footer->footer_start != static_cast<uint64_t>(end.payload_offset() - stream_offset_) ||
          footer->footer_length != static_cast<uint64_t>(payload.size())) {
        return internal::RrdError(*source_, position_,
                                  "stream footer does not point at the End message before it");
      }
      if (footer->checksum != internal::FooterChecksum(payload.data(), payload.size())) {
        return internal::RrdError(*source_, position_, "stream footer checksum mismatch");
      }
      position_ += internal::kStreamFooterSize;
      return arrow::Status::OK();
    }
  }
  // Writers before 0.28 end a stream with End alone: the file ends or the
  // next stream begins here. Anything else is damage.
  if (remaining == 0) return arrow::Status::OK();
  if (remaining >= 4) {
    ARROW_ASSIGN_OR_RAISE(auto magic, ReadBytes(position_, 4));
    if (internal::StartsWithRrdFourCc(magic->data())) return arrow::Status::OK();
  }
  if (remaining < internal::kStreamFooterSize) {
    return internal::RrdError(*source_, position_, "truncated stream footer (", remaining, " of ",
                              internal::kStreamFooterSize, " bytes)");
  }
  return internal::RrdError(*source_, position_, "unexpected data after the end of an RRD stream");
}

arrow::Status RrdMessageReader::ResolveStoreId(RrdMessage& message) {
  auto resolve = [&](StoreId id) {
    if (id.application_id.empty()) {
      auto it = application_ids_.find({id.kind, id.recording_id});
      if (it != application_ids_.end()) id.application_id = it->second;
    }
    return id;
  };
  switch (message.kind) {
    case RrdMessageKind::kEnd:
      return arrow::Status::OK();
    case RrdMessageKind::kSetStoreInfo: {
      ARROW_ASSIGN_OR_RAISE(auto info, DecodeSetStoreInfo(message));
      if (!info.store_id.application_id.empty()) {
        application_ids_[{info.store_id.kind, info.store_id.recording_id}] =
            info.store_id.application_id;
      }
      message.store_id = resolve(std::move(info.store_id));
      return arrow::Status::OK();
    }
    case RrdMessageKind::kArrowMsg: {
      ARROW_ASSIGN_OR_RAISE(auto store_id, DecodeArrowMsgStoreId(message));
      message.store_id = resolve(std::move(store_id));
      return arrow::Status::OK();
    }
    case RrdMessageKind::kBlueprintActivationCommand: {
      ARROW_ASSIGN_OR_RAISE(auto command, DecodeBlueprintActivationCommand(message));
      message.store_id = resolve(std::move(command.blueprint_id));
      return arrow::Status::OK();
    }
  }
  return arrow::Status::OK();
}

arrow::Result<std::vector<RrdStoreEntry>> ScanRrdStores(RrdMessageReader& reader) {
  std::vector<RrdStoreEntry> stores;
  auto entry_for = [&](const StoreId& id) -> RrdStoreEntry& {
    for (auto& entry : stores) {
      if (entry.store_id == id) return entry;
    }
    return stores.emplace_back(RrdStoreEntry{id, std::nullopt, 0});
  };
  while (true) {
    ARROW_ASSIGN_OR_RAISE(auto message, reader.Next());
    if (!message) break;
    if (!message->store_id) continue;
    auto& entry = entry_for(*message->store_id);
    if (message->kind == RrdMessageKind::kSetStoreInfo) {
      ARROW_ASSIGN_OR_RAISE(auto info, DecodeSetStoreInfo(*message));
      info.store_id = entry.store_id;
      entry.info = std::move(info);
    } else if (message->kind == RrdMessageKind::kArrowMsg) {
      ++entry.num_chunks;
    }
  }
  return stores;
}

arrow::Result<std::unique_ptr<RrdChunkReader>> RrdChunkReader::Open(const std::string& path,
                                                                    std::optional<StoreId> store) {
  ARROW_ASSIGN_OR_RAISE(auto messages, RrdMessageReader::Open(path));
  return Make(std::move(messages), std::move(store));
}

std::unique_ptr<RrdChunkReader> RrdChunkReader::Make(std::unique_ptr<RrdMessageReader> messages,
                                                     std::optional<StoreId> store) {
  return std::unique_ptr<RrdChunkReader>(new RrdChunkReader(std::move(messages), std::move(store)));
}

arrow::Result<StoreChunk> RrdChunkReader::Next() {
  while (true) {
    ARROW_ASSIGN_OR_RAISE(auto message, messages_->Next());
    if (!message) return StoreChunk{};
    if (message->kind != RrdMessageKind::kArrowMsg) continue;
    if (store_ && message->store_id != store_) continue;
    return DecodeArrowMsg(*message);
  }
}

}  // namespace rrflow
