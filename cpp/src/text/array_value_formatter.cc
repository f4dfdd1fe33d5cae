// arrow-rs compatible text for Arrow values. The rules were read off the
// reference's output (arrow-rs 57.3); see
// tests/cpp/text/array_value_formatter_test.cc for examples of each.
#include "text/array_value_formatter_internal.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <arrow/array/array_run_end.h>
#include <arrow/extension_type.h>
#include <arrow/util/checked_cast.h>
#include <arrow/util/decimal.h>
#include <arrow/util/float16.h>

#include "text/data_type_text_internal.h"
#include "text/number_text_internal.h"
#include "text/temporal_text_internal.h"

namespace rrflow::internal {

using arrow::internal::checked_cast;

/// Writes one value of an array; nested writers are built once per array.
class ValueWriter {
 public:
  ValueWriter(std::shared_ptr<arrow::Array> array, bool checks_nulls)
      : array_(std::move(array)), checks_nulls_(checks_nulls) {}
  virtual ~ValueWriter() = default;

  /// Appends value `index`, or `null`.
  void Write(int64_t index, std::string* out) const {
    if (checks_nulls_ && array_->IsNull(index)) {
      out->append("null");
      return;
    }
    WriteValid(index, out);
  }

 protected:
  virtual void WriteValid(int64_t index, std::string* out) const = 0;

  template <typename ArrayType>
  const ArrayType& array() const {
    return checked_cast<const ArrayType&>(*array_);
  }

  /// The message of a value arrow-rs fails to convert.
  void WriteConversionError(std::string_view value, std::string_view target,
                            std::string* out) const {
    out->append("ERROR: Cast error: Failed to convert ").append(value).append(" to ");
    out->append(target).append(" for ").append(FormatDataType(*array_->type()));
  }

 private:
  std::shared_ptr<arrow::Array> array_;
  bool checks_nulls_;
};

namespace {

using WriterPtr = std::shared_ptr<const ValueWriter>;
arrow::Result<WriterPtr> MakeWriter(const std::shared_ptr<arrow::Array>& array);

// Writers for one kind of value, given as a function of (array, index, out).
template <typename ArrayType, typename Append>
class SimpleWriter final : public ValueWriter {
 public:
  SimpleWriter(std::shared_ptr<arrow::Array> array, Append append)
      : ValueWriter(std::move(array), /*checks_nulls=*/true), append_(std::move(append)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    append_(array<ArrayType>(), index, out);
  }

 private:
  Append append_;
};

template <typename ArrayType, typename Append>
WriterPtr MakeSimpleWriter(const std::shared_ptr<arrow::Array>& array, Append append) {
  return std::make_shared<SimpleWriter<ArrayType, Append>>(array, std::move(append));
}

class NullTypeWriter final : public ValueWriter {
 public:
  explicit NullTypeWriter(std::shared_ptr<arrow::Array> array)
      : ValueWriter(std::move(array), /*checks_nulls=*/false) {}

 protected:
  void WriteValid(int64_t, std::string* out) const override { out->append("null"); }
};

template <typename ArrayType>
class DecimalWriter final : public ValueWriter {
 public:
  explicit DecimalWriter(std::shared_ptr<arrow::Array> array)
      : ValueWriter(std::move(array), /*checks_nulls=*/true) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    using Decimal = typename arrow::TypeTraits<typename ArrayType::TypeClass>::CType;
    const auto& decimals = array<ArrayType>();
    const auto& type = checked_cast<const arrow::DecimalType&>(*decimals.type());
    const Decimal value(decimals.GetValue(index));
    AppendDecimal(value.ToIntegerString(), type.precision(), type.scale(), out);
  }
};

class DateWriter final : public ValueWriter {
 public:
  explicit DateWriter(std::shared_ptr<arrow::Array> array)
      : ValueWriter(std::move(array), /*checks_nulls=*/true) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const int64_t day = array<arrow::Date32Array>().Value(index);
    if (!AppendDate(day, out)) WriteConversionError(std::to_string(day), "temporal", out);
  }
};

