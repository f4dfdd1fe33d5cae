// Helpers for the MCAP container tests: byte vectors as files and typical
// files written by the test writer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <span>
#include <string>

#include <arrow/io/memory.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "io/mcap/mcap_file_internal.h"
#include "io/mcap/mcap_test_writer.h"
#include "test_util.h"

namespace rrflow::testing::mcap {

inline std::shared_ptr<arrow::Buffer> ToBuffer(const Bytes& bytes) {
  return arrow::Buffer::FromString(std::string(bytes.begin(), bytes.end()));
}

inline arrow::Result<std::shared_ptr<const internal::mcap::McapFile>> OpenBytes(
    const Bytes& bytes) {
  return internal::mcap::McapFile::Make(std::make_shared<arrow::io::BufferReader>(ToBuffer(bytes)),
                                        "test.mcap");
}

inline Bytes Payload(size_t size, uint8_t seed) {
  Bytes bytes(size);
  for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<uint8_t>(seed + i * 7 / 3);
  return bytes;
}

inline std::string ToString(const std::shared_ptr<arrow::Buffer>& buffer) {
  return buffer == nullptr ? std::string() : buffer->ToString();
}

inline std::string ToString(std::span<const uint8_t> bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

/// Two channels (one with a schema, one without), `messages` messages
/// alternating between them with increasing log times, an attachment and a
/// metadata record.
inline Bytes SampleFile(const WriterOptions& options, int messages = 40,
                        TestMcapWriter* writer_out = nullptr) {
  TestMcapWriter writer(options);
  // A schema that parses but does not resolve: the channel is read as raw payloads.
  const std::string text = "Missing m";
  const uint16_t schema = writer.AddSchema("pkg/msg/Point", "ros2msg", Bytes(text.begin(), text.end()));
  const uint16_t points = writer.AddChannel("/points", "cdr", schema, {{"qos", "reliable"}});
  const uint16_t raw = writer.AddChannel("/raw", "octets", 0);
  for (int i = 0; i < messages; ++i) {
    writer.AddMessage(i % 2 == 0 ? points : raw, 1000 + static_cast<uint64_t>(i),
                      Payload(20 + static_cast<size_t>(i % 5), static_cast<uint8_t>(i)),
                      2000 + static_cast<uint64_t>(i), static_cast<uint32_t>(i));
  }
  writer.AddAttachment("calib.txt", "text/plain", {'k', '=', '1'}, 5, 6);
  writer.AddMetadata("robot", {{"name", "rover"}, {"version", "2"}});
  Bytes bytes = writer.Finish();
  if (writer_out != nullptr) *writer_out = writer;
  return bytes;
}

inline std::filesystem::path TestDirectory() {
  auto dir =
      std::filesystem::temp_directory_path() / ("rrflow_mcap_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

inline void WriteFileBytes(const std::string& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

inline Bytes ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// True when `status` is an error whose message contains `text`.
inline ::testing::AssertionResult FailsWith(const arrow::Status& status, const std::string& text) {
  if (status.ok()) return ::testing::AssertionFailure() << "succeeded, expected: " << text;
  if (status.message().find(text) == std::string::npos) {
    return ::testing::AssertionFailure()
           << "error `" << status.message() << "` lacks `" << text << "`";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace rrflow::testing::mcap
