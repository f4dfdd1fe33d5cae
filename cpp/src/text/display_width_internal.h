// How much room text takes in a terminal, and where it may be cut, as
// comfy-table (the table library behind the reference's Chunk.format) sees it.
#pragma once

#include <string_view>
#include <vector>

namespace rrflow::internal {

/// Terminal columns that `text` occupies, measured like the Rust
/// `unicode-width` crate that comfy-table uses: East Asian wide characters and
/// emoji take 2, combining marks 0, control characters 1, and emoji sequences
/// (variation selectors, skin tones, ZWJ joins) count as one emoji.
int DisplayWidth(std::string_view text);

/// Splits `text` into grapheme clusters, the units comfy-table never breaks
/// apart when it has to cut a word. Follows the main rules of Unicode's
/// extended grapheme clusters: combining and spacing marks, ZWJ emoji
/// sequences, flag pairs, Hangul syllables and CR LF stay together.
std::vector<std::string_view> GraphemeClusters(std::string_view text);

}  // namespace rrflow::internal
