#include "rrflow/io/rrd/rrd_file.h"

#include <algorithm>
#include <array>
#include <numeric>

#include <arrow/io/file.h>
#include <arrow/util/future.h>
#include <arrow/util/thread_pool.h>

#include "io/rrd/byte_order_internal.h"
#include "io/rrd/rrd_error_internal.h"
#include "io/rrd/stream_footer_internal.h"
#include "io/rrd/stream_header_internal.h"

namespace rrflow {
namespace {

constexpr int64_t kMessageHeaderSize = 16;

// Arrow 22's ReadRangeCache slices its reads without checking their length,
// so a read cut short (the file shrank after it was opened) shows only in a
// slice that ends past the buffer it was cut from.
bool WithinReadBuffer(const arrow::Buffer& slice) {
  const auto read = slice.parent();
  return read == nullptr || slice.address() + static_cast<uint64_t>(slice.size()) <=
                                read->address() + static_cast<uint64_t>(read->size());
}

// Runs each task at once on the thread that submits it. A batch's reads are
// waited for together right after they are issued, so handing them to Arrow's
// IO pool would only add a thread hop per read (and, with libarrow not built
// for ThreadSanitizer, make TSan blind to how the hop is synchronised).
class CallingThreadExecutor final : public arrow::internal::Executor {
 public:
  int GetCapacity() override { return 1; }

