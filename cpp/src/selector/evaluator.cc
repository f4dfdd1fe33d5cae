#include "selector/evaluator_internal.h"

#include <limits>
#include <vector>

#include <arrow/array/util.h>
#include <arrow/compute/api_vector.h>
#include <arrow/extension_type.h>
#include <arrow/type.h>
#include <arrow/util/bit_util.h>
#include <arrow/util/bitmap_ops.h>
#include <arrow/util/checked_cast.h>

#include "rrflow/core/status.h"
#include "text/data_type_text_internal.h"

namespace rrflow::internal {
namespace {

using arrow::internal::checked_cast;
using BufferPtr = std::shared_ptr<arrow::Buffer>;

// Extension arrays are evaluated as their storage, as the reference (which has
// no extension types) sees them.
std::shared_ptr<arrow::Array> StorageOf(const std::shared_ptr<arrow::Array>& array) {
  if (array->type_id() != arrow::Type::EXTENSION) return array;
  return StorageOf(checked_cast<const arrow::ExtensionArray&>(*array).storage());
}

std::string TypeText(const arrow::Array& array) { return FormatDataType(*array.type()); }

const int32_t* OffsetsData(const BufferPtr& offsets) {
  return reinterpret_cast<const int32_t*>(offsets->data());
}

// --- bitmaps (always at bit offset 0) ----------------------------------------

// The array's validity, or nullptr when it has no nulls. Null-typed arrays
// have no bitmap but every slot is null.
arrow::Result<BufferPtr> ValidityOf(const arrow::Array& array) {
  if (array.null_count() == 0) return nullptr;
  if (array.type_id() == arrow::Type::NA || array.null_bitmap_data() == nullptr) {
    return arrow::AllocateEmptyBitmap(array.length());
  }
  if (array.offset() == 0) return array.null_bitmap();
  return arrow::internal::CopyBitmap(arrow::default_memory_pool(), array.null_bitmap_data(),
                                     array.offset(), array.length());
}

arrow::Result<BufferPtr> AndBitmaps(const BufferPtr& a, const BufferPtr& b, int64_t length) {
  if (a == nullptr) return b;
  if (b == nullptr) return a;
  return arrow::internal::BitmapAnd(arrow::default_memory_pool(), a->data(), 0, b->data(), 0,
                                    length, 0);
}

// True when every group holds exactly one element (o[i] == i), as in the
// common one-instance-per-row columns: then composing with them changes nothing.
bool IsOnePerGroup(const BufferPtr& offsets, int64_t num_groups) {
  const int32_t* o = OffsetsData(offsets);
  if (o[num_groups] != num_groups) return false;
  for (int64_t i = 0; i < num_groups; ++i) {
    if (o[i] != i) return false;
  }
  return true;
}

// Group i is valid when its range of `offsets` is empty or holds a valid bit
// of `bits`: the per-element mask seen from the groups that contain them.
arrow::Result<BufferPtr> LiftBitmap(const BufferPtr& bits, const BufferPtr& offsets,
                                    int64_t num_groups) {
  if (IsOnePerGroup(offsets, num_groups)) return bits;
  ARROW_ASSIGN_OR_RAISE(auto lifted, arrow::AllocateEmptyBitmap(num_groups));
  const int32_t* o = OffsetsData(offsets);
  uint8_t* out = lifted->mutable_data();
  for (int64_t i = 0; i < num_groups; ++i) {
    const int64_t length = o[i + 1] - o[i];
    if (length == 0 || arrow::internal::CountSetBits(bits->data(), o[i], length) > 0) {
      arrow::bit_util::SetBit(out, i);
    }
  }
  return lifted;
}

// --- offsets ------------------------------------------------------------------

arrow::Result<BufferPtr> AllocateOffsets(int64_t num_groups) {
  return arrow::AllocateBuffer((num_groups + 1) * static_cast<int64_t>(sizeof(int32_t)));
}

// The list's offsets for its rows, rebased to start at 0 (shared when they already do).
arrow::Result<BufferPtr> RowOffsets(const arrow::ListArray& list) {
  const int64_t n = list.length();
  const int32_t* raw = list.raw_value_offsets();
  const int64_t bytes = (n + 1) * static_cast<int64_t>(sizeof(int32_t));
  if (raw[0] == 0) {
    return arrow::SliceBuffer(list.value_offsets(), list.offset() * sizeof(int32_t), bytes);
  }
  ARROW_ASSIGN_OR_RAISE(BufferPtr rebased, AllocateOffsets(n));
  auto* out = reinterpret_cast<int32_t*>(rebased->mutable_data());
  for (int64_t i = 0; i <= n; ++i) out[i] = raw[i] - raw[0];
  return rebased;
}

// outer then inner: group i of the outer offsets covers inner groups
// [outer[i], outer[i+1]), hence values [inner[outer[i]], inner[outer[i+1]]).
arrow::Result<BufferPtr> ComposeOffsets(const BufferPtr& outer, const BufferPtr& inner,
                                        int64_t num_groups) {
  if (IsOnePerGroup(outer, num_groups)) return inner;
  ARROW_ASSIGN_OR_RAISE(BufferPtr composed, AllocateOffsets(num_groups));
  const int32_t* o = OffsetsData(outer);
  const int32_t* p = OffsetsData(inner);
  auto* out = reinterpret_cast<int32_t*>(composed->mutable_data());
  for (int64_t i = 0; i <= num_groups; ++i) out[i] = p[o[i]];
  return composed;
}

// --- operators ----------------------------------------------------------------

EvaluationResult Present(std::shared_ptr<arrow::Array> values, int64_t num_inputs) {
  Evaluation result;
  result.values = std::move(values);
  result.num_inputs = num_inputs;
  return result;
}

EvaluationResult EvaluateField(const std::string& name, const std::shared_ptr<arrow::Array>& input) {
  const auto array = StorageOf(input);
  if (array->type_id() != arrow::Type::STRUCT) {
    return RuntimeError("Invalid argument error: cannot access field `.", name,
                        "` on unexpected type ", TypeText(*array));
  }
  const auto& structs = checked_cast<const arrow::StructArray&>(*array);
  const auto& fields = structs.struct_type()->fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i]->name() != name) continue;
    // A null struct slot nulls its children.
    if (structs.null_count() == 0) return Present(structs.field(static_cast<int>(i)), input->length());
    ARROW_ASSIGN_OR_RAISE(auto child, structs.GetFlattenedField(static_cast<int>(i)));
    return Present(std::move(child), input->length());
  }
  return std::nullopt;
}

