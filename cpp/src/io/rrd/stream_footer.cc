#include <algorithm>

#include <xxhash.h>

#include "io/rrd/byte_order_internal.h"
#include "io/rrd/stream_footer_internal.h"
#include "io/rrd/stream_header_internal.h"

namespace rrflow::internal {
namespace {

constexpr std::array<uint8_t, 4> kFooterIdentifier = {'F', 'O', 'O', 'T'};

}  // namespace

std::optional<StreamFooter> ParseStreamFooter(const std::array<uint8_t, kStreamFooterSize>& bytes) {
  if (!StartsWithRrdFourCc(bytes.data() + 20) ||
      !std::equal(kFooterIdentifier.begin(), kFooterIdentifier.end(), bytes.data() + 24) ||
      LoadLittleEndian<uint32_t>(bytes.data() + 28) != 1) {
    return std::nullopt;
  }
  return StreamFooter{LoadLittleEndian<uint64_t>(bytes.data()),
                      LoadLittleEndian<uint64_t>(bytes.data() + 8),
                      LoadLittleEndian<uint32_t>(bytes.data() + 16)};
}

std::array<uint8_t, kStreamFooterSize> SerializeStreamFooter(const StreamFooter& footer) {
  std::array<uint8_t, kStreamFooterSize> bytes{};
  StoreLittleEndian(footer.footer_start, bytes.data());
  StoreLittleEndian(footer.footer_length, bytes.data() + 8);
  StoreLittleEndian(footer.checksum, bytes.data() + 16);
  std::copy(kRrdFourCc.begin(), kRrdFourCc.end(), bytes.data() + 20);
  std::copy(kFooterIdentifier.begin(), kFooterIdentifier.end(), bytes.data() + 24);
  StoreLittleEndian(uint32_t{1}, bytes.data() + 28);
  return bytes;
}

uint32_t FooterChecksum(const uint8_t* data, int64_t size) {
  return XXH32(data, static_cast<size_t>(size), kFooterChecksumSeed);
}

}  // namespace rrflow::internal
