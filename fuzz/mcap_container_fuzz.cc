// libFuzzer target: any bytes as an .mcap file, through the container's
// reading paths (summary, indexed reads, chunk decompression, the parallel
// chunk reader, the linear scan and recovery). Each must answer with a
// Status, never crash, hang or over-allocate.
#include <cstddef>
#include <cstdint>
#include <memory>

#include <arrow/io/memory.h>

#include "io/mcap/mcap_chunk_internal.h"
#include "io/mcap/mcap_chunk_reader_internal.h"
#include "io/mcap/mcap_file_internal.h"
#include "io/mcap/mcap_linear_scan_internal.h"
#include "io/mcap/mcap_recovery_internal.h"

namespace {

using namespace rrflow::internal::mcap;

// Problems are produced and dropped: the fuzzer checks that reporting them
// is safe, not what they say.
class DiscardProblems final : public rrflow::ProblemHandler {
 public:
  void Report(const rrflow::Problem& problem) override { (void)problem.ToString(); }
};

void ReadThroughSummary(const std::shared_ptr<const McapFile>& file,
                        const std::shared_ptr<rrflow::ProblemHandler>& problems) {
  auto summary = file->ReadSummary();
  if (!summary.ok()) {
    summary = RecoverSummary(*file, problems.get());
    if (!summary.ok()) return;
  }
  for (const auto& index : summary->chunk_indexes) (void)file->ReadMessageIndexes(index);
  for (const auto& index : summary->attachment_indexes) (void)file->ReadAttachment(index);
  for (const auto& index : summary->metadata_indexes) (void)file->ReadMetadata(index);
  OrderedChunkReader reader(file, summary->chunk_indexes, 1 << 20, problems);
  for (size_t i = 0; i <= summary->chunk_indexes.size(); ++i) {
    auto chunk = reader.Next();
    if (!chunk.ok() || *chunk == nullptr) break;
  }
}

void ScanLinearly(const std::shared_ptr<const McapFile>& file,
                  const std::shared_ptr<rrflow::ProblemHandler>& problems) {
  LinearScanner scanner(file, problems);
  while (true) {
    auto scanned = scanner.Next();
    if (!scanned.ok() || !scanned->has_value()) return;
    const ScannedRecord& record = **scanned;
    const std::string_view source = file->source();
    switch (static_cast<Opcode>(record.record.opcode)) {
      case Opcode::kMessage:
        (void)ParseRecord<Message>(record.record, source, record.chunk_offset);
        break;
      case Opcode::kAttachment:
        (void)ParseRecord<Attachment>(record.record, source, record.chunk_offset);
        break;
      case Opcode::kMetadata:
        (void)ParseRecord<Metadata>(record.record, source, record.chunk_offset);
        break;
      case Opcode::kMessageIndex:
        (void)ParseRecord<MessageIndex>(record.record, source, record.chunk_offset);
        break;
      case Opcode::kChunk:
        // Also through DecodeChunk, which the chunk reader uses.
        if (auto chunk = ParseRecord<Chunk>(record.record, source); chunk.ok()) {
          (void)DecodeChunk(*chunk, RecordPlace{source, record.record.offset}, problems.get(),
                            file->pool());
        }
        break;
      default:
        break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto buffer = std::make_shared<arrow::Buffer>(data, static_cast<int64_t>(size));
  auto file = McapFile::Make(std::make_shared<arrow::io::BufferReader>(buffer), "fuzz.mcap");
  if (!file.ok()) return 0;
  auto problems = std::make_shared<DiscardProblems>();
  ReadThroughSummary(*file, problems);
  ScanLinearly(*file, problems);
  return 0;
}
