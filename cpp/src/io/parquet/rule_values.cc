#include "io/parquet/rule_values_internal.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>
#include <type_traits>

#include <arrow/type.h>
#include <arrow/util/decimal.h>
#include <arrow/util/float16.h>

namespace rrflow::internal {
namespace {

template <typename Float>
using Values = std::optional<std::vector<Float>>;

// Valid values converted one by one; nulls stay 0.
template <typename T, typename Float, typename Convert>
Values<Float> ConvertValid(const arrow::Array& column, Convert convert) {
  std::vector<Float> out(static_cast<size_t>(column.length()), Float{0});
  const T* in = column.data()->GetValues<T>(1);
  for (int64_t i = 0; i < column.length(); ++i) {
    if (column.IsValid(i)) out[i] = static_cast<Float>(convert(in[i]));
  }
  return out;
}

template <typename T, typename Float>
Values<Float> ConvertNumbers(const arrow::Array& column) {
  return ConvertValid<T, Float>(column, [](T v) { return v; });
}

// Rust's `str::parse` of a float: the whole text, an optional sign, digits
// with an optional fraction and exponent, or inf/infinity/nan.
template <typename Float>
Float ParseOrZero(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && text.front() == '-') return 0;
  }
  Float value{0};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return 0;
  return value;
}

template <typename Float>
Values<Float> ParseStrings(const arrow::Array& column) {
  std::vector<Float> out(static_cast<size_t>(column.length()), Float{0});
  for (int64_t i = 0; i < column.length(); ++i) {
    if (!column.IsValid(i)) continue;
    std::string_view text;
    switch (column.type_id()) {
      case arrow::Type::STRING:
        text = static_cast<const arrow::StringArray&>(column).GetView(i);
        break;
      case arrow::Type::LARGE_STRING:
        text = static_cast<const arrow::LargeStringArray&>(column).GetView(i);
        break;
      default:
        text = static_cast<const arrow::StringViewArray&>(column).GetView(i);
        break;
    }
    out[i] = ParseOrZero<Float>(text);
  }
  return out;
}

// The values under every slot, nulls included, converted.
template <typename T, typename Float, typename Convert>
arrow::Result<Values<Float>> ConvertAllSlots(const arrow::Array& column, const DecodeRuns& runs,
                                             Convert convert) {
  ARROW_ASSIGN_OR_RAISE(auto buffer, ValuesWithDecoderNullSlots(column, runs));
  std::vector<Float> out(static_cast<size_t>(column.length()));
  const uint8_t* bytes = buffer->data();
  for (int64_t i = 0; i < column.length(); ++i) {
    T value;
    std::memcpy(&value, bytes + i * sizeof(T), sizeof(T));
    out[i] = static_cast<Float>(convert(value));
  }
  return out;
}

// A dictionary's values, cast, looked up by key. A null reads the key the
// decoder left in its slot.
template <typename Float>
arrow::Result<Values<Float>> CastDictionary(const arrow::DictionaryArray& column,
                                            const DecodeRuns& runs) {
  ARROW_ASSIGN_OR_RAISE(auto dictionary, RuleValues<Float>(*column.dictionary(), DecodeRuns{0}));
  if (!dictionary) return Values<Float>{};
  const auto& indices = *column.indices();
  ARROW_ASSIGN_OR_RAISE(auto keys, ValuesWithDecoderNullSlots(indices, runs));
  const int width = indices.type()->byte_width();
  std::vector<Float> out(static_cast<size_t>(column.length()), Float{0});
  for (int64_t i = 0; i < column.length(); ++i) {
    int64_t key = 0;
    const uint8_t* bytes = keys->data() + i * width;
    switch (width) {
      case 1:
        key = *reinterpret_cast<const int8_t*>(bytes);
        break;
      case 2:
        key = *reinterpret_cast<const int16_t*>(bytes);
        break;
      case 4:
        key = *reinterpret_cast<const int32_t*>(bytes);
        break;
      default:
        key = *reinterpret_cast<const int64_t*>(bytes);
        break;
    }
    if (key >= 0 && key < static_cast<int64_t>(dictionary->size())) out[i] = (*dictionary)[key];
  }
  return Values<Float>(std::move(out));
}

}  // namespace

