// McapFile: opening, the summary and its consistency rules, indexed reads.
#include "io/mcap/mcap_file_internal.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "io/mcap/mcap_chunk_internal.h"
#include "io/mcap/mcap_linear_scan_internal.h"
#include "io/mcap/mcap_recovery_internal.h"
#include "io/mcap/mcap_test_util.h"

namespace rrflow::internal::mcap {
namespace {

using namespace rrflow::testing::mcap;

McapSummary SummaryOf(const Bytes& bytes) {
  auto file = OpenBytes(bytes);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  auto summary = (*file)->ReadSummary();
  EXPECT_TRUE(summary.ok()) << summary.status().ToString();
  return summary.ok() ? *summary : McapSummary{};
}

arrow::Status SummaryError(const Bytes& bytes) {
  ARROW_ASSIGN_OR_RAISE(auto file, OpenBytes(bytes));
  return file->ReadSummary().status();
}

// The summary section of a file written without one, followed by a footer.
Bytes WithSummary(Bytes file, const std::vector<Bytes>& records) {
  file.resize(file.size() - 8 - 29);  // drop footer and magic
  const uint64_t summary_start = file.size();
  for (const auto& record : records) file.insert(file.end(), record.begin(), record.end());
  const Bytes footer = Framed(0x02, ByteWriter().U64(summary_start).U64(0).U32(0).bytes());
  file.insert(file.end(), footer.begin(), footer.end());
  file.insert(file.end(), std::begin(kMagic), std::end(kMagic));
  return file;
}

Bytes SchemaRecord(uint16_t id, const std::string& name) {
  return Framed(0x03, ByteWriter().U16(id).String(name).String("jsonschema").U32(0).bytes());
}

Bytes ChannelRecord(uint16_t id, uint16_t schema_id, const std::string& topic) {
  return Framed(
      0x04, ByteWriter().U16(id).U16(schema_id).String(topic).String("json").StringMap({}).bytes());
}

TEST(McapFile, SummaryOfEveryWriterVariant) {
  for (const std::string compression : {"", "lz4", "zstd"}) {
    for (const int64_t chunk_size : {1, 200, 100000}) {
      WriterOptions options;
      options.compression = compression;
      options.chunk_size = chunk_size;
      TestMcapWriter writer;
      const Bytes bytes = SampleFile(options, 40, &writer);
      const McapSummary summary = SummaryOf(bytes);
      SCOPED_TRACE(compression + " " + std::to_string(chunk_size));
      EXPECT_EQ(summary.header.profile, "test");
      ASSERT_EQ(summary.schemas.size(), 1u);
      EXPECT_EQ(summary.schemas.at(1).name, "pkg/msg/Point");
      EXPECT_EQ(ToString(summary.schemas.at(1).data), "Missing m");
      ASSERT_EQ(summary.channels.size(), 2u);
      EXPECT_EQ(summary.channels.at(1).topic, "/points");
      EXPECT_EQ(summary.channels.at(1).metadata.at("qos"), "reliable");
      EXPECT_EQ(summary.channels.at(2).schema_id, 0);
      ASSERT_EQ(summary.chunk_indexes.size(), writer.chunks().size());
      if (chunk_size == 1) {
        EXPECT_EQ(summary.chunk_indexes.size(), 40u);
      }
      if (chunk_size == 100000) {
        EXPECT_EQ(summary.chunk_indexes.size(), 1u);
      }
      for (size_t i = 0; i < summary.chunk_indexes.size(); ++i) {
        EXPECT_EQ(summary.chunk_indexes[i].chunk_start_offset,
                  static_cast<uint64_t>(writer.chunks()[i].offset));
        EXPECT_EQ(summary.chunk_indexes[i].compression, compression);
      }
      ASSERT_TRUE(summary.statistics.has_value());
      EXPECT_EQ(summary.statistics->message_count, 40u);
      EXPECT_EQ(summary.statistics->channel_message_counts.at(2), 20u);
      ASSERT_EQ(summary.attachment_indexes.size(), 1u);
      ASSERT_EQ(summary.metadata_indexes.size(), 1u);

      ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(bytes));
      int64_t messages = 0;
      for (const auto& index : summary.chunk_indexes) {
        ASSERT_OK_AND_ASSIGN(auto message_indexes, file->ReadMessageIndexes(index));
        for (const auto& message_index : message_indexes) {
          messages += static_cast<int64_t>(message_index.records.size());
        }
        ASSERT_OK_AND_ASSIGN(auto chunk, file->ReadChunk(index));
        EXPECT_EQ(chunk.uncompressed_size, index.uncompressed_size);
      }
      EXPECT_EQ(messages, 40);
      ASSERT_OK_AND_ASSIGN(auto attachment, file->ReadAttachment(summary.attachment_indexes[0]));
      EXPECT_EQ(attachment.name, "calib.txt");
      EXPECT_EQ(ToString(attachment.data), "k=1");
      ASSERT_OK_AND_ASSIGN(auto metadata, file->ReadMetadata(summary.metadata_indexes[0]));
      EXPECT_EQ(metadata.metadata.at("name"), "rover");
    }
  }
}

TEST(McapFile, WithoutStatisticsOrMessageIndexes) {
  WriterOptions options;
  options.statistics = false;
  options.message_indexes = false;
  const McapSummary summary = SummaryOf(SampleFile(options));
  EXPECT_FALSE(summary.statistics.has_value());
  ASSERT_FALSE(summary.chunk_indexes.empty());
  EXPECT_TRUE(summary.chunk_indexes[0].message_index_offsets.empty());
}

TEST(McapFile, NonEmptyChannels) {
  // A third channel without messages.
  const auto write = [](const WriterOptions& options) {
    TestMcapWriter writer(options);
    const uint16_t a = writer.AddChannel("/a", "json", 0);
    writer.AddChannel("/silent", "json", 0);
    const uint16_t c = writer.AddChannel("/c", "json", 0);
    for (int i = 0; i < 10; ++i) {
      writer.AddMessage(i % 2 == 0 ? a : c, static_cast<uint64_t>(i), {'1'});
    }
    return writer.Finish();
  };
  for (const bool statistics : {true, false}) {
    WriterOptions options;
    options.statistics = statistics;
    options.chunk_size = 40;
    const Bytes bytes = write(options);
    ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(bytes));
    ASSERT_OK_AND_ASSIGN(auto summary, file->ReadSummary());
    ASSERT_EQ(summary.channels.size(), 3u);
    ASSERT_OK_AND_ASSIGN(auto channels, file->NonEmptyChannels(summary, nullptr));
    EXPECT_EQ(channels, (std::set<uint16_t>{1, 3})) << statistics;
  }
  // Statistics with an empty count map: every channel is empty.
  WriterOptions options;
  ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(write(options)));
  ASSERT_OK_AND_ASSIGN(auto summary, file->ReadSummary());
  summary.statistics->channel_message_counts.clear();
  ASSERT_OK_AND_ASSIGN(auto none, file->NonEmptyChannels(summary, nullptr));
  EXPECT_TRUE(none.empty());
  // Neither Statistics nor message indexes: the chunks are read (rerun-sdk
  // 0.33.1 fails such a file with "Index offset and length didn't point to
  // the expected record type").
  options.statistics = false;
  options.message_indexes = false;
  ASSERT_OK_AND_ASSIGN(auto unindexed, OpenBytes(write(options)));
  ASSERT_OK_AND_ASSIGN(auto unindexed_summary, unindexed->ReadSummary());
  ASSERT_OK_AND_ASSIGN(auto found, unindexed->NonEmptyChannels(unindexed_summary, nullptr));
  EXPECT_EQ(found, (std::set<uint16_t>{1, 3}));
}

