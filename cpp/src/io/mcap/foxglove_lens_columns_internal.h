// What the Foxglove lenses read from reflected protobuf messages (fields by
// path, nulls of enclosing structs carried down) and the Rerun component
// columns they build (one list per row).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/array.h>
#include <arrow/result.h>

namespace rrflow::internal::mcap {

/// The field at `path` (names joined by '.') of `messages`, one value per
/// message; null where the field or a struct on the way to it is null. A
/// missing field or a non-struct on the way is an error naming the path.
arrow::Result<std::shared_ptr<arrow::Array>> FieldAt(
    const std::shared_ptr<arrow::StructArray>& messages, std::string_view path);

/// FieldAt, checked to be of Arrow type `Expected`; another type is an
/// error naming the path and both types.
template <typename Expected>
arrow::Result<std::shared_ptr<Expected>> TypedFieldAt(
    const std::shared_ptr<arrow::StructArray>& messages, std::string_view path);

/// The first of `paths` that `messages` has (for spelling variants), or an
/// error naming them all.
arrow::Result<std::shared_ptr<arrow::Array>> FirstFieldAt(
    const std::shared_ptr<arrow::StructArray>& messages,
    const std::vector<std::string_view>& paths);

/// The values of a numeric (integer or floating-point) array read as
/// doubles; a non-numeric array is an error naming `what`.
class Numbers {
 public:
  static arrow::Result<Numbers> Make(std::shared_ptr<arrow::Array> values, std::string_view what);
  bool IsNull(int64_t index) const { return values_->IsNull(index); }
  double Value(int64_t index) const;

 private:
  explicit Numbers(std::shared_ptr<arrow::Array> values) : values_(std::move(values)) {}
  std::shared_ptr<arrow::Array> values_;
};

/// Rows of fixed-size tuples of numbers (Rerun's translations, quaternions,
/// positions, lat/lon, ...): `List<FixedSizeList<size × Float32 or Float64>>`.
/// The tuple's item field is nullable only when some value is null, as the
/// reference's arrays come out.
class TupleRows {
 public:
  TupleRows(int32_t size, std::shared_ptr<arrow::DataType> value_type);

  /// Adds a tuple to the current row; `valid[i]` false makes value i null.
  void AddTuple(const double* values, const bool* valid);
  /// Ends the current row (valid, even when it has no tuple).
  void EndRow();
  /// Adds a null row (without tuples).
  void AddNullRow();
  /// Adds a null row that holds one tuple of nulls: what the reference's
  /// `pack(a!, b!, …)` leaves for a null input, which makes the tuple's item
  /// field nullable.
  void AddNullRowOfNullTuple();

  arrow::Result<std::shared_ptr<arrow::ListArray>> Finish() const;

 private:
  int32_t size_;
  std::shared_ptr<arrow::DataType> value_type_;
  // The values in the column's own precision (one of the two is used).
  std::vector<float> floats_;
  std::vector<double> doubles_;
  std::vector<bool> value_valid_;
  std::vector<bool> tuple_valid_;
  std::vector<int32_t> offsets_ = {0};
  std::vector<bool> row_valid_;
};

/// Rows of `values` as a list column: row r holds values
/// [offsets[r], offsets[r+1]) and is null where `row_valid[r]` is false.
/// The list's item is nullable unless `item_nullable` is false.
arrow::Result<std::shared_ptr<arrow::ListArray>> ListRows(const std::vector<int32_t>& offsets,
                                                          const std::vector<bool>& row_valid,
                                                          const std::shared_ptr<arrow::Array>& values,
                                                          bool item_nullable = true);

/// One value per row; a null value makes a null row.
arrow::Result<std::shared_ptr<arrow::ListArray>> OneValueEach(
    const std::shared_ptr<arrow::Array>& values);

/// One value per row; a null value stays a null instance in a valid row.
arrow::Result<std::shared_ptr<arrow::ListArray>> OneInstanceEach(
    const std::shared_ptr<arrow::Array>& values);

/// Binary values as Rerun blobs (`List<non-null UInt8>`), sharing the bytes.
arrow::Result<std::shared_ptr<arrow::Array>> BinaryAsBlobs(
    const std::shared_ptr<arrow::BinaryArray>& binary);

/// RGBA floats in [0, 1] (clamped) as Rerun's packed colour R·2^24 + G·2^16 +
/// B·2^8 + A, each channel ×255 and rounded half away from zero.
uint32_t PackedColor(double red, double green, double blue, double alpha);

}  // namespace rrflow::internal::mcap
