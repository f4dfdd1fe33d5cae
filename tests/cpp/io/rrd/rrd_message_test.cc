// Decoding single ArrowMsg payloads: compression, sizes, encodings and
// damaged content.
#include "rrflow/io/rrd/rrd_message.h"

#include <gtest/gtest.h>

#include "io/rrd/arrow_ipc_internal.h"
#include "io/rrd/lz4_block_internal.h"
#include "io/rrd/protobuf_conversion_internal.h"
#include "io/rrd/rrd_test_util.h"

namespace rrflow {
namespace {

using namespace rrflow::testing;
namespace pb_log = internal::pb_log;
namespace pb_common = internal::pb_common;

// An ArrowMsg around `ipc` with the given compression fields.
Bytes ArrowMsgBytes(const std::string& body, int compression, uint64_t uncompressed_size,
                    int encoding = pb_log::ENCODING_ARROW_IPC) {
  pb_log::ArrowMsg proto;
  internal::ToProto(Recording(), proto.mutable_store_id());
  proto.set_compression(static_cast<pb_common::Compression>(compression));
  proto.set_uncompressed_size(uncompressed_size);
  proto.set_encoding(static_cast<pb_log::Encoding>(encoding));
  proto.set_payload(body);
  const std::string bytes = proto.SerializeAsString();
  return Bytes(bytes.begin(), bytes.end());
}

std::string IpcOf(const ChunkPtr& chunk) {
  return internal::WriteIpcBatch(*chunk->ToRecordBatch()).ValueOrDie()->ToString();
}

std::string Lz4Of(const std::string& bytes) {
  return internal::Lz4CompressBlock(reinterpret_cast<const uint8_t*>(bytes.data()),
                                    static_cast<int64_t>(bytes.size()))
      .ValueOrDie()
      ->ToString();
}

std::string ErrorOf(const Bytes& payload) {
  auto result = DecodeArrowMsg(MessageOver(RrdMessageKind::kArrowMsg, payload));
  EXPECT_FALSE(result.ok());
  return result.status().message();
}

TEST(ArrowMsg, RoundTripsEveryCompression) {
  const auto chunk = TemporalChunk("/robot", 10, 4);
  for (auto compression : {RrdCompression::kLz4, RrdCompression::kNone}) {
    ASSERT_OK_AND_ASSIGN(auto encoded, EncodeArrowMsg(Recording(), chunk, compression));
    const Bytes payload(encoded.payload->data(), encoded.payload->data() + encoded.payload->size());
    ASSERT_OK_AND_ASSIGN(auto decoded,
                         DecodeArrowMsg(MessageOver(RrdMessageKind::kArrowMsg, payload)));
    EXPECT_EQ(decoded.store_id, Recording());
    EXPECT_EQ(decoded.chunk->id(), chunk->id());
    EXPECT_TRUE(
        decoded.chunk->ToRecordBatch()->Equals(*chunk->ToRecordBatch(), /*check_metadata=*/true));
  }
  // UNSPECIFIED (0) reads as uncompressed.
  const std::string ipc = IpcOf(chunk);
  ASSERT_OK_AND_ASSIGN(
      auto decoded,
      DecodeArrowMsg(MessageOver(RrdMessageKind::kArrowMsg, ArrowMsgBytes(ipc, 0, ipc.size()))));
  EXPECT_EQ(decoded.chunk->num_rows(), 4);
}

TEST(ArrowMsg, MessageStoreIdWins) {
  // The reader's resolved store id (e.g. a recovered application id) is used.
  ASSERT_OK_AND_ASSIGN(auto encoded, EncodeArrowMsg(Recording(), StaticChunk("/s")));
  auto message = MessageOver(
      RrdMessageKind::kArrowMsg,
      Bytes(encoded.payload->data(), encoded.payload->data() + encoded.payload->size()));
  message.store_id = StoreId{StoreKind::kRecording, "resolved", "rec"};
  ASSERT_OK_AND_ASSIGN(auto decoded, DecodeArrowMsg(message));
  EXPECT_EQ(decoded.store_id.application_id, "resolved");
}

TEST(ArrowMsg, WrongUncompressedSize) {
  const std::string ipc = IpcOf(TemporalChunk("/a", 0, 3));
  const std::string lz4 = Lz4Of(ipc);
  EXPECT_EQ(ErrorOf(ArrowMsgBytes(lz4, pb_common::COMPRESSION_LZ4, ipc.size() + 1)),
            "test.rrd: ArrowMsg message at byte 100: corrupted LZ4 payload: expected " +
                std::to_string(ipc.size() + 1) + " bytes after decompression, got " +
                std::to_string(ipc.size()));
  EXPECT_NE(ErrorOf(ArrowMsgBytes(lz4, pb_common::COMPRESSION_LZ4, ipc.size() - 1))
                .find("corrupted LZ4 payload"),
            std::string::npos);
}

TEST(ArrowMsg, ImpossibleSizeIsRejectedBeforeAllocating) {
  EXPECT_EQ(ErrorOf(ArrowMsgBytes("\x10 tiny", pb_common::COMPRESSION_LZ4, uint64_t{1} << 40)),
            "test.rrd: ArrowMsg message at byte 100: corrupted LZ4 payload: 6 compressed bytes "
            "cannot expand to 1099511627776");
  EXPECT_NE(ErrorOf(ArrowMsgBytes("x", pb_common::COMPRESSION_LZ4, ~uint64_t{0})).find("corrupted"),
            std::string::npos);
}

TEST(ArrowMsg, CorruptedLz4Block) {
  const std::string ipc = IpcOf(TemporalChunk("/a", 0, 3));
  std::string lz4 = Lz4Of(ipc);
  for (size_t i = 0; i < lz4.size(); i += 7) lz4[i] = static_cast<char>(lz4[i] ^ 0x5A);
  const auto error = ErrorOf(ArrowMsgBytes(lz4, pb_common::COMPRESSION_LZ4, ipc.size()));
  EXPECT_TRUE(error.starts_with("test.rrd: ArrowMsg message at byte 100: ")) << error;
}

TEST(ArrowMsg, UnsupportedEncodingAndCompression) {
  const std::string ipc = IpcOf(StaticChunk("/s"));
  EXPECT_EQ(ErrorOf(ArrowMsgBytes(ipc, pb_common::COMPRESSION_NONE, ipc.size(), 0)),
            "test.rrd: ArrowMsg message at byte 100: unsupported ArrowMsg encoding 0");
  EXPECT_EQ(ErrorOf(ArrowMsgBytes(ipc, 7, ipc.size())),
            "test.rrd: ArrowMsg message at byte 100: unknown ArrowMsg compression 7");
}

TEST(ArrowMsg, CorruptedProtobuf) {
  EXPECT_EQ(ErrorOf(HexBytes("0a ff ff ff ff 0f")),
            "test.rrd: corrupted protobuf in ArrowMsg message at byte 100");
  EXPECT_EQ(ErrorOf(HexBytes("00")),
            "test.rrd: corrupted protobuf in ArrowMsg message at byte 100");
}

TEST(ArrowMsg, ArrowIpcErrors) {
  const auto error =
      ErrorOf(ArrowMsgBytes("definitely not arrow", pb_common::COMPRESSION_NONE, 20));
  EXPECT_TRUE(error.starts_with("test.rrd: ArrowMsg message at byte 100: ")) << error;

  // A stream with a schema but no record batch.
  const auto schema_only = internal::WriteIpcSchema(*StaticChunk("/s")->ToRecordBatch()->schema())
                               .ValueOrDie()
                               ->ToString();
  EXPECT_EQ(ErrorOf(ArrowMsgBytes(schema_only, pb_common::COMPRESSION_NONE, schema_only.size())),
            "test.rrd: ArrowMsg message at byte 100: Arrow IPC stream holds no record batch");

  // Every truncation of a valid stream before its end marker fails cleanly.
  const std::string ipc = IpcOf(TemporalChunk("/a", 0, 3));
  for (size_t size = 0; size < ipc.size() - 8; size += 8) {
    auto result = DecodeArrowMsg(
        MessageOver(RrdMessageKind::kArrowMsg,
                    ArrowMsgBytes(ipc.substr(0, size), pb_common::COMPRESSION_NONE, size)));
    EXPECT_FALSE(result.ok()) << size;
  }
}

TEST(ArrowMsg, InvalidChunkNamesTheMessage) {
  // A record batch that is not a chunk (no row ids).
  auto batch = arrow::RecordBatch::Make(arrow::schema({arrow::field("x", arrow::int64())}), 2,
                                        {Int64s({1, 2})});
  const auto ipc = internal::WriteIpcBatch(*batch).ValueOrDie()->ToString();
  EXPECT_EQ(ErrorOf(ArrowMsgBytes(ipc, pb_common::COMPRESSION_NONE, ipc.size())),
            "test.rrd: ArrowMsg message at byte 100: Missing RowId column");
}

}  // namespace
}  // namespace rrflow