// Timestamp and Date64 (milliseconds, printed as a date-time).
class DateTimeWriter final : public ValueWriter {
 public:
  DateTimeWriter(std::shared_ptr<arrow::Array> array, arrow::TimeUnit::type unit,
                 std::optional<TimeZone> zone, std::string_view failure_target)
      : ValueWriter(array, /*checks_nulls=*/true),
        values_(array->data()->GetValues<int64_t>(1)),
        unit_(unit),
        zone_(std::move(zone)),
        failure_target_(failure_target) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const int64_t value = values_[index];
    if (!AppendDateTime(value, unit_, zone_ ? &*zone_ : nullptr, out)) {
      WriteConversionError(std::to_string(value), failure_target_, out);
    }
  }

 private:
  const int64_t* values_;
  arrow::TimeUnit::type unit_;
  std::optional<TimeZone> zone_;
  std::string_view failure_target_;
};

class TimeOfDayWriter final : public ValueWriter {
 public:
  TimeOfDayWriter(std::shared_ptr<arrow::Array> array, arrow::TimeUnit::type unit)
      : ValueWriter(std::move(array), /*checks_nulls=*/true), unit_(unit) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const auto& self = array<arrow::Array>();
    const int64_t value = self.type_id() == arrow::Type::TIME32
                              ? checked_cast<const arrow::Time32Array&>(self).Value(index)
                              : checked_cast<const arrow::Time64Array&>(self).Value(index);
    if (!AppendTimeOfDay(value, unit_, out)) {
      WriteConversionError(std::to_string(value), "temporal", out);
    }
  }

 private:
  arrow::TimeUnit::type unit_;
};

// Writes `open`, entries `begin` to `end` (exclusive) separated by ", ", then
// `close`.
template <typename WriteEntry>
void WriteSequence(int64_t begin, int64_t end, char open, char close, std::string* out,
                   WriteEntry&& write_entry) {
  out->push_back(open);
  for (int64_t i = begin; i < end; ++i) {
    if (i > begin) out->append(", ");
    write_entry(i);
  }
  out->push_back(close);
}

// List, LargeList and FixedSizeList: `[a, b]`.
template <typename ArrayType>
class ListWriter final : public ValueWriter {
 public:
  ListWriter(std::shared_ptr<arrow::Array> array, WriterPtr values)
      : ValueWriter(std::move(array), /*checks_nulls=*/true), values_(std::move(values)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const auto& list = array<ArrayType>();
    const int64_t begin = list.value_offset(index);
    WriteSequence(begin, begin + list.value_length(index), '[', ']', out,
                  [&](int64_t i) { values_->Write(i, out); });
  }

 private:
  WriterPtr values_;
};

class MapWriter final : public ValueWriter {
 public:
  MapWriter(std::shared_ptr<arrow::Array> array, WriterPtr keys, WriterPtr items)
      : ValueWriter(std::move(array), /*checks_nulls=*/true),
        keys_(std::move(keys)),
        items_(std::move(items)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const auto& map = array<arrow::MapArray>();
    const int64_t begin = map.value_offset(index);
    WriteSequence(begin, begin + map.value_length(index), '{', '}', out, [&](int64_t i) {
      keys_->Write(i, out);
      out->append(": ");
      items_->Write(i, out);
    });
  }

 private:
  WriterPtr keys_;
  WriterPtr items_;
};

class StructWriter final : public ValueWriter {
 public:
  StructWriter(std::shared_ptr<arrow::Array> array, std::vector<WriterPtr> fields)
      : ValueWriter(std::move(array), /*checks_nulls=*/true), fields_(std::move(fields)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const auto& type = *array<arrow::Array>().type();
    WriteSequence(0, static_cast<int64_t>(fields_.size()), '{', '}', out, [&](int64_t i) {
      out->append(type.field(static_cast<int>(i))->name()).append(": ");
      fields_[static_cast<size_t>(i)]->Write(index, out);
    });
  }

 private:
  std::vector<WriterPtr> fields_;
};

// `{name=value}`; a union has no nulls of its own, only its children do.
class UnionWriter final : public ValueWriter {
 public:
  UnionWriter(std::shared_ptr<arrow::Array> array, std::vector<WriterPtr> children)
      : ValueWriter(std::move(array), /*checks_nulls=*/false), children_(std::move(children)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const auto& union_array = array<arrow::UnionArray>();
    const int child = union_array.child_id(index);
    const int64_t child_index =
        union_array.mode() == arrow::UnionMode::SPARSE
            ? index
            : checked_cast<const arrow::DenseUnionArray&>(union_array).value_offset(index);
    out->push_back('{');
    out->append(union_array.type()->field(child)->name()).push_back('=');
    children_[static_cast<size_t>(child)]->Write(child_index, out);
    out->push_back('}');
  }

