// Chunks read from an .rrd file and written again unchanged are copied from
// the bytes they were decoded from; anything that changes a chunk, or an old
// encoding, is encoded afresh; collecting keeps no bytes.
#include <gtest/gtest.h>

#include "io/rrd/protobuf_conversion_internal.h"
#include "io/rrd/rrd_test_util.h"
#include "rrflow/io/rrd/rrd_reader.h"
#include "rrflow/io/rrd/rrd_sink.h"
#include "rrflow/io/rrd/rrd_verify.h"
#include "rrflow/stream/lazy_chunk_stream.h"

namespace rrflow {
namespace {

using namespace rrflow::testing;
namespace pb_log = internal::pb_log;

// The stored chunk bytes (ArrowMsg field 5) of every ArrowMsg of a file.
std::vector<std::string> StoredChunks(const std::string& path) {
  std::vector<RrdMessage> messages;
  const auto status = ReadAllMessages(ReadFileBytes(path), &messages);
  EXPECT_TRUE(status.ok()) << status.ToString();
  std::vector<std::string> stored;
  for (const auto& message : messages) {
    if (message.kind != RrdMessageKind::kArrowMsg) continue;
    pb_log::ArrowMsg proto;
    EXPECT_TRUE(proto.ParseFromArray(message.payload->data(), static_cast<int>(message.payload->size())));
    stored.push_back(proto.payload());
  }
  return stored;
}

StreamNodePtr StreamOf(const std::string& path) {
  auto reader = RrdReader::Open(path);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  auto store = (*reader)->SelectStore({});
  EXPECT_TRUE(store.ok());
  return (*reader)->Stream(*store);
}

std::string WrittenFile(const std::filesystem::path& dir, const std::vector<ChunkPtr>& chunks) {
  const auto path = (dir / "in.rrd").string();
  WriteChunks(path, chunks);
  return path;
}

TEST(ChunkEncoding, UnchangedChunksAreCopiedWithTheNewStoreId) {
  const auto dir = TestDirectory();
  const auto input = WrittenFile(dir, {StaticChunk("/text"), TemporalChunk("/points", 0, 5)});
  const auto output = (dir / "copied.rrd").string();
  const StoreId target{StoreKind::kRecording, "other_app", "other_rec"};
  ASSERT_OK(WriteRrd(MakeFilter(StreamOf(input), FilterCriteria{}), output, target));
  EXPECT_EQ(StoredChunks(output), StoredChunks(input));
  ASSERT_OK_AND_ASSIGN(auto reader, RrdMessageReader::Open(output));
  ASSERT_OK_AND_ASSIGN(auto stores, ScanRrdStores(*reader));
  ASSERT_EQ(stores.size(), 1u);
  EXPECT_EQ(stores[0].store_id, target);
  ASSERT_OK_AND_ASSIGN(auto verification, VerifyRrdFile(output));
  EXPECT_TRUE(verification.ok()) << verification.problems.front();
}

TEST(ChunkEncoding, AChangedChunkIsEncodedAgain) {
  const auto dir = TestDirectory();
  const auto input = WrittenFile(dir, {TemporalChunk("/points", 0, 5)});
  const auto output = (dir / "moved.rrd").string();
  auto moved = MakeTransform(StreamOf(input), [](const ChunkPtr& chunk) -> arrow::Result<std::vector<ChunkPtr>> {
    return std::vector<ChunkPtr>{chunk->WithEntityPath(EntityPath::Parse("/moved"))};
  });
  ASSERT_OK(WriteRrd(moved, output, Recording()));
  EXPECT_NE(StoredChunks(output), StoredChunks(input));
  ASSERT_OK_AND_ASSIGN(auto chunks, ToChunks(StreamOf(output)));
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0]->entity_path().ToString(), "/moved");
}

TEST(ChunkEncoding, OnlyWritersAskForTheBytes) {
  const auto dir = TestDirectory();
  const auto input = WrittenFile(dir, {StaticChunk("/text"), TemporalChunk("/points", 0, 5)});
  ASSERT_OK_AND_ASSIGN(auto collected, ToChunks(StreamOf(input)));
  for (const auto& chunk : collected) EXPECT_EQ(chunk->encoding(), nullptr);
  ExecuteOptions writing;
  writing.keep_chunk_encodings = true;
  ASSERT_OK_AND_ASSIGN(auto kept, ToChunks(StreamOf(input), writing));
  for (const auto& chunk : kept) {
    ASSERT_NE(chunk->encoding(), nullptr);
    EXPECT_EQ(chunk->encoding()->format, kArrowMsgEncoding);
    EXPECT_EQ(chunk->WithEntityPath(EntityPath::Parse("/x"))->encoding(), nullptr);
  }
}

TEST(ChunkEncoding, OldEncodingsAreNotCopied) {
  // Written by rerun-sdk 0.23.4: an older sorbet version, no chunk id field.
  const auto input = TestDataPath("rerun_0_23_4_recording.rrd");
  const auto output = (TestDirectory() / "migrated.rrd").string();
  ASSERT_OK(WriteRrd(StreamOf(input), output, Recording()));
  const auto before = StoredChunks(input);
  const auto after = StoredChunks(output);
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < after.size(); ++i) EXPECT_NE(after[i], before[i]) << i;
  ASSERT_OK_AND_ASSIGN(auto verification, VerifyRrdFile(output));
  EXPECT_TRUE(verification.ok()) << verification.problems.front();
}

TEST(ChunkEncoding, AnUncompressedWriterEncodesAgain) {
  const auto dir = TestDirectory();
  const auto input = WrittenFile(dir, {TemporalChunk("/points", 0, 5)});
  ExecuteOptions writing;
  writing.keep_chunk_encodings = true;
  ASSERT_OK_AND_ASSIGN(auto chunks, ToChunks(StreamOf(input), writing));
  ASSERT_OK_AND_ASSIGN(auto encoded, EncodeArrowMsg(Recording(), chunks[0], RrdCompression::kNone));
  pb_log::ArrowMsg proto;
  ASSERT_TRUE(proto.ParseFromArray(encoded.payload->data(), static_cast<int>(encoded.payload->size())));
  EXPECT_EQ(proto.compression(), internal::pb_common::COMPRESSION_NONE);
}

}  // namespace
}  // namespace rrflow
