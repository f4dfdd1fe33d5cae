#include "text/array_debug_text_internal.h"

#include <algorithm>
#include <functional>
#include <string_view>

#include <arrow/type.h>

#include "text/array_value_formatter_internal.h"
#include "text/data_type_text_internal.h"
#include "text/quoted_string_internal.h"

namespace rrflow::internal {
namespace {

using ElementText = std::function<arrow::Result<std::string>(int64_t)>;

// arrow-rs's `print_long_array`: ten elements, an ellipsis, the last ten.
arrow::Result<std::string> ListLayout(const std::string& header, const arrow::Array& array,
                                      const ElementText& element) {
  std::string out = header + "\n[\n";
  const int64_t length = array.length();
  const auto append = [&](int64_t i) -> arrow::Status {
    if (array.IsNull(i)) {
      out += "  null,\n";
      return arrow::Status::OK();
    }
    ARROW_ASSIGN_OR_RAISE(auto text, element(i));
    out += "  " + text + ",\n";
    return arrow::Status::OK();
  };
  const int64_t head = std::min<int64_t>(10, length);
  for (int64_t i = 0; i < head; ++i) ARROW_RETURN_NOT_OK(append(i));
  if (length > 10) {
    if (length > 20) out += "  ..." + std::to_string(length - 20) + " elements...,\n";
    for (int64_t i = std::max(head, length - 10); i < length; ++i) ARROW_RETURN_NOT_OK(append(i));
  }
  return out + "]";
}

std::string BytesText(std::string_view bytes) {
  std::string out = "[";
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) out += ", ";
    out += std::to_string(static_cast<uint8_t>(bytes[i]));
  }
  return out + "]";
}

template <typename ArrayType>
ElementText ViewText(const arrow::Array& array, bool as_string) {
  const auto& typed = static_cast<const ArrayType&>(array);
  return [&typed, as_string](int64_t i) -> arrow::Result<std::string> {
    const std::string_view view = typed.GetView(i);
    return as_string ? RustDebugString(view) : BytesText(view);
  };
}

// Elements that are arrays themselves print as their own `{:?}`.
template <typename ListType>
ElementText NestedText(const arrow::Array& array) {
  const auto& typed = static_cast<const ListType&>(array);
  return [&typed](int64_t i) { return ArrowRsDebugText(typed.value_slice(i)); };
}

}  // namespace

arrow::Result<std::string> ArrowRsDebugText(const std::shared_ptr<arrow::Array>& array) {
  const arrow::Array& a = *array;
  switch (a.type_id()) {
    case arrow::Type::NA:
      return "NullArray(" + std::to_string(a.length()) + ")";
    case arrow::Type::STRING:
      return ListLayout("StringArray", a, ViewText<arrow::StringArray>(a, true));
    case arrow::Type::LARGE_STRING:
      return ListLayout("LargeStringArray", a, ViewText<arrow::LargeStringArray>(a, true));
    case arrow::Type::STRING_VIEW:
      return ListLayout("StringViewArray", a, ViewText<arrow::StringViewArray>(a, true));
    case arrow::Type::BINARY:
      return ListLayout("BinaryArray", a, ViewText<arrow::BinaryArray>(a, false));
    case arrow::Type::LARGE_BINARY:
      return ListLayout("LargeBinaryArray", a, ViewText<arrow::LargeBinaryArray>(a, false));
    case arrow::Type::BINARY_VIEW:
      return ListLayout("BinaryViewArray", a, ViewText<arrow::BinaryViewArray>(a, false));
    case arrow::Type::FIXED_SIZE_BINARY:
      return ListLayout("FixedSizeBinaryArray<" +
                            std::to_string(a.type()->byte_width()) + ">",
                        a, ViewText<arrow::FixedSizeBinaryArray>(a, false));
    case arrow::Type::LIST:
      return ListLayout("ListArray", a, NestedText<arrow::ListArray>(a));
    case arrow::Type::LARGE_LIST:
      return ListLayout("LargeListArray", a, NestedText<arrow::LargeListArray>(a));
    case arrow::Type::FIXED_SIZE_LIST:
      return ListLayout(
          "FixedSizeListArray<" +
              std::to_string(static_cast<const arrow::FixedSizeListType&>(*a.type()).list_size()) +
              ">",
          a, NestedText<arrow::FixedSizeListArray>(a));
    case arrow::Type::DICTIONARY: {
      const auto& dictionary = static_cast<const arrow::DictionaryArray&>(a);
      ARROW_ASSIGN_OR_RAISE(auto keys, ArrowRsDebugText(dictionary.indices()));
      ARROW_ASSIGN_OR_RAISE(auto values, ArrowRsDebugText(dictionary.dictionary()));
      return "DictionaryArray {keys: " + keys + " values: " + values + "}\n";
    }
    default:
      break;
  }
  ARROW_ASSIGN_OR_RAISE(auto formatter, ArrayValueFormatter::Make(array));
  const ElementText element = [formatter](int64_t i) -> arrow::Result<std::string> {
    return formatter.Format(i);
  };
  if (a.type_id() == arrow::Type::BOOL) return ListLayout("BooleanArray", a, element);
  if (arrow::is_primitive(a.type_id()) || arrow::is_decimal(a.type_id())) {
    return ListLayout("PrimitiveArray<" + FormatDataType(*a.type()) + ">", a, element);
  }
  return ListLayout(FormatDataType(*a.type()) + "Array", a, element);
}

}  // namespace rrflow::internal
