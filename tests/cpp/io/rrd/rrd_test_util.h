// Helpers for the RRD codec tests: small chunks, byte buffers as files, and
// the committed files written by the real rerun-sdk (tests/data).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <arrow/io/memory.h>
#include <gtest/gtest.h>

#include "rrflow/chunk/chunk.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/rrd_message_reader.h"
#include "rrflow/io/rrd/rrd_writer.h"
#include "test_util.h"

namespace rrflow::testing {

using Bytes = std::vector<uint8_t>;

inline std::string TestDataPath(const std::string& name) {
  return std::string(RRFLOW_TEST_DATA_DIR) + "/" + name;
}

inline Bytes ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void WriteFileBytes(const std::string& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

inline Bytes HexBytes(const std::string& hex) {
  Bytes bytes;
  std::string digits;
  for (char c : hex) {
    if (std::isxdigit(static_cast<unsigned char>(c))) digits += c;
  }
  for (size_t i = 0; i + 1 < digits.size(); i += 2) {
    bytes.push_back(static_cast<uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

inline std::shared_ptr<arrow::Buffer> ToBuffer(const Bytes& bytes) {
  return arrow::Buffer::FromString(std::string(bytes.begin(), bytes.end()));
}

inline std::shared_ptr<arrow::io::RandomAccessFile> InMemoryFile(const Bytes& bytes) {
  return std::make_shared<arrow::io::BufferReader>(ToBuffer(bytes));
}

/// A message over `payload` as if read from a file named `test.rrd`.
inline RrdMessage MessageOver(RrdMessageKind kind, const Bytes& payload, int64_t offset = 100) {
  RrdMessage message;
  message.kind = kind;
  message.header_offset = offset - 16;
  message.payload = ToBuffer(payload);
  message.source = std::make_shared<const std::string>("test.rrd");
  return message;
}

/// A temporal chunk: `rows` rows on timelines "frame" (sequence) and
/// "log time" (timestamp), with positions and a sparse Custom:value column.
inline ChunkPtr TemporalChunk(const std::string& entity, int64_t first_frame, int64_t rows) {
  std::vector<int64_t> frames, times;
  std::vector<std::vector<double>> positions;
  arrow::ListBuilder values(arrow::default_memory_pool(), std::make_shared<arrow::DoubleBuilder>());
  for (int64_t i = 0; i < rows; ++i) {
    frames.push_back(first_frame + i);
    times.push_back(1'700'000'000'000'000'000 + i);
    positions.push_back({double(i), double(i) + 0.5});
    if (i % 2 == 0) {
      EXPECT_TRUE(values.Append().ok());
      EXPECT_TRUE(
          static_cast<arrow::DoubleBuilder*>(values.value_builder())->Append(double(i)).ok());
    } else {
      EXPECT_TRUE(values.AppendNull().ok());
    }
  }
  auto timestamps = Int64s(times)->View(arrow::timestamp(arrow::TimeUnit::NANO)).ValueOrDie();
  auto chunk = Chunk::FromColumns(
      EntityPath::Parse(entity), {{"frame", Int64s(frames)}, {"log time", timestamps}},
      {{ComponentDescriptor("Points2D:positions", "rerun.archetypes.Points2D",
                            "rerun.components.Position2D"),
        ListOfDoubles(positions)},
       {ComponentDescriptor("value"), values.Finish().ValueOrDie()}});
  EXPECT_TRUE(chunk.ok()) << chunk.status().ToString();
  return *chunk;
}

/// A static chunk with one text-like component.
inline ChunkPtr StaticChunk(const std::string& entity) {
  auto chunk =
      Chunk::FromColumns(EntityPath::Parse(entity), {},
                         {{ComponentDescriptor("TextDocument:text", "rerun.archetypes.TextDocument",
                                               "rerun.components.Text"),
                           ListOfDoubles({{1.0}})}});
  EXPECT_TRUE(chunk.ok()) << chunk.status().ToString();
  return *chunk;
}

inline StoreId Recording(const std::string& id = "rec") {
  return StoreId{StoreKind::kRecording, "app", id};
}

/// A fresh directory for one test's files.
inline std::filesystem::path TestDirectory() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = std::filesystem::temp_directory_path() / "rrflow_rrd_tests" /
             (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Writes `chunks` of one recording to `path` and returns the file's bytes.
inline Bytes WriteChunks(const std::string& path, const std::vector<ChunkPtr>& chunks,
                         const RrdWriterOptions& options = {}) {
  auto writer = RrdWriter::Open(path, options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  for (const auto& chunk : chunks) EXPECT_TRUE((*writer)->WriteChunk(Recording(), chunk).ok());
  EXPECT_TRUE((*writer)->Finish().ok());
  return ReadFileBytes(path);
}

/// Reads every message of in-memory bytes; stops at the first error, which is returned.
inline arrow::Status ReadAllMessages(const Bytes& bytes, std::vector<RrdMessage>* messages) {
  ARROW_ASSIGN_OR_RAISE(auto reader, RrdMessageReader::Make(InMemoryFile(bytes), "test.rrd"));
  while (true) {
    ARROW_ASSIGN_OR_RAISE(auto message, reader->Next());
    if (!message) return arrow::Status::OK();
    messages->push_back(std::move(*message));
  }
}

}  // namespace rrflow::testing
