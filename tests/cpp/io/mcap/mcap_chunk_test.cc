// Chunk decompression, CRC checks and the records inside a chunk.
#include "io/mcap/mcap_chunk_internal.h"

#include <gtest/gtest.h>

#include "io/mcap/mcap_test_util.h"

namespace rrflow::internal::mcap {
namespace {

using namespace rrflow::testing::mcap;

const RecordPlace kPlace{"test.mcap", 500};

// The chunks of a sample file, read through its summary.
std::vector<Chunk> ChunksOf(const Bytes& bytes) {
  auto file = OpenBytes(bytes).ValueOrDie();
  const auto summary = file->ReadSummary().ValueOrDie();
  std::vector<Chunk> chunks;
  for (const auto& index : summary.chunk_indexes) {
    chunks.push_back(file->ReadChunk(index).ValueOrDie());
  }
  return chunks;
}

Chunk ChunkOver(const Bytes& records, const std::string& compression, const Bytes& compressed) {
  Chunk chunk;
  chunk.uncompressed_size = records.size();
  chunk.compression = compression;
  chunk.records = ToBuffer(compressed);
  return chunk;
}

TEST(McapChunk, EveryCompressionDecodesTheSameMessages) {
  std::vector<std::vector<std::string>> payloads;
  for (const std::string compression : {"", "lz4", "zstd"}) {
    WriterOptions options;
    options.compression = compression;
    options.chunk_size = 100000;
    const auto chunks = ChunksOf(SampleFile(options));
    ASSERT_EQ(chunks.size(), 1u);
    CollectingProblemHandler problems;
    ASSERT_OK_AND_ASSIGN(auto contents,
                         DecodeChunk(chunks[0], kPlace, &problems, arrow::default_memory_pool()));
    EXPECT_TRUE(problems.Take().empty());
    EXPECT_EQ(contents.chunk_offset, 500);
    EXPECT_EQ(contents.records->size(), static_cast<int64_t>(chunks[0].uncompressed_size));
    ASSERT_EQ(contents.schemas.size(), 1u);
    ASSERT_EQ(contents.channels.size(), 2u);
    ASSERT_EQ(contents.messages.size(), 40u);
    EXPECT_EQ(contents.message_start_time, 1000u);
    EXPECT_EQ(contents.message_end_time, 1039u);
    std::vector<std::string> data;
    for (const auto& message : contents.messages) {
      // Zero copy: message data lies inside the decompressed records.
      EXPECT_GE(message.data.data(), contents.records->data());
      EXPECT_LE(message.data.data() + message.data.size(),
                contents.records->data() + contents.records->size());
      data.push_back(ToString(message.data));
    }
    EXPECT_EQ(contents.messages[3].sequence, 3u);
    EXPECT_EQ(contents.messages[3].channel_id, 2);
    EXPECT_EQ(contents.messages[3].publish_time, 2003u);
    payloads.push_back(data);
  }
  EXPECT_EQ(payloads[0], payloads[1]);
  EXPECT_EQ(payloads[0], payloads[2]);
}

TEST(McapChunk, CrcMismatchIsAWarningAndTheDataIsKept) {
  WriterOptions options;
  options.compression = "lz4";
  options.chunk_size = 100000;
  auto chunk = ChunksOf(SampleFile(options)).at(0);
  chunk.uncompressed_crc ^= 1;
  CollectingProblemHandler problems;
  ASSERT_OK_AND_ASSIGN(auto contents,
                       DecodeChunk(chunk, kPlace, &problems, arrow::default_memory_pool()));
  EXPECT_EQ(contents.messages.size(), 40u);
  const auto reported = problems.Take();
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].severity, Problem::Severity::kWarning);
  EXPECT_NE(reported[0].message.find("MCAP chunk CRC mismatch"), std::string::npos);
  EXPECT_EQ(reported[0].source, "test.mcap");
  EXPECT_EQ(reported[0].offset, 500);
  // CRC 0 means "not computed".
  chunk.uncompressed_crc = 0;
  ASSERT_OK(DecodeChunk(chunk, kPlace, &problems, arrow::default_memory_pool()).status());
  EXPECT_TRUE(problems.Take().empty());
}