 private:
  std::vector<WriterPtr> children_;
};

class DictionaryWriter final : public ValueWriter {
 public:
  DictionaryWriter(std::shared_ptr<arrow::Array> array, WriterPtr dictionary)
      : ValueWriter(std::move(array), /*checks_nulls=*/true), dictionary_(std::move(dictionary)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    dictionary_->Write(array<arrow::DictionaryArray>().GetValueIndex(index), out);
  }

 private:
  WriterPtr dictionary_;
};

// Run-end encoded: the value of the run that covers the index.
class RunEndEncodedWriter final : public ValueWriter {
 public:
  RunEndEncodedWriter(std::shared_ptr<arrow::Array> array, WriterPtr values)
      : ValueWriter(std::move(array), /*checks_nulls=*/false), values_(std::move(values)) {}

 protected:
  void WriteValid(int64_t index, std::string* out) const override {
    const auto& ree = array<arrow::RunEndEncodedArray>();
    const int64_t logical_index = ree.offset() + index;
    const auto& run_ends = *ree.run_ends();
    values_->Write(PhysicalIndex(run_ends, logical_index), out);
  }

 private:
  static int64_t PhysicalIndex(const arrow::Array& run_ends, int64_t logical_index) {
    const auto search = [&](const auto* begin) {
      const auto* end = begin + run_ends.length();
      return std::upper_bound(begin, end, logical_index,
                              [](int64_t value, auto run_end) {
                                return value < static_cast<int64_t>(run_end);
                              }) -
             begin;
    };
    switch (run_ends.type_id()) {
      case arrow::Type::INT16:
        return search(checked_cast<const arrow::Int16Array&>(run_ends).raw_values());
      case arrow::Type::INT32:
        return search(checked_cast<const arrow::Int32Array&>(run_ends).raw_values());
      default:
        return search(checked_cast<const arrow::Int64Array&>(run_ends).raw_values());
    }
  }

  WriterPtr values_;
};

// Integers, and Float32 and Float64 (through ryu).
template <typename ArrowType>
WriterPtr MakeNumberWriter(const std::shared_ptr<arrow::Array>& array) {
  using ArrayType = typename arrow::TypeTraits<ArrowType>::ArrayType;
  return MakeSimpleWriter<ArrayType>(
      array, [](const ArrayType& values, int64_t i, std::string* out) {
        if constexpr (std::is_floating_point_v<typename ArrowType::c_type>) {
          AppendRyuFloat(values.Value(i), out);
        } else {
          AppendInteger(values.Value(i), out);
        }
      });
}

template <typename ArrayType>
WriterPtr MakeStringWriter(const std::shared_ptr<arrow::Array>& array) {
  return MakeSimpleWriter<ArrayType>(
      array, [](const ArrayType& values, int64_t i, std::string* out) {
        out->append(values.GetView(i));
      });
}

template <typename ArrayType>
WriterPtr MakeHexWriter(const std::shared_ptr<arrow::Array>& array) {
  return MakeSimpleWriter<ArrayType>(
      array, [](const ArrayType& values, int64_t i, std::string* out) {
        AppendHex(values.GetView(i), out);
      });
}

arrow::Status NotSupported(const arrow::DataType& type) {
  return arrow::Status::NotImplemented("Not yet implemented: formatting ", FormatDataType(type),
                                       " is not yet supported");
}

arrow::Result<std::vector<WriterPtr>> MakeChildWriters(const arrow::ArrayVector& children) {
  std::vector<WriterPtr> writers;
  for (const auto& child : children) {
    ARROW_ASSIGN_OR_RAISE(auto writer, MakeWriter(child));
    writers.push_back(std::move(writer));
  }
  return writers;
}

