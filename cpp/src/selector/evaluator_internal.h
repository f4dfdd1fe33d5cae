// Columnar evaluation of selector expressions over Arrow arrays.
#pragma once

#include <memory>
#include <optional>

#include <arrow/array.h>
#include <arrow/buffer.h>
#include <arrow/result.h>

#include "selector/expr_internal.h"

namespace rrflow::internal {

/// What an expression produced from `num_inputs` input elements.
struct Evaluation {
  /// The values (V). One per input unless `offsets` is set.
  std::shared_ptr<arrow::Array> values;
  /// `num_inputs + 1` int32 offsets (O), set once a `[]` ran: input i produced
  /// values[O[i], O[i+1]). Always O[0] = 0 and O[num_inputs] = values length.
  std::shared_ptr<arrow::Buffer> offsets;
  /// One bit per input (G, bit offset 0): 0 marks a null group, from a null
  /// list iterated by `[]` or from `!`. Null when every group is valid.
  /// Always aligned with the inputs (a mask made after a `[]` is lifted back
  /// through its offsets: a group is valid if it is empty or any part is).
  std::shared_ptr<arrow::Buffer> groups;
  int64_t num_inputs = 0;
  /// Not OK when an external function changed the number of values, so that
  /// they no longer line up with the inputs: flat results stay usable,
  /// per-row reassembly reports this error.
  arrow::Status misaligned;
};

/// nullopt when the result is absent (a missing struct field, an error
/// suppressed by `?`, a function returning nothing).
using EvaluationResult = arrow::Result<std::optional<Evaluation>>;

/// Evaluates `expr` on the elements of `input`. Errors are RuntimeErrors with
/// the reference's texts (`Invalid argument error: ...`, `Not yet
/// implemented: ...`, ``Unknown function: `f` ``).
EvaluationResult Evaluate(const Expr& expr, const std::shared_ptr<arrow::Array>& input);

/// `map(body)` on a List array: evaluates `body` on the list's elements and
/// regroups the values by row (see Selector::ExecutePerRow). nullptr when the
/// body is absent.
arrow::Result<std::shared_ptr<arrow::ListArray>> MapRows(const Expr& body,
                                                         const arrow::ListArray& list);

}  // namespace rrflow::internal
