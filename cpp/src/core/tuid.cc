#include "rrflow/core/tuid.h"

#include <chrono>
#include <random>

#include <arrow/status.h>

namespace rrflow {
namespace {

// Wall-clock nanoseconds at first use, advanced by a monotonic clock, so that
// ids keep their order even if the wall clock steps backwards.
uint64_t MonotonicNanosSinceEpoch() {
  using namespace std::chrono;
  static const auto wall_start =
      duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
  static const auto mono_start = steady_clock::now();
  const auto elapsed = duration_cast<nanoseconds>(steady_clock::now() - mono_start).count();
  return static_cast<uint64_t>(wall_start + elapsed);
}

uint64_t RandomCounterStart() {
  std::random_device device;
  const uint64_t value = (static_cast<uint64_t>(device()) << 32) ^ device();
  // Top bit cleared: leaves room to count without wrapping.
  return value & ~(uint64_t{1} << 63);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendHex(uint64_t value, const char* digits, std::string* out) {
  for (int shift = 60; shift >= 0; shift -= 4) out->push_back(digits[(value >> shift) & 0xF]);
}

template <typename Id>
arrow::Result<Id> ParsePrefixed(std::string_view text, std::string_view prefix,
                                std::string_view what) {
  std::string_view hex = text;
  const auto underscore = text.find('_');
  if (underscore != std::string_view::npos) {
    if (text.substr(0, underscore + 1) != prefix) {
      return arrow::Status::Invalid("invalid ", what, " '", text, "': expected prefix '",
                                    prefix, "'");
    }
    hex = text.substr(underscore + 1);
  }
  auto tuid = Tuid::ParseHex(hex);
  if (!tuid.ok()) {
    return arrow::Status::Invalid("invalid ", what, " '", text, "': ", tuid.status().message());
  }
  return Id{*tuid};
}

}  // namespace

Tuid Tuid::New() {
  thread_local uint64_t counter = RandomCounterStart();
  return Tuid{MonotonicNanosSinceEpoch(), ++counter};
}

std::array<uint8_t, 16> Tuid::ToBytes() const {
  std::array<uint8_t, 16> bytes{};
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<uint8_t>(time_ns >> (56 - 8 * i));
    bytes[8 + i] = static_cast<uint8_t>(counter >> (56 - 8 * i));
  }
  return bytes;
}

Tuid Tuid::FromBytes(const uint8_t* bytes) {
  Tuid tuid;
  for (int i = 0; i < 8; ++i) {
    tuid.time_ns = (tuid.time_ns << 8) | bytes[i];
    tuid.counter = (tuid.counter << 8) | bytes[8 + i];
  }
  return tuid;
}

std::string Tuid::ToHex() const {
  std::string out;
  out.reserve(32);
  AppendHex(time_ns, "0123456789ABCDEF", &out);
  AppendHex(counter, "0123456789abcdef", &out);
  return out;
}

arrow::Result<Tuid> Tuid::ParseHex(std::string_view hex) {
  if (hex.size() != 32) {
    return arrow::Status::Invalid("expected 32 hex digits, got ", hex.size(), " characters");
  }
  Tuid tuid;
  for (size_t i = 0; i < 32; ++i) {
    const int digit = HexValue(hex[i]);
    if (digit < 0) return arrow::Status::Invalid("'", hex[i], "' is not a hex digit");
    uint64_t& half = i < 16 ? tuid.time_ns : tuid.counter;
    half = (half << 4) | static_cast<uint64_t>(digit);
  }
  return tuid;
}

arrow::Result<ChunkId> ChunkId::Parse(std::string_view text) {
  return ParsePrefixed<ChunkId>(text, "chunk_", "chunk id");
}

arrow::Result<RowId> RowId::Parse(std::string_view text) {
  return ParsePrefixed<RowId>(text, "row_", "row id");
}

}  // namespace rrflow