template <typename Float>
arrow::Result<std::optional<std::vector<Float>>> RuleValues(const arrow::Array& column,
                                                            const DecodeRuns& runs) {
  const auto same = [](auto v) { return v; };
  switch (column.type_id()) {
    case arrow::Type::FLOAT:
      // Casting to its own type leaves the array untouched, null slots too.
      if constexpr (std::is_same_v<Float, float>) return ConvertAllSlots<float, Float>(column, runs, same);
      return ConvertNumbers<float, Float>(column);
    case arrow::Type::DOUBLE:
      if constexpr (std::is_same_v<Float, double>) return ConvertAllSlots<double, Float>(column, runs, same);
      return ConvertNumbers<double, Float>(column);
    case arrow::Type::DECIMAL128: {
      const int32_t scale = static_cast<const arrow::Decimal128Type&>(*column.type()).scale();
      return ConvertAllSlots<arrow::Decimal128, Float>(column, runs, [scale](const arrow::Decimal128& v) {
        return v.ToDouble(0) / std::pow(10.0, scale);
      });
    }
    case arrow::Type::DECIMAL256: {
      const int32_t scale = static_cast<const arrow::Decimal256Type&>(*column.type()).scale();
      return ConvertAllSlots<arrow::Decimal256, Float>(column, runs, [scale](const arrow::Decimal256& v) {
        return v.ToDouble(0) / std::pow(10.0, scale);
      });
    }
    case arrow::Type::INT8:
      return ConvertNumbers<int8_t, Float>(column);
    case arrow::Type::INT16:
      return ConvertNumbers<int16_t, Float>(column);
    case arrow::Type::INT32:
      return ConvertNumbers<int32_t, Float>(column);
    case arrow::Type::INT64:
    case arrow::Type::TIMESTAMP:
    case arrow::Type::DURATION:
      return ConvertNumbers<int64_t, Float>(column);
    case arrow::Type::UINT8:
      return ConvertNumbers<uint8_t, Float>(column);
    case arrow::Type::UINT16:
      return ConvertNumbers<uint16_t, Float>(column);
    case arrow::Type::UINT32:
      return ConvertNumbers<uint32_t, Float>(column);
    case arrow::Type::UINT64:
      return ConvertNumbers<uint64_t, Float>(column);
    case arrow::Type::HALF_FLOAT:
      return ConvertValid<uint16_t, Float>(
          column, [](uint16_t bits) { return arrow::util::Float16::FromBits(bits).ToFloat(); });
    case arrow::Type::BOOL: {
      std::vector<Float> out(static_cast<size_t>(column.length()), Float{0});
      const auto& booleans = static_cast<const arrow::BooleanArray&>(column);
      for (int64_t i = 0; i < column.length(); ++i) {
        if (booleans.IsValid(i) && booleans.Value(i)) out[i] = Float{1};
      }
      return Values<Float>(std::move(out));
    }
    case arrow::Type::STRING:
    case arrow::Type::LARGE_STRING:
    case arrow::Type::STRING_VIEW:
      return ParseStrings<Float>(column);
    case arrow::Type::DICTIONARY:
      return CastDictionary<Float>(static_cast<const arrow::DictionaryArray&>(column), runs);
    case arrow::Type::NA:
      return Values<Float>(std::vector<Float>(static_cast<size_t>(column.length()), Float{0}));
    default:
      return Values<Float>{};
  }
}

template arrow::Result<std::optional<std::vector<float>>> RuleValues<float>(const arrow::Array&,
                                                                           const DecodeRuns&);
template arrow::Result<std::optional<std::vector<double>>> RuleValues<double>(const arrow::Array&,
                                                                             const DecodeRuns&);

}  // namespace rrflow::internal
