// Selector: the jq-like query language over Arrow arrays (`.field`, `[]`,
// `[N]`, `?`, `!`, `|`, `map(...)`, function calls).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <arrow/array.h>
#include <arrow/result.h>

namespace rrflow {

namespace internal {
struct Expr;
}

/// A stage written outside the language (a Python callable given to `pipe`).
/// It receives the flat values of the previous stage and returns new values,
/// or nullptr for "absent". Its errors are reported as they are.
using ArrayFunction = std::function<arrow::Result<std::shared_ptr<arrow::Array>>(
    const std::shared_ptr<arrow::Array>&)>;

/// A parsed selector. Immutable and cheap to copy (the expression is shared).
///
/// Evaluation is columnar: a field access takes the struct's child array, `[]`
/// flattens a list keeping its offsets, `[N]` is one gather. A result is either
/// an array or *absent* (nullptr): a missing struct field, an error suppressed
/// by `?`, or a function returning nothing. Execution errors are
/// `RuntimeError`s with the reference's texts (no "Selector execution failed"
/// prefix; callers add the context they report in).
class Selector {
 public:
  /// Parses `query`. Errors are `Invalid` with the text
  /// `Failed to parse selector: <reason>`, where the reason is the reference's
  /// (``unexpected symbol `T` ``, ``unexpected character `C` at line L, column K``, ...).
  static arrow::Result<Selector> Parse(std::string_view query);

  /// A selector made of one external stage; it prints as `<function>`.
  static Selector FromFunction(ArrayFunction function);

  /// `this | next`: `next` runs on this selector's values, and offsets and
  /// null groups compose as they do for a written pipe.
  Selector Pipe(const Selector& next) const;

  /// Evaluates on `source` and returns the values only (a `[]` may change the
  /// length); nullptr when absent.
  arrow::Result<std::shared_ptr<arrow::Array>> Execute(
      const std::shared_ptr<arrow::Array>& source) const;

  /// Evaluates on the elements of each row of the list array `source` and
  /// reassembles one list per row: the same number of rows, item field
  /// `item` (nullable). A row is null when the source row is null, or when it
  /// is non-empty and every group it produced is null (a null list iterated
  /// by `[]`, or a value asserted by `!`). nullptr when absent. A `source`
  /// that is not a List (32-bit offsets) is a `TypeError`.
  arrow::Result<std::shared_ptr<arrow::ListArray>> ExecutePerRow(
      const std::shared_ptr<arrow::Array>& source) const;

  /// The canonical text, e.g. `.a.b[] | .c[0]` (external stages as `<function>`).
  std::string ToString() const;

  /// True when any stage is an external function (such selectors cannot be
  /// rebuilt from their text).
  bool HasFunction() const;

 private:
  explicit Selector(std::shared_ptr<const internal::Expr> expr) : expr_(std::move(expr)) {}

  std::shared_ptr<const internal::Expr> expr_;
};

}  // namespace rrflow
