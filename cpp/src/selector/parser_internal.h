// Selector parser: tokens to a syntax tree.
#pragma once

#include <string_view>

#include <arrow/result.h>

#include "selector/expr_internal.h"

namespace rrflow::internal {

/// How deeply `map(...)` and postfix operators may nest. The evaluator
/// recurses along these (pipes are walked iteratively), so the bound keeps
/// any query, however long, within the stack.
inline constexpr int kMaxSelectorNesting = 256;

/// Parses a whole query:
///
///     query = expr EOF
///     expr  = term { "|" term }
///     term  = "map" "(" expr ")"
///           | IDENT [ "(" [ STRING { ";" STRING } ] ")" ]
///           | "."                              (identity, when no segment follows)
///           | [ "." ] seg { post } { seg { post } }
///     seg   = FIELD | "[" "]" | "[" INTEGER "]"
///     post  = "?" | "!"
///
/// Errors are `Invalid` with the reference's bare texts
/// (``unexpected symbol `T` ``, ``expected `E` but found `T` ``,
/// `unexpected end of input`, or a lexer error).
arrow::Result<ExprPtr> ParseSelector(std::string_view query);

}  // namespace rrflow::internal