TEST(McapFile, NotAnMcapFile) {
  EXPECT_TRUE(FailsWith(OpenBytes({}).status(), "Not an MCAP file: missing start magic"));
  EXPECT_TRUE(FailsWith(OpenBytes({0x89, 'M', 'C'}).status(), "missing start magic"));
  Bytes bytes = SampleFile({});
  bytes[1] = 'X';
  EXPECT_TRUE(FailsWith(OpenBytes(bytes).status(),
                        "test.mcap: Not an MCAP file: missing start magic at byte 0"));
}

TEST(McapFile, NoSummary) {
  WriterOptions options;
  options.summary = false;
  EXPECT_TRUE(FailsWith(SummaryError(SampleFile(options)), "MCAP file does not contain a summary"));
}

TEST(McapFile, BadEndMagicAndBadFooter) {
  Bytes bytes = SampleFile({});
  bytes[bytes.size() - 2] ^= 1;
  EXPECT_TRUE(FailsWith(SummaryError(bytes), "does not end with the expected magic bytes"));
  bytes = SampleFile({});
  bytes[bytes.size() - 37] = 0x0F;
  EXPECT_TRUE(FailsWith(SummaryError(bytes), "expected a Footer record"));
  bytes = SampleFile({});
  bytes[bytes.size() - 36] = 21;
  EXPECT_TRUE(FailsWith(SummaryError(bytes), "expected a Footer record of 20 bytes"));
  bytes = SampleFile({});
  bytes[bytes.size() - 27] = 0xFF;  // summary start far outside the file
  EXPECT_TRUE(FailsWith(SummaryError(bytes), "summary start"));
}

