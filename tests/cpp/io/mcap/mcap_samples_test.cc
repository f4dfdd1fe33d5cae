// Files written by the Python `mcap` writer (tests/data/mcap/make_samples.py).
#include <gtest/gtest.h>

#include "io/mcap/mcap_chunk_reader_internal.h"
#include "io/mcap/mcap_file_internal.h"
#include "io/mcap/mcap_linear_scan_internal.h"
#include "io/mcap/mcap_recovery_internal.h"
#include "io/mcap/mcap_test_util.h"

namespace rrflow::internal::mcap {
namespace {

using namespace rrflow::testing::mcap;

std::string SamplePath(const std::string& name) {
  return std::string(RRFLOW_TEST_DATA_DIR) + "/mcap/" + name;
}

// The payload make_samples.py writes for message i (Python's json.dumps).
std::string ExpectedPayload(int i) {
  const std::string topic = i % 5 < 3 ? "/pose" : "/raw";
  std::string x = std::to_string(i / 2) + (i % 2 == 0 ? ".0" : ".5");
  return "{\"i\": " + std::to_string(i) + ", \"topic\": \"" + topic + "\", \"x\": " + x + "}";
}

void ExpectSampleMessages(const std::vector<Message>& messages) {
  ASSERT_EQ(messages.size(), 50u);
  for (int i = 0; i < 50; ++i) {
    const Message& message = messages[static_cast<size_t>(i)];
    EXPECT_EQ(message.channel_id, i % 5 < 3 ? 1 : 2) << i;
    EXPECT_EQ(message.log_time, 1000u + static_cast<uint64_t>(i));
    EXPECT_EQ(message.publish_time, 5000u + static_cast<uint64_t>(i));
    EXPECT_EQ(message.sequence, static_cast<uint32_t>(i));
    EXPECT_EQ(ToString(message.data), ExpectedPayload(i));
  }
}

class McapSamples : public ::testing::TestWithParam<std::string> {};

TEST_P(McapSamples, ChunkedSummaryAndMessages) {
  auto problems = std::make_shared<CollectingProblemHandler>();
  ASSERT_OK_AND_ASSIGN(auto file, McapFile::Open(SamplePath(GetParam())));
  ASSERT_OK_AND_ASSIGN(auto summary, file->ReadSummary());
  EXPECT_EQ(summary.header.library, "rrflow make_samples.py");
  ASSERT_EQ(summary.schemas.size(), 1u);
  EXPECT_EQ(summary.schemas.at(1).encoding, "jsonschema");
  ASSERT_EQ(summary.channels.size(), 2u);
  EXPECT_EQ(summary.channels.at(1).metadata.at("frame"), "map");
  EXPECT_EQ(summary.channels.at(2).schema_id, 0);
  ASSERT_TRUE(summary.statistics.has_value());
  EXPECT_EQ(summary.statistics->message_count, 50u);
  EXPECT_EQ(summary.statistics->channel_message_counts.at(1), 30u);
  EXPECT_EQ(summary.statistics->channel_message_counts.at(2), 20u);
  EXPECT_GT(summary.chunk_indexes.size(), 3u);

  int64_t indexed = 0;
  for (const auto& index : summary.chunk_indexes) {
    ASSERT_OK_AND_ASSIGN(auto message_indexes, file->ReadMessageIndexes(index));
    for (const auto& message_index : message_indexes) {
      indexed += static_cast<int64_t>(message_index.records.size());
    }
  }
  EXPECT_EQ(indexed, 50);

  std::vector<Message> messages;
  std::vector<std::shared_ptr<const ChunkContents>> chunks;  // what the messages' data point into
  OrderedChunkReader reader(file, summary.chunk_indexes, 2048, problems);
  while (true) {
    ASSERT_OK_AND_ASSIGN(auto chunk, reader.Next());
    if (chunk == nullptr) break;
    messages.insert(messages.end(), chunk->messages.begin(), chunk->messages.end());
    chunks.push_back(chunk);
  }
  ExpectSampleMessages(messages);
  EXPECT_TRUE(problems->Take().empty());

  ASSERT_EQ(summary.attachment_indexes.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto attachment, file->ReadAttachment(summary.attachment_indexes[0]));
  EXPECT_NE(attachment.crc, 0u);
  EXPECT_EQ(ToString(attachment.data), "recorded by a test");
  ASSERT_EQ(summary.metadata_indexes.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto metadata, file->ReadMetadata(summary.metadata_indexes[0]));
  EXPECT_EQ(metadata.metadata, (StringMap{{"build", "42"}, {"name", "rover"}}));
}

INSTANTIATE_TEST_SUITE_P(Python, McapSamples,
                         ::testing::Values("chunked_lz4.mcap", "chunked_zstd.mcap",
                                           "chunked_uncompressed.mcap"));

TEST(McapSamplesLinear, EveryFileScansToTheSameMessages) {
  for (const std::string name :
       {"chunked_lz4.mcap", "chunked_zstd.mcap", "chunked_uncompressed.mcap", "unchunked.mcap"}) {
    SCOPED_TRACE(name);
    ASSERT_OK_AND_ASSIGN(auto file, McapFile::Open(SamplePath(name)));
    auto problems = std::make_shared<CollectingProblemHandler>();
    LinearScanner scanner(file, problems);
    std::vector<Message> messages;
    std::vector<std::shared_ptr<arrow::Buffer>> bodies;  // what the messages' data point into
    while (true) {
      ASSERT_OK_AND_ASSIGN(auto scanned, scanner.Next());
      if (!scanned) break;
      if (scanned->record.opcode == static_cast<uint8_t>(Opcode::kMessage)) {
        ASSERT_OK_AND_ASSIGN(auto message, ParseRecord<Message>(scanned->record, name));
        messages.push_back(std::move(message));
        bodies.push_back(scanned->record.body);
      }
    }
    ExpectSampleMessages(messages);
    EXPECT_EQ(scanner.channels().size(), 2u);
    EXPECT_TRUE(problems->Take().empty());
  }
}

// The Python writer's file cut where its summary starts, recovered.
TEST(McapSamplesRecovery, CutAtSummaryStart) {
  const Bytes bytes = ReadFileBytes(SamplePath("chunked_zstd.mcap"));
  ASSERT_GT(bytes.size(), 37u);
  uint64_t summary_start = 0;
  for (int i = 0; i < 8; ++i) {
    summary_start |= static_cast<uint64_t>(bytes[bytes.size() - 37 + 9 + static_cast<size_t>(i)])
                     << (8 * i);
  }
  ASSERT_GT(summary_start, 0u);
  ASSERT_OK_AND_ASSIGN(auto intact, OpenBytes(bytes).ValueOrDie()->ReadSummary());
  ASSERT_OK_AND_ASSIGN(
      auto cut,
      OpenBytes(Bytes(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(summary_start))));
  ASSERT_OK_AND_ASSIGN(auto recovered, RecoverSummary(*cut, nullptr));
  ASSERT_EQ(recovered.chunk_indexes.size(), intact.chunk_indexes.size());
  for (size_t i = 0; i < intact.chunk_indexes.size(); ++i) {
    EXPECT_EQ(recovered.chunk_indexes[i].chunk_start_offset,
              intact.chunk_indexes[i].chunk_start_offset);
    EXPECT_EQ(recovered.chunk_indexes[i].message_index_offsets,
              intact.chunk_indexes[i].message_index_offsets);
  }
  EXPECT_EQ(recovered.channels.size(), 2u);
  EXPECT_EQ(recovered.statistics->channel_message_counts,
            intact.statistics->channel_message_counts);
  EXPECT_EQ(recovered.statistics->message_start_time, intact.statistics->message_start_time);
  EXPECT_EQ(recovered.statistics->message_end_time, intact.statistics->message_end_time);
  EXPECT_EQ(recovered.metadata_indexes.size(), 1u);
}

TEST(McapSamplesLinear, UnchunkedSummaryListsNoChunks) {
  ASSERT_OK_AND_ASSIGN(auto file, McapFile::Open(SamplePath("unchunked.mcap")));
  ASSERT_OK_AND_ASSIGN(auto summary, file->ReadSummary());
  EXPECT_TRUE(summary.chunk_indexes.empty());
  EXPECT_EQ(summary.channels.size(), 2u);
  EXPECT_EQ(summary.statistics->message_count, 50u);
}

}  // namespace
}  // namespace rrflow::internal::mcap
