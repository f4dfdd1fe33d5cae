// The linear scan and summary recovery.
#include "io/mcap/mcap_linear_scan_internal.h"

#include <gtest/gtest.h>

#include "io/mcap/mcap_recovery_internal.h"
#include "io/mcap/mcap_test_util.h"

namespace rrflow::internal::mcap {
namespace {

using namespace rrflow::testing::mcap;

struct ScanResult {
  std::vector<uint8_t> top_level_opcodes;
  std::vector<Message> messages;
  // What the messages' data point into.
  std::vector<std::shared_ptr<arrow::Buffer>> message_bodies;
  std::vector<int64_t> message_chunks;
  arrow::Status status;
  size_t channels = 0;
  size_t schemas = 0;
};

ScanResult Scan(const Bytes& bytes, const std::shared_ptr<ProblemHandler>& problems = nullptr) {
  ScanResult result;
  auto file = OpenBytes(bytes).ValueOrDie();
  LinearScanner scanner(file, problems);
  while (true) {
    auto scanned = scanner.Next();
    if (!scanned.ok()) {
      result.status = scanned.status();
      break;
    }
    if (!scanned->has_value()) break;
    const ScannedRecord& record = **scanned;
    if (record.chunk_offset < 0) result.top_level_opcodes.push_back(record.record.opcode);
    if (record.record.opcode == 0x05) {
      result.messages.push_back(ParseRecord<Message>(record.record, "test.mcap").ValueOrDie());
      result.message_bodies.push_back(record.record.body);
      result.message_chunks.push_back(record.chunk_offset);
    }
  }
  result.channels = scanner.channels().size();
  result.schemas = scanner.schemas().size();
  return result;
}

TEST(McapLinearScan, ChunkedAndUnchunkedFilesYieldTheSameMessages) {
  std::vector<std::vector<uint64_t>> times;
  for (const bool chunked : {true, false}) {
    for (const std::string compression : {"", "lz4", "zstd"}) {
      WriterOptions options;
      options.chunked = chunked;
      options.compression = compression;
      options.chunk_size = 300;
      options.summary = false;
      const ScanResult result = Scan(SampleFile(options));
      ASSERT_OK(result.status);
      ASSERT_EQ(result.messages.size(), 40u);
      EXPECT_EQ(result.channels, 2u);
      EXPECT_EQ(result.schemas, 1u);
      EXPECT_EQ(result.top_level_opcodes.front(), 0x01);
      // The scan stops at DataEnd: the footer is not returned.
      EXPECT_EQ(result.top_level_opcodes.back(), 0x0C);
      std::vector<uint64_t> log_times;
      for (size_t i = 0; i < result.messages.size(); ++i) {
        log_times.push_back(result.messages[i].log_time);
        EXPECT_EQ(result.message_chunks[i] >= 0, chunked);
      }
      times.push_back(log_times);
    }
  }
  for (const auto& other : times) EXPECT_EQ(other, times[0]);
}

TEST(McapLinearScan, ABadChunkIsReportedAndSkipped) {
  WriterOptions options;
  options.compression = "zstd";
  options.chunk_size = 300;
  TestMcapWriter writer;
  Bytes bytes = SampleFile(options, 40, &writer);
  ASSERT_GE(writer.chunks().size(), 3u);
  const auto& damaged = writer.chunks()[1];
  // The compression name's first letter: "zstd" becomes "xstd".
  bytes[static_cast<size_t>(damaged.offset) + 9 + 28 + 4] = 'x';
  auto problems = std::make_shared<CollectingProblemHandler>();
  const ScanResult result = Scan(bytes, problems);
  ASSERT_OK(result.status);
  EXPECT_EQ(result.messages.size(), 40u - static_cast<size_t>(damaged.messages));
  const auto reported = problems->Take();
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_NE(reported[0].message.find("unsupported chunk compression `xstd`"), std::string::npos);
  EXPECT_EQ(reported[0].offset, damaged.offset);
}

TEST(McapLinearScan, TruncationIsAnErrorNamingTheOffset) {
  WriterOptions options;
  options.summary = false;
  options.chunk_size = 300;
  TestMcapWriter writer;
  const Bytes bytes = SampleFile(options, 40, &writer);
  const auto& second = writer.chunks()[1];
  const Bytes cut(bytes.begin(), bytes.begin() + second.offset + 30);
  const ScanResult result = Scan(cut);
  EXPECT_TRUE(FailsWith(result.status, "truncated Chunk record"));
  EXPECT_TRUE(FailsWith(result.status, "at byte " + std::to_string(second.offset)));
  EXPECT_EQ(result.messages.size(), static_cast<size_t>(writer.chunks()[0].messages));

  // Cut at a record boundary: the end is reported, not an error.
  auto problems = std::make_shared<CollectingProblemHandler>();
  const ScanResult at_boundary =
      Scan(Bytes(bytes.begin(), bytes.begin() + second.offset), problems);
  ASSERT_OK(at_boundary.status);
  const auto reported = problems->Take();
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_NE(reported[0].message.find("ends without a DataEnd record"), std::string::npos);
}

TEST(McapLinearScan, ConflictingDefinitionsEndTheScan) {
  WriterOptions options;
  options.chunked = false;
  options.summary = false;
  TestMcapWriter writer(options);
  writer.AddChannel("/a", "json", 0);
  Bytes bytes = writer.Finish();
  const Bytes other =
      Framed(0x04, ByteWriter().U16(1).U16(0).String("/b").String("json").StringMap({}).bytes());
  bytes.insert(bytes.begin() + 8 + 9 + 30, other.begin(), other.end());  // after the Header
  EXPECT_TRUE(FailsWith(Scan(bytes).status, "conflicting channels"));
}

// A file cut where its summary starts, recovered: the same chunks, channels
// and counts as the intact file's summary.
TEST(McapRecovery, FileCutAtSummaryStart) {
  for (const std::string compression : {"", "lz4", "zstd"}) {
    WriterOptions options;
    options.compression = compression;
    options.chunk_size = 300;
    TestMcapWriter writer;
    const Bytes bytes = SampleFile(options, 40, &writer);
    ASSERT_OK_AND_ASSIGN(auto intact, OpenBytes(bytes).ValueOrDie()->ReadSummary());
    const Bytes cut(bytes.begin(), bytes.begin() + writer.summary_start());
    ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(cut));
    EXPECT_FALSE(file->ReadSummary().ok());
    CollectingProblemHandler problems;
    ASSERT_OK_AND_ASSIGN(auto recovered, RecoverSummary(*file, &problems));
    ASSERT_EQ(recovered.chunk_indexes.size(), intact.chunk_indexes.size());
    for (size_t i = 0; i < intact.chunk_indexes.size(); ++i) {
      const auto& a = recovered.chunk_indexes[i];
      const auto& b = intact.chunk_indexes[i];
      EXPECT_EQ(a.chunk_start_offset, b.chunk_start_offset);
      EXPECT_EQ(a.chunk_length, b.chunk_length);
      EXPECT_EQ(a.message_index_offsets, b.message_index_offsets);
      EXPECT_EQ(a.message_index_length, b.message_index_length);
      EXPECT_EQ(a.message_start_time, b.message_start_time);
      EXPECT_EQ(a.uncompressed_size, b.uncompressed_size);
      EXPECT_EQ(a.compressed_size, b.compressed_size);
    }
    EXPECT_EQ(recovered.channels.size(), 2u);
    EXPECT_EQ(recovered.schemas.size(), 1u);
    ASSERT_TRUE(recovered.statistics.has_value());
    EXPECT_EQ(recovered.statistics->message_count, 40u);
    EXPECT_EQ(recovered.statistics->channel_message_counts,
              intact.statistics->channel_message_counts);
    EXPECT_EQ(recovered.statistics->message_start_time, 1000u);
    EXPECT_EQ(recovered.statistics->message_end_time, 1039u);
    EXPECT_EQ(recovered.statistics->chunk_count, intact.chunk_indexes.size());
    EXPECT_EQ(recovered.statistics->attachment_count, 0u);
    EXPECT_EQ(recovered.metadata_indexes.size(), 1u);
    EXPECT_EQ(recovered.statistics->metadata_count, 1u);
    EXPECT_TRUE(recovered.attachment_indexes.empty());
    bool attachments_reported = false;
    for (const auto& problem : problems.Take()) {
      attachments_reported |=
          problem.message.find("attachment(s) are not recovered") != std::string::npos;
    }
    EXPECT_TRUE(attachments_reported);
  }
}

TEST(McapRecovery, FileCutInsideAChunk) {
  WriterOptions options;
  options.chunk_size = 300;
  TestMcapWriter writer;
  const Bytes bytes = SampleFile(options, 40, &writer);
  const auto& last = writer.chunks().back();
  const Bytes cut(bytes.begin(), bytes.begin() + last.offset + last.length / 2);
  ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(cut));
  CollectingProblemHandler problems;
  ASSERT_OK_AND_ASSIGN(auto recovered, RecoverSummary(*file, &problems));
  EXPECT_EQ(recovered.chunk_indexes.size(), writer.chunks().size() - 1);
  EXPECT_EQ(recovered.statistics->message_count, 40u - static_cast<uint64_t>(last.messages));
  const auto reported = problems.Take();
  ASSERT_FALSE(reported.empty());
  EXPECT_NE(reported[0].message.find("stopped at a truncated record"), std::string::npos);
  EXPECT_EQ(reported[0].offset, last.offset);
}

