// A CDR writer for tests: the encapsulation header, then values aligned to
// their size from the first byte after it, in either byte order.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace rrflow::testing {

class CdrWriter {
 public:
  explicit CdrWriter(bool big_endian = false) : big_endian_(big_endian) {
    bytes_ = {0x00, static_cast<uint8_t>(big_endian ? 0x00 : 0x01), 0x00, 0x00};
  }

  template <typename T>
  CdrWriter& Put(T value) {
    Align(sizeof(T));
    uint8_t raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));
    for (size_t i = 0; i < sizeof(T); ++i) {
      bytes_.push_back(raw[big_endian_ ? sizeof(T) - 1 - i : i]);
    }
    return *this;
  }

  /// A sequence count.
  CdrWriter& Count(uint32_t count) { return Put(count); }

  CdrWriter& String(const std::string& text) {
    Put(static_cast<uint32_t>(text.size() + 1));
    bytes_.insert(bytes_.end(), text.begin(), text.end());
    bytes_.push_back(0);
    return *this;
  }

  CdrWriter& Raw(std::vector<uint8_t> raw) {
    bytes_.insert(bytes_.end(), raw.begin(), raw.end());
    return *this;
  }

  const std::vector<uint8_t>& bytes() const { return bytes_; }

 private:
  void Align(size_t alignment) {
    while ((bytes_.size() - 4) % alignment != 0) bytes_.push_back(0);
  }

  bool big_endian_;
  std::vector<uint8_t> bytes_;
};

}  // namespace rrflow::testing
