// CompareRrdFiles: ordered and unordered matching, store identity, and files
// that cannot be compared.
#include "rrflow/io/rrd/rrd_compare.h"

#include <gtest/gtest.h>

#include "io/rrd/rrd_test_util.h"

namespace rrflow {
namespace {

using namespace rrflow::testing;

// Writes chunks given with the store each belongs to.
void WriteStores(const std::string& path, const std::vector<std::pair<StoreId, ChunkPtr>>& chunks) {
  auto writer = RrdWriter::Open(path);
  ASSERT_OK(writer.status());
  for (const auto& [store, chunk] : chunks) ASSERT_OK((*writer)->WriteChunk(store, chunk));
  ASSERT_OK((*writer)->Finish());
}

class CompareRrdFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TestDirectory();
    chunks_ = {StaticChunk("/text"), TemporalChunk("/points", 0, 5), TemporalChunk("/points", 5, 3)};
    original_ = Write("original.rrd", chunks_);
  }

  std::string Write(const std::string& name, const std::vector<ChunkPtr>& chunks) {
    const auto path = (dir_ / name).string();
    WriteChunks(path, chunks);
    return path;
  }

  RrdComparison Compare(const std::string& other, bool unordered = false) const {
    RrdCompareOptions options;
    options.unordered = unordered;
    auto comparison = CompareRrdFiles(original_, other, options);
    EXPECT_TRUE(comparison.ok()) << comparison.status().ToString();
    return comparison.ok() ? *comparison : RrdComparison{};
  }

  std::filesystem::path dir_;
  std::vector<ChunkPtr> chunks_;
  std::string original_;
};

TEST_F(CompareRrdFilesTest, TheSameDataWithOtherIdsIsEqual) {
  const auto copy = Compare(original_);
  EXPECT_TRUE(copy.equal()) << *copy.difference;
  EXPECT_EQ(copy.first_chunks, 3);
  EXPECT_EQ(copy.second_chunks, 3);
  // The helpers make fresh chunk and row ids each time.
  const auto rebuilt = Write("rebuilt.rrd", {StaticChunk("/text"), TemporalChunk("/points", 0, 5),
                                             TemporalChunk("/points", 5, 3)});
  EXPECT_TRUE(Compare(rebuilt).equal());
  EXPECT_TRUE(Compare(rebuilt, /*unordered=*/true).equal());
}

TEST_F(CompareRrdFilesTest, AValueDifferenceNamesFilesChunksColumnAndRow) {
  const auto later = TemporalChunk("/points", 6, 3);
  const auto other = Write("other.rrd", {chunks_[0], chunks_[1], later});
  const auto comparison = Compare(other);
  ASSERT_FALSE(comparison.equal());
  EXPECT_EQ(*comparison.difference, original_ + ", chunk 3 (/points, " + chunks_[2]->id().ToString() + ") and " +
                                        other + ", chunk 3 (/points, " + later->id().ToString() +
                                        ") differ: frame, row 0: 5 vs 6");
  EXPECT_FALSE(Compare(other, /*unordered=*/true).equal());
}

TEST_F(CompareRrdFilesTest, OrderCountsUnlessUnordered) {
  const auto reordered = Write("reordered.rrd", {chunks_[2], chunks_[0], chunks_[1]});
  const auto ordered = Compare(reordered);
  ASSERT_FALSE(ordered.equal());
  EXPECT_NE(ordered.difference->find("chunk 1 (/text, "), std::string::npos) << *ordered.difference;
  EXPECT_NE(ordered.difference->find("differ: entity /text vs /points"), std::string::npos) << *ordered.difference;
  const auto unordered = Compare(reordered, /*unordered=*/true);
  EXPECT_TRUE(unordered.equal()) << *unordered.difference;
  EXPECT_EQ(unordered.second_chunks, 3);
}

