// The values column rules pack, cast to floating point as the reference casts.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <arrow/array.h>
#include <arrow/result.h>

#include "io/parquet/null_slots_internal.h"

namespace rrflow::internal {

/// One value per row of a rule column as `Float` (float or double), cast
/// like arrow-rs's `cast`: numbers, booleans, decimals, timestamps and
/// durations convert, strings parse (unparsable gives 0), dictionaries cast
/// their values. The reference then ignores validity, so a null reads as
/// what it finds in the slot: the decoder's slot value when the column is
/// already `Float` or a decimal (for a dictionary, the value of the key in
/// the slot), otherwise 0. Empty when the type cannot be cast (dates, times,
/// binary, nested types).
template <typename Float>
arrow::Result<std::optional<std::vector<Float>>> RuleValues(const arrow::Array& column,
                                                            const DecodeRuns& runs);

extern template arrow::Result<std::optional<std::vector<float>>> RuleValues<float>(
    const arrow::Array&, const DecodeRuns&);
extern template arrow::Result<std::optional<std::vector<double>>> RuleValues<double>(
    const arrow::Array&, const DecodeRuns&);

}  // namespace rrflow::internal
