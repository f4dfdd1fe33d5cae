// McapReader's options beyond rerun-sdk 0.33.1: the time window, recovery,
// TimeBounds, Info and the read-progress counter.
#include <algorithm>
#include <string>
#include <vector>

#include <arrow/array/array_primitive.h>
#include <gtest/gtest.h>

#include "io/mcap/mcap_test_util.h"
#include "rrflow/io/mcap/mcap_reader.h"
#include "rrflow/stream/lazy_chunk_stream.h"

namespace rrflow::testing::mcap {
namespace {

// SampleFile's ROS 2 schema does not resolve: every read warns that its
// channel is not reflected (and reads it raw).
bool IsSampleSchemaWarning(const Problem& problem) {
  return problem.message.find("(topic `/points`) is not reflected") != std::string::npos;
}

// SampleFile's messages: message i at log time 1000 + i, in chunks of
// about `chunk_size` bytes.
constexpr int kMessages = 40;

struct SampleOnDisk {
  std::string path;
  TestMcapWriter writer;
  Bytes bytes;
};

SampleOnDisk WriteSample(const std::string& name, WriterOptions options = {}) {
  options.chunk_size = 200;
  SampleOnDisk sample{(TestDirectory() / name).string(), TestMcapWriter(options), {}};
  sample.bytes = SampleFile(options, kMessages, &sample.writer);
  WriteFileBytes(sample.path, sample.bytes);
  return sample;
}

std::string WriteCut(const SampleOnDisk& sample, const std::string& name, int64_t size) {
  const std::string path = (TestDirectory() / name).string();
  WriteFileBytes(path, Bytes(sample.bytes.begin(), sample.bytes.begin() + size));
  return path;
}

// The log times of the temporal chunks' rows, sorted.
std::vector<int64_t> LogTimes(const std::vector<ChunkPtr>& chunks) {
  std::vector<int64_t> times;
  for (const auto& chunk : chunks) {
    for (const auto& column : chunk->timelines()) {
      if (column.name() != "message_log_time") continue;
      const auto& values = static_cast<const arrow::TimestampArray&>(*column.times());
      for (int64_t row = 0; row < values.length(); ++row) times.push_back(values.Value(row));
    }
  }
  std::sort(times.begin(), times.end());
  return times;
}

std::vector<int64_t> TimesBetween(int64_t start, int64_t end) {
  std::vector<int64_t> times;
  for (int64_t time = std::max<int64_t>(start, 1000); time < std::min<int64_t>(end, 1000 + kMessages);
       ++time) {
    times.push_back(time);
  }
  return times;
}

arrow::Result<std::vector<ChunkPtr>> Read(const std::string& path, McapReaderOptions options,
                                          std::shared_ptr<ProblemHandler> problems = nullptr) {
  ARROW_ASSIGN_OR_RAISE(auto reader, McapReader::Open(path, std::move(options)));
  ExecuteOptions execute;
  execute.problems = std::move(problems);
  return ToChunks(reader->Stream(), execute);
}

TEST(McapReaderTimeRange, ChecksTheBounds) {
  EXPECT_TRUE(CheckMcapTimeRange(std::nullopt, std::nullopt).ok());
  EXPECT_TRUE(CheckMcapTimeRange(0, 1).ok());
  EXPECT_TRUE(CheckMcapTimeRange(5, std::nullopt).ok());
  const auto negative = CheckMcapTimeRange(-1, std::nullopt);
  EXPECT_TRUE(negative.IsInvalid());
  EXPECT_NE(negative.message().find("start_time_ns must be non-negative"), std::string::npos);
  EXPECT_NE(CheckMcapTimeRange(std::nullopt, -2).message().find("end_time_ns must be non-negative"),
            std::string::npos);
  EXPECT_NE(CheckMcapTimeRange(7, 7).message().find("must be less than"), std::string::npos);
  EXPECT_NE(CheckMcapTimeRange(std::nullopt, 0).message().find("must be less than"),
            std::string::npos);

  const auto sample = WriteSample("range_checks.mcap");
  McapReaderOptions options;
  options.start_time_ns = 9;
  options.end_time_ns = 3;
  EXPECT_TRUE(McapReader::Open(sample.path, options).status().IsInvalid());
  ASSERT_OK_AND_ASSIGN(auto reader, McapReader::Open(sample.path, {}));
  EXPECT_TRUE(reader->Stream(-4, std::nullopt).status().IsInvalid());
}

TEST(McapReaderTimeRange, KeepsTheMessagesInsideAndSkipsChunksOutside) {
  const auto sample = WriteSample("range.mcap");
  ASSERT_GT(sample.writer.chunks().size(), 4u);
  const std::pair<std::optional<int64_t>, std::optional<int64_t>> windows[] = {
      {1010, 1020}, {std::nullopt, 1005}, {1033, std::nullopt}, {1000, 1001}, {5000, 6000}};
  for (const auto& [start, end] : windows) {
    SCOPED_TRACE(::testing::PrintToString(start) + ".." + ::testing::PrintToString(end));
    McapReaderOptions options;
    options.start_time_ns = start;
    options.end_time_ns = end;
    options.progress = std::make_shared<McapReadProgress>();
    ASSERT_OK_AND_ASSIGN(auto chunks, Read(sample.path, options));
    EXPECT_EQ(LogTimes(chunks), TimesBetween(start.value_or(0), end.value_or(INT64_MAX)));
    // File-scoped chunks (attachment, metadata, properties, channels) stay.
    EXPECT_GE(std::count_if(chunks.begin(), chunks.end(), [](auto& c) { return c->is_static(); }), 5);

    // Only the chunks whose index overlaps the window are read.
    ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(sample.bytes));
    ASSERT_OK_AND_ASSIGN(auto summary, file->ReadSummary());
    int64_t overlapping = 0;
    for (const auto& index : summary.chunk_indexes) {
      if (index.message_end_time >= static_cast<uint64_t>(start.value_or(0)) &&
          index.message_start_time < static_cast<uint64_t>(end.value_or(INT64_MAX))) {
        overlapping += static_cast<int64_t>(index.chunk_length);
      }
    }
    EXPECT_EQ(options.progress->bytes_planned.load(), overlapping);
    EXPECT_EQ(options.progress->bytes_read.load(), overlapping);
  }
}

TEST(McapReaderTimeRange, StreamOverridesTheOptions) {
  const auto sample = WriteSample("range_override.mcap");
  McapReaderOptions options;
  options.start_time_ns = 1030;
  ASSERT_OK_AND_ASSIGN(auto reader, McapReader::Open(sample.path, options));
  ASSERT_OK_AND_ASSIGN(auto node, reader->Stream(std::nullopt, 1004));
  ASSERT_OK_AND_ASSIGN(auto chunks, ToChunks(node));
  EXPECT_EQ(LogTimes(chunks), TimesBetween(0, 1004));
  ASSERT_OK_AND_ASSIGN(auto unchanged, reader->Stream(std::nullopt, std::nullopt));
  ASSERT_OK_AND_ASSIGN(chunks, ToChunks(unchanged));
  EXPECT_EQ(LogTimes(chunks), TimesBetween(1030, INT64_MAX));
}

TEST(McapReaderProgress, CountsEveryChunkRead) {
  const auto sample = WriteSample("progress.mcap");
  McapReaderOptions options;
  options.progress = std::make_shared<McapReadProgress>();
  ASSERT_OK_AND_ASSIGN(auto chunks, Read(sample.path, options));
  int64_t total = 0;
  for (const auto& chunk : sample.writer.chunks()) total += chunk.length;
  EXPECT_EQ(options.progress->bytes_planned.load(), total);
  EXPECT_EQ(options.progress->bytes_read.load(), total);
}

// Records the problems and how many chunks the stream had delivered when
// each came.
struct TimedProblems {
  std::vector<std::pair<Problem, size_t>> problems;
  size_t delivered = 0;
};

TEST(McapReaderRecover, WarnsAfterEverythingWasDelivered) {
  const auto sample = WriteSample("recover_order.mcap");
  const auto& chunks = sample.writer.chunks();
  const auto cut = WriteCut(sample, "recover_order_cut.mcap", chunks[3].offset + chunks[3].length / 2);
  McapReaderOptions options;
  options.recover = true;
  ASSERT_OK_AND_ASSIGN(auto reader, McapReader::Open(cut, options));
  TimedProblems timed;
  ExecuteOptions execute;
  execute.problems = MakeProblemHandler(
      [&](const Problem& problem) { timed.problems.emplace_back(problem, timed.delivered); });
  ASSERT_OK_AND_ASSIGN(auto iterator, Execute(reader->Stream(), execute));
  std::vector<ChunkPtr> delivered;
  while (true) {
    ASSERT_OK_AND_ASSIGN(auto chunk, iterator->Next());
    if (chunk == nullptr) break;
    delivered.push_back(chunk);
    ++timed.delivered;
  }
  // The three complete chunks' messages.
  int64_t kept = 0;
  for (size_t i = 0; i < 3; ++i) kept += chunks[i].messages;
  EXPECT_EQ(LogTimes(delivered), TimesBetween(1000, 1000 + kept));
  std::erase_if(timed.problems, [](const auto& entry) { return IsSampleSchemaWarning(entry.first); });
  ASSERT_EQ(timed.problems.size(), 1u);
  const auto& [warning, when] = timed.problems[0];
  EXPECT_EQ(when, delivered.size());
  EXPECT_TRUE(IsMcapRecoveryLoss(warning));
  EXPECT_NE(warning.message.find("stopped at a truncated record"), std::string::npos);
  EXPECT_EQ(warning.source, cut);
}

TEST(McapReaderRecover, WithoutRecoverTheSummaryIsRequired) {
  const auto sample = WriteSample("recover_required.mcap");
  const auto cut = WriteCut(sample, "recover_required_cut.mcap", sample.writer.summary_start());
  const auto plain = Read(cut, {});
  ASSERT_FALSE(plain.ok());
  EXPECT_NE(plain.status().message().find("MCAP error"), std::string::npos);
  ASSERT_OK_AND_ASSIGN(auto reader, McapReader::Open(cut, {}));
  for (const auto& status : {reader->Info().status(), reader->TimeBounds().status()}) {
    EXPECT_TRUE(status.IsInvalid());
    EXPECT_NE(status.message().find("try reopening it with recovery enabled"), std::string::npos);
  }

  McapReaderOptions options;
  options.recover = true;
  auto problems = std::make_shared<CollectingProblemHandler>();
  ASSERT_OK_AND_ASSIGN(auto chunks, Read(cut, options, problems));
  EXPECT_EQ(LogTimes(chunks), TimesBetween(0, INT64_MAX));
  auto reported = problems->Take();
  std::erase_if(reported, IsSampleSchemaWarning);
  ASSERT_EQ(reported.size(), 1u);
  // The attachment is the one thing lost.
  EXPECT_TRUE(IsMcapRecoveryLoss(reported[0]));
  ASSERT_OK_AND_ASSIGN(auto recovering, McapReader::Open(cut, options));
  ASSERT_OK_AND_ASSIGN(auto bounds, recovering->TimeBounds());
  EXPECT_EQ(bounds.start_ns, 1000u);
  EXPECT_EQ(bounds.end_ns, 1000u + kMessages - 1);
  ASSERT_OK_AND_ASSIGN(auto info, recovering->Info());
  EXPECT_TRUE(info.recovered);
  ASSERT_EQ(info.recovery_losses.size(), 1u);
  EXPECT_EQ(info.recovery_losses[0].rfind("1 attachment(s) are not recovered", 0), 0u);
}

TEST(McapReaderInfo, DescribesTheSummary) {
  for (const bool statistics : {true, false}) {
    SCOPED_TRACE(statistics);
    WriterOptions writer_options;
    writer_options.statistics = statistics;
    const auto sample = WriteSample(statistics ? "info.mcap" : "info_no_stats.mcap", writer_options);
    ASSERT_OK_AND_ASSIGN(auto reader, McapReader::Open(sample.path, {}));
    ASSERT_OK_AND_ASSIGN(auto info, reader->Info());
    EXPECT_EQ(info.path, sample.path);
    EXPECT_EQ(info.file_bytes, static_cast<int64_t>(sample.bytes.size()));
    EXPECT_EQ(info.message_count, static_cast<uint64_t>(kMessages));
    ASSERT_TRUE(info.time_bounds.has_value());
    EXPECT_EQ(info.time_bounds->start_ns, 1000u);
    EXPECT_EQ(info.time_bounds->end_ns, 1000u + kMessages - 1);
    ASSERT_EQ(info.schemas.size(), 1u);
    EXPECT_EQ(info.schemas[0].name, "pkg/msg/Point");
    EXPECT_EQ(info.schemas[0].encoding, "ros2msg");
    EXPECT_EQ(info.schemas[0].data_bytes, 9);
    ASSERT_EQ(info.channels.size(), 2u);
    EXPECT_EQ(info.channels[0].topic, "/points");
    EXPECT_EQ(info.channels[0].schema_name, "pkg/msg/Point");
    EXPECT_EQ(info.channels[0].message_count, static_cast<uint64_t>(kMessages / 2));
    EXPECT_EQ(info.channels[1].topic, "/raw");
    EXPECT_EQ(info.channels[1].schema_id, 0);
    EXPECT_EQ(info.channels[1].message_count, static_cast<uint64_t>(kMessages / 2));
    EXPECT_EQ(info.chunk_count, static_cast<int64_t>(sample.writer.chunks().size()));
    ASSERT_EQ(info.compressions.size(), 1u);
    EXPECT_EQ(info.compressions[0].compression, "zstd");
    EXPECT_EQ(info.compressions[0].chunk_count, info.chunk_count);
    uint64_t uncompressed = 0;
    for (const auto& chunk : sample.writer.chunks()) {
      uncompressed += static_cast<uint64_t>(chunk.uncompressed_size);
    }
    EXPECT_EQ(info.uncompressed_bytes, uncompressed);
    EXPECT_EQ(info.compressions[0].uncompressed_bytes, uncompressed);
    EXPECT_GT(info.compressed_bytes, 0u);
    EXPECT_EQ(info.attachment_count, 1);
    EXPECT_EQ(info.metadata_count, 1);
    EXPECT_FALSE(info.recovered);
  }
}

TEST(McapReaderInfo, FileWithoutMessages) {
  TestMcapWriter writer;
  writer.AddChannel("/quiet", "json", 0);
  const std::string path = (TestDirectory() / "no_messages.mcap").string();
  WriteFileBytes(path, writer.Finish());
  ASSERT_OK_AND_ASSIGN(auto reader, McapReader::Open(path, {}));
  const auto bounds = reader->TimeBounds();
  ASSERT_FALSE(bounds.ok());
  EXPECT_NE(bounds.status().message().find("MCAP file contains no messages"), std::string::npos);
  ASSERT_OK_AND_ASSIGN(auto info, reader->Info());
  EXPECT_FALSE(info.time_bounds.has_value());
  EXPECT_EQ(info.message_count, 0u);
  EXPECT_EQ(info.chunk_count, 0);
}

TEST(McapReaderInfo, NotAnMcapFile) {
  const std::string path = (TestDirectory() / "not_mcap.mcap").string();
  WriteFileBytes(path, Bytes{'n', 'o', 'p', 'e', 0, 1, 2, 3, 4, 5});
  McapReaderOptions options;
  options.recover = true;
  ASSERT_OK_AND_ASSIGN(auto reader, McapReader::Open(path, options));
  const auto info = reader->Info();
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.status().message().find("missing start magic"), std::string::npos);
  EXPECT_EQ(info.status().message().find("recovery"), std::string::npos);
}

}  // namespace
}  // namespace rrflow::testing::mcap