EvaluationResult EvaluateIndex(uint64_t index, const std::shared_ptr<arrow::Array>& input) {
  const auto array = StorageOf(input);
  if (array->type_id() == arrow::Type::FIXED_SIZE_LIST) {
    return RuntimeError("Not yet implemented: index access `[", index,
                        "]` is not yet implemented for ", TypeText(*array));
  }
  if (array->type_id() != arrow::Type::LIST) {
    return RuntimeError("Invalid argument error: cannot access `[", index,
                        "]` on unexpected type ", TypeText(*array));
  }
  const auto& list = checked_cast<const arrow::ListArray&>(*array);
  const int64_t n = list.length();
  const auto& elements = list.values();
  // One gather: row r takes element offsets[r] + index, or null when the row
  // is null or too short.
  ARROW_ASSIGN_OR_RAISE(auto positions, arrow::AllocateBuffer(n * sizeof(int64_t)));
  ARROW_ASSIGN_OR_RAISE(auto found, arrow::AllocateEmptyBitmap(n));
  auto* p = reinterpret_cast<int64_t*>(positions->mutable_data());
  uint8_t* valid = found->mutable_data();
  const int32_t* o = list.raw_value_offsets();
  int64_t missing = 0;
  for (int64_t r = 0; r < n; ++r) {
    const auto length = static_cast<uint64_t>(o[r + 1] - o[r]);
    if (list.IsValid(r) && index < length) {
      p[r] = o[r] + static_cast<int64_t>(index);
      arrow::bit_util::SetBit(valid, r);
    } else {
      p[r] = 0;
      ++missing;
    }
  }
  if (missing == n) {
    ARROW_ASSIGN_OR_RAISE(auto nulls, arrow::MakeArrayOfNull(elements->type(), n));
    return Present(std::move(nulls), n);
  }
  auto take_positions = std::make_shared<arrow::Int64Array>(
      n, std::move(positions), missing > 0 ? std::move(found) : nullptr, missing);
  ARROW_ASSIGN_OR_RAISE(auto taken, arrow::compute::Take(*elements, *take_positions));
  return Present(std::move(taken), n);
}

