// Byte-exactness of our protobuf messages against the spec's worked example
// and against bytes written by rerun-sdk 0.33.1; reading rules.
#include <gtest/gtest.h>

#include "io/rrd/protobuf_conversion_internal.h"
#include "io/rrd/rrd_test_util.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/rrd_message_reader.h"
#include "rrflow/io/rrd/rrd_writer.h"

namespace rrflow {
namespace {

using namespace rrflow::testing;
namespace pb_log = internal::pb_log;
namespace pb_common = internal::pb_common;

std::string AsString(const arrow::Buffer& buffer) { return buffer.ToString(); }

// Every message of a committed SDK file.
std::vector<RrdMessage> MessagesOf(const std::string& name) {
  std::vector<RrdMessage> messages;
  EXPECT_TRUE(ReadAllMessages(ReadFileBytes(TestDataPath(name)), &messages).ok());
  return messages;
}

StoreInfo WorkedExampleStoreInfo() {
  pb_log::PythonVersion python;
  python.set_major(3);
  python.set_minor(11);
  python.set_patch(13);
  StoreInfo info;
  info.row_id = Tuid{0x18B0AA9FA79D5188, 0x6952b7c6bb9f6ed4};
  info.store_id = StoreId{StoreKind::kRecording, "my_app", "my_rec"};
  info.store_source = StoreSource{StoreSourceKind::kPythonSdk, python.SerializeAsString()};
  info.store_version = RerunVersion{0, 36, 2};
  return info;
}

TEST(ProtobufEncoding, WorkedExampleSetStoreInfo) {
  pb_log::SetStoreInfo proto;
  internal::ToProto(WorkedExampleStoreInfo(), &proto);
  const Bytes expected = HexBytes(
      "0a 12 09 88 51 9d a7 9f aa b0 18 11 d4 6e 9f bb c6 b7 52 69"
      "12 2a 12 14 08 01 12 06 6d 79 5f 72 65 63 1a 08 0a 06 6d 79 5f 61 70 70"
      "2a 0c 08 02 12 08 0a 06 08 03 10 0b 18 0d 32 04 08 80 c8 08");
  ASSERT_EQ(expected.size(), 64u);
  const std::string bytes = proto.SerializeAsString();
  EXPECT_EQ(Bytes(bytes.begin(), bytes.end()), expected);
}

TEST(ProtobufEncoding, WorkedExampleWholeStream) {
  // Header for 0.36.2, the SetStoreInfo frame, then End with an empty footer
  // and the trailer whose checksum is xxh32 of nothing.
  const auto path = (TestDirectory() / "example.rrd").string();
  RrdWriterOptions options;
  options.version = RerunVersion{0, 36, 2};
  auto writer = RrdWriter::Open(path, options);
  ASSERT_TRUE(writer.ok());
  ASSERT_OK((*writer)->WriteStoreInfo(WorkedExampleStoreInfo()));
  ASSERT_OK((*writer)->Finish());
  const Bytes bytes = ReadFileBytes(path);
  const Bytes expected_start = HexBytes(
      "52 52 46 32 00 24 02 00 01 02 00 00"
      "01 00 00 00 00 00 00 00 40 00 00 00 00 00 00 00");
  const Bytes expected_end = HexBytes(
      "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
      "6c 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 71 36 97 2a 52 52 46 32 46 4f 4f 54 01 00 "
      "00 00");
  ASSERT_EQ(bytes.size(), 12u + 16 + 64 + 16 + 32);
  EXPECT_EQ(Bytes(bytes.begin(), bytes.begin() + 28), expected_start);
  EXPECT_EQ(Bytes(bytes.end() - 48, bytes.end()), expected_end);
}

TEST(ProtobufEncoding, OptionalZeroesAndEmptyMessagesAreWritten) {
  pb_common::Tuid zero;
  internal::ToProto(Tuid{0, 0}, &zero);
  EXPECT_EQ(zero.SerializeAsString(), std::string("\x09\0\0\0\0\0\0\0\0\x11\0\0\0\0\0\0\0\0", 18));

  pb_log::ArrowMsg message;
  message.set_is_static(false);
  EXPECT_EQ(message.SerializeAsString(), std::string("\x38\x00", 2));

  pb_log::StoreSource source;
  source.mutable_extra();
  EXPECT_EQ(source.SerializeAsString(), std::string("\x12\x00", 2));

  // A negative int32 is a 10-byte varint.
  pb_log::StoreVersion version;
  version.set_crate_version_bits(
      RerunVersion{0, 37, 0, RerunVersion::Tag::kAlphaDev, 1}.ToStoreVersionBits());
  EXPECT_EQ(version.SerializeAsString().size(), 1u + 10);
}

TEST(ProtobufEncoding, SdkStoreInfosReencodeToTheSameBytes) {
  for (const char* name : {"rerun_0_33_1_recording.rrd", "rerun_0_33_1_chunk_pipeline.rrd",
                           "rerun_0_33_1_with_blueprint.rrd"}) {
    int store_infos = 0;
    for (const auto& message : MessagesOf(name)) {
      if (message.kind != RrdMessageKind::kSetStoreInfo) continue;
      ASSERT_OK_AND_ASSIGN(auto info, DecodeSetStoreInfo(message));
      pb_log::SetStoreInfo proto;
      internal::ToProto(info, &proto);
      EXPECT_EQ(proto.SerializeAsString(), AsString(*message.payload)) << name;
      ++store_infos;
    }
    EXPECT_GT(store_infos, 0) << name;
  }
}

TEST(ProtobufEncoding, ChunkPipelineStoreInfoIsWhatWriteRrdWrites) {
  for (const auto& message : MessagesOf("rerun_0_33_1_chunk_pipeline.rrd")) {
    if (message.kind != RrdMessageKind::kSetStoreInfo) continue;
    ASSERT_OK_AND_ASSIGN(auto info, DecodeSetStoreInfo(message));
    auto expected = ChunkPipelineStoreInfo(info.store_id);
    expected.row_id = info.row_id;
    EXPECT_EQ(info, expected);
  }
}

TEST(ProtobufEncoding, SdkMessagesReparseToTheSameBytes) {
  // Our .proto files describe every field the SDK writes: nothing lands in
  // unknown fields, and re-serialising gives the SDK's bytes back.
  int checked = 0;
  for (const auto& message : MessagesOf("rerun_0_33_1_with_blueprint.rrd")) {
    std::unique_ptr<google::protobuf::MessageLite> proto;
    switch (message.kind) {
      case RrdMessageKind::kArrowMsg:
        proto = std::make_unique<pb_log::ArrowMsg>();
        break;
      case RrdMessageKind::kBlueprintActivationCommand:
        proto = std::make_unique<pb_log::BlueprintActivationCommand>();
        break;
      case RrdMessageKind::kEnd:
        proto = std::make_unique<pb_log::RrdFooter>();
        break;
      case RrdMessageKind::kSetStoreInfo:
        proto = std::make_unique<pb_log::SetStoreInfo>();
        break;
    }
    ASSERT_TRUE(proto->ParseFromString(AsString(*message.payload)));
    EXPECT_EQ(proto->SerializeAsString(), AsString(*message.payload))
        << RrdMessageKindName(message.kind);
    ++checked;
  }
  EXPECT_GT(checked, 10);
}

TEST(ProtobufEncoding, SdkBlueprintActivationReencodes) {
  int commands = 0;
  for (const auto& message : MessagesOf("rerun_0_33_1_with_blueprint.rrd")) {
    if (message.kind != RrdMessageKind::kBlueprintActivationCommand) continue;
    ASSERT_OK_AND_ASSIGN(auto command, DecodeBlueprintActivationCommand(message));
    EXPECT_EQ(command.blueprint_id.kind, StoreKind::kBlueprint);
    EXPECT_TRUE(command.make_default);
    pb_log::BlueprintActivationCommand proto;
    internal::ToProto(command, &proto);
    EXPECT_EQ(proto.SerializeAsString(), AsString(*message.payload));
    ++commands;
  }
  EXPECT_EQ(commands, 1);
}

TEST(ProtobufEncoding, EncodedArrowMsgIsOneProtobufMessage) {
  for (auto compression : {RrdCompression::kLz4, RrdCompression::kNone}) {
    for (const auto& chunk : {TemporalChunk("/a", 0, 5), StaticChunk("/s")}) {
      ASSERT_OK_AND_ASSIGN(auto encoded, EncodeArrowMsg(Recording(), chunk, compression));
      pb_log::ArrowMsg proto;
      ASSERT_TRUE(proto.ParseFromString(AsString(*encoded.payload)));
      EXPECT_EQ(proto.SerializeAsString(), AsString(*encoded.payload));
      EXPECT_EQ(internal::FromProto(proto.store_id()), Recording());
      EXPECT_EQ(proto.compression(), compression == RrdCompression::kLz4
                                         ? pb_common::COMPRESSION_LZ4
                                         : pb_common::COMPRESSION_NONE);
      EXPECT_EQ(proto.encoding(), pb_log::ENCODING_ARROW_IPC);
      EXPECT_EQ(static_cast<int64_t>(proto.uncompressed_size()), encoded.ipc_size);
      ASSERT_TRUE(proto.has_chunk_id() && proto.has_is_static());
      EXPECT_EQ(proto.chunk_id().time_ns(), chunk->id().tuid.time_ns);
      EXPECT_EQ(proto.chunk_id().inc(), chunk->id().tuid.counter);
      EXPECT_EQ(proto.is_static(), chunk->is_static());
    }
  }
}

TEST(ProtobufEncoding, ReadsAnyFieldOrderAndUnknownFields) {
  ASSERT_OK_AND_ASSIGN(auto encoded, EncodeArrowMsg(Recording(), TemporalChunk("/a", 0, 3)));
  pb_log::ArrowMsg proto;
  ASSERT_TRUE(proto.ParseFromString(AsString(*encoded.payload)));
  // Payload first, store id last, an unknown varint field 99 in between.
  pb_log::ArrowMsg payload_only, rest;
  payload_only.set_payload(proto.payload());
  rest = proto;
  rest.clear_payload();
  std::string shuffled = payload_only.SerializeAsString();
  shuffled += std::string("\x98\x06\x2a", 3);  // field 99, varint 42
  shuffled += rest.SerializeAsString();
  const Bytes bytes(shuffled.begin(), shuffled.end());
  const auto message = MessageOver(RrdMessageKind::kArrowMsg, bytes);
  ASSERT_OK_AND_ASSIGN(auto store_id, DecodeArrowMsgStoreId(message));
  EXPECT_EQ(store_id, Recording());
  ASSERT_OK_AND_ASSIGN(auto decoded, DecodeArrowMsg(message));
  EXPECT_EQ(decoded.chunk->num_rows(), 3);
}

TEST(ProtobufEncoding, RequiredFields) {
  auto set_store_info_error = [](const pb_log::SetStoreInfo& proto) {
    const std::string bytes = proto.SerializeAsString();
    auto result = DecodeSetStoreInfo(
        MessageOver(RrdMessageKind::kSetStoreInfo, Bytes(bytes.begin(), bytes.end())));
    EXPECT_FALSE(result.ok());
    return result.status().message();
  };
  pb_log::SetStoreInfo complete;
  internal::ToProto(ChunkPipelineStoreInfo(Recording()), &complete);

  auto missing = complete;
  missing.clear_row_id();
  EXPECT_EQ(set_store_info_error(missing),
            "test.rrd: SetStoreInfo message at byte 100: SetStoreInfo is missing its row_id");
  missing = complete;
  missing.mutable_row_id()->clear_inc();
  EXPECT_NE(set_store_info_error(missing).find("Tuid is missing its inc half"), std::string::npos);
  missing = complete;
  missing.mutable_info()->clear_store_source();
  EXPECT_NE(set_store_info_error(missing).find("missing its store_source"), std::string::npos);
  missing = complete;
  missing.mutable_info()->mutable_store_source()->clear_extra();
  EXPECT_NE(set_store_info_error(missing).find("missing its extra"), std::string::npos);

  pb_log::ArrowMsg arrow_msg;
  arrow_msg.set_encoding(pb_log::ENCODING_ARROW_IPC);
  const std::string bytes = arrow_msg.SerializeAsString();
  const auto message = MessageOver(RrdMessageKind::kArrowMsg, Bytes(bytes.begin(), bytes.end()));
  EXPECT_EQ(DecodeArrowMsg(message).status().message(),
            "test.rrd: ArrowMsg is missing its store_id at byte 100");
  EXPECT_EQ(DecodeArrowMsgStoreId(message).status().message(),
            "test.rrd: ArrowMsg is missing its store_id at byte 100");
}

TEST(ProtobufEncoding, LegacyApplicationIdFallback) {
  // SDKs <= 0.24 put the application id in StoreInfo, not in the StoreId.
  pb_log::SetStoreInfo proto;
  internal::ToProto(ChunkPipelineStoreInfo(Recording()), &proto);
  proto.mutable_info()->mutable_store_id()->clear_application_id();
  proto.mutable_info()->mutable_application_id()->set_id("legacy");
  const std::string bytes = proto.SerializeAsString();
  ASSERT_OK_AND_ASSIGN(auto info,
                       DecodeSetStoreInfo(MessageOver(RrdMessageKind::kSetStoreInfo,
                                                      Bytes(bytes.begin(), bytes.end()))));
  EXPECT_EQ(info.store_id.application_id, "legacy");
}

}  // namespace
}  // namespace rrflow