TEST(McapRecovery, ChunksWithoutMessageIndexesAreDropped) {
  WriterOptions options;
  options.message_indexes = false;
  options.summary = false;
  ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(SampleFile(options)));
  CollectingProblemHandler problems;
  ASSERT_OK_AND_ASSIGN(auto recovered, RecoverSummary(*file, &problems));
  EXPECT_TRUE(recovered.chunk_indexes.empty());
  EXPECT_TRUE(recovered.channels.empty());
  EXPECT_EQ(recovered.statistics->message_count, 0u);
  EXPECT_EQ(recovered.statistics->message_start_time, 0u);
  bool dropped = false;
  for (const auto& problem : problems.Take()) {
    dropped |= problem.message.find("no message index follows it") != std::string::npos;
  }
  EXPECT_TRUE(dropped);
}

TEST(McapRecovery, UnchunkedFileCannotBeRecovered) {
  WriterOptions options;
  options.chunked = false;
  options.summary = false;
  ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(SampleFile(options)));
  EXPECT_TRUE(
      FailsWith(RecoverSummary(*file, nullptr).status(), "Cannot recover an unchunked MCAP file"));
}

TEST(McapRecovery, ChannelsWithoutDefinitionAreDropped) {
  // A chunk whose message index names a channel that no chunk defines.
  WriterOptions options;
  options.summary = false;
  options.chunk_size = 100000;
  TestMcapWriter writer;
  Bytes bytes = SampleFile(options, 4, &writer);
  const auto& chunk = writer.chunks()[0];
  const Bytes ghost = Framed(0x07, ByteWriter().U16(9).U32(16).U64(1).U64(0).bytes());
  bytes.insert(bytes.begin() + chunk.offset + chunk.length, ghost.begin(), ghost.end());
  ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(bytes));
  CollectingProblemHandler problems;
  ASSERT_OK_AND_ASSIGN(auto recovered, RecoverSummary(*file, &problems));
  ASSERT_EQ(recovered.chunk_indexes.size(), 1u);
  EXPECT_EQ(recovered.chunk_indexes[0].message_index_offsets.count(9), 0u);
  EXPECT_EQ(recovered.channels.size(), 2u);
  bool reported = false;
  for (const auto& problem : problems.Take()) {
    reported |=
        problem.message.find("channel 9 has no Channel record in any chunk") != std::string::npos;
  }
  EXPECT_TRUE(reported);
}

}  // namespace
}  // namespace rrflow::internal::mcap
