// RerunVersion: the Rerun SDK version recorded in every RRD stream header.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>

namespace rrflow {

/// A Rerun release as the RRD format records it: major, minor, patch and an
/// optional pre-release tag, packed into four bytes `[major, minor, patch,
/// meta]`. The meta byte's top two bits are the tag, its low six bits a number.
struct RerunVersion {
  /// The pre-release tag of a version.
  enum class Tag : uint8_t {
    kRelease,           ///< a plain release, e.g. `0.33.1`
    kReleaseCandidate,  ///< `-rc.N`
    kAlpha,             ///< `-alpha.N`
    kAlphaDev,          ///< `-alpha.N+dev`
  };

  uint8_t major = 0;  ///< major version
  uint8_t minor = 0;  ///< minor version
  uint8_t patch = 0;  ///< patch version
  /// The pre-release tag, if any.
  Tag tag = Tag::kRelease;
  /// N of `-rc.N` / `-alpha.N`; 0 for releases.
  uint8_t tag_number = 0;

  /// The version whose files rrflow writes: 0.33.1.
  static constexpr RerunVersion Written() { return RerunVersion{0, 33, 1}; }
  /// The oldest version whose streams can be read: 0.23.0.
  static constexpr RerunVersion OldestReadable() { return RerunVersion{0, 23, 0}; }

  /// Decodes the four header bytes. A zero tag with a non-zero number reads
  /// as a plain release, as the reference does.
  static RerunVersion FromBytes(const std::array<uint8_t, 4>& bytes);
  /// The four header bytes `[major, minor, patch, meta]`.
  std::array<uint8_t, 4> ToBytes() const;

  /// The `StoreVersion.crate_version_bits` form: the four bytes as a
  /// little-endian signed 32-bit integer (pre-releases are negative).
  int32_t ToStoreVersionBits() const;
  /// The inverse of ToStoreVersionBits().
  static RerunVersion FromStoreVersionBits(int32_t bits);

  /// `0.33.1`, `0.34.0-rc.2`, `0.37.0-alpha.1+dev`.
  std::string ToString() const;

  /// True when streams of this version can be read (>= 0.23, tag ignored).
  bool IsReadable() const;

  /// Orders by major, minor and patch only, as the reference does.
  std::strong_ordering CompareRelease(const RerunVersion& other) const;
  /// Equal in every byte, tag included.
  bool operator==(const RerunVersion&) const = default;
};

}  // namespace rrflow
