#include "text/data_type_text_internal.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include <arrow/extension_type.h>
#include <arrow/type.h>
#include <arrow/util/checked_cast.h>
#include <arrow/util/key_value_metadata.h>

#include "text/quoted_string_internal.h"

namespace rrflow::internal {
namespace {

using arrow::internal::checked_cast;
using MetadataEntries = std::vector<std::pair<std::string, std::string>>;

// A time unit in Display (`ns`) and in Debug (`Nanosecond`).
struct TimeUnitNames {
  std::string_view display;
  std::string_view debug;
};

const TimeUnitNames& NamesOf(arrow::TimeUnit::type unit) {
  static constexpr TimeUnitNames kNames[] = {
      {"s", "Second"}, {"ms", "Millisecond"}, {"µs", "Microsecond"}, {"ns", "Nanosecond"}};
  return kNames[static_cast<size_t>(unit)];  // indexed by arrow::TimeUnit::type
}

arrow::TimeUnit::type UnitOf(const arrow::DataType& type) {
  if (type.id() == arrow::Type::TIMESTAMP) {
    return checked_cast<const arrow::TimestampType&>(type).unit();
  }
  if (type.id() == arrow::Type::DURATION) {
    return checked_cast<const arrow::DurationType&>(type).unit();
  }
  return checked_cast<const arrow::TimeType&>(type).unit();
}

// `Time32(<unit>)`, `Time64(<unit>)` or `Duration(<unit>)`.
std::string TimeTypeName(const arrow::DataType& type, std::string_view unit_name) {
  const std::string_view name = type.id() == arrow::Type::DURATION ? "Duration"
                                : type.id() == arrow::Type::TIME32 ? "Time32"
                                                                   : "Time64";
  return std::string(name) + "(" + std::string(unit_name) + ")";
}

// The name of a list-like type, or empty for any other type.
std::string_view ListTypeName(arrow::Type::type id) {
  switch (id) {
    case arrow::Type::LIST:
      return "List";
    case arrow::Type::LARGE_LIST:
      return "LargeList";
    case arrow::Type::LIST_VIEW:
      return "ListView";
    case arrow::Type::LARGE_LIST_VIEW:
      return "LargeListView";
    default:
      return {};
  }
}

// The texts of the fields of `type`, separated by ", ".
template <typename FieldText>
std::string JoinFields(const arrow::DataType& type, FieldText&& field_text) {
  std::string out;
  for (int i = 0; i < type.num_fields(); ++i) {
    if (i > 0) out += ", ";
    out += field_text(i);
  }
  return out;
}

std::string TypeCode(const arrow::UnionType& type, int field) {
  return std::to_string(type.type_codes()[static_cast<size_t>(field)]);
}

// `, metadata: {"k": "v"}`, or nothing when there are no entries.
std::string MetadataSuffix(const MetadataEntries& entries) {
  if (entries.empty()) return "";
  std::string out = ", metadata: {";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += ", ";
    out += RustDebugString(entries[i].first) + ": " + RustDebugString(entries[i].second);
  }
  return out + "}";
}

MetadataEntries OwnMetadata(const arrow::Field& field) {
  MetadataEntries entries;
  if (const auto& metadata = field.metadata()) {
    for (int64_t i = 0; i < metadata->size(); ++i) {
      entries.emplace_back(metadata->key(i), metadata->value(i));
    }
  }
  return entries;
}

// ---------------------------------------------------------------------------
// Display

// The metadata arrow-rs sees on a field: its own, plus the extension name and
// metadata of an extension type (which arrow-rs only knows as metadata).
MetadataEntries EffectiveMetadata(const arrow::Field& field) {
  MetadataEntries entries = OwnMetadata(field);
  if (field.type()->id() == arrow::Type::EXTENSION) {
    const auto& extension = checked_cast<const arrow::ExtensionType&>(*field.type());
    entries.emplace_back("ARROW:extension:name", extension.extension_name());
    entries.emplace_back("ARROW:extension:metadata", extension.Serialize());
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // A later duplicate key wins, as when arrow-rs collects into a map.
  MetadataEntries unique;
  for (auto& entry : entries) {
    if (!unique.empty() && unique.back().first == entry.first) {
      unique.back() = std::move(entry);
    } else {
      unique.push_back(std::move(entry));
    }
  }
  return unique;
}

// A field inside a struct, map, union or run-end encoded type.
std::string FormatNamedField(const arrow::Field& field) {
  return RustDebugString(field.name()) + ": " + FormatFieldType(field) +
         MetadataSuffix(EffectiveMetadata(field));
}

// The item of a list-like type: the name is only shown when it is not `item`.
std::string FormatItemField(const arrow::Field& field) {
  std::string out = FormatFieldType(field);
  if (field.name() != "item") out += ", field: '" + field.name() + "'";
  return out + MetadataSuffix(EffectiveMetadata(field));
}

// ---------------------------------------------------------------------------
// Debug

std::string FieldDebug(const arrow::Field& field) {
  std::string out = "Field { ";
  if (field.name() != "item") out += "name: " + RustDebugString(field.name()) + ", ";
  out += "data_type: " + RustDebugDataType(*field.type());
  if (field.nullable()) out += ", nullable: true";
  MetadataEntries entries = OwnMetadata(field);
  std::sort(entries.begin(), entries.end());
  return out + MetadataSuffix(entries) + " }";
}

}  // namespace

std::string FormatDataType(const arrow::DataType& type) {
  switch (type.id()) {
    case arrow::Type::NA:
      return "Null";
    case arrow::Type::BOOL:
      return "Boolean";
    case arrow::Type::INT8:
      return "Int8";
    case arrow::Type::INT16:
      return "Int16";
    case arrow::Type::INT32:
      return "Int32";
    case arrow::Type::INT64:
      return "Int64";
    case arrow::Type::UINT8:
      return "UInt8";
    case arrow::Type::UINT16:
      return "UInt16";
    case arrow::Type::UINT32:
      return "UInt32";
    case arrow::Type::UINT64:
      return "UInt64";
    case arrow::Type::HALF_FLOAT:
      return "Float16";
    case arrow::Type::FLOAT:
      return "Float32";
    case arrow::Type::DOUBLE:
      return "Float64";
    case arrow::Type::STRING:
      return "Utf8";
    case arrow::Type::LARGE_STRING:
      return "LargeUtf8";
    case arrow::Type::STRING_VIEW:
      return "Utf8View";
    case arrow::Type::BINARY:
      return "Binary";
    case arrow::Type::LARGE_BINARY:
      return "LargeBinary";
    case arrow::Type::BINARY_VIEW:
      return "BinaryView";
    case arrow::Type::FIXED_SIZE_BINARY:
      return "FixedSizeBinary(" +
             std::to_string(checked_cast<const arrow::FixedSizeBinaryType&>(type).byte_width()) +
             ")";
    case arrow::Type::DATE32:
      return "Date32";
    case arrow::Type::DATE64:
      return "Date64";
    case arrow::Type::TIMESTAMP: {
      const auto& timezone = checked_cast<const arrow::TimestampType&>(type).timezone();
      std::string out = "Timestamp(" + std::string(NamesOf(UnitOf(type)).display);
      if (!timezone.empty()) out += ", " + RustDebugString(timezone);
      return out + ")";
    }
    case arrow::Type::TIME32:
    case arrow::Type::TIME64:
    case arrow::Type::DURATION:
      return TimeTypeName(type, NamesOf(UnitOf(type)).display);
    case arrow::Type::INTERVAL_MONTHS:
      return "Interval(YearMonth)";
    case arrow::Type::INTERVAL_DAY_TIME:
      return "Interval(DayTime)";
    case arrow::Type::INTERVAL_MONTH_DAY_NANO:
      return "Interval(MonthDayNano)";
    case arrow::Type::DECIMAL32:
    case arrow::Type::DECIMAL64:
    case arrow::Type::DECIMAL128:
    case arrow::Type::DECIMAL256: {
      // Named by their width in bits: Decimal32 ... Decimal256.
      const auto& decimal = checked_cast<const arrow::DecimalType&>(type);
      return "Decimal" + std::to_string(decimal.byte_width() * 8) + "(" +
             std::to_string(decimal.precision()) + ", " + std::to_string(decimal.scale()) + ")";
    }
    case arrow::Type::LIST:
    case arrow::Type::LARGE_LIST:
    case arrow::Type::LIST_VIEW:
    case arrow::Type::LARGE_LIST_VIEW:
      return std::string(ListTypeName(type.id())) + "(" + FormatItemField(*type.field(0)) + ")";
    case arrow::Type::FIXED_SIZE_LIST:
      return "FixedSizeList(" +
             std::to_string(checked_cast<const arrow::FixedSizeListType&>(type).list_size()) +
             " x " + FormatItemField(*type.field(0)) + ")";
    case arrow::Type::STRUCT:
      return "Struct(" +
             JoinFields(type, [&](int i) { return FormatNamedField(*type.field(i)); }) + ")";
    case arrow::Type::SPARSE_UNION:
    case arrow::Type::DENSE_UNION: {
      const auto& union_type = checked_cast<const arrow::UnionType&>(type);
      std::string out = type.id() == arrow::Type::SPARSE_UNION ? "Union(Sparse" : "Union(Dense";
      for (int i = 0; i < type.num_fields(); ++i) {
        out += ", " + TypeCode(union_type, i) + ": (" + FormatNamedField(*type.field(i)) + ")";
      }
      return out + ")";
    }
    case arrow::Type::DICTIONARY: {
      const auto& dictionary = checked_cast<const arrow::DictionaryType&>(type);
      return "Dictionary(" + FormatDataType(*dictionary.index_type()) + ", " +
             FormatDataType(*dictionary.value_type()) + ")";
    }
    case arrow::Type::MAP: {
      const auto& map = checked_cast<const arrow::MapType&>(type);
      return "Map(" + FormatNamedField(*map.field(0)) + ", " +
             (map.keys_sorted() ? "sorted" : "unsorted") + ")";
    }
    case arrow::Type::RUN_END_ENCODED:
      return "RunEndEncoded(" + FormatNamedField(*type.field(0)) + ", " +
             FormatNamedField(*type.field(1)) + ")";
    case arrow::Type::EXTENSION:
      return FormatDataType(*checked_cast<const arrow::ExtensionType&>(type).storage_type());
    default:
      return type.ToString();
  }
}

std::string FormatFieldType(const arrow::Field& field) {
  return (field.nullable() ? "" : "non-null ") + FormatDataType(*field.type());
}

std::string RustDebugDataType(const arrow::DataType& type) {
  switch (type.id()) {
    case arrow::Type::TIMESTAMP: {
      const auto& timezone = checked_cast<const arrow::TimestampType&>(type).timezone();
      return "Timestamp(" + std::string(NamesOf(UnitOf(type)).debug) + ", " +
             (timezone.empty() ? "None" : "Some(" + RustDebugString(timezone) + ")") + ")";
    }
    case arrow::Type::TIME32:
    case arrow::Type::TIME64:
    case arrow::Type::DURATION:
      return TimeTypeName(type, NamesOf(UnitOf(type)).debug);
    case arrow::Type::LIST:
    case arrow::Type::LARGE_LIST:
    case arrow::Type::LIST_VIEW:
    case arrow::Type::LARGE_LIST_VIEW:
      return std::string(ListTypeName(type.id())) + "(" + FieldDebug(*type.field(0)) + ")";
    case arrow::Type::FIXED_SIZE_LIST:
      return "FixedSizeList(" + FieldDebug(*type.field(0)) + ", " +
             std::to_string(checked_cast<const arrow::FixedSizeListType&>(type).list_size()) + ")";
    case arrow::Type::STRUCT:
      return "Struct([" + JoinFields(type, [&](int i) { return FieldDebug(*type.field(i)); }) +
             "])";
    case arrow::Type::SPARSE_UNION:
    case arrow::Type::DENSE_UNION: {
      const auto& union_type = checked_cast<const arrow::UnionType&>(type);
      return "Union([" + JoinFields(type, [&](int i) {
               return "(" + TypeCode(union_type, i) + ", " + FieldDebug(*type.field(i)) + ")";
             }) +
             "], " + (type.id() == arrow::Type::SPARSE_UNION ? "Sparse" : "Dense") + ")";
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
      // same way in Display and Debug (`FixedSizeBinary(16)`, `Decimal128(5, 2)`).
      return FormatDataType(type);
  }
}

}  // namespace rrflow::internal
