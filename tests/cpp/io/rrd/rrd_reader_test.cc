// RrdReader, LazyStore and the RRD sink as the stream seam sees them: store
// selection and its warnings, time-range push-down, and the sink's contract.
#include "rrflow/io/rrd/rrd_reader.h"

#include <gtest/gtest.h>

#include "io/rrd/rrd_test_util.h"
#include "rrflow/io/rrd/rrd_sink.h"
#include "rrflow/io/rrd/rrd_writer.h"
#include "test_util.h"

namespace rrflow {
namespace {

using testing::ReadFileBytes;
using testing::Recording;
using testing::StaticChunk;
using testing::TemporalChunk;
using testing::TestDirectory;

std::string WriteStores(const std::filesystem::path& path, const std::vector<StoreId>& stores) {
  auto writer = RrdWriter::Open(path.string());
  EXPECT_TRUE(writer.ok());
  for (const auto& store : stores) {
    EXPECT_TRUE((*writer)->WriteChunk(store, TemporalChunk("/a", 0, 2)).ok());
  }
  EXPECT_TRUE((*writer)->Finish().ok());
  return path.string();
}

TEST(RrdReaderSelectStore, FirstRecordingWarnsWhenThereAreSeveral) {
  const auto path = WriteStores(TestDirectory() / "two.rrd", {Recording("r2"), Recording("r1")});
  ASSERT_OK_AND_ASSIGN(auto reader, RrdReader::Open(path));
  CollectingProblemHandler problems;
  ASSERT_OK_AND_ASSIGN(auto store, reader->SelectStore({}, &problems));
  EXPECT_EQ(store, Recording("r1"));
  auto reported = problems.Take();
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].message,
            "RRD contains 2 recording stores; implicitly using StoreId(Recording, \"app\", \"r1\"). "
            "Pass `store=\u2026` to select explicitly (see `recordings()`).");
  EXPECT_EQ(reported[0].source, path);
}

TEST(RrdReaderSelectStore, NamedStoresAndRecordingIds) {
  const auto path = WriteStores(TestDirectory() / "two.rrd", {Recording("r2"), Recording("r1")});
  ASSERT_OK_AND_ASSIGN(auto reader, RrdReader::Open(path));
  CollectingProblemHandler problems;
  StoreRequest by_store;
  by_store.store = Recording("r2");
  ASSERT_OK_AND_ASSIGN(auto store, reader->SelectStore(by_store, &problems));
  EXPECT_EQ(store, Recording("r2"));
  StoreRequest by_id;
  by_id.recording_id = "r2";
  ASSERT_OK_AND_ASSIGN(store, reader->SelectStore(by_id, &problems));
  EXPECT_EQ(store, Recording("r2"));
  EXPECT_TRUE(problems.Take().empty());

  by_store.store = Recording("nope");
  auto missing = reader->SelectStore(by_store);
  EXPECT_TRUE(missing.status().IsInvalid());
  EXPECT_EQ(missing.status().message(),
            "Store StoreId(Recording, \"app\", \"nope\") not found in RRD file");
  by_id.recording_id = "nope";
  EXPECT_EQ(reader->SelectStore(by_id).status().message(),
            "No recording with id 'nope' found in RRD file");
}

TEST(RrdReaderSelectStore, NoRecording) {
  const auto path = WriteStores(TestDirectory() / "blueprint.rrd",
                                {StoreId{StoreKind::kBlueprint, "app", "bp"}});
  ASSERT_OK_AND_ASSIGN(auto reader, RrdReader::Open(path));
  EXPECT_EQ(reader->SelectStore({}).status().message(), "No recording store found in RRD file");
}

TEST(RrdReaderOpen, LegacyFileWithoutFooterIsReported) {
  const auto dir = TestDirectory();
  RrdWriterOptions options;
  options.write_footer = false;
  testing::WriteChunks((dir / "legacy.rrd").string(), {TemporalChunk("/a", 0, 2)}, options);
  CollectingProblemHandler problems;
  ASSERT_OK_AND_ASSIGN(auto reader, RrdReader::Open((dir / "legacy.rrd").string(), &problems));
  auto reported = problems.Take();
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_NE(reported[0].message.find("RRD file has no footer/manifest: "), std::string::npos);
  // With a footer, nothing to say.
  testing::WriteChunks((dir / "current.rrd").string(), {TemporalChunk("/a", 0, 2)});
  ASSERT_OK_AND_ASSIGN(reader, RrdReader::Open((dir / "current.rrd").string(), &problems));
  EXPECT_TRUE(problems.Take().empty());
}

