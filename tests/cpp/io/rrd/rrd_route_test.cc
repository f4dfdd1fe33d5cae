// RouteRrdFiles and RewriteArrowMsgStoreId: new store ids, chunk bytes copied
// unchanged, a footer that describes the result, blueprint activations.
#include "rrflow/io/rrd/rrd_route.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "io/rrd/protobuf_conversion_internal.h"
#include "io/rrd/rrd_test_util.h"
#include "rrflow/io/rrd/rrd_file.h"
#include "rrflow/io/rrd/rrd_verify.h"

namespace rrflow {
namespace {

using namespace rrflow::testing;
namespace pb_log = internal::pb_log;

StoreId Blueprint() { return StoreId{StoreKind::kBlueprint, "app", "bp"}; }

// The chunk bytes (field 5) of an ArrowMsg payload, as stored.
std::string ChunkBytes(const arrow::Buffer& payload) {
  pb_log::ArrowMsg proto;
  EXPECT_TRUE(proto.ParseFromArray(payload.data(), static_cast<int>(payload.size())));
  return proto.payload();
}

std::vector<RrdMessage> MessagesOf(const std::string& path) {
  std::vector<RrdMessage> messages;
  const auto status = ReadAllMessages(ReadFileBytes(path), &messages);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return messages;
}

// A recording with a blueprint and its activation.
void WriteWithBlueprint(const std::string& path) {
  ASSERT_OK_AND_ASSIGN(auto writer, RrdWriter::Open(path));
  ASSERT_OK(writer->WriteChunk(Recording(), TemporalChunk("/points", 0, 4)));
  ASSERT_OK(writer->WriteChunk(Blueprint(), StaticChunk("/viewport")));
  ASSERT_OK(writer->WriteBlueprintActivation(BlueprintActivationCommand{Blueprint(), true, true}));
  ASSERT_OK(writer->WriteChunk(Recording(), StaticChunk("/text")));
  ASSERT_OK(writer->Finish());
}

TEST(RewriteArrowMsgStoreId, ReplacesTheStoreIdAndCopiesTheChunkBytes) {
  ASSERT_OK_AND_ASSIGN(auto encoded, EncodeArrowMsg(Recording(), TemporalChunk("/points", 0, 3)));
  const auto message = MessageOver(RrdMessageKind::kArrowMsg,
                                    Bytes(encoded.payload->data(), encoded.payload->data() + encoded.payload->size()));
  const StoreId routed{StoreKind::kRecording, "other_app", "other_rec"};
  ASSERT_OK_AND_ASSIGN(auto rewritten, RewriteArrowMsgStoreId(message, routed, encoded.chunk.get()));
  EXPECT_EQ(ChunkBytes(*rewritten), ChunkBytes(*encoded.payload));

  auto decoded_message = message;
  decoded_message.payload = rewritten;
  ASSERT_OK_AND_ASSIGN(auto decoded, DecodeArrowMsg(decoded_message));
  EXPECT_EQ(decoded.store_id, routed);
  EXPECT_TRUE(decoded.chunk->ToRecordBatch()->Equals(*encoded.chunk->ToRecordBatch(), true));
  // The chunk id and static flag were there already: they are not repeated.
  pb_log::ArrowMsg old_id, new_id;
  internal::ToProto(Recording(), old_id.mutable_store_id());
  internal::ToProto(routed, new_id.mutable_store_id());
  EXPECT_EQ(rewritten->size() - encoded.payload->size(),
            static_cast<int64_t>(new_id.ByteSizeLong()) - static_cast<int64_t>(old_id.ByteSizeLong()));
}

TEST(RewriteArrowMsgStoreId, AddsTheChunkIdAndStaticFlagOldWritersLeftOut) {
  ASSERT_OK_AND_ASSIGN(auto encoded, EncodeArrowMsg(Recording(), StaticChunk("/text")));
  pb_log::ArrowMsg old_style;
  ASSERT_TRUE(old_style.ParseFromArray(encoded.payload->data(), static_cast<int>(encoded.payload->size())));
  old_style.clear_chunk_id();
  old_style.clear_is_static();
  const std::string bytes = old_style.SerializeAsString();
  const auto message = MessageOver(RrdMessageKind::kArrowMsg, Bytes(bytes.begin(), bytes.end()));
  ASSERT_OK_AND_ASSIGN(auto rewritten, RewriteArrowMsgStoreId(message, Recording("new"), encoded.chunk.get()));
  pb_log::ArrowMsg proto;
  ASSERT_TRUE(proto.ParseFromArray(rewritten->data(), static_cast<int>(rewritten->size())));
  ASSERT_TRUE(proto.has_chunk_id());
  ASSERT_OK_AND_ASSIGN(auto chunk_id, internal::FromProto(proto.chunk_id()));
  EXPECT_EQ(chunk_id, encoded.chunk->id().tuid);
  EXPECT_TRUE(proto.has_is_static() && proto.is_static());
  EXPECT_EQ(proto.store_id().recording_id(), "new");
}

TEST(RewriteArrowMsgStoreId, ADamagedPayloadNamesTheFileAndOffset) {
  const auto chunk = StaticChunk("/text");
  ASSERT_OK_AND_ASSIGN(auto encoded, EncodeArrowMsg(Recording(), chunk));
  Bytes truncated(encoded.payload->data(), encoded.payload->data() + encoded.payload->size() / 2);
  auto status = RewriteArrowMsgStoreId(MessageOver(RrdMessageKind::kArrowMsg, truncated, 400), Recording())
                    .status();
  EXPECT_TRUE(status.IsInvalid());
  EXPECT_NE(status.message().find("test.rrd"), std::string::npos) << status.ToString();
  EXPECT_NE(status.message().find("400"), std::string::npos) << status.ToString();
}

TEST(RouteRrdFiles, EveryStoreGetsTheNewIdsAndEveryChunkItsBytes) {
  const auto dir = TestDirectory();
  const auto input = (dir / "in.rrd").string();
  const auto output = (dir / "out.rrd").string();
  WriteWithBlueprint(input);
  RrdRouteOptions options;
  options.application_id = "fleet";
  options.recording_id = "robot7";
  ASSERT_OK_AND_ASSIGN(auto result, RouteRrdFiles({input}, output, options));
  EXPECT_EQ(result.chunks, 3);
  EXPECT_EQ(result.dropped_blueprint_activations, 0);

  const auto before = MessagesOf(input);
  const auto after = MessagesOf(output);
  std::vector<std::string> chunks_before, chunks_after;
  std::vector<StoreId> stores_after;
  for (const auto& message : before) {
    if (message.kind == RrdMessageKind::kArrowMsg) chunks_before.push_back(ChunkBytes(*message.payload));
  }
  bool activation_seen = false;
  for (const auto& message : after) {
    if (message.kind == RrdMessageKind::kArrowMsg) {
      chunks_after.push_back(ChunkBytes(*message.payload));
      stores_after.push_back(*message.store_id);
    }
    if (message.kind == RrdMessageKind::kBlueprintActivationCommand) {
      ASSERT_OK_AND_ASSIGN(auto command, DecodeBlueprintActivationCommand(message));
      EXPECT_EQ(command.blueprint_id, (StoreId{StoreKind::kBlueprint, "fleet", "robot7"}));
      activation_seen = true;
    }
  }
  EXPECT_TRUE(activation_seen);
  EXPECT_EQ(chunks_after, chunks_before);
  const StoreId recording{StoreKind::kRecording, "fleet", "robot7"};
  const StoreId blueprint{StoreKind::kBlueprint, "fleet", "robot7"};
  EXPECT_EQ(stores_after, (std::vector<StoreId>{recording, blueprint, recording}));

  ASSERT_OK_AND_ASSIGN(auto verification, VerifyRrdFile(output));
  EXPECT_TRUE(verification.ok()) << verification.problems.front();
  ASSERT_OK_AND_ASSIGN(auto file, RrdFile::Open(output));
  ASSERT_OK_AND_ASSIGN(auto manifests, file->ReadFooter());
  ASSERT_TRUE(manifests.has_value());
  ASSERT_EQ(manifests->size(), 2u);
  EXPECT_EQ((*manifests)[0].store_id, recording);
  EXPECT_EQ((*manifests)[0].data->num_rows(), 2);
}

TEST(RouteRrdFiles, ACarriedFooterSaysWhatDecodingTheChunksWould) {
  const auto dir = TestDirectory();
  const std::vector<ChunkPtr> chunks = {StaticChunk("/text"), TemporalChunk("/points", 0, 4),
                                        TemporalChunk("/points", 4, 2)};
  const auto with_footer = (dir / "with_footer.rrd").string();
  const auto without_footer = (dir / "without_footer.rrd").string();
  WriteChunks(with_footer, chunks);
  RrdWriterOptions no_footer;
  no_footer.write_footer = false;
  WriteChunks(without_footer, chunks, no_footer);
  RrdRouteOptions options;
  options.recording_id = "routed";
  ASSERT_OK(RouteRrdFiles({with_footer}, (dir / "carried.rrd").string(), options).status());
  ASSERT_OK(RouteRrdFiles({without_footer}, (dir / "decoded.rrd").string(), options).status());

  auto footer_of = [](const std::string& path) {
    auto file = RrdFile::Open(path);
    EXPECT_TRUE(file.ok());
    auto manifests = (*file)->ReadFooter();
    EXPECT_TRUE(manifests.ok() && manifests->has_value() && (*manifests)->size() == 1u);
    return (**manifests)[0];
  };
  const auto carried = footer_of((dir / "carried.rrd").string());
  const auto decoded = footer_of((dir / "decoded.rrd").string());
  EXPECT_EQ(carried.store_id, (StoreId{StoreKind::kRecording, "app", "routed"}));
  EXPECT_TRUE(carried.sorbet_schema->Equals(*decoded.sorbet_schema, /*check_metadata=*/true));
  EXPECT_TRUE(carried.data->Equals(*decoded.data, /*check_metadata=*/true))
      << carried.data->ToString() << "\n" << decoded.data->ToString();
  ASSERT_OK_AND_ASSIGN(auto verification, VerifyRrdFile((dir / "carried.rrd").string()));
  EXPECT_TRUE(verification.ok()) << verification.problems.front();
}

TEST(RouteRrdFiles, OnlyTheGivenIdChanges) {
  const auto dir = TestDirectory();
  const auto input = (dir / "in.rrd").string();
  const auto output = (dir / "out.rrd").string();
  WriteWithBlueprint(input);
  RrdRouteOptions options;
  options.application_id = "fleet";
  ASSERT_OK(RouteRrdFiles({input}, output, options).status());
  ASSERT_OK_AND_ASSIGN(auto reader, RrdMessageReader::Open(output));
  ASSERT_OK_AND_ASSIGN(auto stores, ScanRrdStores(*reader));
  ASSERT_EQ(stores.size(), 2u);
  EXPECT_EQ(stores[0].store_id, (StoreId{StoreKind::kRecording, "fleet", "rec"}));
  EXPECT_EQ(stores[1].store_id, (StoreId{StoreKind::kBlueprint, "fleet", "bp"}));
}

TEST(RouteRrdFiles, SeveralInputsBecomeOneRecordingWithoutBlueprintActivations) {
  const auto dir = TestDirectory();
  const auto first = (dir / "first.rrd").string();
  const auto second = (dir / "second.rrd").string();
  const auto output = (dir / "out.rrd").string();
  WriteWithBlueprint(first);
  WriteChunks(second, {TemporalChunk("/points", 4, 2)});
  RrdRouteOptions options;
  options.recording_id = "joined";
  ASSERT_OK_AND_ASSIGN(auto result, RouteRrdFiles({first, second}, output, options));
  EXPECT_EQ(result.chunks, 4);
  EXPECT_EQ(result.dropped_blueprint_activations, 1);
  int64_t recording_chunks = 0;
  for (const auto& message : MessagesOf(output)) {
    EXPECT_NE(message.kind, RrdMessageKind::kBlueprintActivationCommand);
    if (message.kind == RrdMessageKind::kArrowMsg &&
        *message.store_id == StoreId{StoreKind::kRecording, "app", "joined"}) {
      ++recording_chunks;
    }
  }
  EXPECT_EQ(recording_chunks, 3);
  ASSERT_OK_AND_ASSIGN(auto verification, VerifyRrdFile(output));
  EXPECT_TRUE(verification.ok()) << verification.problems.front();
}

TEST(RouteRrdFiles, AMissingInputFailsBeforeAnythingIsWritten) {
  const auto dir = TestDirectory();
  const auto input = (dir / "in.rrd").string();
  const auto output = (dir / "out.rrd").string();
  WriteChunks(input, {StaticChunk("/text")});
  auto status = RouteRrdFiles({input, (dir / "missing.rrd").string()}, output).status();
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("missing.rrd"), std::string::npos) << status.ToString();
  EXPECT_FALSE(std::filesystem::exists(output));
}

TEST(RouteRrdFiles, DamageInAnInputIsAnErrorAndNothingIsWritten) {
  const auto dir = TestDirectory();
  const auto input = (dir / "in.rrd").string();
  const auto output = (dir / "out.rrd").string();
  Bytes bytes = WriteChunks(input, {TemporalChunk("/points", 0, 4), StaticChunk("/text")});
  bytes.resize(bytes.size() - 200);
  WriteFileBytes(input, bytes);
  auto status = RouteRrdFiles({input}, output).status();
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("in.rrd"), std::string::npos) << status.ToString();
  EXPECT_FALSE(std::filesystem::exists(output));
}

TEST(RouteRrdFiles, AnInterruptStopsIt) {
  const auto dir = TestDirectory();
  const auto input = (dir / "in.rrd").string();
  const auto output = (dir / "out.rrd").string();
  WriteChunks(input, {StaticChunk("/text")});
  RrdRouteOptions options;
  options.interrupt_check = [] { return arrow::Status::Cancelled("interrupted"); };
  EXPECT_TRUE(RouteRrdFiles({input}, output, options).status().IsCancelled());
  EXPECT_FALSE(std::filesystem::exists(output));
}

}  // namespace
}  // namespace rrflow
