#include "rrflow/core/component_descriptor.h"

#include <functional>

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

TEST(ComponentDescriptor, FieldNameDropsTheOwnArchetypePrefixOnly) {
  EXPECT_EQ(ComponentDescriptor("Points3D:positions", "rerun.archetypes.Points3D").FieldName(),
            "positions");
  EXPECT_EQ(ComponentDescriptor("X:y", "rerun.blueprint.archetypes.X").FieldName(), "y");
  EXPECT_EQ(ComponentDescriptor("X:y", "Z").FieldName(), "X:y");
  EXPECT_EQ(ComponentDescriptor("X:y").FieldName(), "X:y");
  EXPECT_EQ(ComponentDescriptor("rerun.X:y", "rerun.X").FieldName(), "rerun.X:y");
  EXPECT_EQ(ComponentDescriptor(":a", "").FieldName(), "a");
}

TEST(ComponentDescriptor, OverridesReplaceOrFill) {
  const ComponentDescriptor full("c", "A", "T");
  EXPECT_EQ(full.WithOverrides("B", std::nullopt), ComponentDescriptor("c", "B", "T"));
  EXPECT_EQ(full.WithOverrides(std::nullopt, "U"), ComponentDescriptor("c", "A", "U"));
  EXPECT_EQ(full.OrWithOverrides("B", "U"), full);
  EXPECT_EQ(ComponentDescriptor("c").OrWithOverrides("B", "U"), ComponentDescriptor("c", "B", "U"));
  EXPECT_EQ(ComponentDescriptor("c", "").OrWithOverrides("B", std::nullopt),
            ComponentDescriptor("c", ""));
}

TEST(ComponentDescriptor, WithBuiltinArchetypeNamesByShortArchetypeAndField) {
  const ComponentDescriptor positions("Points3D:positions", "rerun.archetypes.Points3D",
                                      "rerun.components.Position3D");
  EXPECT_EQ(positions.WithBuiltinArchetype("Foo"),
            ComponentDescriptor("Foo:positions", "Foo", "rerun.components.Position3D"));
  EXPECT_EQ(ComponentDescriptor("a").WithBuiltinArchetype("rerun.archetypes.Imu"),
            ComponentDescriptor("Imu:a", "rerun.archetypes.Imu"));
  EXPECT_EQ(ComponentDescriptor("X:y", "Z").WithBuiltinArchetype("W"),
            ComponentDescriptor("W:X:y", "W"));
  EXPECT_EQ(ComponentDescriptor("a").WithBuiltinArchetype("my.pkg.Foo"),
            ComponentDescriptor("my.pkg.Foo:a", "my.pkg.Foo"));
}

TEST(ComponentDescriptor, HashFollowsEquality) {
  const std::hash<ComponentDescriptor> hash;
  EXPECT_EQ(hash(ComponentDescriptor("a", "A", "T")), hash(ComponentDescriptor("a", "A", "T")));
  EXPECT_NE(hash(ComponentDescriptor("a")), hash(ComponentDescriptor("a", "")));
  EXPECT_NE(hash(ComponentDescriptor("a", "T")), hash(ComponentDescriptor("a", std::nullopt, "T")));
}

}  // namespace
}  // namespace rrflow
