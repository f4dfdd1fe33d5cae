#include "rrflow/query/selector.h"

#include <arrow/util/checked_cast.h>

#include "selector/evaluator_internal.h"
#include "selector/parser_internal.h"
#include "text/data_type_text_internal.h"

namespace rrflow {

arrow::Result<Selector> Selector::Parse(std::string_view query) {
  auto expr = internal::ParseSelector(query);
  if (!expr.ok()) {
    return arrow::Status::Invalid("Failed to parse selector: ", expr.status().message());
  }
  return Selector(std::move(*expr));
}

Selector Selector::FromFunction(ArrayFunction function) {
  return Selector(internal::Expr::External(std::move(function)));
}

Selector Selector::Pipe(const Selector& next) const {
  return Selector(internal::Expr::Pipe(expr_, next.expr_, /*implicit=*/false));
}

arrow::Result<std::shared_ptr<arrow::Array>> Selector::Execute(
    const std::shared_ptr<arrow::Array>& source) const {
  ARROW_ASSIGN_OR_RAISE(auto result, internal::Evaluate(*expr_, source));
  if (!result.has_value()) return nullptr;
  return std::move(result->values);
}

arrow::Result<std::shared_ptr<arrow::ListArray>> Selector::ExecutePerRow(
    const std::shared_ptr<arrow::Array>& source) const {
  if (source->type_id() != arrow::Type::LIST) {
    return arrow::Status::TypeError("expected a ListArray, got ",
                                    internal::RustDebugDataType(*source->type()));
  }
  return internal::MapRows(*expr_, arrow::internal::checked_cast<const arrow::ListArray&>(*source));
}

std::string Selector::ToString() const { return internal::ToCanonicalString(*expr_); }

bool Selector::HasFunction() const { return internal::ContainsExternal(*expr_); }

}  // namespace rrflow
