// Little-endian integers, as every fixed-size field of the RRD framing is.
#pragma once

#include <cstddef>
#include <cstdint>

namespace rrflow::internal {

template <typename T>
T LoadLittleEndian(const uint8_t* bytes) {
  T value = 0;
  for (size_t i = 0; i < sizeof(T); ++i) value |= static_cast<T>(bytes[i]) << (8 * i);
  return value;
}

template <typename T>
void StoreLittleEndian(T value, uint8_t* bytes) {
  for (size_t i = 0; i < sizeof(T); ++i) bytes[i] = static_cast<uint8_t>(value >> (8 * i));
}

}  // namespace rrflow::internal
