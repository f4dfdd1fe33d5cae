// Helpers shared by the C++ tests.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/api.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>

#define ASSERT_OK(expr)                                         \
  do {                                                          \
    const ::arrow::Status _st = (expr);                         \
    ASSERT_TRUE(_st.ok()) << #expr << ": " << _st.ToString();   \
  } while (false)

#define ASSERT_OK_AND_ASSIGN(lhs, rexpr)                                      \
  auto ASSERT_OK_AND_ASSIGN_CONCAT(_result_, __LINE__) = (rexpr);             \
  ASSERT_TRUE(ASSERT_OK_AND_ASSIGN_CONCAT(_result_, __LINE__).ok())           \
      << #rexpr << ": " << ASSERT_OK_AND_ASSIGN_CONCAT(_result_, __LINE__).status().ToString(); \
  lhs = std::move(ASSERT_OK_AND_ASSIGN_CONCAT(_result_, __LINE__)).ValueUnsafe()
#define ASSERT_OK_AND_ASSIGN_CONCAT(a, b) ASSERT_OK_AND_ASSIGN_CONCAT_INNER(a, b)
#define ASSERT_OK_AND_ASSIGN_CONCAT_INNER(a, b) a##b

namespace rrflow::testing {

/// An array of `type` from its JSON text, e.g. `[1, null, 3]`.
inline std::shared_ptr<arrow::Array> Json(const std::shared_ptr<arrow::DataType>& type,
                                          const std::string& json) {
  return arrow::json::ArrayFromJSONString(type, json).ValueOrDie();
}

/// An array of `type` holding `values` (nullopt for a null), built with `Builder`.
template <typename Builder, typename T>
std::shared_ptr<arrow::Array> Build(std::shared_ptr<arrow::DataType> type,
                                    const std::vector<std::optional<T>>& values) {
  std::unique_ptr<arrow::ArrayBuilder> builder;
  EXPECT_TRUE(arrow::MakeBuilder(arrow::default_memory_pool(), type, &builder).ok());
  auto& typed = static_cast<Builder&>(*builder);
  for (const auto& value : values) {
    EXPECT_TRUE((value ? typed.Append(*value) : typed.AppendNull()).ok());
  }
  return builder->Finish().ValueOrDie();
}

inline std::shared_ptr<arrow::Array> Int64s(const std::vector<int64_t>& values) {
  arrow::Int64Builder builder;
  EXPECT_TRUE(builder.AppendValues(values).ok());
  return builder.Finish().ValueOrDie();
}

inline std::shared_ptr<arrow::Array> Doubles(const std::vector<double>& values) {
  arrow::DoubleBuilder builder;
  EXPECT_TRUE(builder.AppendValues(values).ok());
  return builder.Finish().ValueOrDie();
}

/// Parses a JSON-like literal into an array of `type` (arrow's test helper is not shipped).
inline std::shared_ptr<arrow::Array> ListOfDoubles(const std::vector<std::vector<double>>& rows) {
  arrow::ListBuilder builder(arrow::default_memory_pool(), std::make_shared<arrow::DoubleBuilder>());
  auto* values = static_cast<arrow::DoubleBuilder*>(builder.value_builder());
  for (const auto& row : rows) {
    EXPECT_TRUE(builder.Append().ok());
    EXPECT_TRUE(values->AppendValues(row).ok());
  }
  return builder.Finish().ValueOrDie();
}

}  // namespace rrflow::testing
