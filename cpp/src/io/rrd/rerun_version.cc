#include "rrflow/io/rrd/rerun_version.h"

namespace rrflow {
namespace {

constexpr uint8_t kTagShift = 6;
constexpr uint8_t kNumberMask = 0x3F;

}  // namespace

RerunVersion RerunVersion::FromBytes(const std::array<uint8_t, 4>& bytes) {
  RerunVersion version{bytes[0], bytes[1], bytes[2]};
  const uint8_t meta = bytes[3];
  const auto tag = static_cast<Tag>(meta >> kTagShift);
  if (tag != Tag::kRelease) {
    version.tag = tag;
    version.tag_number = meta & kNumberMask;
  }
  return version;
}

std::array<uint8_t, 4> RerunVersion::ToBytes() const {
  const uint8_t meta = tag == Tag::kRelease
                           ? 0
                           : static_cast<uint8_t>((static_cast<uint8_t>(tag) << kTagShift) |
                                                  (tag_number & kNumberMask));
  return {major, minor, patch, meta};
}

int32_t RerunVersion::ToStoreVersionBits() const {
  const auto bytes = ToBytes();
  const uint32_t bits = static_cast<uint32_t>(bytes[0]) | static_cast<uint32_t>(bytes[1]) << 8 |
                        static_cast<uint32_t>(bytes[2]) << 16 |
                        static_cast<uint32_t>(bytes[3]) << 24;
  return static_cast<int32_t>(bits);
}

RerunVersion RerunVersion::FromStoreVersionBits(int32_t bits) {
  const auto u = static_cast<uint32_t>(bits);
  return FromBytes({static_cast<uint8_t>(u), static_cast<uint8_t>(u >> 8),
                    static_cast<uint8_t>(u >> 16), static_cast<uint8_t>(u >> 24)});
}

std::string RerunVersion::ToString() const {
  std::string text =
      std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  switch (tag) {
    case Tag::kRelease:
      break;
    case Tag::kReleaseCandidate:
      text += "-rc." + std::to_string(tag_number);
      break;
    case Tag::kAlpha:
      text += "-alpha." + std::to_string(tag_number);
      break;
    case Tag::kAlphaDev:
      text += "-alpha." + std::to_string(tag_number) + "+dev";
      break;
  }
  return text;
}

bool RerunVersion::IsReadable() const {
  return CompareRelease(OldestReadable()) != std::strong_ordering::less;
}

std::strong_ordering RerunVersion::CompareRelease(const RerunVersion& other) const {
  if (auto c = major <=> other.major; c != 0) return c;
  if (auto c = minor <=> other.minor; c != 0) return c;
  return patch <=> other.patch;
}

}  // namespace rrflow