// Three temporal chunks on frames [0, 9], [10, 19], [20, 29] and a static one.
std::shared_ptr<const LazyStore> FramedStore(const std::filesystem::path& path) {
  testing::WriteChunks(path.string(), {TemporalChunk("/a", 0, 10), TemporalChunk("/a", 10, 10),
                                       StaticChunk("/s"), TemporalChunk("/b", 20, 10)});
  auto reader = RrdReader::Open(path.string()).ValueOrDie();
  return reader->Store(Recording()).ValueOrDie();
}

std::vector<ChunkPtr> OpenWith(const StreamNodePtr& node, const ScanHints& hints) {
  ExecutionContext context(*node, {});
  auto iterator = node->Open(context, hints).ValueOrDie();
  std::vector<ChunkPtr> chunks;
  while (auto chunk = iterator->Next().ValueOrDie()) chunks.push_back(chunk);
  return chunks;
}

TEST(LazyStoreHints, TimeRangeSkipsTemporalChunksOutsideIt) {
  auto store = FramedStore(TestDirectory() / "framed.rrd");
  ScanHints hints;
  hints.time_range = TimeRangeHint{"frame", 12, 21};
  auto chunks = OpenWith(store->Stream(), hints);
  ASSERT_EQ(chunks.size(), 3u);  // [10, 19], the static chunk, [20, 29]
  EXPECT_EQ(store->chunks_loaded(), 3);
  EXPECT_TRUE(chunks[1]->is_static());
  // A range on a timeline the chunks lack keeps only static data.
  hints.time_range = TimeRangeHint{"other", 0, 100};
  EXPECT_EQ(OpenWith(store->Stream(), hints).size(), 1u);
  // Boundaries are inclusive.
  hints.time_range = TimeRangeHint{"frame", 9, 9};
  EXPECT_EQ(OpenWith(store->Stream(), hints).size(), 2u);
}

TEST(LazyStoreHints, ManifestRangesMatchTheChunks) {
  auto store = FramedStore(TestDirectory() / "framed.rrd");
  const auto& entries = store->entries();
  ASSERT_EQ(entries.size(), 4u);
  ASSERT_NE(entries[1].ranged_timelines, nullptr);
  EXPECT_EQ(*entries[1].ranged_timelines, (std::vector<std::string>{"frame", "log time"}));
  bool found = false;
  for (const auto& range : entries[1].time_ranges) {
    if (range.timeline != "frame") continue;
    found = true;
    EXPECT_EQ(range.start, 10);
    EXPECT_EQ(range.end, 19);
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(entries[2].time_ranges.empty());
  EXPECT_EQ(entries[2].components, std::vector<std::string>{"TextDocument:text"});
}

TEST(LazyStoreHints, SmallByteBudgetStillLoadsEveryChunk) {
  auto store = FramedStore(TestDirectory() / "framed.rrd");
  ScanHints hints;
  hints.byte_budget = 1;  // batches of one chunk, one decode at a time
  EXPECT_EQ(OpenWith(store->Stream(), hints).size(), 4u);
}

TEST(RrdSink, WritesWhatDrainGivesIt) {
  const auto path = (TestDirectory() / "out.rrd").string();
  ASSERT_OK_AND_ASSIGN(auto sink, RrdSink::Open(path, Recording()));
  auto chunks = std::vector<ChunkPtr>{TemporalChunk("/a", 0, 3), StaticChunk("/s")};
  ASSERT_OK(Drain(MakeChunkListSource(chunks), *sink));
  ASSERT_OK_AND_ASSIGN(auto reader, RrdReader::Open(path));
  ASSERT_OK_AND_ASSIGN(auto read, ToChunks(reader->Stream(Recording())));
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0]->id(), chunks[0]->id());
  EXPECT_EQ(read[1]->id(), chunks[1]->id());
  EXPECT_TRUE(reader->has_footer());
}

TEST(RrdSink, AbandonedSinkLeavesNoFile) {
  const auto path = TestDirectory() / "abandoned.rrd";
  {
    ASSERT_OK_AND_ASSIGN(auto sink, RrdSink::Open(path.string(), Recording()));
    ASSERT_OK(sink->Write(TemporalChunk("/a", 0, 3)));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace rrflow
