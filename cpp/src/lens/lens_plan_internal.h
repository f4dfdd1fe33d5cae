// Which lenses apply to a chunk, and what each of them does there.
#pragma once

#include <string>
#include <vector>

#include "rrflow/query/lens.h"

namespace rrflow::internal {

/// The work the lenses do on one chunk (the reference's planning step).
struct LensPlan {
  /// Whether any lens reads a component of the chunk.
  bool matched = false;
  /// Collision errors, reported with the first output.
  std::vector<std::string> errors;
  /// The first mutate of each input, in lens order.
  std::vector<const MutateLens*> mutates;
  /// Same-entity 1:1 derives without timelines: their outputs join the first output.
  std::vector<const DeriveLens*> merges;
  /// Derives that make a chunk of their own: same-entity ones, then
  /// other-entity ones, each in lens order.
  std::vector<const DeriveLens*> separates;
  /// Per component of the chunk: whether the first output keeps it.
  std::vector<bool> forwarded;
};

/// Plans `lenses` on `chunk`. Property entities (`/__properties/**`) match no lens.
LensPlan PlanLenses(const Chunk& chunk, const std::vector<Lens>& lenses, LensOutputMode mode);

}  // namespace rrflow::internal
