#include "rrflow/chunk/chunk_summary.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow {
namespace {

using testing::Doubles;
using testing::Int64s;

ChunkPtr Make(const char* path, bool with_time) {
  std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>> times;
  if (with_time) times = {{"other_timeline", Int64s({1})}, {"my_index", Int64s({1})}};
  return Chunk::FromColumns(EntityPath::Parse(path), times,
                            {{ComponentDescriptor("Points3D:positions"), Doubles({1})},
                             {ComponentDescriptor("Points3D:colors"), Doubles({2})}})
      .ValueOrDie();
}

TEST(ChunkSummary, LineFormat) {
  EXPECT_EQ(SummaryLine(*Make("/e", true)),
            "/e rows=1 static=False timelines=['my_index', 'other_timeline'] "
            "cols=['Points3D:colors', 'Points3D:positions', 'my_index', 'other_timeline']");
  EXPECT_EQ(SummaryLine(*Make("/e", false)),
            "/e rows=1 static=True timelines=[] cols=['Points3D:colors', 'Points3D:positions']");
}

TEST(ChunkSummary, SortedByPathThenStaticFirst) {
  const auto summary = Summarize({Make("/b", true), Make("/a", true), Make("/a", false)});
  EXPECT_EQ(summary.substr(0, summary.find('\n')),
            "/a rows=1 static=True timelines=[] cols=['Points3D:colors', 'Points3D:positions']");
  EXPECT_EQ(std::count(summary.begin(), summary.end(), '\n'), 2);
  EXPECT_EQ(summary.back(), ']');
  EXPECT_EQ(Summarize(std::vector<ChunkPtr>{}), "");
}

}  // namespace
}  // namespace rrflow
