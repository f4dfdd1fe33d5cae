// libFuzzer target: any bytes as an .rrd file, through every decoding path
// (sequential messages, payload decoders, footer and ranged loads). The
// decoders must answer with a Status, never crash, hang or over-allocate.
#include <cstddef>
#include <cstdint>
#include <string>

#include <arrow/io/memory.h>

#include "rrflow/io/rrd/rrd_file.h"
#include "rrflow/io/rrd/rrd_manifest.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/rrd_message_reader.h"

namespace {

void DecodeMessages(const std::shared_ptr<arrow::io::RandomAccessFile>& file) {
  auto reader = rrflow::RrdMessageReader::Make(file, "fuzz.rrd");
  if (!reader.ok()) return;
  // Payload errors leave the framing intact, so reading may go on; a bound
  // on errors keeps a stuck reader from looping.
  for (int errors = 0; errors < 64;) {
    auto message = (*reader)->Next();
    if (!message.ok()) {
      ++errors;
      continue;
    }
    if (!*message) return;
    switch ((*message)->kind) {
      case rrflow::RrdMessageKind::kArrowMsg:
        (void)rrflow::DecodeArrowMsg(**message);
        break;
      case rrflow::RrdMessageKind::kSetStoreInfo:
        (void)rrflow::DecodeSetStoreInfo(**message);
        break;
      case rrflow::RrdMessageKind::kBlueprintActivationCommand:
        (void)rrflow::DecodeBlueprintActivationCommand(**message);
        break;
      case rrflow::RrdMessageKind::kEnd:
        if (auto manifests = rrflow::DecodeRrdFooter(**message); manifests.ok()) {
          for (const auto& manifest : *manifests) (void)manifest.ChunkLocations();
        }
        break;
    }
  }
}

void LoadThroughFooter(const std::shared_ptr<arrow::io::RandomAccessFile>& file) {
  auto rrd = rrflow::RrdFile::Make(file, "fuzz.rrd");
  if (!rrd.ok()) return;
  auto footer = (*rrd)->ReadFooter();
  if (!footer.ok() || !footer->has_value()) return;
  for (const auto& manifest : **footer) {
    auto locations = manifest.ChunkLocations();
    if (locations.ok()) (void)(*rrd)->LoadChunks(*locations);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto buffer = std::make_shared<arrow::Buffer>(data, static_cast<int64_t>(size));
  auto file = std::make_shared<arrow::io::BufferReader>(buffer);
  DecodeMessages(file);
  LoadThroughFooter(file);
  return 0;
}