TEST(McapChunk, UnknownCompression) {
  const Chunk chunk = ChunkOver({1, 2, 3}, "brotli", {1, 2, 3});
  EXPECT_TRUE(FailsWith(DecompressChunk(chunk, kPlace, arrow::default_memory_pool()).status(),
                        "test.mcap: unsupported chunk compression `brotli` at byte 500"));
}

TEST(McapChunk, SizeClaimsBeyondWhatTheDataCanHold) {
  Chunk stored = ChunkOver({}, "", {1, 2, 3});
  stored.uncompressed_size = 4;
  EXPECT_TRUE(FailsWith(DecompressChunk(stored, kPlace, arrow::default_memory_pool()).status(),
                        "chunk claims 4 uncompressed bytes, more than 3 bytes of uncompressed"));
  for (const std::string compression : {"lz4", "zstd"}) {
    Chunk hostile = ChunkOver({}, compression, Bytes(16, 0));
    hostile.uncompressed_size = uint64_t{1} << 60;
    EXPECT_TRUE(FailsWith(DecompressChunk(hostile, kPlace, arrow::default_memory_pool()).status(),
                          "chunk claims 1152921504606846976 uncompressed bytes"));
  }
}

TEST(McapChunk, AFalseSizeClaimCostsNoMemoryTheDataDoesNotYield) {
  WriterOptions options;
  options.compression = "zstd";
  options.chunk_size = 100000;
  auto chunk = ChunksOf(SampleFile(options)).at(0);
  const uint64_t real_size = chunk.uncompressed_size;
  chunk.uncompressed_size = static_cast<uint64_t>(chunk.records->size()) * 30000;
  arrow::ProxyMemoryPool pool(arrow::default_memory_pool());
  EXPECT_TRUE(FailsWith(DecompressChunk(chunk, kPlace, &pool).status(),
                        "zstd chunk data ends after " + std::to_string(real_size)));
  EXPECT_LT(pool.max_memory(), 4 * static_cast<int64_t>(real_size) + 128 * 1024);
}

TEST(McapChunk, StoredRecordsAreASliceAndExtraBytesAreIgnored) {
  Bytes records = Framed(0x05, ByteWriter().U16(1).U32(0).U64(5).U64(6).Raw({'x'}).bytes());
  Bytes padded = records;
  padded.push_back(0xEE);
  Chunk chunk = ChunkOver(records, "", padded);
  ASSERT_OK_AND_ASSIGN(auto contents,
                       DecodeChunk(chunk, kPlace, nullptr, arrow::default_memory_pool()));
  EXPECT_EQ(contents.records->data(), chunk.records->data());
  ASSERT_EQ(contents.messages.size(), 1u);
  EXPECT_EQ(ToString(contents.messages[0].data), "x");
}

TEST(McapChunk, CorruptAndTruncatedCompressedData) {
  for (const std::string compression : {"lz4", "zstd"}) {
    WriterOptions options;
    options.compression = compression;
    options.chunk_size = 100000;
    const auto chunk = ChunksOf(SampleFile(options)).at(0);
    const std::string data = ToString(chunk.records);
    for (int64_t size = 0; size < chunk.records->size(); ++size) {
      Chunk cut = chunk;
      cut.records = arrow::SliceBuffer(chunk.records, 0, size);
      const auto records = DecompressChunk(cut, kPlace, arrow::default_memory_pool());
      if (records.ok()) {
        // Only the frame's end mark is missing: every byte was produced.
        EXPECT_GE(size, chunk.records->size() - 8) << compression;
        EXPECT_EQ((*records)->size(), static_cast<int64_t>(chunk.uncompressed_size));
        continue;
      }
      EXPECT_TRUE(FailsWith(records.status(), compression)) << compression << " " << size;
      EXPECT_TRUE(FailsWith(records.status(), "at byte 500")) << size;
    }
    Chunk corrupt = chunk;
    std::string flipped = data;
    flipped[4] = static_cast<char>(flipped[4] ^ 0x5A);
    corrupt.records = arrow::Buffer::FromString(flipped);
    // Either the codec notices, or the CRC does.
    CollectingProblemHandler problems;
    auto contents = DecodeChunk(corrupt, kPlace, &problems, arrow::default_memory_pool());
    EXPECT_TRUE(!contents.ok() || !problems.Take().empty()) << compression;
  }
}