TEST(McapFile, SummaryStartInsideARecordIsAnError) {
  TestMcapWriter writer;
  Bytes bytes = SampleFile({}, 40, &writer);
  const int64_t footer = static_cast<int64_t>(bytes.size()) - 37;
  const uint64_t shifted = static_cast<uint64_t>(writer.summary_start()) + 3;
  for (int i = 0; i < 8; ++i) bytes[footer + 9 + i] = static_cast<uint8_t>(shifted >> (8 * i));
  EXPECT_FALSE(SummaryError(bytes).ok());
}

TEST(McapFile, ChannelWithUnknownSchema) {
  WriterOptions options;
  options.summary = false;
  const Bytes bytes =
      WithSummary(SampleFile(options), {SchemaRecord(1, "a"), ChannelRecord(4, 9, "/x")});
  EXPECT_TRUE(FailsWith(SummaryError(bytes), "channel 4 (topic `/x`) has unknown schema 9"));
  // A channel may not use a schema defined after it in the summary.
  const Bytes later =
      WithSummary(SampleFile(options), {ChannelRecord(4, 1, "/x"), SchemaRecord(1, "a")});
  EXPECT_TRUE(FailsWith(SummaryError(later), "unknown schema 1"));
}

TEST(McapFile, ConflictingDuplicates) {
  WriterOptions options;
  options.summary = false;
  const Bytes base = SampleFile(options);
  EXPECT_TRUE(
      FailsWith(SummaryError(WithSummary(base, {SchemaRecord(1, "a"), SchemaRecord(1, "b")})),
                "conflicting schemas"));
  EXPECT_TRUE(FailsWith(
      SummaryError(WithSummary(base, {ChannelRecord(2, 0, "/a"), ChannelRecord(2, 0, "/b")})),
      "conflicting channels: two different Channel records with id 2"));
  // Identical repeats are fine.
  const McapSummary summary =
      SummaryOf(WithSummary(base, {SchemaRecord(1, "a"), SchemaRecord(1, "a"),
                                   ChannelRecord(2, 1, "/a"), ChannelRecord(2, 1, "/a")}));
  EXPECT_EQ(summary.channels.size(), 1u);
}

TEST(McapFile, SchemaIdZeroInTheSummary) {
  WriterOptions options;
  options.summary = false;
  const Bytes bytes = WithSummary(SampleFile(options), {SchemaRecord(0, "a")});
  EXPECT_TRUE(FailsWith(SummaryError(bytes), "schema id 0 is reserved"));
}

TEST(McapFile, UnknownAndPrivateSummaryRecordsAreSkipped) {
  WriterOptions options;
  options.summary = false;
  const Bytes bytes =
      WithSummary(SampleFile(options),
                  {Framed(0x99, {1, 2, 3}), Framed(0x0E, ByteWriter().U8(8).U64(0).U64(0).bytes()),
                   ChannelRecord(3, 0, "/c")});
  EXPECT_EQ(SummaryOf(bytes).channels.size(), 1u);
}

TEST(McapFile, AttachmentWithBadCrc) {
  const Bytes good = SampleFile({});
  const McapSummary summary = SummaryOf(good);
  const auto& index = summary.attachment_indexes.at(0);
  Bytes bytes = good;
  // The attachment's last data byte.
  bytes[index.offset + index.length - 5] ^= 0x40;
  ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(bytes));
  EXPECT_TRUE(
      FailsWith(file->ReadAttachment(index).status(), "attachment `calib.txt`: CRC mismatch"));
  // Without a CRC the same bytes are accepted.
  WriterOptions no_crc;
  no_crc.crcs = false;
  Bytes unchecked = SampleFile(no_crc);
  const auto unchecked_index = SummaryOf(unchecked).attachment_indexes.at(0);
  unchecked[unchecked_index.offset + unchecked_index.length - 5] ^= 0x40;
  ASSERT_OK_AND_ASSIGN(auto unchecked_file, OpenBytes(unchecked));
  ASSERT_OK_AND_ASSIGN(auto attachment, unchecked_file->ReadAttachment(unchecked_index));
  EXPECT_EQ(ToString(attachment.data), "k=q");
}

