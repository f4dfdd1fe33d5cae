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

TEST(McapImportPlan, SemanticRos2SchemasAreTheEighteenOf0331) {
  int semantic = 0;
  for (const char* type : {"BatteryState", "CameraInfo", "CompressedImage", "FluidPressure",
                           "Illuminance", "Image", "Imu", "JointState", "Joy", "MagneticField",
                           "NavSatFix", "PointCloud2", "Range", "RelativeHumidity", "Temperature"}) {
    semantic += IsSemanticRos2Schema(std::string("sensor_msgs/msg/") + type);
  }
  for (const char* name : {"std_msgs/msg/Float64Array", "std_msgs/msg/Float64MultiArray",
                           "tf2_msgs/msg/TFMessage"}) {
    semantic += IsSemanticRos2Schema(name);
  }
  EXPECT_EQ(semantic, 18);
  // Exact names only: ROS lenses' inputs and ROS 1 spellings are reflected.
  for (const char* name : {"std_msgs/msg/String", "rcl_interfaces/msg/Log", "sensor_msgs/Imu",
                           "geometry_msgs/msg/PoseStamped", "sensor_msgs/msg/imu"}) {
    EXPECT_FALSE(IsSemanticRos2Schema(name)) << name;
  }
}

}  // namespace
}  // namespace rrflow::internal::mcap
