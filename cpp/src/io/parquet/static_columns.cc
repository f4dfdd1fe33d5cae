#include "io/parquet/static_columns_internal.h"

#include <cstring>
#include <optional>

#include <arrow/array/concatenate.h>
#include <arrow/type.h>

#include "io/parquet/row_lists_internal.h"
#include "rrflow/core/status.h"
#include "text/array_debug_text_internal.h"
#include "text/number_text_internal.h"

namespace rrflow::internal {
namespace {

// Whether element `i` equals element `j`, both non-null; nullopt when the
// type has no equality in the reference (nested types).
std::optional<bool> ElementsEqual(const arrow::Array& array, int64_t i, int64_t j) {
  if (array.IsNull(i) || array.IsNull(j)) return false;
  switch (array.type_id()) {
    case arrow::Type::BOOL: {
      const auto& booleans = static_cast<const arrow::BooleanArray&>(array);
      return booleans.Value(i) == booleans.Value(j);
    }
    case arrow::Type::STRING:
    case arrow::Type::BINARY:
      return static_cast<const arrow::BinaryArray&>(array).GetView(i) ==
             static_cast<const arrow::BinaryArray&>(array).GetView(j);
    case arrow::Type::LARGE_STRING:
    case arrow::Type::LARGE_BINARY:
      return static_cast<const arrow::LargeBinaryArray&>(array).GetView(i) ==
             static_cast<const arrow::LargeBinaryArray&>(array).GetView(j);
    case arrow::Type::STRING_VIEW:
    case arrow::Type::BINARY_VIEW:
      return static_cast<const arrow::BinaryViewArray&>(array).GetView(i) ==
             static_cast<const arrow::BinaryViewArray&>(array).GetView(j);
    case arrow::Type::DICTIONARY: {
      const auto& dictionary = static_cast<const arrow::DictionaryArray&>(array);
      return ElementsEqual(*dictionary.dictionary(), dictionary.GetValueIndex(i),
                           dictionary.GetValueIndex(j));
    }
    default:
      break;
  }
  const int width = array.type()->byte_width();
  if (width <= 0) return std::nullopt;
  // Fixed-width values compare bitwise (so NaN equals itself, -0 is not +0).
  const uint8_t* values = array.data()->buffers[1]->data() + array.offset() * width;
  return std::memcmp(values + i * width, values + j * width, width) == 0;
}

bool IsUniform(const arrow::Array& column) {
  if (column.type_id() == arrow::Type::NA) return false;
  for (int64_t i = 1; i < column.length(); ++i) {
    const auto equal = ElementsEqual(column, i, 0);
    if (!equal) return true;
    if (!*equal) return false;
  }
  return true;
}

template <typename T>
T FirstValue(const arrow::Array& column) {
  return column.IsNull(0) ? T{0} : column.data()->GetValues<T>(1)[0];
}

}  // namespace

arrow::Result<std::string> StaticValueText(const std::shared_ptr<arrow::Array>& column) {
  switch (column->type_id()) {
    case arrow::Type::DOUBLE:
      return RustFloatText(FirstValue<double>(*column));
    case arrow::Type::FLOAT:
      return RustFloatText(FirstValue<float>(*column));
    case arrow::Type::INT64:
      return std::to_string(FirstValue<int64_t>(*column));
    case arrow::Type::INT32:
      return std::to_string(FirstValue<int32_t>(*column));
    case arrow::Type::STRING:
      return std::string(static_cast<const arrow::StringArray&>(*column).GetView(0));
    case arrow::Type::LARGE_STRING:
      return std::string(static_cast<const arrow::LargeStringArray&>(*column).GetView(0));
    default:
      return ArrowRsDebugText(column);
  }
}

arrow::Status StaticColumns::Check(const arrow::RecordBatch& window) {
  const bool first = values_.empty();
  for (size_t s = 0; s < sources_.size(); ++s) {
    const auto& column = window.column(sources_[s].column);
    const std::string& name = sources_[s].name;
    if (column->length() >= 2 && !IsUniform(*column)) {
      return RuntimeError("Static column '", name, "' contains non-uniform values");
    }
    if (first) {
      // A copy, so that the value does not keep the window's buffers alive.
      ARROW_ASSIGN_OR_RAISE(auto value, arrow::Concatenate({column->Slice(0, 1)}));
      ARROW_ASSIGN_OR_RAISE(auto text, StaticValueText(value));
      values_.push_back(std::move(value));
      texts_.push_back(std::move(text));
      continue;
    }
    ARROW_ASSIGN_OR_RAISE(auto text, StaticValueText(column));
    if (text != texts_[s]) {
      return RuntimeError("Static column '", name, "' changed between batches: '", texts_[s],
                          "' \u2192 '", text, "'");
    }
  }
  return arrow::Status::OK();
}

arrow::Result<ChunkPtr> StaticColumns::MakeChunk(const EntityPath& path) const {
  if (values_.empty()) return nullptr;
  std::vector<std::pair<ComponentDescriptor, std::shared_ptr<arrow::Array>>> components;
  for (size_t s = 0; s < sources_.size(); ++s) {
    ARROW_ASSIGN_OR_RAISE(auto list, OneValuePerRow(values_[s], /*item_nullable=*/true));
    components.emplace_back(ComponentDescriptor(sources_[s].name), std::move(list));
  }
  return Chunk::FromColumns(path, {}, std::move(components));
}

}  // namespace rrflow::internal