// Flattening that keeps only the values of valid slots (what Arrow's Flatten
// does): a null slot's values, if it has any, are not data.
template <typename RangeOf>
EvaluationResult FlattenValidSlots(const arrow::Array& lists,
                                   const std::shared_ptr<arrow::Array>& elements,
                                   RangeOf range_of) {
  const int64_t n = lists.length();
  ARROW_ASSIGN_OR_RAISE(BufferPtr offsets, AllocateOffsets(n));
  auto* out = reinterpret_cast<int32_t*>(offsets->mutable_data());
  std::vector<int64_t> positions;
  out[0] = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (lists.IsValid(i)) {
      const auto [begin, end] = range_of(i);
      for (int64_t p = begin; p < end; ++p) positions.push_back(p);
    }
    if (positions.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      return RuntimeError("Invalid argument error: `.[]` produces more than 2^31 values");
    }
    out[i + 1] = static_cast<int32_t>(positions.size());
  }
  arrow::Int64Array take_positions(static_cast<int64_t>(positions.size()),
                                   arrow::Buffer::Wrap(positions));
  ARROW_ASSIGN_OR_RAISE(auto values, arrow::compute::Take(*elements, take_positions));
  Evaluation result;
  result.values = std::move(values);
  result.offsets = std::move(offsets);
  ARROW_ASSIGN_OR_RAISE(result.groups, ValidityOf(lists));
  result.num_inputs = n;
  return result;
}

EvaluationResult EachOfList(const arrow::ListArray& list) {
  const int64_t n = list.length();
  const int32_t* o = list.raw_value_offsets();
  for (int64_t i = 0; list.null_count() > 0 && i < n; ++i) {
    if (list.IsNull(i) && o[i + 1] > o[i]) {
      return FlattenValidSlots(list, list.values(), [o](int64_t row) {
        return std::pair<int64_t, int64_t>(o[row], o[row + 1]);
      });
    }
  }
  Evaluation result;
  result.values = list.values()->Slice(o[0], o[n] - o[0]);
  ARROW_ASSIGN_OR_RAISE(result.offsets, RowOffsets(list));
  ARROW_ASSIGN_OR_RAISE(result.groups, ValidityOf(list));
  result.num_inputs = n;
  return result;
}

EvaluationResult EachOfFixedSizeList(const arrow::FixedSizeListArray& lists) {
  const int64_t n = lists.length();
  const int64_t k = lists.value_length();
  const int64_t first = lists.offset() * k;
  if (n * k > std::numeric_limits<int32_t>::max()) {
    return RuntimeError("Invalid argument error: `.[]` produces more than 2^31 values");
  }
  if (lists.null_count() > 0 && k > 0) {
    return FlattenValidSlots(lists, lists.values(), [first, k](int64_t row) {
      return std::pair<int64_t, int64_t>(first + row * k, first + (row + 1) * k);
    });
  }
  ARROW_ASSIGN_OR_RAISE(BufferPtr offsets, AllocateOffsets(n));
  auto* out = reinterpret_cast<int32_t*>(offsets->mutable_data());
  for (int64_t i = 0; i <= n; ++i) out[i] = static_cast<int32_t>(i * k);
  Evaluation result;
  result.values = lists.values()->Slice(first, n * k);
  result.offsets = std::move(offsets);
  ARROW_ASSIGN_OR_RAISE(result.groups, ValidityOf(lists));
  result.num_inputs = n;
  return result;
}

