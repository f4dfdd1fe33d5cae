// The parallel chunk reader: order and memory bound.
#include "io/mcap/mcap_chunk_reader_internal.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "io/mcap/mcap_test_util.h"

namespace rrflow::internal::mcap {
namespace {

using namespace rrflow::testing::mcap;

// Many chunks of about 64 KiB each.
Bytes LargeFile(const std::string& compression, int chunks) {
  WriterOptions options;
  options.compression = compression;
  options.chunk_size = 64 * 1024;
  TestMcapWriter writer(options);
  const uint16_t channel = writer.AddChannel("/big", "octets", 0);
  for (int i = 0; i < chunks * 16; ++i) {
    writer.AddMessage(channel, static_cast<uint64_t>(i), Payload(4096, static_cast<uint8_t>(i)));
  }
  return writer.Finish();
}

TEST(McapChunkReader, HandsOutChunksInTheOrderAskedFor) {
  const Bytes bytes = LargeFile("lz4", 24);
  ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(bytes));
  ASSERT_OK_AND_ASSIGN(auto summary, file->ReadSummary());
  ASSERT_EQ(summary.chunk_indexes.size(), 24u);
  auto order = summary.chunk_indexes;
  std::shuffle(order.begin(), order.end(), std::mt19937(7));
  order.push_back(order.front());  // a chunk asked for twice is read twice
  OrderedChunkReader reader(file, order, 256 * 1024, nullptr);
  for (const auto& index : order) {
    ASSERT_OK_AND_ASSIGN(auto chunk, reader.Next());
    ASSERT_NE(chunk, nullptr);
    EXPECT_EQ(chunk->chunk_offset, static_cast<int64_t>(index.chunk_start_offset));
    ASSERT_EQ(chunk->messages.size(), 16u);
    EXPECT_EQ(chunk->messages.front().log_time, index.message_start_time);
  }
  ASSERT_OK_AND_ASSIGN(auto end, reader.Next());
  EXPECT_EQ(end, nullptr);
}

// The most bytes the file's pool holds while every chunk is read through a
// window of `window` bytes; `largest` gets the largest chunk's bytes in flight.
int64_t PeakMemory(const std::string& path, int64_t window, int64_t* largest) {
  arrow::ProxyMemoryPool pool(arrow::default_memory_pool());
  int64_t peak = 0;
  {
    auto file = McapFile::Open(path, &pool).ValueOrDie();
    const auto summary = file->ReadSummary().ValueOrDie();
    EXPECT_EQ(summary.chunk_indexes.size(), 80u);
    *largest = 0;
    for (const auto& index : summary.chunk_indexes) {
      *largest = std::max(*largest, ChunkBytesInFlight(index));
    }
    const int64_t baseline = pool.bytes_allocated();
    OrderedChunkReader reader(file, summary.chunk_indexes, window, nullptr);
    int chunks = 0;
    while (true) {
      auto chunk = reader.Next().ValueOrDie();
      if (chunk == nullptr) break;
      // A pause lets the pool run as far ahead as it may, also on a loaded
      // machine: what the window bounds, and what grows without one.
      if (++chunks == 1) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    EXPECT_EQ(chunks, 80);
    peak = pool.max_memory() - baseline;
  }
  // A pool thread may hold a finished task's result for a moment after it
  // was taken: wait until every buffer is back, so that none outlives the
  // pool (and none leaks).
  for (int i = 0; i < 1000 && pool.bytes_allocated() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(pool.bytes_allocated(), 0);
  return peak;
}

TEST(McapChunkReader, MemoryStaysWithinTheWindow) {
  const auto path = (TestDirectory() / "window.mcap").string();
  WriteFileBytes(path, LargeFile("zstd", 80));
  int64_t largest = 0;
  const int64_t unbounded = PeakMemory(path, INT64_MAX, &largest);
  for (const int64_t window : {int64_t{1}, largest / 2}) {
    // The window and the task that went past it, the chunk handed out, and
    // the one whose finished task the pool's thread may still hold for a
    // moment (plus a few bytes of record prefixes).
    const int64_t bound = window + 3 * largest + 4096;
    EXPECT_LE(PeakMemory(path, window, &largest), bound) << window;
    // Without a window the executor's task limit alone applies, and memory goes past it.
    EXPECT_GT(unbounded, bound) << window;
  }
  std::filesystem::remove(path);
}

TEST(McapChunkReader, AnUnreadableChunkEndsTheReadingAfterTheGoodOnes) {
  const Bytes bytes = LargeFile("", 6);
  ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(bytes));
  ASSERT_OK_AND_ASSIGN(auto summary, file->ReadSummary());
  auto indexes = summary.chunk_indexes;
  indexes[3].compression = "snappy";
  indexes[3].chunk_start_offset += 1;
  OrderedChunkReader reader(file, indexes, 1, nullptr);
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK_AND_ASSIGN(auto chunk, reader.Next());
    ASSERT_NE(chunk, nullptr);
  }
  EXPECT_FALSE(reader.Next().ok());
  ASSERT_OK_AND_ASSIGN(auto after, reader.Next());
  EXPECT_EQ(after, nullptr);
}

TEST(McapChunkReader, UnknownCompressionIsAnErrorWhenTheChunkIsReached) {
  WriterOptions options;
  options.compression = "bz2";
  options.chunk_size = 100000;
  ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(SampleFile(options)));
  ASSERT_OK_AND_ASSIGN(auto summary, file->ReadSummary());
  OrderedChunkReader reader(file, summary.chunk_indexes, 1 << 20, nullptr);
  const auto status = reader.Next().status();
  EXPECT_TRUE(FailsWith(status, "unsupported chunk compression `bz2` at byte " +
                                    std::to_string(summary.chunk_indexes[0].chunk_start_offset)));
}

TEST(McapChunkReader, CrcProblemsReachTheHandler) {
  WriterOptions options;
  options.compression = "";
  options.chunk_size = 100000;
  Bytes bytes = SampleFile(options);
  ASSERT_OK_AND_ASSIGN(auto summary, OpenBytes(bytes).ValueOrDie()->ReadSummary());
  const auto& index = summary.chunk_indexes.at(0);
  bytes[index.chunk_start_offset + index.chunk_length - 1] ^= 1;  // last byte of the records
  ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(bytes));
  auto problems = std::make_shared<CollectingProblemHandler>();
  OrderedChunkReader reader(file, summary.chunk_indexes, 1 << 20, problems);
  ASSERT_OK_AND_ASSIGN(auto chunk, reader.Next());
  ASSERT_NE(chunk, nullptr);
  EXPECT_EQ(chunk->messages.size(), 40u);
  const auto reported = problems->Take();
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].offset, static_cast<int64_t>(index.chunk_start_offset));
}

}  // namespace
}  // namespace rrflow::internal::mcap
