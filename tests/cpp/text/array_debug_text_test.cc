// Arrays as the reference prints them with `{:?}`.
#include "text/array_debug_text_internal.h"

#include <arrow/api.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow::internal {
namespace {

using testing::Json;

TEST(ArrowRsDebugText, ArrowRsDebugOfArrays) {
  ASSERT_OK_AND_ASSIGN(auto booleans, ArrowRsDebugText(Json(arrow::boolean(), "[true, null]")));
  EXPECT_EQ(booleans, "BooleanArray\n[\n  true,\n  null,\n]");
  ASSERT_OK_AND_ASSIGN(auto bytes, ArrowRsDebugText(Json(arrow::uint8(), "[1]")));
  EXPECT_EQ(bytes, "PrimitiveArray<UInt8>\n[\n  1,\n]");
  ASSERT_OK_AND_ASSIGN(auto stamps,
                       ArrowRsDebugText(Json(arrow::timestamp(arrow::TimeUnit::MILLI), "[1]")));
  EXPECT_EQ(stamps, "PrimitiveArray<Timestamp(ms)>\n[\n  1970-01-01T00:00:00.001,\n]");
  ASSERT_OK_AND_ASSIGN(auto lists, ArrowRsDebugText(Json(arrow::list(arrow::int64()), "[[1, 2]]")));
  EXPECT_EQ(lists, "ListArray\n[\n  PrimitiveArray<Int64>\n[\n  1,\n  2,\n],\n]");
  ASSERT_OK_AND_ASSIGN(auto dictionary,
                       arrow::DictionaryArray::FromArrays(arrow::dictionary(arrow::int32(), arrow::utf8()),
                                                          Json(arrow::int32(), "[0]"),
                                                          Json(arrow::utf8(), R"(["s"])")));
  ASSERT_OK_AND_ASSIGN(auto dictionary_text, ArrowRsDebugText(dictionary));
  EXPECT_EQ(dictionary_text,
            "DictionaryArray {keys: PrimitiveArray<Int32>\n[\n  0,\n] values: StringArray\n[\n  "
            "\"s\",\n]}\n");
  std::string many = "[";
  for (int i = 0; i < 25; ++i) many += (i ? ", " : "") + std::to_string(i);
  ASSERT_OK_AND_ASSIGN(auto long_text, ArrowRsDebugText(Json(arrow::int16(), many + "]")));
  EXPECT_NE(long_text.find("  9,\n  ...5 elements...,\n  15,\n"), std::string::npos);
}

}  // namespace
}  // namespace rrflow::internal