 private:
  arrow::Status SpawnReal(arrow::internal::TaskHints, arrow::internal::FnOnce<void()> task,
                          arrow::StopToken, StopCallback&&) override {
    std::move(task)();
    return arrow::Status::OK();
  }
};

}  // namespace

RrdFile::RrdFile(std::shared_ptr<arrow::io::RandomAccessFile> file, std::string source,
                 int64_t size)
    : file_(std::move(file)),
      source_(std::make_shared<const std::string>(std::move(source))),
      size_(size) {}

arrow::Result<std::shared_ptr<const RrdFile>> RrdFile::Open(const std::string& path) {
  ARROW_ASSIGN_OR_RAISE(auto file, arrow::io::ReadableFile::Open(path));
  return Make(std::move(file), path);
}

arrow::Result<std::shared_ptr<const RrdFile>> RrdFile::Make(
    std::shared_ptr<arrow::io::RandomAccessFile> file, std::string source) {
  ARROW_ASSIGN_OR_RAISE(const int64_t size, file->GetSize());
  if (size < internal::kStreamHeaderSize) {
    return internal::RrdError(source, 0, "not an RRD file: only ", size, " bytes");
  }
  std::array<uint8_t, internal::kStreamHeaderSize> header;
  ARROW_RETURN_NOT_OK(file->ReadAt(0, internal::kStreamHeaderSize, header.data()));
  ARROW_RETURN_NOT_OK(internal::ParseStreamHeader(header, source, 0).status());
  return std::shared_ptr<const RrdFile>(new RrdFile(std::move(file), std::move(source), size));
}

arrow::Result<std::optional<RrdFile::FooterPlace>> RrdFile::LocateFooter() const {
  constexpr int64_t kTrailerSize = internal::kStreamFooterSize;
  if (size_ < internal::kStreamHeaderSize + kMessageHeaderSize + kTrailerSize) return std::nullopt;
  const int64_t trailer_offset = size_ - kTrailerSize;
  std::array<uint8_t, kTrailerSize> bytes;
  ARROW_RETURN_NOT_OK(file_->ReadAt(trailer_offset, kTrailerSize, bytes.data()));
  const auto trailer = internal::ParseStreamFooter(bytes);
  if (!trailer) return std::nullopt;

  // The footer payload ends where the trailer begins; its start relative to
  // the stream tells where the (last) stream began.
  const int64_t max_length = trailer_offset - internal::kStreamHeaderSize - kMessageHeaderSize;
  if (trailer->footer_length > static_cast<uint64_t>(max_length) ||
      trailer->footer_start > static_cast<uint64_t>(trailer_offset)) {
    return internal::RrdError(*source_, trailer_offset, "stream footer points outside the file");
  }
  FooterPlace place;
  place.trailer_offset = trailer_offset;
  place.payload_offset = trailer_offset - static_cast<int64_t>(trailer->footer_length);
  place.stream_offset = place.payload_offset - static_cast<int64_t>(trailer->footer_start);
  place.checksum = trailer->checksum;
  if (place.stream_offset < 0) {
    return internal::RrdError(*source_, trailer_offset, "stream footer points outside the file");
  }
  std::array<uint8_t, 4> magic;
  ARROW_RETURN_NOT_OK(file_->ReadAt(place.stream_offset, 4, magic.data()));
  if (!internal::StartsWithRrdFourCc(magic.data())) {
    return internal::RrdError(*source_, trailer_offset,
                              "stream footer does not locate its stream header");
  }
  return place;
}

arrow::Result<std::optional<int64_t>> RrdFile::FooterStreamOffset() const {
  ARROW_ASSIGN_OR_RAISE(auto place, LocateFooter());
  if (!place) return std::nullopt;
  return place->stream_offset;
}

arrow::Result<std::optional<std::vector<RrdManifest>>> RrdFile::ReadFooter() const {
  ARROW_ASSIGN_OR_RAISE(auto place, LocateFooter());
  if (!place) return std::nullopt;
  const int64_t payload_offset = place->payload_offset;
  const int64_t footer_length = place->trailer_offset - payload_offset;
  std::array<uint8_t, kMessageHeaderSize> end_header;
  ARROW_RETURN_NOT_OK(
      file_->ReadAt(payload_offset - kMessageHeaderSize, kMessageHeaderSize, end_header.data()));
  if (internal::LoadLittleEndian<uint64_t>(end_header.data()) !=
          static_cast<uint64_t>(RrdMessageKind::kEnd) ||
      internal::LoadLittleEndian<uint64_t>(end_header.data() + 8) !=
          static_cast<uint64_t>(footer_length)) {
    return internal::RrdError(*source_, payload_offset - kMessageHeaderSize,
                              "stream footer does not point at an End message");
  }

  RrdMessage end;
  end.kind = RrdMessageKind::kEnd;
  end.header_offset = payload_offset - kMessageHeaderSize;
  end.stream_offset = place->stream_offset;
  end.source = source_;
  ARROW_ASSIGN_OR_RAISE(end.payload, file_->ReadAt(payload_offset, footer_length));
  if (internal::FooterChecksum(end.payload->data(), end.payload->size()) != place->checksum) {
    return internal::RrdError(*source_, place->trailer_offset, "stream footer checksum mismatch");
  }
  return DecodeRrdFooter(end);
}

arrow::Result<std::unique_ptr<RrdMessageReader>> RrdFile::ReadMessages() const {
  return RrdMessageReader::Make(file_, *source_);
}

arrow::Result<std::vector<RrdMessage>> RrdFile::ReadArrowMsgs(
    const std::vector<ChunkLocation>& locations, const arrow::io::CacheOptions& cache) const {
  for (const auto& location : locations) {
    if (location.byte_offset < kMessageHeaderSize || location.byte_size < 0 ||
        location.byte_offset > size_ || location.byte_size > size_ - location.byte_offset) {
      return internal::RrdError(*source_, location.byte_offset, "chunk ",
                                location.chunk_id.ToString(), " of ", location.byte_size,
                                " bytes lies outside the file");
    }
  }
  // The cache needs distinct ranges that do not overlap: a chunk asked for
  // twice is cached once, and two chunks sharing bytes mean a damaged manifest.
  std::vector<size_t> by_offset(locations.size());
  std::iota(by_offset.begin(), by_offset.end(), size_t{0});
  std::sort(by_offset.begin(), by_offset.end(), [&](size_t a, size_t b) {
    return std::pair(locations[a].byte_offset, locations[a].byte_size) <
           std::pair(locations[b].byte_offset, locations[b].byte_size);
  });
  std::vector<arrow::io::ReadRange> ranges;
  const ChunkLocation* previous = nullptr;
  for (const size_t index : by_offset) {
    const ChunkLocation& location = locations[index];
    if (location.byte_size == 0) continue;
    if (previous != nullptr) {
      if (previous->byte_offset == location.byte_offset &&
          previous->byte_size == location.byte_size) {
        continue;
      }
      if (previous->byte_offset + previous->byte_size > location.byte_offset) {
        return internal::RrdError(*source_, location.byte_offset, "chunk ",
                                  location.chunk_id.ToString(), " overlaps chunk ",
                                  previous->chunk_id.ToString());
      }
    }
    ranges.push_back({location.byte_offset, location.byte_size});
    previous = &location;
  }

  CallingThreadExecutor calling_thread;
  arrow::io::internal::ReadRangeCache reads(
      file_, arrow::io::IOContext(arrow::default_memory_pool(), &calling_thread), cache);
  ARROW_RETURN_NOT_OK(reads.Cache(std::move(ranges)));
  // Every range is needed: issue all reads (a lazy cache too) before slicing.
  if (auto waited = reads.Wait().status(); !waited.ok()) {
    // Arrow 26's cache fails a read cut short itself, without saying where
    // (and the file's size is the one it had when opened): name the first
    // chunk that can no longer be read whole, as below.
    for (const auto& location : locations) {
      auto read = file_->ReadAt(location.byte_offset, location.byte_size);
      if (!read.ok() || (*read)->size() < location.byte_size) {
        return internal::RrdError(*source_, location.byte_offset, "short read of ",
                                  location.byte_size, " bytes");
      }
    }
    return waited;
  }
  std::vector<RrdMessage> messages;
  messages.reserve(locations.size());
  for (const auto& location : locations) {
    RrdMessage message;
    message.kind = RrdMessageKind::kArrowMsg;
    message.header_offset = location.byte_offset - kMessageHeaderSize;
    message.source = source_;
    ARROW_ASSIGN_OR_RAISE(message.payload, reads.Read({location.byte_offset, location.byte_size}));
    if (!WithinReadBuffer(*message.payload)) {
      return internal::RrdError(*source_, location.byte_offset, "short read of ",
                                location.byte_size, " bytes");
    }
    messages.push_back(std::move(message));
  }
  return messages;
}

arrow::Status RrdFile::CheckChunkId(const ChunkLocation& location, const Chunk& chunk) const {
  if (chunk.id() == location.chunk_id) return arrow::Status::OK();
  return internal::RrdError(*source_, location.byte_offset, "chunk ", chunk.id().ToString(),
                            " found where the manifest expects ", location.chunk_id.ToString());
}

arrow::Result<std::vector<ChunkPtr>> RrdFile::LoadChunks(
    const std::vector<ChunkLocation>& locations, const arrow::io::CacheOptions& cache) const {
  ARROW_ASSIGN_OR_RAISE(auto messages, ReadArrowMsgs(locations, cache));
  std::vector<ChunkPtr> chunks;
  chunks.reserve(messages.size());
  for (size_t i = 0; i < messages.size(); ++i) {
    ARROW_ASSIGN_OR_RAISE(auto decoded, DecodeArrowMsg(messages[i]));
    ARROW_RETURN_NOT_OK(CheckChunkId(locations[i], *decoded.chunk));
    chunks.push_back(std::move(decoded.chunk));
  }
  return chunks;
}

}  // namespace rrflow
