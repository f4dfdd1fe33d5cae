// The selector syntax tree and its canonical text form.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rrflow/query/selector.h"

namespace rrflow::internal {

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// One node of a parsed selector. Immutable; pipes associate to the left
/// (`.a.b.c` is `Pipe(Pipe(.a, .b), .c)`).
struct Expr {
  enum class Kind {
    kIdentity,  ///< `.`
    kField,     ///< `.name`
    kIndex,     ///< `[N]`
    kEach,      ///< `[]`
    kPipe,      ///< `left | right`, or two adjacent segments (implicit)
    kTry,       ///< `operand?`: an error becomes absent
    kNonNull,   ///< `operand!`: groups whose values are all null become null
    kFunction,  ///< `name` or `name("arg"; ...)`
    kMap,       ///< `map(operand)`: per-row evaluation of a list
    kExternal,  ///< a stage given as an ArrayFunction (prints `<function>`)
  };

  Expr() = default;
  Expr(Expr&&) = default;
  Expr& operator=(Expr&&) = default;
  /// Releases long left-nested pipe chains iteratively (no recursion per stage).
  ~Expr();

  Kind kind = Kind::kIdentity;
  std::string name;          // kField, kFunction
  uint64_t index = 0;        // kIndex
  bool implicit = false;     // kPipe: written without `|`
  mutable ExprPtr left;      // kPipe; the operand of kTry, kNonNull, kMap (mutable: see ~Expr)
  ExprPtr right;             // kPipe
  std::optional<std::vector<std::string>> arguments;  // kFunction; nullopt without parentheses
  ArrayFunction function;    // kExternal

  static ExprPtr Identity();
  static ExprPtr Field(std::string name);
  static ExprPtr Index(uint64_t index);
  static ExprPtr Each();
  static ExprPtr Pipe(ExprPtr left, ExprPtr right, bool implicit);
  static ExprPtr Try(ExprPtr operand);
  static ExprPtr NonNull(ExprPtr operand);
  static ExprPtr Function(std::string name, std::optional<std::vector<std::string>> arguments);
  static ExprPtr Map(ExprPtr body);
  static ExprPtr External(ArrayFunction function);
};

/// The canonical text: `.name`, `[N]`, `[]`, implicit pipes concatenated,
/// explicit ones as `L | R`, `?`/`!` appended, `name("a"; "b")` with
/// Rust-quoted arguments, `map(body)`, `<function>`.
std::string ToCanonicalString(const Expr& expr);

/// True when `expr` contains a kExternal stage.
bool ContainsExternal(const Expr& expr);

}  // namespace rrflow::internal
