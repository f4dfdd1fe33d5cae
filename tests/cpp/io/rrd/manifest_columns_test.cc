#include <gtest/gtest.h>

#include "io/rrd/manifest_columns_internal.h"

namespace rrflow::internal {
namespace {

TEST(ManifestColumnName, JoinsAndSanitises) {
  const ComponentDescriptor positions("Points3D:positions", "rerun.archetypes.Points3D",
                                      "rerun.components.Position3D");
  EXPECT_EQ(ManifestColumnName("log_time", &positions, "start"),
            "log_time:Points3D:positions:start");
  EXPECT_EQ(ManifestColumnName(std::nullopt, &positions, "has_static_data"),
            "Points3D:positions:has_static_data");
  const ComponentDescriptor custom("example.MyPoints:colors", "example.MyPoints");
  EXPECT_EQ(ManifestColumnName(std::nullopt, &custom, "has_static_data"),
            "example_MyPoints:colors:has_static_data");
  EXPECT_EQ(ManifestColumnName("elapsed time", nullptr, "start"), "elapsed_time:start");
  EXPECT_EQ(ManifestColumnName("_frame-nr.x", nullptr, "end"), "frame_nr_x:end");
  const ComponentDescriptor bare("confidence");
  EXPECT_EQ(ManifestColumnName("a,b\\c", &bare, "num_rows"), "a_b_c:confidence:num_rows");
  const ComponentDescriptor blueprint("ViewContents:query",
                                      "rerun.blueprint.archetypes.ViewContents");
  EXPECT_EQ(ManifestColumnName("blueprint", &blueprint, "start"),
            "blueprint:ViewContents:query:start");
}

}  // namespace
}  // namespace rrflow::internal