TEST_F(CompareRrdFilesTest, AMissingChunk) {
  const auto shorter = Write("shorter.rrd", {chunks_[0], chunks_[1]});
  const auto ordered = Compare(shorter);
  ASSERT_FALSE(ordered.equal());
  EXPECT_EQ(*ordered.difference, shorter + " ends after 2 chunks, " + original_ + " has more: " + original_ +
                                     ", chunk 3 (/points, " + chunks_[2]->id().ToString() + ")");
  const auto unordered = Compare(shorter, /*unordered=*/true);
  ASSERT_FALSE(unordered.equal());
  EXPECT_EQ(*unordered.difference, original_ + ": 1 chunk(s) with no equal in " + shorter +
                                       "; the first is " + original_ + ", chunk 3 (/points, " +
                                       chunks_[2]->id().ToString() + ")");
}

TEST_F(CompareRrdFilesTest, UnorderedMatchesOneForOneAndShowsTheNearestChunk) {
  const auto twice = Write("twice.rrd", {chunks_[0], chunks_[1], chunks_[1]});
  const auto comparison = Compare(twice, /*unordered=*/true);
  ASSERT_FALSE(comparison.equal());
  EXPECT_NE(comparison.difference->find(original_ + ": 1 chunk(s) with no equal in " + twice + " (and 1 of " +
                                        twice + " with none here); the first is " + original_ + ", chunk 3"),
            std::string::npos)
      << *comparison.difference;
  EXPECT_NE(comparison.difference->find(twice + ", chunk 3 (/points, " + chunks_[1]->id().ToString() +
                                        ") on the same entity differs: 3 rows vs 5"),
            std::string::npos)
      << *comparison.difference;
}

TEST_F(CompareRrdFilesTest, TheApplicationIdCountsTheRecordingIdAndBlueprintsDoNot) {
  const auto renamed = (dir_ / "renamed.rrd").string();
  const StoreId other_recording{StoreKind::kRecording, "app", "another"};
  const StoreId blueprint{StoreKind::kBlueprint, "app", "layout"};
  WriteStores(renamed, {{other_recording, chunks_[0]}, {blueprint, StaticChunk("/view")},
                        {other_recording, chunks_[1]}, {other_recording, chunks_[2]}});
  EXPECT_TRUE(Compare(renamed).equal());
  const auto other_app = (dir_ / "other_app.rrd").string();
  const StoreId elsewhere{StoreKind::kRecording, "elsewhere", "rec"};
  WriteStores(other_app, {{elsewhere, chunks_[0]}, {elsewhere, chunks_[1]}, {elsewhere, chunks_[2]}});
  const auto comparison = Compare(other_app);
  ASSERT_FALSE(comparison.equal());
  EXPECT_EQ(*comparison.difference,
            "application ids differ: " + original_ + " has 'app', " + other_app + " has 'elsewhere'");
}

TEST_F(CompareRrdFilesTest, FilesThatCannotBeComparedAreErrors) {
  const auto two = (dir_ / "two.rrd").string();
  WriteStores(two, {{Recording("one"), chunks_[0]}, {Recording("two"), chunks_[1]}});
  auto several = CompareRrdFiles(original_, two);
  ASSERT_FALSE(several.ok());
  EXPECT_EQ(several.status().message(), two + ": holds 2 recordings (one, two); compare needs exactly one");

  auto bytes = ReadFileBytes(original_);
  const auto cut = (dir_ / "cut.rrd").string();
  WriteFileBytes(cut, Bytes(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bytes.size() / 3)));
  for (const bool unordered : {false, true}) {
    RrdCompareOptions options;
    options.unordered = unordered;
    auto damaged = CompareRrdFiles(original_, cut, options);
    ASSERT_FALSE(damaged.ok());
    EXPECT_NE(damaged.status().message().find(cut), std::string::npos) << damaged.status().ToString();
  }
  EXPECT_FALSE(CompareRrdFiles(original_, (dir_ / "missing.rrd").string()).ok());
}

}  // namespace
}  // namespace rrflow