EvaluationResult EvaluateEach(const std::shared_ptr<arrow::Array>& input) {
  const auto array = StorageOf(input);
  switch (array->type_id()) {
    case arrow::Type::LIST:
      return EachOfList(checked_cast<const arrow::ListArray&>(*array));
    case arrow::Type::FIXED_SIZE_LIST:
      return EachOfFixedSizeList(checked_cast<const arrow::FixedSizeListArray&>(*array));
    default:
      return RuntimeError("Invalid argument error: `.[]` called on unexpected type ",
                          TypeText(*array));
  }
}

// `e!`: a group whose values are all null (and that has at least one) is null.
EvaluationResult AssertNonNull(Evaluation result) {
  if (result.values->null_count() == 0) return result;
  ARROW_ASSIGN_OR_RAISE(BufferPtr valid_values, ValidityOf(*result.values));
  BufferPtr valid_groups = valid_values;
  if (result.offsets != nullptr) {
    ARROW_ASSIGN_OR_RAISE(valid_groups,
                          LiftBitmap(valid_values, result.offsets, result.num_inputs));
  }
  ARROW_ASSIGN_OR_RAISE(result.groups,
                        AndBitmaps(result.groups, valid_groups, result.num_inputs));
  return result;
}

EvaluationResult CallExternal(const ArrayFunction& function,
                              const std::shared_ptr<arrow::Array>& input) {
  ARROW_ASSIGN_OR_RAISE(auto output, function(input));
  if (output == nullptr) return std::nullopt;
  Evaluation result;
  result.num_inputs = input->length();
  if (output->length() != input->length()) {
    result.misaligned = RuntimeError("a piped function returned ", output->length(),
                                     " values for ", input->length(),
                                     " inputs; per-row results need one value per input");
  }
  result.values = std::move(output);
  return result;
}

EvaluationResult EvaluateMap(const Expr& body, const std::shared_ptr<arrow::Array>& input) {
  const auto array = StorageOf(input);
  if (array->type_id() == arrow::Type::FIXED_SIZE_LIST) {
    return RuntimeError("Not yet implemented: `map()` is not yet implemented for ",
                        TypeText(*array));
  }
  if (array->type_id() != arrow::Type::LIST) {
    return RuntimeError("Invalid argument error: cannot call `.map()` on unexpected type ",
                        TypeText(*array));
  }
  ARROW_ASSIGN_OR_RAISE(auto rows, MapRows(body, checked_cast<const arrow::ListArray&>(*array)));
  if (rows == nullptr) return std::nullopt;
  return Present(std::move(rows), input->length());
}

// `left | right`, with `right` evaluated on left's values.
arrow::Result<Evaluation> Compose(Evaluation left, Evaluation right) {
  Evaluation result;
  result.values = std::move(right.values);
  result.num_inputs = left.num_inputs;
  result.groups = left.groups;
  if (!left.misaligned.ok() || !right.misaligned.ok()) {
    // The values no longer line up with the inputs: only the flat values are usable.
    result.misaligned = left.misaligned.ok() ? right.misaligned : left.misaligned;
    return result;
  }
  if (left.offsets != nullptr && right.offsets != nullptr) {
    ARROW_ASSIGN_OR_RAISE(result.offsets,
                          ComposeOffsets(left.offsets, right.offsets, left.num_inputs));
  } else {
    result.offsets = left.offsets != nullptr ? left.offsets : right.offsets;
  }
  if (right.groups != nullptr) {
    BufferPtr lifted = right.groups;
    if (left.offsets != nullptr) {
      ARROW_ASSIGN_OR_RAISE(lifted, LiftBitmap(right.groups, left.offsets, left.num_inputs));
    }
    ARROW_ASSIGN_OR_RAISE(result.groups, AndBitmaps(left.groups, lifted, left.num_inputs));
  }
  return result;
}

