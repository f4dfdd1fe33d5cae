// Record framing and the parser of every record body.
#include "io/mcap/mcap_records_internal.h"

#include <vector>

#include <arrow/util/crc32.h>
#include <gtest/gtest.h>

#include "io/mcap/mcap_test_util.h"

namespace rrflow::internal::mcap {
namespace {

using namespace rrflow::testing::mcap;

const RecordPlace kPlace{"test.mcap", 100};

std::shared_ptr<arrow::Buffer> Body(const ByteWriter& writer) { return ToBuffer(writer.bytes()); }

// Every strict prefix of `body` fails to parse with an error that names the
// record type and the record's offset.
template <typename Parse>
void ExpectEveryPrefixFails(const Bytes& body, Parse parse, const std::string& type) {
  for (size_t size = 0; size < body.size(); ++size) {
    const Bytes prefix(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(size));
    const auto status = parse(ToBuffer(prefix), kPlace).status();
    EXPECT_TRUE(FailsWith(status, "test.mcap: " + type + " record: field ")) << size;
    EXPECT_TRUE(FailsWith(status, "at byte 100")) << size;
  }
}

TEST(McapRecords, HeaderAndFooter) {
  ByteWriter header;
  header.String("ros2").String("writer 1.0");
  ASSERT_OK_AND_ASSIGN(auto parsed, ParseHeader(Body(header), kPlace));
  EXPECT_EQ(parsed.profile, "ros2");
  EXPECT_EQ(parsed.library, "writer 1.0");
  ExpectEveryPrefixFails(header.bytes(), ParseHeader, "Header");

  ByteWriter footer;
  footer.U64(1234).U64(5678).U32(0xDEADBEEF);
  ASSERT_OK_AND_ASSIGN(auto parsed_footer, ParseFooter(Body(footer), kPlace));
  EXPECT_EQ(parsed_footer.summary_start, 1234u);
  EXPECT_EQ(parsed_footer.summary_offset_start, 5678u);
  EXPECT_EQ(parsed_footer.summary_crc, 0xDEADBEEFu);
  ExpectEveryPrefixFails(footer.bytes(), ParseFooter, "Footer");
}

TEST(McapRecords, SchemaDataIsASliceOfTheBody) {
  ByteWriter schema;
  schema.U16(7).String("pkg/Type").String("protobuf").U32(3).Raw({1, 2, 3});
  const auto body = Body(schema);
  ASSERT_OK_AND_ASSIGN(auto parsed, ParseSchema(body, kPlace));
  EXPECT_EQ(parsed.id, 7);
  EXPECT_EQ(parsed.name, "pkg/Type");
  EXPECT_EQ(parsed.encoding, "protobuf");
  EXPECT_EQ(ToString(parsed.data), std::string("\x01\x02\x03"));
  EXPECT_EQ(parsed.data->parent(), body);
  EXPECT_EQ(parsed.data->data(), body->data() + body->size() - 3);
  ExpectEveryPrefixFails(schema.bytes(), ParseSchema, "Schema");

  ByteWriter reserved;
  reserved.U16(0).String("x").String("y").U32(0);
  EXPECT_TRUE(FailsWith(ParseSchema(Body(reserved), kPlace).status(), "schema id 0 is reserved"));
}

TEST(McapRecords, SchemaDataLongerThanTheBody) {
  ByteWriter schema;
  schema.U16(1).String("a").String("b").U32(0xFFFFFFFF).Raw({1, 2});
  EXPECT_TRUE(FailsWith(ParseSchema(Body(schema), kPlace).status(),
                        "field data needs 4294967295 bytes but only 2 remain"));
}

TEST(McapRecords, ChannelWithMetadata) {
  ByteWriter channel;
  channel.U16(3).U16(7).String("/imu").String("cdr").StringMap({{"a", "1"}, {"b", ""}});
  ASSERT_OK_AND_ASSIGN(auto parsed, ParseChannel(Body(channel), kPlace));
  EXPECT_EQ(parsed.id, 3);
  EXPECT_EQ(parsed.schema_id, 7);
  EXPECT_EQ(parsed.topic, "/imu");
  EXPECT_EQ(parsed.message_encoding, "cdr");
  EXPECT_EQ(parsed.metadata, (StringMap{{"a", "1"}, {"b", ""}}));
  ExpectEveryPrefixFails(channel.bytes(), ParseChannel, "Channel");

  // A map whose byte length ends inside an entry.
  ByteWriter split;
  split.U16(3).U16(0).String("/t").String("json").U32(7).String("abc").String("d");
  EXPECT_TRUE(FailsWith(ParseChannel(Body(split), kPlace).status(), "field metadata"));
}

TEST(McapRecords, MessageDataIsTheRestOfTheBody) {
  ByteWriter message;
  message.U16(2).U32(9).U64(111).U64(222).Raw({'h', 'i'});
  const auto body = Body(message);
  ASSERT_OK_AND_ASSIGN(auto parsed, ParseMessage(body, kPlace));
  EXPECT_EQ(parsed.channel_id, 2);
  EXPECT_EQ(parsed.sequence, 9u);
  EXPECT_EQ(parsed.log_time, 111u);
  EXPECT_EQ(parsed.publish_time, 222u);
  EXPECT_EQ(ToString(parsed.data), "hi");
  EXPECT_EQ(parsed.data.data(), body->data() + 22);
  // The 22-byte header alone is a message with empty data.
  const Bytes header_only(message.bytes().begin(), message.bytes().begin() + 22);
  ASSERT_OK_AND_ASSIGN(auto empty, ParseMessage(ToBuffer(header_only), kPlace));
  EXPECT_EQ(empty.data.size(), 0u);
  ExpectEveryPrefixFails(header_only, ParseMessage, "Message");
}

TEST(McapRecords, Chunk) {
  ByteWriter chunk;
  chunk.U64(10).U64(20).U64(300).U32(0xABCD).String("zstd").U64(4).Raw({9, 8, 7, 6});
  ASSERT_OK_AND_ASSIGN(auto parsed, ParseChunk(Body(chunk), kPlace));
  EXPECT_EQ(parsed.message_start_time, 10u);
  EXPECT_EQ(parsed.message_end_time, 20u);
  EXPECT_EQ(parsed.uncompressed_size, 300u);
  EXPECT_EQ(parsed.uncompressed_crc, 0xABCDu);
  EXPECT_EQ(parsed.compression, "zstd");
  EXPECT_EQ(ToString(parsed.records), std::string("\x09\x08\x07\x06"));
  ExpectEveryPrefixFails(chunk.bytes(), ParseChunk, "Chunk");
}

TEST(McapRecords, MessageIndex) {
  ByteWriter index;
  index.U16(5).U32(32).U64(1).U64(100).U64(2).U64(200);
  ASSERT_OK_AND_ASSIGN(auto parsed, ParseMessageIndex(Body(index), kPlace));
  EXPECT_EQ(parsed.channel_id, 5);
  ASSERT_EQ(parsed.records.size(), 2u);
  EXPECT_EQ(parsed.records[1], (std::pair<uint64_t, uint64_t>(2, 200)));
  ExpectEveryPrefixFails(index.bytes(), ParseMessageIndex, "MessageIndex");

  ByteWriter ragged;
  ragged.U16(5).U32(24).U64(1).U64(100).U64(2);
  EXPECT_TRUE(FailsWith(ParseMessageIndex(Body(ragged), kPlace).status(), "field records"));
}

TEST(McapRecords, ChunkIndex) {
  ByteWriter index;
  index.U64(1)
      .U64(2)
      .U64(300)
      .U64(400)
      .IdMap({{1, 700}, {4, 800}})
      .U64(60)
      .String("lz4")
      .U64(350)
      .U64(900);
  ASSERT_OK_AND_ASSIGN(auto parsed, ParseChunkIndex(Body(index), kPlace));
  EXPECT_EQ(parsed.message_start_time, 1u);
  EXPECT_EQ(parsed.message_end_time, 2u);
  EXPECT_EQ(parsed.chunk_start_offset, 300u);
  EXPECT_EQ(parsed.chunk_length, 400u);
  EXPECT_EQ(parsed.message_index_offsets, (std::map<uint16_t, uint64_t>{{1, 700}, {4, 800}}));
  EXPECT_EQ(parsed.message_index_length, 60u);
  EXPECT_EQ(parsed.compression, "lz4");
  EXPECT_EQ(parsed.compressed_size, 350u);
  EXPECT_EQ(parsed.uncompressed_size, 900u);
  ExpectEveryPrefixFails(index.bytes(), ParseChunkIndex, "ChunkIndex");
}

TEST(McapRecords, AttachmentAndItsCrcSpan) {
  ByteWriter attachment;
  attachment.U64(5).U64(6).String("a.bin").String("application/octet-stream").U64(3).Raw({1, 2, 3});
  const size_t covered = attachment.bytes().size();
  attachment.U32(77);
  ASSERT_OK_AND_ASSIGN(auto parsed, ParseAttachment(Body(attachment), kPlace));
  EXPECT_EQ(parsed.log_time, 5u);
  EXPECT_EQ(parsed.create_time, 6u);
  EXPECT_EQ(parsed.name, "a.bin");
  EXPECT_EQ(parsed.media_type, "application/octet-stream");
  EXPECT_EQ(ToString(parsed.data), std::string("\x01\x02\x03"));
  EXPECT_EQ(parsed.crc, 77u);
  EXPECT_EQ(parsed.crc_covered_size, static_cast<int64_t>(covered));
  ExpectEveryPrefixFails(attachment.bytes(), ParseAttachment, "Attachment");
}

TEST(McapRecords, AttachmentIndexStatisticsMetadataAndTheRest) {
  ByteWriter attachment_index;
  attachment_index.U64(10).U64(20).U64(30).U64(40).U64(50).String("n").String("m");
  ASSERT_OK_AND_ASSIGN(auto ai, ParseAttachmentIndex(Body(attachment_index), kPlace));
  EXPECT_EQ(ai.offset, 10u);
  EXPECT_EQ(ai.length, 20u);
  EXPECT_EQ(ai.log_time, 30u);
  EXPECT_EQ(ai.create_time, 40u);
  EXPECT_EQ(ai.data_size, 50u);
  EXPECT_EQ(ai.name, "n");
  EXPECT_EQ(ai.media_type, "m");
  ExpectEveryPrefixFails(attachment_index.bytes(), ParseAttachmentIndex, "AttachmentIndex");

  ByteWriter statistics;
  statistics.U64(9).U16(2).U32(3).U32(4).U32(5).U32(6).U64(100).U64(200).IdMap({{1, 4}, {2, 5}});
  ASSERT_OK_AND_ASSIGN(auto stats, ParseStatistics(Body(statistics), kPlace));
  EXPECT_EQ(stats.message_count, 9u);
  EXPECT_EQ(stats.schema_count, 2);
  EXPECT_EQ(stats.channel_count, 3u);
  EXPECT_EQ(stats.attachment_count, 4u);
  EXPECT_EQ(stats.metadata_count, 5u);
  EXPECT_EQ(stats.chunk_count, 6u);
  EXPECT_EQ(stats.message_start_time, 100u);
  EXPECT_EQ(stats.message_end_time, 200u);
  EXPECT_EQ(stats.channel_message_counts, (std::map<uint16_t, uint64_t>{{1, 4}, {2, 5}}));
  ExpectEveryPrefixFails(statistics.bytes(), ParseStatistics, "Statistics");

  ByteWriter metadata;
  metadata.String("info").StringMap({{"k", "v"}});
  ASSERT_OK_AND_ASSIGN(auto md, ParseMetadata(Body(metadata), kPlace));
  EXPECT_EQ(md.name, "info");
  EXPECT_EQ(md.metadata, (StringMap{{"k", "v"}}));
  ExpectEveryPrefixFails(metadata.bytes(), ParseMetadata, "Metadata");

  ByteWriter metadata_index;
  metadata_index.U64(1).U64(2).String("info");
  ASSERT_OK_AND_ASSIGN(auto mi, ParseMetadataIndex(Body(metadata_index), kPlace));
  EXPECT_EQ(mi.offset, 1u);
  EXPECT_EQ(mi.length, 2u);
  EXPECT_EQ(mi.name, "info");
  ExpectEveryPrefixFails(metadata_index.bytes(), ParseMetadataIndex, "MetadataIndex");

  ByteWriter summary_offset;
  summary_offset.U8(0x08).U64(1000).U64(64);
  ASSERT_OK_AND_ASSIGN(auto so, ParseSummaryOffset(Body(summary_offset), kPlace));
  EXPECT_EQ(so.group_opcode, 0x08);
  EXPECT_EQ(so.group_start, 1000u);
  EXPECT_EQ(so.group_length, 64u);
  ExpectEveryPrefixFails(summary_offset.bytes(), ParseSummaryOffset, "SummaryOffset");

  ByteWriter data_end;
  data_end.U32(42);
  ASSERT_OK_AND_ASSIGN(auto de, ParseDataEnd(Body(data_end), kPlace));
  EXPECT_EQ(de.data_section_crc, 42u);
  ExpectEveryPrefixFails(data_end.bytes(), ParseDataEnd, "DataEnd");
}

TEST(McapRecords, TrailingFieldsOfANewerWriterAreSkipped) {
  ByteWriter channel;
  channel.U16(1).U16(0).String("/t").String("json").StringMap({}).U64(99).String("future");
  ASSERT_OK_AND_ASSIGN(auto parsed, ParseChannel(Body(channel), kPlace));
  EXPECT_EQ(parsed.topic, "/t");
  ByteWriter header;
  header.String("p").String("l").U32(5);
  ASSERT_OK_AND_ASSIGN(auto parsed_header, ParseHeader(Body(header), kPlace));
  EXPECT_EQ(parsed_header.library, "l");
}

TEST(McapRecords, ErrorsInsideAChunkNameTheChunk) {
  const RecordPlace inner{"test.mcap", 40, 5000};
  const auto status = ParseMessage(ToBuffer({1, 2, 3}), inner).status();
  EXPECT_TRUE(FailsWith(status, "at byte 40 of the chunk at byte 5000")) << status.ToString();
}

TEST(McapRecords, ParseRecordChecksTheOpcode) {
  Record record{0x0F, 70, ToBuffer(ByteWriter().U32(1).bytes())};
  ASSERT_OK_AND_ASSIGN(auto data_end, ParseRecord<DataEnd>(record, "test.mcap"));
  EXPECT_EQ(data_end.data_section_crc, 1u);
  EXPECT_TRUE(FailsWith(ParseRecord<Footer>(record, "test.mcap").status(),
                        "test.mcap: expected a Footer record, found DataEnd at byte 70"));
}

TEST(McapRecords, IteratorStopsAtATruncatedRecord) {
  Bytes records = Framed(0x05, Bytes(22, 0));
  const Bytes second = Framed(0x80, {1, 2, 3});
  records.insert(records.end(), second.begin(), second.end());
  RecordIterator all(ToBuffer(records), "test.mcap", 16);
  ASSERT_OK_AND_ASSIGN(auto first, all.Next());
  EXPECT_EQ(first->opcode, 0x05);
  EXPECT_EQ(first->offset, 16);
  EXPECT_EQ(first->size(), 31);
  ASSERT_OK_AND_ASSIGN(auto private_record, all.Next());
  EXPECT_EQ(private_record->opcode, 0x80);
  EXPECT_EQ(private_record->offset, 16 + 31);
  ASSERT_OK_AND_ASSIGN(auto end, all.Next());
  EXPECT_FALSE(end.has_value());

  for (size_t cut = 1; cut < records.size(); ++cut) {
    if (cut == 31) continue;  // a record boundary
    RecordIterator iterator(
        ToBuffer(Bytes(records.begin(), records.begin() + static_cast<std::ptrdiff_t>(cut))),
        "test.mcap", 0);
    arrow::Status status;
    for (int i = 0; i < 3 && status.ok(); ++i) status = iterator.Next().status();
    EXPECT_TRUE(FailsWith(status, "truncated")) << cut;
  }
}

TEST(McapRecords, OpcodeNames) {
  EXPECT_EQ(OpcodeName(0x06), "Chunk");
  EXPECT_EQ(OpcodeName(0x0F), "DataEnd");
  EXPECT_EQ(OpcodeName(0x00), "opcode 0x00");
  EXPECT_EQ(OpcodeName(0xA5), "opcode 0xa5");
}

TEST(McapRecords, Crc32IsZlibs) {
  const std::string check = "123456789";
  EXPECT_EQ(Crc32(reinterpret_cast<const uint8_t*>(check.data()), 9), 0xCBF43926u);
  // Every length around the 64- and 16-byte steps of the folding, at odd
  // alignments, and a chunk-sized buffer, against the table method.
  std::vector<uint8_t> bytes(1 << 20);
  uint32_t state = 12345;
  for (auto& byte : bytes) {
    state = state * 1103515245u + 12345u;
    byte = static_cast<uint8_t>(state >> 16);
  }
  for (int64_t size = 0; size < 600; ++size) {
    for (const int64_t start : {0, 1, 7}) {
      ASSERT_EQ(Crc32(bytes.data() + start, size),
                arrow::internal::crc32(0, bytes.data() + start, static_cast<size_t>(size)))
          << size << " bytes from " << start;
    }
  }
  EXPECT_EQ(Crc32(bytes.data(), static_cast<int64_t>(bytes.size())),
            arrow::internal::crc32(0, bytes.data(), bytes.size()));
}

}  // namespace
}  // namespace rrflow::internal::mcap
