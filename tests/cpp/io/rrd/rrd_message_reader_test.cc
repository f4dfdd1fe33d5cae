// Framing: SDK files, concatenated streams, stores, and damaged input.
#include "rrflow/io/rrd/rrd_message_reader.h"

#include <gtest/gtest.h>

#include "io/rrd/rrd_test_util.h"

namespace rrflow {
namespace {

using namespace rrflow::testing;

int64_t CountChunks(const std::vector<RrdMessage>& messages) {
  int64_t chunks = 0;
  for (const auto& message : messages) {
    if (message.kind != RrdMessageKind::kArrowMsg) continue;
    auto decoded = DecodeArrowMsg(message);
    EXPECT_TRUE(decoded.ok()) << decoded.status().ToString();
    ++chunks;
  }
  return chunks;
}

TEST(RrdMessageReader, ReadsSdkRecording) {
  std::vector<RrdMessage> messages;
  ASSERT_OK(ReadAllMessages(ReadFileBytes(TestDataPath("rerun_0_33_1_recording.rrd")), &messages));
  ASSERT_GE(messages.size(), 4u);
  EXPECT_EQ(messages.front().kind, RrdMessageKind::kSetStoreInfo);
  EXPECT_EQ(messages.back().kind, RrdMessageKind::kEnd);
  EXPECT_EQ(messages.front().header_offset, 12);
  for (const auto& message : messages) {
    EXPECT_EQ(message.stream_version, RerunVersion::Written());
    EXPECT_EQ(message.stream_offset, 0);
    if (message.kind != RrdMessageKind::kEnd) {
      ASSERT_TRUE(message.store_id.has_value());
      EXPECT_EQ(*message.store_id,
                (StoreId{StoreKind::kRecording, "rrflow_test_app", "recording_1"}));
    }
  }
  EXPECT_EQ(CountChunks(messages), 7);
}

TEST(RrdMessageReader, ScansStoresOfRecordingAndBlueprint) {
  ASSERT_OK_AND_ASSIGN(auto reader,
                       RrdMessageReader::Open(TestDataPath("rerun_0_33_1_with_blueprint.rrd")));
  ASSERT_OK_AND_ASSIGN(auto stores, ScanRrdStores(*reader));
  ASSERT_EQ(stores.size(), 2u);
  EXPECT_EQ(stores[0].store_id.kind, StoreKind::kBlueprint);
  EXPECT_EQ(stores[0].store_id.application_id, "rrflow_test_app");
  EXPECT_EQ(stores[1].store_id, (StoreId{StoreKind::kRecording, "rrflow_test_app", "recording_2"}));
  for (const auto& store : stores) {
    ASSERT_TRUE(store.info.has_value());
    EXPECT_EQ(store.info->store_source.kind, StoreSourceKind::kPythonSdk);
    EXPECT_EQ(store.info->store_version, RerunVersion::Written());
    EXPECT_GT(store.num_chunks, 0);
  }
}

TEST(RrdChunkReader, FiltersByStore) {
  const auto path = TestDataPath("rerun_0_33_1_with_blueprint.rrd");
  const StoreId recording{StoreKind::kRecording, "rrflow_test_app", "recording_2"};
  ASSERT_OK_AND_ASSIGN(auto reader, RrdChunkReader::Open(path, recording));
  int chunks = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(auto next, reader->Next());
    if (next.chunk == nullptr) break;
    EXPECT_EQ(next.store_id, recording);
    ++chunks;
  }
  EXPECT_EQ(chunks, 7);
}

TEST(RrdChunkReader, FooterlessFileHasTheSameChunks) {
  auto read_entities = [](const std::string& name) {
    std::vector<std::string> entities;
    auto reader = RrdChunkReader::Open(TestDataPath(name));
    EXPECT_TRUE(reader.ok());
    while (true) {
      auto next = (*reader)->Next();
      EXPECT_TRUE(next.ok()) << next.status().ToString();
      if (!next.ok() || next->chunk == nullptr) break;
      entities.push_back(next->chunk->entity_path().ToString());
    }
    return entities;
  };
  EXPECT_EQ(read_entities("rerun_0_33_1_no_footer.rrd"),
            read_entities("rerun_0_33_1_recording.rrd"));
}

// Checks that an old SDK's file reads as the current layout.
void ExpectMigrated(const std::string& name);

TEST(RrdChunkReader, LegacySdkFilesAreMigrated) {
  for (const char* name : {"rerun_0_23_4_recording.rrd", "rerun_0_24_1_recording.rrd"}) {
    SCOPED_TRACE(name);
    ExpectMigrated(name);
  }
}

void ExpectMigrated(const std::string& name) {
  ASSERT_OK_AND_ASSIGN(auto messages, RrdMessageReader::Open(TestDataPath(name)));
  ASSERT_OK_AND_ASSIGN(auto stores, ScanRrdStores(*messages));
  ASSERT_EQ(stores.size(), 1u);
  // Store ids before 0.25 lack the application id; it comes from SetStoreInfo.
  EXPECT_EQ(stores[0].store_id, (StoreId{StoreKind::kRecording, "rrflow_test_app", "recording_1"}));

  ASSERT_OK_AND_ASSIGN(auto reader, RrdChunkReader::Open(TestDataPath(name), stores[0].store_id));
  bool saw_properties = false, saw_series_lines = false;
  while (true) {
    ASSERT_OK_AND_ASSIGN(auto next, reader->Next());
    if (next.chunk == nullptr) break;
    for (const auto& component : next.chunk->components()) {
      EXPECT_EQ(component.descriptor.component.find("Indicator"), std::string::npos);
      if (next.chunk->entity_path().ToString() == "/__properties") {
        EXPECT_EQ(component.descriptor.component, "RecordingInfo:start_time");
        EXPECT_EQ(component.descriptor.archetype, "rerun.archetypes.RecordingInfo");
        EXPECT_EQ(component.descriptor.component_type, "rerun.components.Timestamp");
        saw_properties = true;
      }
      if (component.descriptor.component == "SeriesLines:colors") saw_series_lines = true;
    }
  }
  EXPECT_TRUE(saw_properties);
  EXPECT_TRUE(saw_series_lines);
}

TEST(RrdMessageReader, EmptyFileHasNoMessages) {
  std::vector<RrdMessage> messages;
  ASSERT_OK(ReadAllMessages({}, &messages));
  EXPECT_TRUE(messages.empty());
}

TEST(RrdMessageReader, ConcatenatedStreams) {
  const Bytes with_footer = ReadFileBytes(TestDataPath("rerun_0_33_1_recording.rrd"));
  const Bytes without_footer = ReadFileBytes(TestDataPath("rerun_0_33_1_no_footer.rrd"));
  const Bytes legacy = ReadFileBytes(TestDataPath("rerun_0_23_4_recording.rrd"));
  // Footer then footer; no End before the next stream; a legacy-style End
  // (empty, no trailer) before the next stream.
  Bytes legacy_end = without_footer;
  legacy_end.insert(legacy_end.end(), 16, 0);
  const std::vector<std::pair<Bytes, Bytes>> pairs = {
      {with_footer, with_footer}, {without_footer, with_footer}, {legacy_end, legacy}};
  for (const auto& [first, second] : pairs) {
    Bytes both = first;
    both.insert(both.end(), second.begin(), second.end());
    std::vector<RrdMessage> all, one, two;
    ASSERT_OK(ReadAllMessages(both, &all));
    ASSERT_OK(ReadAllMessages(first, &one));
    ASSERT_OK(ReadAllMessages(second, &two));
    ASSERT_EQ(all.size(), one.size() + two.size());
    EXPECT_EQ(all.back().stream_offset, static_cast<int64_t>(first.size()));
    EXPECT_EQ(all.back().header_offset,
              two.back().header_offset + static_cast<int64_t>(first.size()));
    EXPECT_EQ(CountChunks(all), CountChunks(one) + CountChunks(two));
  }
}

TEST(RrdMessageReader, UnknownKindIsAnErrorAfterTheMessagesBeforeIt) {
  Bytes bytes = ReadFileBytes(TestDataPath("rerun_0_33_1_no_footer.rrd"));
  std::vector<RrdMessage> intact;
  ASSERT_OK(ReadAllMessages(bytes, &intact));
  const auto offset = static_cast<size_t>(intact[3].header_offset);
  bytes[offset] = 9;
  std::vector<RrdMessage> messages;
  EXPECT_EQ(ReadAllMessages(bytes, &messages).message(),
            "test.rrd: unknown RRD message kind 9 at byte " + std::to_string(offset));
  EXPECT_EQ(messages.size(), 3u);
}

TEST(RrdMessageReader, HugeLengthIsBoundedByTheFile) {
  Bytes bytes = ReadFileBytes(TestDataPath("rerun_0_33_1_no_footer.rrd"));
  std::vector<RrdMessage> intact;
  ASSERT_OK(ReadAllMessages(bytes, &intact));
  const auto offset = static_cast<size_t>(intact[2].header_offset);
  std::fill(bytes.begin() + offset + 8, bytes.begin() + offset + 16, 0xFF);
  std::vector<RrdMessage> messages;
  const auto status = ReadAllMessages(bytes, &messages);
  EXPECT_NE(
      status.message().find("truncated ArrowMsg message: its header declares 18446744073709551615"),
      std::string::npos)
      << status.ToString();
  EXPECT_EQ(messages.size(), 2u);
  // The error stays.
  ASSERT_OK_AND_ASSIGN(auto reader, RrdMessageReader::Make(InMemoryFile(bytes), "test.rrd"));
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(reader->Next().ok());
  EXPECT_FALSE(reader->Next().ok());
  EXPECT_FALSE(reader->Next().ok());
}

TEST(RrdMessageReader, TruncationAtEveryByte) {
  const Bytes bytes = ReadFileBytes(TestDataPath("rerun_0_33_1_recording.rrd"));
  std::vector<RrdMessage> intact;
  ASSERT_OK(ReadAllMessages(bytes, &intact));
  for (size_t size = 0; size <= bytes.size(); ++size) {
    const Bytes prefix(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(size));
    std::vector<RrdMessage> messages;
    const auto status = ReadAllMessages(prefix, &messages);
    // Exactly the messages that fit are delivered.
    size_t complete = 0;
    for (const auto& message : intact) {
      if (message.payload_offset() + message.payload->size() <= static_cast<int64_t>(size))
        ++complete;
    }
    ASSERT_EQ(messages.size(), complete) << "size " << size;
    // A cut at a message boundary is a clean end (a stream without footer,
    // or ended the pre-0.28 way); anywhere else is an error naming the file
    // and an offset.
    bool at_boundary = size == 0 || size == 12 || size == bytes.size();
    for (const auto& message : intact) {
      at_boundary |=
          message.payload_offset() + message.payload->size() == static_cast<int64_t>(size);
    }
    if (at_boundary) {
      EXPECT_TRUE(status.ok()) << "size " << size << ": " << status.ToString();
    } else {
      ASSERT_FALSE(status.ok()) << "size " << size;
      EXPECT_TRUE(status.message().starts_with("test.rrd: ")) << status.message();
      EXPECT_NE(status.message().find(" at byte "), std::string::npos) << status.message();
    }
  }
}

TEST(RrdMessageReader, DamagedStreamFooter) {
  const Bytes bytes = ReadFileBytes(TestDataPath("rerun_0_33_1_recording.rrd"));
  const std::string trailer_offset = std::to_string(bytes.size() - 32);
  auto error_with = [&](size_t index, uint8_t value) {
    Bytes damaged = bytes;
    damaged[index] = value;
    std::vector<RrdMessage> messages;
    auto status = ReadAllMessages(damaged, &messages);
    EXPECT_EQ(messages.back().kind, RrdMessageKind::kEnd);  // delivered before the error
    return status.message();
  };
  EXPECT_EQ(error_with(bytes.size() - 16, bytes[bytes.size() - 16] ^ 1),
            "test.rrd: stream footer checksum mismatch at byte " + trailer_offset);
  EXPECT_EQ(error_with(bytes.size() - 32, bytes[bytes.size() - 32] ^ 1),
            "test.rrd: stream footer does not point at the End message before it at byte " +
                trailer_offset);
  EXPECT_EQ(error_with(bytes.size() - 8, 'X'),
            "test.rrd: unexpected data after the end of an RRD stream at byte " + trailer_offset);
}

TEST(RrdMessageReader, TrailingGarbage) {
  Bytes bytes = ReadFileBytes(TestDataPath("rerun_0_33_1_recording.rrd"));
  const std::string end_offset = std::to_string(bytes.size());
  const std::string garbage = "this is not an rrd stream";
  bytes.insert(bytes.end(), garbage.begin(), garbage.end());
  std::vector<RrdMessage> messages;
  EXPECT_EQ(ReadAllMessages(bytes, &messages).message(),
            "test.rrd: not an RRD stream: expected `RRF2` at byte " + end_offset);
  EXPECT_EQ(messages.back().kind, RrdMessageKind::kEnd);
}

TEST(RrdMessageReader, DamagedPayloadIsAnErrorForThatMessageOnly) {
  Bytes bytes = ReadFileBytes(TestDataPath("rerun_0_33_1_no_footer.rrd"));
  std::vector<RrdMessage> intact;
  ASSERT_OK(ReadAllMessages(bytes, &intact));
  // Make the ArrowMsg's first tag invalid (field number 0).
  const auto& target = intact[2];
  ASSERT_EQ(target.kind, RrdMessageKind::kArrowMsg);
  bytes[static_cast<size_t>(target.payload_offset())] = 0x00;
  ASSERT_OK_AND_ASSIGN(auto reader, RrdMessageReader::Make(InMemoryFile(bytes), "test.rrd"));
  size_t delivered = 0;
  int errors = 0;
  while (true) {
    auto message = reader->Next();
    if (!message.ok()) {
      EXPECT_EQ(message.status().message(),
                "test.rrd: corrupted protobuf in ArrowMsg message at byte " +
                    std::to_string(target.payload_offset()));
      ++errors;
      continue;
    }
    if (!*message) break;
    ++delivered;
  }
  EXPECT_EQ(errors, 1);
  EXPECT_EQ(delivered, intact.size() - 1);
}

TEST(RrdMessageReader, BadStartOfFile) {
  EXPECT_EQ(RrdMessageReader::Make(InMemoryFile(HexBytes("52 52 46")), "x.rrd").status().message(),
            "x.rrd: truncated RRD stream header (3 of 12 bytes) at byte 0");
  const Bytes text(std::begin("hello, world!"), std::end("hello, world!"));
  EXPECT_EQ(RrdMessageReader::Make(InMemoryFile(text), "x.rrd").status().message(),
            "x.rrd: not an RRD stream: expected `RRF2` at byte 0");
  EXPECT_FALSE(RrdMessageReader::Open("/nonexistent/file.rrd").ok());
}

}  // namespace
}  // namespace rrflow
