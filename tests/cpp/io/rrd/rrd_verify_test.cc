// VerifyRrdFile: sound files, missing footers, damage, and footers that
// disagree with the chunks they describe.
#include "rrflow/io/rrd/rrd_verify.h"

#include <gtest/gtest.h>

#include "io/rrd/rrd_test_util.h"

namespace rrflow {
namespace {

using namespace rrflow::testing;

std::string AllProblems(const RrdVerification& verification) {
  std::string text;
  for (const auto& problem : verification.problems) text += problem + "\n";
  return text;
}

// The first ArrowMsg's payload: where it is and how long.
std::pair<int64_t, int64_t> FirstArrowMsg(const Bytes& bytes) {
  std::vector<RrdMessage> messages;
  EXPECT_TRUE(ReadAllMessages(bytes, &messages).ok());
  for (const auto& message : messages) {
    if (message.kind == RrdMessageKind::kArrowMsg) return {message.payload_offset(), message.payload->size()};
  }
  ADD_FAILURE() << "no ArrowMsg";
  return {0, 0};
}

TEST(VerifyRrdFile, ASoundFileHasNoProblems) {
  const auto path = (TestDirectory() / "sound.rrd").string();
  WriteChunks(path, {StaticChunk("/text"), TemporalChunk("/points", 0, 5), TemporalChunk("/points", 5, 3)});
  ASSERT_OK_AND_ASSIGN(auto verification, VerifyRrdFile(path));
  EXPECT_TRUE(verification.ok()) << AllProblems(verification);
  EXPECT_EQ(verification.streams, 1);
  EXPECT_EQ(verification.chunks, 3);
  EXPECT_EQ(verification.footer_entries, 3);
}

TEST(VerifyRrdFile, ConcatenatedStreamsAreEachChecked) {
  const auto dir = TestDirectory();
  const Bytes one = WriteChunks((dir / "one.rrd").string(), {TemporalChunk("/a", 0, 2)});
  Bytes both = one;
  const Bytes two = WriteChunks((dir / "two.rrd").string(), {TemporalChunk("/b", 0, 4), StaticChunk("/c")});
  both.insert(both.end(), two.begin(), two.end());
  const auto path = (dir / "both.rrd").string();
  WriteFileBytes(path, both);
  ASSERT_OK_AND_ASSIGN(auto verification, VerifyRrdFile(path));
  // Both streams are of one recording: as for `rerun rrd verify` ("More than
  // one RRD manifest"), its second footer is a problem, the chunks are not.
  ASSERT_EQ(verification.problems.size(), 1u) << AllProblems(verification);
  EXPECT_NE(verification.problems[0].find("has a footer in more than one stream"), std::string::npos);
  EXPECT_EQ(verification.streams, 2);
  EXPECT_EQ(verification.chunks, 3);
  EXPECT_EQ(verification.footer_entries, 3);
}

TEST(VerifyRrdFile, ConcatenatedStreamsOfDifferentStoresAreSound) {
  const auto dir = TestDirectory();
  Bytes both = WriteChunks((dir / "one.rrd").string(), {TemporalChunk("/a", 0, 2)});
  auto writer = RrdWriter::Open((dir / "two.rrd").string());
  ASSERT_OK(writer.status());
  ASSERT_OK((*writer)->WriteChunk(Recording("other"), TemporalChunk("/b", 0, 4)));
  ASSERT_OK((*writer)->Finish());
  const Bytes two = ReadFileBytes((dir / "two.rrd").string());
  both.insert(both.end(), two.begin(), two.end());
  const auto path = (dir / "both.rrd").string();
  WriteFileBytes(path, both);
  ASSERT_OK_AND_ASSIGN(auto verification, VerifyRrdFile(path));
  EXPECT_TRUE(verification.ok()) << AllProblems(verification);
  EXPECT_EQ(verification.streams, 2);
  EXPECT_EQ(verification.footer_entries, 2);
}

TEST(VerifyRrdFile, AMissingFooterIsAProblemUnlessFootersAreNotChecked) {
  const auto path = (TestDirectory() / "no_footer.rrd").string();
  RrdWriterOptions options;
  options.write_footer = false;
  WriteChunks(path, {TemporalChunk("/points", 0, 5)}, options);
  ASSERT_OK_AND_ASSIGN(auto checked, VerifyRrdFile(path));
  ASSERT_EQ(checked.problems.size(), 1u) << AllProblems(checked);
  EXPECT_NE(checked.problems[0].find(path + ": the stream has no footer"), std::string::npos);
  EXPECT_NE(checked.problems[0].find(" at byte "), std::string::npos);

  RrdVerifyOptions lenient;
  lenient.check_footers = false;
  ASSERT_OK_AND_ASSIGN(auto unchecked, VerifyRrdFile(path, lenient));
  EXPECT_TRUE(unchecked.ok()) << AllProblems(unchecked);
  EXPECT_EQ(unchecked.chunks, 1);
}

TEST(VerifyRrdFile, ATruncatedFileReportsWhereItEnds) {
  const auto dir = TestDirectory();
  const Bytes bytes = WriteChunks((dir / "whole.rrd").string(),
                                  {TemporalChunk("/points", 0, 5), TemporalChunk("/points", 5, 5)});
  const auto [offset, size] = FirstArrowMsg(bytes);
  const auto path = (dir / "cut.rrd").string();
  WriteFileBytes(path, Bytes(bytes.begin(), bytes.begin() + offset + size + 20));
  ASSERT_OK_AND_ASSIGN(auto verification, VerifyRrdFile(path));
  EXPECT_EQ(verification.chunks, 1);
  ASSERT_FALSE(verification.ok());
  EXPECT_NE(verification.problems[0].find("truncated"), std::string::npos) << AllProblems(verification);
  EXPECT_NE(AllProblems(verification).find("no footer"), std::string::npos) << AllProblems(verification);
}

TEST(VerifyRrdFile, ADamagedChunkIsAProblemAndTheRestIsStillRead) {
  const auto dir = TestDirectory();
  RrdWriterOptions plain;
  plain.compression = RrdCompression::kNone;
  Bytes bytes = WriteChunks((dir / "whole.rrd").string(),
                            {TemporalChunk("/points", 0, 5), TemporalChunk("/points", 5, 5)}, plain);
  const auto [offset, size] = FirstArrowMsg(bytes);
  // The middle of the payload is inside the IPC stream: damage it, keep the framing.
  for (int64_t i = offset + size / 2 - 16; i < offset + size / 2 + 16; ++i) bytes[static_cast<size_t>(i)] = 0xFF;
  const auto path = (dir / "damaged.rrd").string();
  WriteFileBytes(path, bytes);
  ASSERT_OK_AND_ASSIGN(auto verification, VerifyRrdFile(path));
  EXPECT_EQ(verification.chunks, 1);
  ASSERT_EQ(verification.problems.size(), 1u) << AllProblems(verification);
  EXPECT_NE(verification.problems[0].find(path), std::string::npos);
  EXPECT_NE(verification.problems[0].find("at byte " + std::to_string(offset)), std::string::npos)
      << verification.problems[0];
}

TEST(VerifyRrdFile, AFooterThatDisagreesWithItsChunkIsAProblem) {
  // Two files whose first chunks encode to the same length (no compression,
  // same shape): the second's chunk put in the first's place leaves the first
  // file's footer, and its checksum, intact but wrong.
  const auto dir = TestDirectory();
  RrdWriterOptions plain;
  plain.compression = RrdCompression::kNone;
  Bytes first = WriteChunks((dir / "first.rrd").string(), {TemporalChunk("/points", 0, 5)}, plain);
  const Bytes second = WriteChunks((dir / "second.rrd").string(), {TemporalChunk("/points", 10, 5)}, plain);
  const auto [first_offset, first_size] = FirstArrowMsg(first);
  const auto [second_offset, second_size] = FirstArrowMsg(second);
  ASSERT_EQ(first_size, second_size);
  std::copy(second.begin() + second_offset, second.begin() + second_offset + second_size,
            first.begin() + first_offset);
  const auto path = (dir / "spliced.rrd").string();
  WriteFileBytes(path, first);

  ASSERT_OK_AND_ASSIGN(auto verification, VerifyRrdFile(path));
  const std::string problems = AllProblems(verification);
  EXPECT_NE(problems.find("names another chunk than chunk_"), std::string::npos) << problems;
  EXPECT_NE(problems.find("says 0..=4 on timeline frame, the chunk has 10..=14"), std::string::npos) << problems;
  EXPECT_NE(problems.find("at byte " + std::to_string(first_offset)), std::string::npos) << problems;
}

TEST(VerifyRrdFile, WhatIsNotAnRrdFileIsAnError) {
  const auto path = (TestDirectory() / "text.rrd").string();
  WriteFileBytes(path, Bytes{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd', '!', '!'});
  EXPECT_FALSE(VerifyRrdFile(path).ok());
  EXPECT_FALSE(VerifyRrdFile((TestDirectory() / "missing.rrd").string()).ok());
}

}  // namespace
}  // namespace rrflow