EvaluationResult EvaluatePipe(const Expr& pipe, const std::shared_ptr<arrow::Array>& input) {
  // Long chains nest on the left: walk that spine instead of recursing.
  std::vector<const Expr*> stages;
  const Expr* node = &pipe;
  for (; node->kind == Expr::Kind::kPipe; node = node->left.get()) stages.push_back(node->right.get());
  ARROW_ASSIGN_OR_RAISE(auto result, Evaluate(*node, input));
  for (auto it = stages.rbegin(); it != stages.rend() && result.has_value(); ++it) {
    ARROW_ASSIGN_OR_RAISE(auto next, Evaluate(**it, result->values));
    if (!next.has_value()) return std::nullopt;
    ARROW_ASSIGN_OR_RAISE(result, Compose(std::move(*result), std::move(*next)));
  }
  return result;
}

}  // namespace

EvaluationResult Evaluate(const Expr& expr, const std::shared_ptr<arrow::Array>& input) {
  switch (expr.kind) {
    case Expr::Kind::kIdentity:
      return Present(input, input->length());
    case Expr::Kind::kField:
      return EvaluateField(expr.name, input);
    case Expr::Kind::kIndex:
      return EvaluateIndex(expr.index, input);
    case Expr::Kind::kEach:
      return EvaluateEach(input);
    case Expr::Kind::kPipe:
      return EvaluatePipe(expr, input);
    case Expr::Kind::kTry: {
      auto result = Evaluate(*expr.left, input);
      if (!result.ok()) return std::nullopt;
      return result;
    }
    case Expr::Kind::kNonNull: {
      ARROW_ASSIGN_OR_RAISE(auto result, Evaluate(*expr.left, input));
      if (!result.has_value()) return std::nullopt;
      return AssertNonNull(std::move(*result));
    }
    case Expr::Kind::kFunction:
      // The function registry is empty (as in rerun-sdk 0.33.1).
      return RuntimeError("Unknown function: `", expr.name, "`");
    case Expr::Kind::kMap:
      return EvaluateMap(*expr.left, input);
    case Expr::Kind::kExternal:
      return CallExternal(expr.function, input);
  }
  return RuntimeError("unknown selector expression");
}

arrow::Result<std::shared_ptr<arrow::ListArray>> MapRows(const Expr& body,
                                                         const arrow::ListArray& list) {
  const int64_t n = list.length();
  const int32_t* o = list.raw_value_offsets();
  ARROW_ASSIGN_OR_RAISE(auto result, Evaluate(body, list.values()->Slice(o[0], o[n] - o[0])));
  if (!result.has_value()) return nullptr;
  ARROW_RETURN_NOT_OK(result->misaligned);

  ARROW_ASSIGN_OR_RAISE(BufferPtr row_offsets, RowOffsets(list));
  BufferPtr offsets = row_offsets;
  if (result->offsets != nullptr) {
    ARROW_ASSIGN_OR_RAISE(offsets, ComposeOffsets(row_offsets, result->offsets, n));
  }
  // A null source row stays null; a non-empty row whose groups are all null
  // becomes null.
  ARROW_ASSIGN_OR_RAISE(BufferPtr validity, ValidityOf(list));
  int64_t null_count = list.null_count();
  if (result->groups != nullptr) {
    ARROW_ASSIGN_OR_RAISE(auto rows_with_data, LiftBitmap(result->groups, row_offsets, n));
    ARROW_ASSIGN_OR_RAISE(validity, AndBitmaps(validity, rows_with_data, n));
    null_count = arrow::kUnknownNullCount;  // counted only if asked for
  }
  auto type = arrow::list(arrow::field("item", result->values->type(), /*nullable=*/true));
  return std::make_shared<arrow::ListArray>(std::move(type), n, std::move(offsets),
                                            std::move(result->values), std::move(validity),
                                            null_count);
}

}  // namespace rrflow::internal