TEST(McapChunk, DamagedInnerRecordKeepsTheMessagesBeforeIt) {
  Bytes records;
  for (int i = 0; i < 3; ++i) {
    const Bytes message =
        Framed(0x05, ByteWriter().U16(1).U32(static_cast<uint32_t>(i)).U64(1).U64(2).bytes());
    records.insert(records.end(), message.begin(), message.end());
  }
  const Bytes skipped = Framed(0xA0, {1, 2, 3, 4});
  records.insert(records.begin(), skipped.begin(), skipped.end());
  const Bytes short_message = Framed(0x05, {1, 2, 3});
  records.insert(records.end(), short_message.begin(), short_message.end());
  records.insert(records.end(), {0x05, 0xFF});  // a cut prefix
  const Chunk chunk = ChunkOver(records, "", records);
  CollectingProblemHandler problems;
  ASSERT_OK_AND_ASSIGN(auto contents,
                       DecodeChunk(chunk, kPlace, &problems, arrow::default_memory_pool()));
  EXPECT_EQ(contents.messages.size(), 3u);
  const auto reported = problems.Take();
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_NE(
      reported[0].message.find("Message record: field sequence needs 4 bytes but only 1 remain"),
      std::string::npos)
      << reported[0].message;
  EXPECT_NE(reported[0].message.find("of the chunk at byte 500"), std::string::npos);
}

TEST(McapChunk, ConcatenatedFramesAreOneStream) {
  const Bytes first = Framed(0x05, ByteWriter().U16(1).U32(0).U64(1).U64(1).Raw({'a'}).bytes());
  const Bytes second = Framed(0x05, ByteWriter().U16(1).U32(1).U64(2).U64(2).Raw({'b'}).bytes());
  Bytes records = first;
  records.insert(records.end(), second.begin(), second.end());
  for (const std::string compression : {"lz4", "zstd"}) {
    Bytes frames = Compress(compression, first);
    const Bytes more = Compress(compression, second);
    frames.insert(frames.end(), more.begin(), more.end());
    ASSERT_OK_AND_ASSIGN(auto contents, DecodeChunk(ChunkOver(records, compression, frames), kPlace,
                                                    nullptr, arrow::default_memory_pool()));
    ASSERT_EQ(contents.messages.size(), 2u) << compression;
    EXPECT_EQ(ToString(contents.messages[1].data), "b");
    // A claim beyond both frames finds the stream's end.
    Chunk longer = ChunkOver(records, compression, frames);
    longer.uncompressed_size += 1;
    EXPECT_TRUE(
        FailsWith(DecompressChunk(longer, kPlace, arrow::default_memory_pool()).status(),
                  compression + " chunk data ends after " + std::to_string(records.size())));
  }
}

TEST(McapChunk, MaxUncompressedSize) {
  EXPECT_EQ(MaxUncompressedSize("", 10), 10);
  EXPECT_EQ(MaxUncompressedSize("lz4", 10), 2560);
  EXPECT_EQ(MaxUncompressedSize("zstd", 10), 327680);
  EXPECT_EQ(MaxUncompressedSize("zstd", UINT64_MAX), INT64_MAX);
  EXPECT_EQ(MaxUncompressedSize("bz2", 10), -1);
}

}  // namespace
}  // namespace rrflow::internal::mcap
