// Hashing values made of several fields.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>

namespace rrflow::internal {

/// Mixes `value`'s hash into `seed` (the Boost recipe), so that field order
/// matters and equal fields in different places do not cancel out.
template <typename T>
void HashCombine(size_t* seed, const T& value) {
  *seed ^= std::hash<T>{}(value) + 0x9e3779b97f4a7c15ULL + (*seed << 6) + (*seed >> 2);
}

/// An absent value hashes apart from every present one, the empty string included.
template <typename T>
void HashCombine(size_t* seed, const std::optional<T>& value) {
  HashCombine(seed, value.has_value());
  if (value) HashCombine(seed, *value);
}

}  // namespace rrflow::internal
