// Decoding and encoding of single RRD message payloads.
#include "rrflow/io/rrd/rrd_message.h"

#include <climits>
#include <cstring>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/wire_format_lite.h>

#include "io/rrd/arrow_ipc_internal.h"
#include "io/rrd/lz4_block_internal.h"
#include "io/rrd/protobuf_conversion_internal.h"
#include "io/rrd/rrd_error_internal.h"
#include "io/rrd/sorbet_migration_internal.h"

namespace rrflow {
namespace {

using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;
using google::protobuf::io::CodedOutputStream;
namespace pb_common = internal::pb_common;
namespace pb_log = internal::pb_log;

constexpr int kArrowMsgStoreIdField = 1;
constexpr int kArrowMsgPayloadField = 5;
constexpr int kArrowMsgChunkIdField = 6;
constexpr int kArrowMsgIsStaticField = 7;

// Parses a whole payload into `proto`, or says which message is damaged.
template <typename Proto>
arrow::Status ParsePayload(const RrdMessage& message, Proto* proto) {
  const auto& payload = *message.payload;
  // libprotobuf would print its own note on stderr; the error below says it all.
  const google::protobuf::LogSilencer silencer;
  if (payload.size() > INT_MAX ||
      !proto->ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return internal::RrdError(*message.source, message.payload_offset(), "corrupted protobuf in ",
                              RrdMessageKindName(message.kind), " message");
  }
  return arrow::Status::OK();
}

arrow::Status Located(const RrdMessage& message, const arrow::Status& status) {
  return internal::WithRrdLocation(status, *message.source, message.payload_offset(),
                                   std::string(RrdMessageKindName(message.kind)) + " message");
}

arrow::Result<std::shared_ptr<arrow::Buffer>> ArrowMsgIpcStream(pb_log::ArrowMsg& proto) {
  if (proto.encoding() != pb_log::ENCODING_ARROW_IPC) {
    return arrow::Status::Invalid("unsupported ArrowMsg encoding ",
                                  static_cast<int>(proto.encoding()));
  }
  switch (static_cast<int>(proto.compression())) {
    case pb_common::COMPRESSION_UNSPECIFIED:
    case pb_common::COMPRESSION_NONE:
      return arrow::Buffer::FromString(std::move(*proto.mutable_payload()));
    case pb_common::COMPRESSION_LZ4: {
      const auto& payload = proto.payload();
      if (proto.uncompressed_size() > static_cast<uint64_t>(INT64_MAX)) {
        return arrow::Status::Invalid("corrupted ArrowMsg: uncompressed size ",
                                      proto.uncompressed_size());
      }
      return internal::Lz4DecompressBlock(reinterpret_cast<const uint8_t*>(payload.data()),
                                          static_cast<int64_t>(payload.size()),
                                          static_cast<int64_t>(proto.uncompressed_size()));
    }
    default:
      return arrow::Status::Invalid("unknown ArrowMsg compression ",
                                    static_cast<int>(proto.compression()));
  }
}

}  // namespace

std::string_view RrdMessageKindName(RrdMessageKind kind) {
  switch (kind) {
    case RrdMessageKind::kEnd:
      return "End";
    case RrdMessageKind::kSetStoreInfo:
      return "SetStoreInfo";
    case RrdMessageKind::kArrowMsg:
      return "ArrowMsg";
    case RrdMessageKind::kBlueprintActivationCommand:
      return "BlueprintActivationCommand";
  }
  return "unknown";
}

arrow::Result<StoreChunk> DecodeArrowMsg(const RrdMessage& message) {
  pb_log::ArrowMsg proto;
  ARROW_RETURN_NOT_OK(ParsePayload(message, &proto));
  if (!proto.has_store_id()) {
    return internal::RrdError(*message.source, message.payload_offset(),
                              "ArrowMsg is missing its store_id");
  }
  StoreChunk result{message.store_id.value_or(internal::FromProto(proto.store_id())), nullptr};
  auto chunk = [&]() -> arrow::Result<ChunkPtr> {
    ARROW_ASSIGN_OR_RAISE(auto ipc_stream, ArrowMsgIpcStream(proto));
    result.ipc_size = ipc_stream->size();
    ARROW_ASSIGN_OR_RAISE(auto batch, internal::ReadIpcBatch(std::move(ipc_stream)));
    ARROW_ASSIGN_OR_RAISE(auto migrated, internal::MigrateToCurrentSorbet(batch));
    result.payload_is_current = migrated == batch && proto.compression() == pb_common::COMPRESSION_LZ4 &&
                                proto.has_chunk_id() && proto.has_is_static();
    return Chunk::FromRecordBatch(*migrated);
  }();
  if (!chunk.ok()) return Located(message, chunk.status());
  result.chunk = *std::move(chunk);
  return result;
}

ChunkPtr KeepArrowMsgEncoding(const StoreChunk& decoded, const RrdMessage& message) {
  if (!decoded.payload_is_current) return decoded.chunk;
  return decoded.chunk->WithEncoding(std::make_shared<const ChunkEncoding>(
      ChunkEncoding{std::string(kArrowMsgEncoding), message.payload, decoded.ipc_size}));
}

arrow::Result<StoreId> DecodeArrowMsgStoreId(const RrdMessage& message) {
  const auto& payload = *message.payload;
  auto corrupted = [&] {
    return internal::RrdError(*message.source, message.payload_offset(),
                              "corrupted protobuf in ArrowMsg message");
  };
  if (payload.size() > INT_MAX) return corrupted();
  CodedInputStream input(payload.data(), static_cast<int>(payload.size()));
  const google::protobuf::LogSilencer silencer;  // as in ParsePayload
  pb_common::StoreId store_id;
  bool found = false;
  // Walks the fields, skipping the (large) payload without copying it.
  while (const uint32_t tag = input.ReadTag()) {
    if (WireFormatLite::GetTagFieldNumber(tag) == kArrowMsgStoreIdField &&
        WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      uint32_t length = 0;
      if (!input.ReadVarint32(&length)) return corrupted();
      const auto limit = input.PushLimit(static_cast<int>(length));
      if (!store_id.MergeFromCodedStream(&input) || !input.ConsumedEntireMessage()) {
        return corrupted();
      }
      input.PopLimit(limit);
      found = true;
    } else if (!WireFormatLite::SkipField(&input, tag)) {
      return corrupted();
    }
  }
  if (input.CurrentPosition() != static_cast<int>(payload.size())) return corrupted();
  if (!found) {
    return internal::RrdError(*message.source, message.payload_offset(),
                              "ArrowMsg is missing its store_id");
  }
  return internal::FromProto(store_id);
}

arrow::Result<std::shared_ptr<arrow::Buffer>> RewriteArrowMsgStoreId(const RrdMessage& message,
                                                                     const StoreId& store_id,
                                                                     const Chunk* decoded) {
  const auto& payload = *message.payload;
  auto corrupted = [&] {
    return internal::RrdError(*message.source, message.payload_offset(),
                              "corrupted protobuf in ArrowMsg message");
  };
  if (payload.size() > INT_MAX) return corrupted();
  pb_log::ArrowMsg head;
  internal::ToProto(store_id, head.mutable_store_id());
  pb_log::ArrowMsg tail;  // the fields an old writer left out
  if (decoded != nullptr) {
    internal::ToProto(decoded->id().tuid, tail.mutable_chunk_id());
    tail.set_is_static(decoded->is_static());
  }
  const size_t head_size = head.ByteSizeLong();
  const size_t tail_size = tail.ByteSizeLong();
  ARROW_ASSIGN_OR_RAISE(auto rewritten, arrow::AllocateResizableBuffer(static_cast<int64_t>(
                                            head_size + static_cast<size_t>(payload.size()) + tail_size)));
  uint8_t* const start = rewritten->mutable_data();
  uint8_t* out = head.SerializeWithCachedSizesToArray(start);

  // Every field but the old store id is copied as it is, in its place;
  // protobuf readers accept the store id first whatever the field order.
  CodedInputStream input(payload.data(), static_cast<int>(payload.size()));
  const google::protobuf::LogSilencer silencer;  // as in ParsePayload
  bool found = false;
  int field_start = 0;
  while (const uint32_t tag = input.ReadTag()) {
    const int field = WireFormatLite::GetTagFieldNumber(tag);
    if (!WireFormatLite::SkipField(&input, tag)) return corrupted();
    const int field_end = input.CurrentPosition();
    if (field == kArrowMsgStoreIdField) {
      found = true;
    } else {
      if (field == kArrowMsgChunkIdField) tail.clear_chunk_id();
      if (field == kArrowMsgIsStaticField) tail.clear_is_static();
      std::memcpy(out, payload.data() + field_start, static_cast<size_t>(field_end - field_start));
      out += field_end - field_start;
    }
    field_start = field_end;
  }
  if (input.CurrentPosition() != static_cast<int>(payload.size())) return corrupted();
  if (!found) {
    return internal::RrdError(*message.source, message.payload_offset(),
                              "ArrowMsg is missing its store_id");
  }
  tail.ByteSizeLong();  // sizes again, now that the fields found are cleared
  out = tail.SerializeWithCachedSizesToArray(out);
  ARROW_RETURN_NOT_OK(rewritten->Resize(out - start, /*shrink_to_fit=*/false));
  return std::shared_ptr<arrow::Buffer>(std::move(rewritten));
}

arrow::Result<StoreInfo> DecodeSetStoreInfo(const RrdMessage& message) {
  pb_log::SetStoreInfo proto;
  ARROW_RETURN_NOT_OK(ParsePayload(message, &proto));
  auto info = internal::FromProto(proto);
  if (!info.ok()) return Located(message, info.status());
  return info;
}

arrow::Result<BlueprintActivationCommand> DecodeBlueprintActivationCommand(
    const RrdMessage& message) {
  pb_log::BlueprintActivationCommand proto;
  ARROW_RETURN_NOT_OK(ParsePayload(message, &proto));
  auto command = internal::FromProto(proto);
  if (!command.ok()) return Located(message, command.status());
  if (message.store_id) command->blueprint_id = *message.store_id;
  return command;
}

arrow::Result<EncodedArrowMsg> EncodeArrowMsg(const StoreId& store_id, ChunkPtr chunk,
                                              RrdCompression compression) {
  if (const auto& encoding = chunk->encoding();
      encoding != nullptr && encoding->format == kArrowMsgEncoding && compression == RrdCompression::kLz4) {
    RrdMessage kept;
    kept.kind = RrdMessageKind::kArrowMsg;
    kept.payload = std::const_pointer_cast<arrow::Buffer>(encoding->bytes);
    // One name for every kept encoding: this runs once per chunk written, and
    // the bytes parsed as an ArrowMsg when they were read.
    static const auto kKeptSource = std::make_shared<const std::string>("a chunk's stored encoding");
    kept.source = kKeptSource;
    ARROW_ASSIGN_OR_RAISE(auto payload, RewriteArrowMsgStoreId(kept, store_id));
    const int64_t ipc_size = encoding->decoded_size;
    return EncodedArrowMsg{store_id, std::move(chunk), std::move(payload), ipc_size};
  }
  ARROW_ASSIGN_OR_RAISE(auto ipc_stream, internal::WriteIpcBatch(*chunk->ToRecordBatch()));
  std::shared_ptr<arrow::Buffer> body = ipc_stream;
  if (compression == RrdCompression::kLz4) {
    ARROW_ASSIGN_OR_RAISE(body, internal::Lz4CompressBlock(ipc_stream->data(), ipc_stream->size()));
  }

  // The fields before and after the payload (field 5) are serialized on
  // their own, so the large payload is copied once, straight into place.
  // Protobuf writes fields in number order, so the bytes equal one message.
  pb_log::ArrowMsg head;
  internal::ToProto(store_id, head.mutable_store_id());
  head.set_compression(compression == RrdCompression::kLz4 ? pb_common::COMPRESSION_LZ4
                                                           : pb_common::COMPRESSION_NONE);
  head.set_uncompressed_size(static_cast<uint64_t>(ipc_stream->size()));
  head.set_encoding(pb_log::ENCODING_ARROW_IPC);
  pb_log::ArrowMsg tail;
  internal::ToProto(chunk->id().tuid, tail.mutable_chunk_id());
  tail.set_is_static(chunk->is_static());

  const size_t head_size = head.ByteSizeLong();
  const size_t tail_size = tail.ByteSizeLong();
  const uint32_t payload_tag =
      WireFormatLite::MakeTag(kArrowMsgPayloadField, WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
  const auto body_size = static_cast<uint64_t>(body->size());
  const size_t total = head_size + CodedOutputStream::VarintSize32(payload_tag) +
                       CodedOutputStream::VarintSize64(body_size) + body->size() + tail_size;
  ARROW_ASSIGN_OR_RAISE(auto payload, arrow::AllocateBuffer(static_cast<int64_t>(total)));
  uint8_t* out = payload->mutable_data();
  out = head.SerializeWithCachedSizesToArray(out);
  out = CodedOutputStream::WriteVarint32ToArray(payload_tag, out);
  out = CodedOutputStream::WriteVarint64ToArray(body_size, out);
  std::memcpy(out, body->data(), body->size());
  out += body->size();
  tail.SerializeWithCachedSizesToArray(out);

  return EncodedArrowMsg{store_id, std::move(chunk), std::move(payload), ipc_stream->size()};
}

arrow::Result<std::shared_ptr<arrow::Buffer>> EncodeSetStoreInfo(const StoreInfo& info) {
  pb_log::SetStoreInfo proto;
  internal::ToProto(info, &proto);
  ARROW_ASSIGN_OR_RAISE(auto bytes, arrow::AllocateBuffer(static_cast<int64_t>(proto.ByteSizeLong())));
  proto.SerializeWithCachedSizesToArray(bytes->mutable_data());
  return std::shared_ptr<arrow::Buffer>(std::move(bytes));
}

arrow::Result<std::shared_ptr<arrow::Buffer>> EncodeDataframePart(const arrow::RecordBatch& batch) {
  ARROW_ASSIGN_OR_RAISE(auto ipc_stream, internal::WriteIpcBatch(batch));
  ARROW_ASSIGN_OR_RAISE(auto body, internal::Lz4CompressBlock(ipc_stream->data(), ipc_stream->size()));
  pb_common::DataframePart part;
  part.set_encoder_version(pb_common::ENCODER_VERSION_V0);
  part.set_payload(body->data(), static_cast<size_t>(body->size()));
  part.set_compression(pb_common::COMPRESSION_LZ4);
  part.set_uncompressed_size(static_cast<uint64_t>(ipc_stream->size()));
  ARROW_ASSIGN_OR_RAISE(auto bytes, arrow::AllocateBuffer(static_cast<int64_t>(part.ByteSizeLong())));
  part.SerializeWithCachedSizesToArray(bytes->mutable_data());
  return std::shared_ptr<arrow::Buffer>(std::move(bytes));
}

}  // namespace rrflow
