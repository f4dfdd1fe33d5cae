// RRD messages: one framed message of a `.rrd` stream, and the pure functions
// that decode and encode message payloads (safe to call from many threads).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <arrow/buffer.h>
#include <arrow/record_batch.h>
#include <arrow/result.h>

#include "rrflow/chunk/chunk.h"
#include "rrflow/core/store_id.h"
#include "rrflow/io/rrd/rerun_version.h"
#include "rrflow/io/rrd/store_info.h"

namespace rrflow {

/// The kind of a framed message; the values are the frame's kind field.
enum class RrdMessageKind : uint64_t {
  kEnd = 0,                         ///< end of a stream; the payload is an RrdFooter (maybe empty)
  kSetStoreInfo = 1,                ///< announces a store
  kArrowMsg = 2,                    ///< one chunk
  kBlueprintActivationCommand = 3,  ///< asks the viewer to use a blueprint
};

/// `End`, `SetStoreInfo`, `ArrowMsg` or `BlueprintActivationCommand`.
std::string_view RrdMessageKindName(RrdMessageKind kind);

/// One framed message read from a file, with enough context to decode it on
/// any thread and to name its place in errors.
struct RrdMessage {
  /// What the payload holds.
  RrdMessageKind kind = RrdMessageKind::kEnd;
  /// Absolute file offset of the 16-byte message header.
  int64_t header_offset = 0;
  /// Absolute file offset of the header of the stream the message is in;
  /// footer offsets are relative to it.
  int64_t stream_offset = 0;
  /// The version in that stream's header.
  RerunVersion stream_version;
  /// The protobuf payload (zero copy from a memory-mapped file).
  std::shared_ptr<arrow::Buffer> payload;
  /// The file the message comes from, for error messages.
  std::shared_ptr<const std::string> source;
  /// The store a SetStoreInfo, ArrowMsg or BlueprintActivationCommand is
  /// about, as RrdMessageReader found it; for streams older than 0.25 whose
  /// store ids lack an application id, the one announced by the store's
  /// SetStoreInfo. Unset for End messages and for messages built by hand.
  std::optional<StoreId> store_id;

  /// Absolute file offset of the payload.
  int64_t payload_offset() const { return header_offset + 16; }
};

/// A blueprint activation request (frame kind 3).
struct BlueprintActivationCommand {
  StoreId blueprint_id;       ///< the blueprint store to activate
  bool make_active = false;   ///< activate it now
  bool make_default = false;  ///< make it the application's default blueprint

  /// Equal in every field.
  bool operator==(const BlueprintActivationCommand&) const = default;
};

/// A decoded ArrowMsg: the chunk and the store it belongs to.
struct StoreChunk {
  StoreId store_id;  ///< the store the chunk belongs to
  ChunkPtr chunk;    ///< the chunk (null marks the end in RrdChunkReader::Next)
  /// Length of the chunk's uncompressed Arrow IPC stream, when decoded from a message.
  int64_t ipc_size = 0;
  /// The message is encoded as EncodeArrowMsg encodes today (LZ4, the
  /// current sorbet version, chunk id and static flag given), so that a
  /// writer may copy it instead (see KeepArrowMsgEncoding).
  bool payload_is_current = false;
};

/// How ArrowMsg payloads are compressed.
enum class RrdCompression {
  kNone,  ///< plain Arrow IPC stream
  kLz4,   ///< the IPC stream as one LZ4 block (what Rerun writes)
};

/// Decodes an ArrowMsg payload: protobuf, LZ4 block, Arrow IPC, legacy
/// sorbet migrations, then the chunk. Thread-safe and pure. Errors name the
/// message's file and byte offset.
arrow::Result<StoreChunk> DecodeArrowMsg(const RrdMessage& message);

/// Format name of the ChunkEncoding KeepArrowMsgEncoding attaches.
inline constexpr std::string_view kArrowMsgEncoding = "rrd.ArrowMsg";

/// `decoded.chunk`, remembering `message`'s payload as its ChunkEncoding when
/// it is current (StoreChunk::payload_is_current); else the chunk as it is.
ChunkPtr KeepArrowMsgEncoding(const StoreChunk& decoded, const RrdMessage& message);

/// Reads only the store id of an ArrowMsg payload (cheap: no decompression).
arrow::Result<StoreId> DecodeArrowMsgStoreId(const RrdMessage& message);

/// The ArrowMsg payload of `message` with its store id replaced by
/// `store_id`: every other field (the compressed chunk included) is copied
/// byte for byte. `decoded`, the message's chunk when the caller has
/// decoded it, supplies the chunk id and static flag fields that older
/// writers left out (readers of today require them). Errors name the
/// message's file and byte offset.
arrow::Result<std::shared_ptr<arrow::Buffer>> RewriteArrowMsgStoreId(const RrdMessage& message,
                                                                     const StoreId& store_id,
                                                                     const Chunk* decoded = nullptr);

/// Decodes a SetStoreInfo payload. A store id without application id takes
/// the legacy `StoreInfo.application_id`.
arrow::Result<StoreInfo> DecodeSetStoreInfo(const RrdMessage& message);

/// Decodes a BlueprintActivationCommand payload.
arrow::Result<BlueprintActivationCommand> DecodeBlueprintActivationCommand(
    const RrdMessage& message);

/// An ArrowMsg payload ready to be framed, with what the writer's manifest
/// needs to know about it.
struct EncodedArrowMsg {
  StoreId store_id;  ///< the store the chunk belongs to
  ChunkPtr chunk;    ///< the chunk encoded
  /// The protobuf-encoded ArrowMsg.
  std::shared_ptr<arrow::Buffer> payload;
  /// Length of the uncompressed Arrow IPC stream.
  int64_t ipc_size = 0;
};

/// Encodes a chunk as an ArrowMsg payload the way Rerun does: Arrow IPC
/// stream of the chunk's record batch, optionally one LZ4 block, plus store
/// id, chunk id and static flag. A chunk that remembers an LZ4 ArrowMsg it
/// was decoded from (KeepArrowMsgEncoding) is not encoded again: that
/// payload is copied with `store_id` put in. Thread-safe and pure, so a
/// writer can encode chunks in parallel and frame them in order.
arrow::Result<EncodedArrowMsg> EncodeArrowMsg(const StoreId& store_id, ChunkPtr chunk,
                                              RrdCompression compression = RrdCompression::kLz4);

/// Encodes `batch` as a serialized DataframePart, as tables travel to a
/// viewer: encoder V0, the Arrow IPC stream of the batch as one LZ4 block.
arrow::Result<std::shared_ptr<arrow::Buffer>> EncodeDataframePart(const arrow::RecordBatch& batch);

/// Encodes a SetStoreInfo payload (what DecodeSetStoreInfo reads back).
arrow::Result<std::shared_ptr<arrow::Buffer>> EncodeSetStoreInfo(const StoreInfo& info);

}  // namespace rrflow