arrow::Result<WriterPtr> MakeWriter(const std::shared_ptr<arrow::Array>& array) {
  const auto& type = *array->type();
  switch (type.id()) {
    case arrow::Type::NA:
      return std::make_shared<NullTypeWriter>(array);
    case arrow::Type::BOOL:
      return MakeSimpleWriter<arrow::BooleanArray>(
          array, [](const arrow::BooleanArray& values, int64_t i, std::string* out) {
            out->append(values.Value(i) ? "true" : "false");
          });
    case arrow::Type::INT8:
      return MakeNumberWriter<arrow::Int8Type>(array);
    case arrow::Type::INT16:
      return MakeNumberWriter<arrow::Int16Type>(array);
    case arrow::Type::INT32:
      return MakeNumberWriter<arrow::Int32Type>(array);
    case arrow::Type::INT64:
      return MakeNumberWriter<arrow::Int64Type>(array);
    case arrow::Type::UINT8:
      return MakeNumberWriter<arrow::UInt8Type>(array);
    case arrow::Type::UINT16:
      return MakeNumberWriter<arrow::UInt16Type>(array);
    case arrow::Type::UINT32:
      return MakeNumberWriter<arrow::UInt32Type>(array);
    case arrow::Type::UINT64:
      return MakeNumberWriter<arrow::UInt64Type>(array);
    case arrow::Type::HALF_FLOAT:
      // Float16 prints through Rust's `Display` for f32, not through ryu.
      return MakeSimpleWriter<arrow::HalfFloatArray>(
          array, [](const arrow::HalfFloatArray& values, int64_t i, std::string* out) {
            out->append(RustFloatText(arrow::util::Float16::FromBits(values.Value(i)).ToFloat()));
          });
    case arrow::Type::FLOAT:
      return MakeNumberWriter<arrow::FloatType>(array);
    case arrow::Type::DOUBLE:
      return MakeNumberWriter<arrow::DoubleType>(array);
    case arrow::Type::DECIMAL32:
      return std::make_shared<DecimalWriter<arrow::Decimal32Array>>(array);
    case arrow::Type::DECIMAL64:
      return std::make_shared<DecimalWriter<arrow::Decimal64Array>>(array);
    case arrow::Type::DECIMAL128:
      return std::make_shared<DecimalWriter<arrow::Decimal128Array>>(array);
    case arrow::Type::DECIMAL256:
      return std::make_shared<DecimalWriter<arrow::Decimal256Array>>(array);
    case arrow::Type::STRING:
      return MakeStringWriter<arrow::StringArray>(array);
    case arrow::Type::LARGE_STRING:
      return MakeStringWriter<arrow::LargeStringArray>(array);
    case arrow::Type::STRING_VIEW:
      return MakeStringWriter<arrow::StringViewArray>(array);
    case arrow::Type::BINARY:
      return MakeHexWriter<arrow::BinaryArray>(array);
    case arrow::Type::LARGE_BINARY:
      return MakeHexWriter<arrow::LargeBinaryArray>(array);
    case arrow::Type::BINARY_VIEW:
      return MakeHexWriter<arrow::BinaryViewArray>(array);
    case arrow::Type::FIXED_SIZE_BINARY:
      return MakeHexWriter<arrow::FixedSizeBinaryArray>(array);
    case arrow::Type::DATE32:
      return std::make_shared<DateWriter>(array);
    case arrow::Type::DATE64:
      return std::make_shared<DateTimeWriter>(array, arrow::TimeUnit::MILLI, std::nullopt,
                                              "temporal");
    case arrow::Type::TIMESTAMP: {
      const auto& timestamp = checked_cast<const arrow::TimestampType&>(type);
      std::optional<TimeZone> zone;
      if (!timestamp.timezone().empty()) {
        ARROW_ASSIGN_OR_RAISE(zone, TimeZone::Parse(timestamp.timezone()));
      }
      return std::make_shared<DateTimeWriter>(array, timestamp.unit(), std::move(zone),
                                              "datetime");
    }
    case arrow::Type::TIME32:
    case arrow::Type::TIME64:
      return std::make_shared<TimeOfDayWriter>(
          array, checked_cast<const arrow::TimeType&>(type).unit());
    case arrow::Type::DURATION:
      return MakeSimpleWriter<arrow::DurationArray>(
          array, [unit = checked_cast<const arrow::DurationType&>(type).unit()](
                     const arrow::DurationArray& values, int64_t i, std::string* out) {
            AppendDuration(values.Value(i), unit, out);
          });
    case arrow::Type::INTERVAL_MONTHS:
      return MakeSimpleWriter<arrow::MonthIntervalArray>(
          array, [](const arrow::MonthIntervalArray& values, int64_t i, std::string* out) {
            AppendYearMonthInterval(values.Value(i), out);
          });
    case arrow::Type::INTERVAL_DAY_TIME:
      return MakeSimpleWriter<arrow::DayTimeIntervalArray>(
          array, [](const arrow::DayTimeIntervalArray& values, int64_t i, std::string* out) {
            const auto value = values.GetValue(i);
            AppendDayTimeInterval(value.days, value.milliseconds, out);
          });
    case arrow::Type::INTERVAL_MONTH_DAY_NANO:
      return MakeSimpleWriter<arrow::MonthDayNanoIntervalArray>(
          array, [](const arrow::MonthDayNanoIntervalArray& values, int64_t i, std::string* out) {
            const auto value = values.GetValue(i);
            AppendMonthDayNanoInterval(value.months, value.days, value.nanoseconds, out);
          });
    case arrow::Type::LIST: {
      ARROW_ASSIGN_OR_RAISE(auto values,
                            MakeWriter(checked_cast<const arrow::ListArray&>(*array).values()));
      return std::make_shared<ListWriter<arrow::ListArray>>(array, std::move(values));
    }
    case arrow::Type::LARGE_LIST: {
      ARROW_ASSIGN_OR_RAISE(
          auto values, MakeWriter(checked_cast<const arrow::LargeListArray&>(*array).values()));
      return std::make_shared<ListWriter<arrow::LargeListArray>>(array, std::move(values));
    }
    case arrow::Type::FIXED_SIZE_LIST: {
      ARROW_ASSIGN_OR_RAISE(
          auto values, MakeWriter(checked_cast<const arrow::FixedSizeListArray&>(*array).values()));
      return std::make_shared<ListWriter<arrow::FixedSizeListArray>>(array, std::move(values));
    }
    case arrow::Type::MAP: {
      const auto& map = checked_cast<const arrow::MapArray&>(*array);
      ARROW_ASSIGN_OR_RAISE(auto keys, MakeWriter(map.keys()));
      ARROW_ASSIGN_OR_RAISE(auto items, MakeWriter(map.items()));
      return std::make_shared<MapWriter>(array, std::move(keys), std::move(items));
    }
    case arrow::Type::STRUCT: {
      const auto& struct_array = checked_cast<const arrow::StructArray&>(*array);
      ARROW_ASSIGN_OR_RAISE(auto fields, MakeChildWriters(struct_array.fields()));
      return std::make_shared<StructWriter>(array, std::move(fields));
    }
    case arrow::Type::SPARSE_UNION:
    case arrow::Type::DENSE_UNION: {
      const auto& union_array = checked_cast<const arrow::UnionArray&>(*array);
      arrow::ArrayVector children;
      for (int i = 0; i < union_array.num_fields(); ++i) children.push_back(union_array.field(i));
      ARROW_ASSIGN_OR_RAISE(auto writers, MakeChildWriters(children));
      return std::make_shared<UnionWriter>(array, std::move(writers));
    }
    case arrow::Type::DICTIONARY: {
      ARROW_ASSIGN_OR_RAISE(
          auto dictionary,
          MakeWriter(checked_cast<const arrow::DictionaryArray&>(*array).dictionary()));
      return std::make_shared<DictionaryWriter>(array, std::move(dictionary));
    }
    case arrow::Type::RUN_END_ENCODED: {
      ARROW_ASSIGN_OR_RAISE(
          auto values, MakeWriter(checked_cast<const arrow::RunEndEncodedArray&>(*array).values()));
      return std::make_shared<RunEndEncodedWriter>(array, std::move(values));
    }
    case arrow::Type::EXTENSION:
      return MakeWriter(checked_cast<const arrow::ExtensionArray&>(*array).storage());
    default:
      return NotSupported(type);
  }
}

}  // namespace

arrow::Result<ArrayValueFormatter> ArrayValueFormatter::Make(
    const std::shared_ptr<arrow::Array>& array) {
  ARROW_ASSIGN_OR_RAISE(auto writer, MakeWriter(array));
  return ArrayValueFormatter(std::move(writer));
}

std::string ArrayValueFormatter::Format(int64_t index) const {
  std::string out;
  writer_->Write(index, &out);
  return out;
}

}  // namespace rrflow::internal