TEST(McapFile, IndexesPointingAtTheWrongPlace) {
  const Bytes bytes = SampleFile({});
  const McapSummary summary = SummaryOf(bytes);
  ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(bytes));
  ChunkIndex outside = summary.chunk_indexes[0];
  outside.chunk_start_offset = bytes.size() - 4;
  EXPECT_TRUE(FailsWith(file->ReadChunk(outside).status(), "lies outside the file"));
  ChunkIndex wrong_length = summary.chunk_indexes[0];
  wrong_length.chunk_length += 1;
  EXPECT_TRUE(FailsWith(file->ReadChunk(wrong_length).status(), "where the summary says"));
  MetadataIndex not_metadata = summary.metadata_indexes[0];
  not_metadata.offset = summary.chunk_indexes[0].chunk_start_offset;
  EXPECT_TRUE(FailsWith(file->ReadMetadata(not_metadata).status(),
                        "expected a Metadata record where the summary points, found Chunk"));
  ChunkIndex swapped = summary.chunk_indexes[0];
  ASSERT_GE(swapped.message_index_offsets.size(), 2u);
  std::swap(swapped.message_index_offsets[1], swapped.message_index_offsets[2]);
  EXPECT_TRUE(FailsWith(file->ReadMessageIndexes(swapped).status(),
                        "where the chunk index expects channel"));
}

TEST(McapFile, MessageIndexesInOneReadOrOneByOne) {
  const Bytes bytes = SampleFile({});
  const McapSummary summary = SummaryOf(bytes);
  ASSERT_OK_AND_ASSIGN(auto file, OpenBytes(bytes));
  const ChunkIndex& index = summary.chunk_indexes.at(0);
  ASSERT_OK_AND_ASSIGN(auto grouped, file->ReadMessageIndexes(index));
  ChunkIndex scattered = index;
  scattered.message_index_length = 0;  // no group: one read per record
  ASSERT_OK_AND_ASSIGN(auto one_by_one, file->ReadMessageIndexes(scattered));
  ASSERT_EQ(grouped.size(), 2u);
  ASSERT_EQ(one_by_one.size(), 2u);
  for (size_t i = 0; i < grouped.size(); ++i) {
    EXPECT_EQ(grouped[i].channel_id, one_by_one[i].channel_id);
    EXPECT_EQ(grouped[i].records, one_by_one[i].records);
  }
  ChunkIndex short_group = index;
  short_group.message_index_length -= 1;
  EXPECT_TRUE(
      FailsWith(file->ReadMessageIndexes(short_group).status(), "truncated MessageIndex record"));
}

// Every prefix of a small file: opening, the summary, the linear scan and
// recovery answer with a status, never a crash or a hang.
TEST(McapFile, TruncationAtEveryOffset) {
  WriterOptions options;
  options.chunk_size = 150;
  const Bytes bytes = SampleFile(options, 8);
  int summaries = 0;
  for (size_t size = 0; size < bytes.size(); ++size) {
    const Bytes cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size));
    auto file = OpenBytes(cut);
    if (size < 8) {
      EXPECT_TRUE(FailsWith(file.status(), "missing start magic")) << size;
      continue;
    }
    ASSERT_TRUE(file.ok()) << size;
    auto summary = (*file)->ReadSummary();
    EXPECT_FALSE(summary.ok()) << size;  // the end magic is gone
    summaries += summary.ok();
    LinearScanner scanner(*file, nullptr);
    int records = 0;
    while (true) {
      auto record = scanner.Next();
      if (!record.ok()) {
        EXPECT_TRUE(FailsWith(record.status(), "truncated"))
            << size << ": " << record.status().ToString();
        break;
      }
      if (!record->has_value()) break;
      ASSERT_LT(++records, 1000);
    }
    // Recovery keeps the complete chunks before the cut.
    auto recovered = RecoverSummary(**file, nullptr);
    if (recovered.ok()) {
      for (const auto& index : recovered->chunk_indexes) {
        EXPECT_LE(index.chunk_start_offset + index.chunk_length, size) << size;
      }
    }
  }
  EXPECT_EQ(summaries, 0);
  EXPECT_TRUE(SummaryError(bytes).ok());
}

TEST(McapFile, FileShrunkAfterOpening) {
  const auto path = (TestDirectory() / "shrinks.mcap").string();
  WriterOptions options;
  options.chunk_size = 200;
  WriteFileBytes(path, SampleFile(options));
  ASSERT_OK_AND_ASSIGN(auto file, McapFile::Open(path));
  ASSERT_OK_AND_ASSIGN(auto summary, file->ReadSummary());
  ASSERT_GE(summary.chunk_indexes.size(), 2u);
  const auto& last = summary.chunk_indexes.back();
  std::filesystem::resize_file(path, last.chunk_start_offset + 20);
  const auto status = file->ReadChunk(last).status();
  EXPECT_TRUE(FailsWith(status, path + ": short read")) << status.ToString();
  EXPECT_TRUE(FailsWith(status, "the file is shorter than when it was opened"));
  EXPECT_TRUE(FailsWith(file->ReadSummary().status(), "short read"));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace rrflow::internal::mcap
