#include "rrflow/core/component_descriptor.h"

#include <gtest/gtest.h>

namespace rrflow {
namespace {

TEST(ComponentDescriptor, ShortArchetypeName) {
  EXPECT_EQ(ShortArchetypeName("rerun.archetypes.Points3D"), "Points3D");
  EXPECT_EQ(ShortArchetypeName("rerun.blueprint.archetypes.Background"), "Background");
  EXPECT_EQ(ShortArchetypeName("rerun.Other"), "Other");
  EXPECT_EQ(ShortArchetypeName("Imu"), "Imu");
  EXPECT_EQ(ComponentDescriptor("c").ShortArchetypeName(), std::nullopt);
}

TEST(ComponentDescriptor, MatchesOnlyTheExactIdentifier) {
  const ComponentDescriptor d("Points3D:positions", "rerun.archetypes.Points3D",
                              "rerun.components.Position3D");
  EXPECT_TRUE(d.Matches("Points3D:positions"));
  EXPECT_FALSE(d.Matches("points3d:positions"));
  EXPECT_FALSE(d.Matches("rerun.archetypes.Points3D"));
  EXPECT_FALSE(d.Matches("positions"));
}

TEST(ComponentDescriptor, ColumnOrderPutsMissingArchetypeFirst) {
  const ComponentDescriptor bare("z");
  const ComponentDescriptor a("b", "A");
  const ComponentDescriptor b("a", "B");
  EXPECT_TRUE(ComponentDescriptor::ColumnOrderLess(bare, a));
  EXPECT_TRUE(ComponentDescriptor::ColumnOrderLess(a, b));
  EXPECT_TRUE(ComponentDescriptor::ColumnOrderLess(ComponentDescriptor("x", "A"),
                                                   ComponentDescriptor("x", "A", "T")));
}

TEST(ComponentDescriptor, EqualityUsesAllFields) {
  EXPECT_EQ(ComponentDescriptor("a", "A"), ComponentDescriptor("a", "A"));
  EXPECT_NE(ComponentDescriptor("a", "A"), ComponentDescriptor("a", "B"));
  EXPECT_NE(ComponentDescriptor("a"), ComponentDescriptor("a", std::nullopt, "T"));
}

}  // namespace
}  // namespace rrflow
