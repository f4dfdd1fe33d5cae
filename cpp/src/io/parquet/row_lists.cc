#include "io/parquet/row_lists_internal.h"

#include <numeric>

#include <arrow/buffer.h>
#include <arrow/type.h>

namespace rrflow::internal {

arrow::Result<std::shared_ptr<arrow::ListArray>> OneValuePerRow(std::shared_ptr<arrow::Array> values,
                                                                bool item_nullable) {
  const int64_t length = values->length();
  ARROW_ASSIGN_OR_RAISE(auto offsets, arrow::AllocateBuffer((length + 1) * sizeof(int32_t)));
  auto* out = reinterpret_cast<int32_t*>(offsets->mutable_data());
  std::iota(out, out + length + 1, 0);
  auto type = arrow::list(arrow::field("item", values->type(), item_nullable));
  return std::make_shared<arrow::ListArray>(std::move(type), length, std::move(offsets),
                                            std::move(values));
}

}  // namespace rrflow::internal
