#include "rrflow/core/store_id.h"

#include <functional>

#include <gtest/gtest.h>

namespace rrflow {
namespace {

TEST(StoreId, KindNamesRoundTrip) {
  for (const auto kind : {StoreKind::kRecording, StoreKind::kBlueprint}) {
    EXPECT_EQ(*StoreKindFromName(StoreKindName(kind)), kind);
  }
  const auto unknown = StoreKindFromName("Recording");
  ASSERT_FALSE(unknown.ok());
  EXPECT_TRUE(unknown.status().IsInvalid());
  EXPECT_EQ(unknown.status().message(), "unknown store kind 'Recording'");
}

TEST(StoreId, ToStringNamesKindAndIds) {
  EXPECT_EQ((StoreId{StoreKind::kRecording, "app", "rec"}).ToString(),
            "StoreId(Recording, \"app\", \"rec\")");
  EXPECT_EQ((StoreId{StoreKind::kBlueprint, "a\"b", ""}).ToString(),
            "StoreId(Blueprint, \"a\"b\", \"\")");
}

TEST(StoreId, HashFollowsEquality) {
  const std::hash<StoreId> hash;
  const StoreId id{StoreKind::kRecording, "app", "rec"};
  EXPECT_EQ(hash(id), hash(StoreId{StoreKind::kRecording, "app", "rec"}));
  EXPECT_NE(hash(id), hash(StoreId{StoreKind::kBlueprint, "app", "rec"}));
  EXPECT_NE(hash(id), hash(StoreId{StoreKind::kRecording, "rec", "app"}));
}

}  // namespace
}  // namespace rrflow
