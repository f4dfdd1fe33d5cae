#include "text/data_type_debug_internal.h"

#include <algorithm>
#include <utility>
#include <vector>

#include <arrow/extension_type.h>
#include <arrow/type.h>
#include <arrow/util/checked_cast.h>
#include <arrow/util/key_value_metadata.h>

#include "text/arrow_display_internal.h"

namespace rrflow::internal {
namespace {

using arrow::internal::checked_cast;

std::string TimeUnitDebug(arrow::TimeUnit::type unit) {
  switch (unit) {
    case arrow::TimeUnit::SECOND:
      return "Second";
    case arrow::TimeUnit::MILLI:
      return "Millisecond";
    case arrow::TimeUnit::MICRO:
      return "Microsecond";
    case arrow::TimeUnit::NANO:
      break;
  }
  return "Nanosecond";
}

std::string FieldDebug(const arrow::Field& field) {
  std::string out = "Field { ";
  if (field.name() != "item") out += "name: " + RustDebugString(field.name()) + ", ";
  out += "data_type: " + RustDebugDataType(*field.type());
  if (field.nullable()) out += ", nullable: true";
  if (field.metadata() != nullptr && field.metadata()->size() > 0) {
    std::vector<std::pair<std::string, std::string>> entries;
    for (int64_t i = 0; i < field.metadata()->size(); ++i) {
      entries.emplace_back(field.metadata()->key(i), field.metadata()->value(i));
    }
    std::sort(entries.begin(), entries.end());
    out += ", metadata: {";
    for (size_t i = 0; i < entries.size(); ++i) {
      if (i > 0) out += ", ";
      out += RustDebugString(entries[i].first) + ": " + RustDebugString(entries[i].second);
    }
    out += "}";
  }
  return out + " }";
}

std::string DecimalDebug(const char* name, const arrow::DataType& type) {
  const auto& decimal = checked_cast<const arrow::DecimalType&>(type);
  return std::string(name) + "(" + std::to_string(decimal.precision()) + ", " +
         std::to_string(decimal.scale()) + ")";
}

}  // namespace

std::string RustDebugDataType(const arrow::DataType& type) {
  switch (type.id()) {
    case arrow::Type::TIMESTAMP: {
      const auto& timestamp = checked_cast<const arrow::TimestampType&>(type);
      std::string out = "Timestamp(" + TimeUnitDebug(timestamp.unit()) + ", ";
      if (timestamp.timezone().empty()) {
        out.append("None");
      } else {
        out.append("Some(").append(RustDebugString(timestamp.timezone())).append(")");
      }
      return out.append(")");
    }
    case arrow::Type::TIME32:
    case arrow::Type::TIME64:
      return std::string(type.id() == arrow::Type::TIME32 ? "Time32(" : "Time64(") +
             TimeUnitDebug(checked_cast<const arrow::TimeType&>(type).unit()) + ")";
    case arrow::Type::DURATION:
      return "Duration(" + TimeUnitDebug(checked_cast<const arrow::DurationType&>(type).unit()) +
             ")";
    case arrow::Type::DECIMAL32:
      return DecimalDebug("Decimal32", type);
    case arrow::Type::DECIMAL64:
      return DecimalDebug("Decimal64", type);
    case arrow::Type::DECIMAL128:
      return DecimalDebug("Decimal128", type);
    case arrow::Type::DECIMAL256:
      return DecimalDebug("Decimal256", type);
    case arrow::Type::LIST:
      return "List(" + FieldDebug(*type.field(0)) + ")";
    case arrow::Type::LARGE_LIST:
      return "LargeList(" + FieldDebug(*type.field(0)) + ")";
    case arrow::Type::LIST_VIEW:
      return "ListView(" + FieldDebug(*type.field(0)) + ")";
    case arrow::Type::LARGE_LIST_VIEW:
      return "LargeListView(" + FieldDebug(*type.field(0)) + ")";
    case arrow::Type::FIXED_SIZE_LIST:
      return "FixedSizeList(" + FieldDebug(*type.field(0)) + ", " +
             std::to_string(checked_cast<const arrow::FixedSizeListType&>(type).list_size()) + ")";
    case arrow::Type::STRUCT: {
      std::string out = "Struct([";
      for (int i = 0; i < type.num_fields(); ++i) {
        if (i > 0) out += ", ";
        out += FieldDebug(*type.field(i));
      }
      return out + "])";
    }
    case arrow::Type::SPARSE_UNION:
    case arrow::Type::DENSE_UNION: {
      const auto& union_type = checked_cast<const arrow::UnionType&>(type);
      std::string out = "Union([";
      for (int i = 0; i < type.num_fields(); ++i) {
        if (i > 0) out += ", ";
        out.append("(")
            .append(std::to_string(union_type.type_codes()[static_cast<size_t>(i)]))
            .append(", ")
            .append(FieldDebug(*type.field(i)))
            .append(")");
      }
      return out + "], " + (type.id() == arrow::Type::SPARSE_UNION ? "Sparse" : "Dense") + ")";
    }
    case arrow::Type::DICTIONARY: {
      const auto& dictionary = checked_cast<const arrow::DictionaryType&>(type);
      return "Dictionary(" + RustDebugDataType(*dictionary.index_type()) + ", " +
             RustDebugDataType(*dictionary.value_type()) + ")";
    }
    case arrow::Type::MAP: {
      const auto& map = checked_cast<const arrow::MapType&>(type);
      return "Map(" + FieldDebug(*map.field(0)) + ", " + (map.keys_sorted() ? "true" : "false") +
             ")";
    }
    case arrow::Type::RUN_END_ENCODED:
      return "RunEndEncoded(" + FieldDebug(*type.field(0)) + ", " + FieldDebug(*type.field(1)) +
             ")";
    case arrow::Type::EXTENSION:
      return RustDebugDataType(*checked_cast<const arrow::ExtensionType&>(type).storage_type());
    default:
      // Every other type has no parameters, or prints its parameters the
      // same way in Display and Debug (`FixedSizeBinary(16)`, `Interval(DayTime)`).
      return FormatDataType(type);
  }
}

}  // namespace rrflow::internal
