#include "io/mcap/mcap_import_plan_internal.h"

#include <gtest/gtest.h>

#include "rrflow/io/mcap/mcap_reader.h"

namespace rrflow::internal::mcap {
namespace {

int SelectedCount(const DecoderSelection& selection) {
  return selection.attachments + selection.foxglove + selection.metadata + selection.protobuf +
         selection.raw + selection.recording_info + selection.ros2_reflection + selection.ros2msg +
         selection.schema + selection.stats + selection.urdf;
}

TEST(McapImportPlan, EveryAvailableDecoderSelectsOneFlag) {
  ASSERT_EQ(McapReader::AvailableDecoders().size(), 11u);
  for (const auto& name : McapReader::AvailableDecoders()) {
    auto selection = DecoderSelection::Make(std::vector<std::string>{name});
    ASSERT_TRUE(selection.ok()) << name;
    EXPECT_EQ(SelectedCount(*selection), 1) << name;
  }
  auto all = DecoderSelection::Make(std::nullopt);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(SelectedCount(*all), 11);
  auto raw_twice = DecoderSelection::Make(std::vector<std::string>{"raw", "raw"});
  ASSERT_TRUE(raw_twice.ok());
  EXPECT_TRUE(raw_twice->raw);
  EXPECT_EQ(SelectedCount(*raw_twice), 1);
}

TEST(McapImportPlan, UnknownDecoderListsTheValidOnes) {
  auto selection = DecoderSelection::Make(std::vector<std::string>{"nope"});
  ASSERT_FALSE(selection.ok());
  EXPECT_EQ(selection.status().message(),
            "Unknown decoder: \"nope\". Valid decoders: [\"attachments\", \"foxglove\", "
            "\"metadata\", \"protobuf\", \"raw\", \"recording_info\", \"ros2_reflection\", "
            "\"ros2msg\", \"schema\", \"stats\", \"urdf\"]");
}

TEST(McapImportPlan, TopicFilterSearchesAndExcludesWin) {
  auto filter = TopicFilter::Make({"json"}, {"^/json$"});
  ASSERT_TRUE(filter.ok());
  EXPECT_TRUE((*filter)->Passes("/json_schemaless"));
  EXPECT_FALSE((*filter)->Passes("/json"));
  EXPECT_FALSE((*filter)->Passes("/binary"));
  auto bad = TopicFilter::Make({"("}, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("Invalid include topic regex \"(\": ", 0), 0u);
}

}  // namespace
}  // namespace rrflow::internal::mcap
