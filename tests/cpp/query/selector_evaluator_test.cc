#include "rrflow/query/selector.h"

#include <arrow/api.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow {
namespace {

std::shared_ptr<arrow::Array> FromJson(const std::shared_ptr<arrow::DataType>& type,
                                       const std::string& json) {
  return arrow::json::ArrayFromJSONString(type, json).ValueOrDie();
}

const auto kPoint = arrow::struct_({arrow::field("x", arrow::int64()), arrow::field("y", arrow::int64())});

// L of the spec's worked examples: list<struct<x, y>> with an empty and a null row.
std::shared_ptr<arrow::Array> Points() {
  return FromJson(arrow::list(kPoint),
                  R"([[{"x":1,"y":2},{"x":3,"y":4}], [], null, [{"x":5,"y":null}]])");
}

// The result, or "absent" / "error: <message>".
arrow::Result<std::shared_ptr<arrow::Array>> Evaluate(const std::string& query,
                                                      const std::shared_ptr<arrow::Array>& input,
                                                      bool per_row) {
  ARROW_ASSIGN_OR_RAISE(auto selector, Selector::Parse(query));
  if (!per_row) return selector.Execute(input);
  ARROW_ASSIGN_OR_RAISE(auto rows, selector.ExecutePerRow(input));
  return std::static_pointer_cast<arrow::Array>(rows);
}

std::string Outcome(const std::string& query, const std::shared_ptr<arrow::Array>& input,
                    bool per_row) {
  auto result = Evaluate(query, input, per_row);
  if (!result.ok()) return "error: " + result.status().message();
  if (*result == nullptr) return "absent";
  return (*result)->ToString();
}

void ExpectArray(const std::string& query, const std::shared_ptr<arrow::Array>& input,
                 bool per_row, const std::shared_ptr<arrow::Array>& expected) {
  auto result = Evaluate(query, input, per_row);
  ASSERT_TRUE(result.ok()) << query << ": " << result.status().ToString();
  ASSERT_NE(*result, nullptr) << query;
  ASSERT_OK((*result)->ValidateFull());
  EXPECT_TRUE((*result)->Equals(*expected))
      << query << "\n" << (*result)->ToString() << "\nexpected\n" << expected->ToString();
}

void ExpectRows(const std::string& query, const std::shared_ptr<arrow::Array>& input,
                const std::shared_ptr<arrow::DataType>& item, const std::string& json) {
  ExpectArray(query, input, true, FromJson(arrow::list(arrow::field("item", item)), json));
}

void ExpectValues(const std::string& query, const std::shared_ptr<arrow::Array>& input,
                  const std::shared_ptr<arrow::DataType>& type, const std::string& json) {
  ExpectArray(query, input, false, FromJson(type, json));
}

TEST(SelectorEvaluatorTest, PerRowWorkedExamples) {
  const auto points = Points();
  ExpectRows(".x", points, arrow::int64(), "[[1,3], [], null, [5]]");
  ExpectRows(".y", points, arrow::int64(), "[[2,4], [], null, [null]]");
  ExpectRows(".y!", points, arrow::int64(), "[[2,4], [], null, null]");
  EXPECT_EQ(Outcome(".z", points, true), "absent");
  EXPECT_EQ(Outcome(".z?", points, true), "absent");
  EXPECT_EQ(Outcome(".[0]", points, true),
            "error: Invalid argument error: cannot access `[0]` on unexpected type "
            "Struct(\"x\": Int64, \"y\": Int64)");
  EXPECT_EQ(Outcome(".[0]?", points, true), "absent");
  ExpectArray("map(.x)", points, /*per_row=*/false,
              FromJson(arrow::list(arrow::int64()), "[[1,3], [], null, [5]]"));
}

TEST(SelectorEvaluatorTest, FlatWorkedExamples) {
  const auto points = Points();
  ExpectValues(".[]", points, kPoint, R"([{"x":1,"y":2},{"x":3,"y":4},{"x":5,"y":null}])");
  ExpectValues(".[0]", points, kPoint, R"([{"x":1,"y":2}, null, null, {"x":5,"y":null}])");
  ExpectValues(".[].x", points, arrow::int64(), "[1, 3, 5]");
  // `!` is invisible without per-row regrouping, even after a `[]`.
  ExpectValues(".[] | .y!", points, arrow::int64(), "[2, 4, null]");
  ExpectValues("[5]", points, kPoint, "[null, null, null, null]");
}

TEST(SelectorEvaluatorTest, NestedLists) {
  const auto nested = FromJson(arrow::list(arrow::list(arrow::int64())), "[[[1,2],[3]], [[4]], null]");
  ExpectRows(".[1]", nested, arrow::int64(), "[[2,null],[null],null]");
  ExpectRows(".[1]!", nested, arrow::int64(), "[[2,null], null, null]");
  ExpectRows(".[]", nested, arrow::int64(), "[[1,2,3],[4],null]");
  ExpectRows(".[0]", nested, arrow::int64(), "[[1,3],[4],null]");
  // A row whose iterated lists are all null becomes null.
  const auto holes =
      FromJson(arrow::list(arrow::list(arrow::int64())), "[[[1,2],[3]], [null], [], [null,[4]]]");
  ExpectRows(".[]", holes, arrow::int64(), "[[1,2,3], null, [], [4]]");
}

TEST(SelectorEvaluatorTest, StructNullsFlowIntoFields) {
  const auto type = arrow::struct_({arrow::field("a", arrow::struct_({arrow::field("b", arrow::int64())}))});
  const auto s = FromJson(type, R"([{"a":{"b":1}}, {"a":null}, null])");
  ExpectValues(".a.b", s, arrow::int64(), "[1, null, null]");
  ExpectValues(".a.b!", s, arrow::int64(), "[1, null, null]");
  EXPECT_EQ(Outcome(".a.c", s, false), "absent");
  EXPECT_EQ(Outcome(".a.b.c", s, false),
            "error: Invalid argument error: cannot access field `.c` on unexpected type Int64");
  EXPECT_EQ(Outcome(".a.b.c?", s, false), "absent");
  EXPECT_EQ(Outcome("[]", s, false),
            "error: Invalid argument error: `.[]` called on unexpected type Struct(\"a\": "
            "Struct(\"b\": Int64))");
  EXPECT_EQ(Outcome("[]?", s, false), "absent");
  // A missing field stops the pipe before an unknown function is reached.
  EXPECT_EQ(Outcome(".z | frobnicate", s, false), "absent");
  EXPECT_EQ(Outcome(".a | frobnicate", s, false), "error: Unknown function: `frobnicate`");
  // The first of two fields with the same name wins.
  ASSERT_OK_AND_ASSIGN(auto twice, arrow::StructArray::Make({FromJson(arrow::int64(), "[1]"),
                                                              FromJson(arrow::utf8(), R"(["a"])")},
                                                             std::vector<std::string>{"x", "x"}));
  ExpectValues(".x", twice, arrow::int64(), "[1]");
}

TEST(SelectorEvaluatorTest, UnsupportedTypes) {
  const auto fsl = FromJson(arrow::list(arrow::fixed_size_list(arrow::int64(), 3)),
                            "[[[1,2,3],[4,5,6]], [[7,8,9]]]");
  EXPECT_EQ(Outcome(".[0][1]", fsl, true),
            "error: Not yet implemented: index access `[0]` is not yet implemented for "
            "FixedSizeList(3 x Int64)");
  EXPECT_EQ(Outcome(".[0]?", fsl, true), "absent");
  ExpectRows(".[]", fsl, arrow::int64(), "[[1,2,3,4,5,6],[7,8,9]]");
  EXPECT_EQ(Outcome("map(.x)", fsl, true),
            "error: Not yet implemented: `map()` is not yet implemented for FixedSizeList(3 x Int64)");
  const auto large = FromJson(arrow::large_list(arrow::int64()), "[[1]]");
  EXPECT_EQ(Outcome("[]", large, false),
            "error: Invalid argument error: `.[]` called on unexpected type LargeList(Int64)");
  EXPECT_EQ(Outcome("map(.x)", large, false),
            "error: Invalid argument error: cannot call `.map()` on unexpected type LargeList(Int64)");
  EXPECT_EQ(Outcome(".", large, true),
            "error: expected a ListArray, got LargeList(Field { data_type: Int64, nullable: true })");
  EXPECT_EQ(Outcome(".", FromJson(arrow::int64(), "[1]"), true), "error: expected a ListArray, got Int64");
  EXPECT_EQ(Outcome("string_prefix(\"a\")", large, false), "error: Unknown function: `string_prefix`");
}

TEST(SelectorEvaluatorTest, EmptyChildIndexIsAllNull) {
  const auto empties = FromJson(arrow::list(arrow::utf8()), "[[], null, []]");
  ExpectValues("[0]", empties, arrow::utf8(), "[null, null, null]");
}

// rerun-sdk 0.33.1 returns the whole child array for `[]`, including values
// outside a sliced window; rrflow returns the window's values only.
TEST(SelectorEvaluatorTest, EachOnSlicedListReturnsTheWindowOnly) {
  const auto lists = FromJson(arrow::list(arrow::int64()), "[[1,2],[3],[4,5,6],null,[7]]");
  ExpectValues("[]", lists->Slice(1, 3), arrow::int64(), "[3, 4, 5, 6]");
  ExpectValues("[0]", lists->Slice(1, 3), arrow::int64(), "[3, 4, null]");
  ExpectRows("[]", FromJson(arrow::list(arrow::list(arrow::int64())), "[[[1,2],[3]],[[4,5,6],[7]]]")->Slice(1, 1),
             arrow::int64(), "[[4,5,6,7]]");
}

// A null slot's physical values are not data: rerun-sdk 0.33.1 includes them
// in `[]` (a null list slot with a non-empty range, or the k values of a null
// fixed-size list); rrflow skips them as Arrow's Flatten does.
TEST(SelectorEvaluatorTest, EachSkipsValuesUnderNullSlots) {
  const auto offsets = FromJson(arrow::int32(), "[0, 2, 4]");
  const auto values = FromJson(arrow::int64(), "[1, 2, 3, 4]");
  ASSERT_OK_AND_ASSIGN(auto null_slot, arrow::ListArray::FromArrays(*offsets, *values));
  // Give row 1 a validity bit of 0 while keeping its range [2, 4).
  ASSERT_OK_AND_ASSIGN(auto bitmap, arrow::AllocateEmptyBitmap(2));
  arrow::bit_util::SetBit(bitmap->mutable_data(), 0);
  auto data = null_slot->data()->Copy();
  data->buffers[0] = bitmap;
  data->null_count = 1;
  const auto lists = arrow::MakeArray(data);
  ExpectValues("[]", lists, arrow::int64(), "[1, 2]");

  const auto fsl = FromJson(arrow::list(arrow::fixed_size_list(arrow::int64(), 2)),
                            "[[[1,2],null,[3,4]], [null], [], null]");
  ExpectRows("[]", fsl, arrow::int64(), "[[1,2,3,4], null, [], null]");
}

// rerun-sdk 0.33.1 ANDs null masks without re-indexing them once a `[]` has
// run, which nulls the wrong rows (or panics). rrflow lifts each mask back to
// the rows it belongs to.
TEST(SelectorEvaluatorTest, NullsAfterFirstEachAreRealigned) {
  const auto type = arrow::list(arrow::struct_({arrow::field(
      "p", arrow::list(arrow::struct_({arrow::field("y", arrow::int64())})))}));
  const auto rows = FromJson(type, R"([[{"p":[{"y":1},{"y":null}]}], [{"p":[{"y":2}]}]])");
  ExpectRows(".p[].y!", rows, arrow::int64(), "[[1, null], [2]]");
  const auto all_null = FromJson(type, R"([[{"p":[{"y":null}]}], [{"p":[{"y":2}]}], [{"p":[]}]])");
  ExpectRows(".p[].y!", all_null, arrow::int64(), "[null, [2], []]");
  // Two masks of different lengths (a null outer list, then `!` per element).
  const auto lists = FromJson(arrow::list(arrow::list(arrow::list(arrow::int64()))),
                              "[[[[1, null], null]], [[[null]]]]");
  ExpectRows(".[] | .[]!", lists, arrow::int64(), "[[1, null], null]");
}

// rerun-sdk 0.33.1 fails with "Arrays of type Null cannot contain a null bitmask".
TEST(SelectorEvaluatorTest, IndexIntoNullTypedLists) {
  const auto lists = FromJson(arrow::list(arrow::list(arrow::null())), "[[[null]], [[]]]");
  ExpectRows("[0]", lists, arrow::null(), "[[null], [null]]");
  ExpectRows("[]!", lists, arrow::null(), "[null, []]");
}

TEST(SelectorEvaluatorTest, ExternalFunctions) {
  auto doubled = Selector::FromFunction(
      [](const std::shared_ptr<arrow::Array>& values) -> arrow::Result<std::shared_ptr<arrow::Array>> {
        const auto& ints = static_cast<const arrow::Int64Array&>(*values);
        arrow::Int64Builder builder;
        for (int64_t i = 0; i < ints.length(); ++i) {
          ARROW_RETURN_NOT_OK(ints.IsNull(i) ? builder.AppendNull() : builder.Append(2 * ints.Value(i)));
        }
        return builder.Finish();
      });
  ASSERT_OK_AND_ASSIGN(auto x, Selector::Parse(".x"));
  ExpectRows(".x", Points(), arrow::int64(), "[[1,3], [], null, [5]]");
  ASSERT_OK_AND_ASSIGN(auto rows, x.Pipe(doubled).ExecutePerRow(Points()));
  EXPECT_EQ(rows->ToString(), FromJson(arrow::list(arrow::int64()), "[[2,6], [], null, [10]]")->ToString());

  auto absent = Selector::FromFunction(
      [](const std::shared_ptr<arrow::Array>&) -> arrow::Result<std::shared_ptr<arrow::Array>> {
        return nullptr;
      });
  ASSERT_OK_AND_ASSIGN(auto none, x.Pipe(absent).ExecutePerRow(Points()));
  EXPECT_EQ(none, nullptr);

  // Changing the length is fine for flat results, an error per row.
  auto first = Selector::FromFunction(
      [](const std::shared_ptr<arrow::Array>& values) -> arrow::Result<std::shared_ptr<arrow::Array>> {
        return values->Slice(0, 1);
      });
  ASSERT_OK_AND_ASSIGN(auto flat, x.Pipe(first).Execute(FromJson(kPoint, R"([{"x":1,"y":2},{"x":3,"y":4}])")));
  EXPECT_EQ(flat->length(), 1);
  EXPECT_EQ(x.Pipe(first).ExecutePerRow(Points()).status().message(),
            "a piped function returned 1 values for 3 inputs; per-row results need one value per input");
}

}  // namespace
}  // namespace rrflow
