// Footer reading and ranged chunk loads.
#include "rrflow/io/rrd/rrd_file.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "io/rrd/byte_order_internal.h"
#include "io/rrd/rrd_test_util.h"
#include "io/rrd/stream_footer_internal.h"

namespace rrflow {
namespace {

using namespace rrflow::testing;

std::vector<RrdManifest> FooterOf(const Bytes& bytes) {
  auto file = RrdFile::Make(InMemoryFile(bytes), "test.rrd");
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  auto footer = (*file)->ReadFooter();
  EXPECT_TRUE(footer.ok()) << footer.status().ToString();
  EXPECT_TRUE(footer->has_value());
  return footer->value_or(std::vector<RrdManifest>{});
}

std::string FooterError(const Bytes& bytes) {
  auto file = RrdFile::Make(InMemoryFile(bytes), "test.rrd");
  EXPECT_TRUE(file.ok());
  auto footer = (*file)->ReadFooter();
  EXPECT_FALSE(footer.ok());
  return footer.status().message();
}

TEST(RrdFile, SdkFooterLocatesEveryChunk) {
  const Bytes bytes = ReadFileBytes(TestDataPath("rerun_0_33_1_recording.rrd"));
  const auto manifests = FooterOf(bytes);
  ASSERT_EQ(manifests.size(), 1u);
  const auto& manifest = manifests[0];
  EXPECT_EQ(manifest.store_id, (StoreId{StoreKind::kRecording, "rrflow_test_app", "recording_1"}));
  EXPECT_EQ(manifest.stream_offset, 0);
  EXPECT_TRUE(manifest.sorbet_schema_sha256.has_value());
  EXPECT_NE(manifest.sorbet_schema->GetFieldByName("/world/points:Points3D:positions"), nullptr);
  ASSERT_OK_AND_ASSIGN(auto locations, manifest.ChunkLocations());
  ASSERT_EQ(locations.size(), 7u);

  std::vector<RrdMessage> messages;
  ASSERT_OK(ReadAllMessages(bytes, &messages));
  size_t next = 0;
  for (const auto& message : messages) {
    if (message.kind != RrdMessageKind::kArrowMsg) continue;
    ASSERT_LT(next, locations.size());
    EXPECT_EQ(locations[next].byte_offset, message.payload_offset());
    EXPECT_EQ(locations[next].byte_size, message.payload->size());
    ++next;
  }

  ASSERT_OK_AND_ASSIGN(auto file, RrdFile::Make(InMemoryFile(bytes), "test.rrd"));
  ASSERT_OK_AND_ASSIGN(auto chunks, file->LoadChunks(locations));
  ASSERT_EQ(chunks.size(), locations.size());
  for (size_t i = 0; i < chunks.size(); ++i) {
    EXPECT_EQ(chunks[i]->id(), locations[i].chunk_id);
    EXPECT_EQ(chunks[i]->entity_path().ToString(), locations[i].entity_path);
    EXPECT_EQ(chunks[i]->num_rows(), locations[i].num_rows);
    EXPECT_EQ(chunks[i]->is_static(), locations[i].is_static);
  }
}

TEST(RrdFile, LoadsAnySubsetWithAnyCacheOptions) {
  ASSERT_OK_AND_ASSIGN(auto file, RrdFile::Open(TestDataPath("rerun_0_33_1_recording.rrd")));
  ASSERT_OK_AND_ASSIGN(auto footer, file->ReadFooter());
  ASSERT_OK_AND_ASSIGN(auto all, (*footer)[0].ChunkLocations());
  const std::vector<ChunkLocation> subset = {all[4], all[1], all[4], all[0]};
  using arrow::io::CacheOptions;
  for (const CacheOptions& cache :
       {CacheOptions{0, 1, /*lazy=*/false}, CacheOptions::Defaults(),
        CacheOptions{1 << 20, 1 << 30, /*lazy=*/false}, CacheOptions::LazyDefaults(),
        CacheOptions{0, 1, /*lazy=*/true, /*prefetch_limit=*/2}}) {
    ASSERT_OK_AND_ASSIGN(auto chunks, file->LoadChunks(subset, cache));
    ASSERT_EQ(chunks.size(), subset.size());
    for (size_t i = 0; i < subset.size(); ++i) EXPECT_EQ(chunks[i]->id(), subset[i].chunk_id);
  }
}

TEST(RrdFile, FirstFooterFormatWithoutCompressionFields) {
  // rerun-sdk 0.28 wrote manifests with no compression fields (= none).
  ASSERT_OK_AND_ASSIGN(auto file, RrdFile::Open(TestDataPath("rerun_0_28_2_recording.rrd")));
  ASSERT_OK_AND_ASSIGN(auto footer, file->ReadFooter());
  ASSERT_TRUE(footer.has_value());
  ASSERT_EQ(footer->size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto locations, (*footer)[0].ChunkLocations());
  ASSERT_OK_AND_ASSIGN(auto chunks, file->LoadChunks(locations));
  EXPECT_EQ(chunks.size(), 7u);
}

TEST(RrdFile, RecordingAndBlueprintManifests) {
  const auto manifests = FooterOf(ReadFileBytes(TestDataPath("rerun_0_33_1_with_blueprint.rrd")));
  ASSERT_EQ(manifests.size(), 2u);
  std::set<StoreKind> kinds;
  for (const auto& manifest : manifests) kinds.insert(manifest.store_id.kind);
  EXPECT_EQ(kinds, (std::set<StoreKind>{StoreKind::kRecording, StoreKind::kBlueprint}));
}

TEST(RrdFile, FilesWithoutFooter) {
  for (const char* name :
       {"rerun_0_33_1_no_footer.rrd", "rerun_0_23_4_recording.rrd", "rerun_0_24_1_recording.rrd"}) {
    ASSERT_OK_AND_ASSIGN(auto file, RrdFile::Open(TestDataPath(name)));
    ASSERT_OK_AND_ASSIGN(auto footer, file->ReadFooter());
    EXPECT_FALSE(footer.has_value()) << name;
  }
  EXPECT_EQ(RrdFile::Make(InMemoryFile(HexBytes("52 52 46 32")), "x.rrd").status().message(),
            "x.rrd: not an RRD file: only 4 bytes at byte 0");
}

TEST(RrdFile, DamagedTrailer) {
  const Bytes bytes = ReadFileBytes(TestDataPath("rerun_0_33_1_recording.rrd"));
  const auto trailer = std::to_string(bytes.size() - 32);
  Bytes damaged = bytes;
  damaged[bytes.size() - 16] ^= 1;
  EXPECT_EQ(FooterError(damaged), "test.rrd: stream footer checksum mismatch at byte " + trailer);

  damaged = bytes;
  internal::StoreLittleEndian(uint64_t{1} << 40, damaged.data() + bytes.size() - 24);
  EXPECT_EQ(FooterError(damaged),
            "test.rrd: stream footer points outside the file at byte " + trailer);

  damaged = bytes;
  damaged[bytes.size() - 32] ^= 1;  // footer_start: the stream would start mid-header
  EXPECT_EQ(FooterError(damaged),
            "test.rrd: stream footer does not locate its stream header at byte " + trailer);

  // A shorter footer starting later: the stream start holds, the End header does not.
  damaged = bytes;
  const auto* trailer_bytes = bytes.data() + bytes.size() - 32;
  internal::StoreLittleEndian(internal::LoadLittleEndian<uint64_t>(trailer_bytes) + 1,
                              damaged.data() + bytes.size() - 32);
  internal::StoreLittleEndian(internal::LoadLittleEndian<uint64_t>(trailer_bytes + 8) - 1,
                              damaged.data() + bytes.size() - 24);
  EXPECT_NE(FooterError(damaged).find("does not point at an End message"), std::string::npos);

  // An entry count other than 1 is no usable footer.
  for (uint32_t entries : {0u, 2u}) {
    damaged = bytes;
    internal::StoreLittleEndian(entries, damaged.data() + bytes.size() - 4);
    ASSERT_OK_AND_ASSIGN(auto file, RrdFile::Make(InMemoryFile(damaged), "test.rrd"));
    ASSERT_OK_AND_ASSIGN(auto footer, file->ReadFooter());
    EXPECT_FALSE(footer.has_value());
  }
}

TEST(RrdFile, EmptyFooter) {
  const auto path = (TestDirectory() / "empty.rrd").string();
  const Bytes bytes = WriteChunks(path, {});
  EXPECT_EQ(Bytes(bytes.end() - 16, bytes.end() - 12), HexBytes("71 36 97 2a"));
  EXPECT_TRUE(FooterOf(bytes).empty());
}

TEST(RrdFile, ConcatenatedFilesUseTheLastStream) {
  const auto dir = TestDirectory();
  const Bytes first = WriteChunks((dir / "a.rrd").string(), {TemporalChunk("/a", 0, 2)});
  const Bytes second =
      WriteChunks((dir / "b.rrd").string(), {TemporalChunk("/b", 0, 3), StaticChunk("/s")});
  Bytes both = first;
  both.insert(both.end(), second.begin(), second.end());
  const auto manifests = FooterOf(both);
  ASSERT_EQ(manifests.size(), 1u);
  EXPECT_EQ(manifests[0].stream_offset, static_cast<int64_t>(first.size()));
  ASSERT_OK_AND_ASSIGN(auto locations, manifests[0].ChunkLocations());
  ASSERT_OK_AND_ASSIGN(auto file, RrdFile::Make(InMemoryFile(both), "test.rrd"));
  ASSERT_OK_AND_ASSIGN(auto chunks, file->LoadChunks(locations));
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[0]->entity_path().ToString(), "/b");
}

TEST(RrdFile, BadLocations) {
  ASSERT_OK_AND_ASSIGN(auto file, RrdFile::Open(TestDataPath("rerun_0_33_1_recording.rrd")));
  ASSERT_OK_AND_ASSIGN(auto footer, file->ReadFooter());
  ASSERT_OK_AND_ASSIGN(auto locations, (*footer)[0].ChunkLocations());
  auto outside = locations[0];
  outside.byte_size = file->size();
  EXPECT_NE(file->LoadChunks({outside}).status().message().find("lies outside the file"),
            std::string::npos);
  auto wrong_id = locations[0];
  wrong_id.chunk_id = locations[1].chunk_id;
  EXPECT_NE(
      file->LoadChunks({wrong_id}).status().message().find("found where the manifest expects"),
      std::string::npos);
  auto shifted = locations[0];
  shifted.byte_offset += 1;
  EXPECT_FALSE(file->LoadChunks({shifted}).ok());
  auto overlapping = locations[0];
  overlapping.byte_size = locations[1].byte_offset - locations[0].byte_offset + 1;
  EXPECT_NE(file->LoadChunks({locations[1], overlapping}).status().message().find("overlaps chunk"),
            std::string::npos);
}

TEST(RrdFile, FileShrunkAfterOpening) {
  const auto path = (TestDirectory() / "shrinks.rrd").string();
  WriteChunks(path, {TemporalChunk("/a", 0, 2), TemporalChunk("/b", 0, 3)});
  ASSERT_OK_AND_ASSIGN(auto file, RrdFile::Open(path));
  ASSERT_OK_AND_ASSIGN(auto footer, file->ReadFooter());
  ASSERT_OK_AND_ASSIGN(auto locations, (*footer)[0].ChunkLocations());
  ASSERT_EQ(locations.size(), 2u);
  std::filesystem::resize_file(path, static_cast<uintmax_t>(locations[1].byte_offset + 1));
  EXPECT_NE(file->LoadChunks(locations).status().message().find("short read"), std::string::npos);
}

}  // namespace
}  // namespace rrflow
