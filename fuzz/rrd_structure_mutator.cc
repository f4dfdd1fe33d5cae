// A structure-aware libFuzzer mutator for .rrd files. Byte-level mutation of
// a whole file mostly breaks the framing, the LZ4 blocks or the footer
// checksum, so the decoders behind them (Arrow IPC, sorbet migration, chunk
// validation, the footer's manifests) are rarely reached. This mutator parses
// the input into streams and framed messages, mutates one layer inside
// (the Arrow IPC stream of an ArrowMsg, a manifest's schema or data, a
// message's protobuf, or the order of messages) and writes the file back
// with valid framing, LZ4 blocks, sizes and footer checksums. Inputs it
// cannot parse get libFuzzer's own byte mutations.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "io/rrd/byte_order_internal.h"
#include "io/rrd/lz4_block_internal.h"
#include "io/rrd/protobuf_conversion_internal.h"
#include "io/rrd/stream_footer_internal.h"
#include "io/rrd/stream_header_internal.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

namespace internal = rrflow::internal;
namespace pb_common = internal::pb_common;
namespace pb_log = internal::pb_log;

constexpr int64_t kMessageHeaderSize = 16;
constexpr uint64_t kEndKind = 0;
constexpr uint64_t kArrowMsgKind = 2;
constexpr uint64_t kLastKind = 3;
// Room a mutation may add to one layer.
constexpr size_t kGrowth = 256;

struct Frame {
  uint64_t kind = 0;
  std::string payload;
  // An End message followed by the 32-byte stream footer pointing at it.
  bool has_stream_footer = false;
};

struct Stream {
  std::array<uint8_t, internal::kStreamHeaderSize> header{};
  std::vector<Frame> frames;
};

struct RrdBytes {
  std::vector<Stream> streams;
  std::string tail;  // whatever follows the last parsable frame
};

bool Parse(const uint8_t* data, size_t size, RrdBytes* out) {
  size_t pos = 0;
  while (pos + internal::kStreamHeaderSize <= size && internal::StartsWithRrdFourCc(data + pos)) {
    Stream stream;
    std::memcpy(stream.header.data(), data + pos, stream.header.size());
    pos += stream.header.size();
    while (pos + kMessageHeaderSize <= size) {
      const auto kind = internal::LoadLittleEndian<uint64_t>(data + pos);
      const auto length = internal::LoadLittleEndian<uint64_t>(data + pos + 8);
      if (kind > kLastKind || length > size - pos - kMessageHeaderSize) break;
      Frame frame;
      frame.kind = kind;
      frame.payload.assign(reinterpret_cast<const char*>(data + pos + kMessageHeaderSize), length);
      pos += kMessageHeaderSize + length;
      if (kind == kEndKind && pos + internal::kStreamFooterSize <= size) {
        std::array<uint8_t, internal::kStreamFooterSize> trailer{};
        std::memcpy(trailer.data(), data + pos, trailer.size());
        if (internal::ParseStreamFooter(trailer)) {
          frame.has_stream_footer = true;
          pos += trailer.size();
        }
      }
      stream.frames.push_back(std::move(frame));
      if (kind == kEndKind) break;
    }
    out->streams.push_back(std::move(stream));
  }
  out->tail.assign(reinterpret_cast<const char*>(data + pos), size - pos);
  return !out->streams.empty();
}

template <typename T>
void AppendLittleEndian(std::string* out, T value) {
  for (size_t i = 0; i < sizeof(T); ++i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

std::string Serialize(const RrdBytes& rrd) {
  std::string out;
  for (const auto& stream : rrd.streams) {
    const size_t stream_start = out.size();
    out.append(reinterpret_cast<const char*>(stream.header.data()), stream.header.size());
    for (const auto& frame : stream.frames) {
      AppendLittleEndian<uint64_t>(&out, frame.kind);
      AppendLittleEndian<uint64_t>(&out, frame.payload.size());
      const size_t payload_start = out.size();
      out += frame.payload;
      if (frame.has_stream_footer) {
        internal::StreamFooter footer;
        footer.footer_start = payload_start - stream_start;
        footer.footer_length = frame.payload.size();
        footer.checksum = internal::FooterChecksum(
            reinterpret_cast<const uint8_t*>(frame.payload.data()), static_cast<int64_t>(frame.payload.size()));
        const auto trailer = internal::SerializeStreamFooter(footer);
        out.append(reinterpret_cast<const char*>(trailer.data()), trailer.size());
      }
    }
  }
  return out + rrd.tail;
}

// libFuzzer's byte mutations on `bytes`, which may grow by kGrowth.
void MutateBytes(std::string* bytes) {
  const size_t size = bytes->size();
  bytes->resize(size + kGrowth);
  bytes->resize(LLVMFuzzerMutate(reinterpret_cast<uint8_t*>(bytes->data()), size, bytes->size()));
}

// Uncompresses a (payload, compression, uncompressed size) triple in place;
// false when the block does not decode (then the layer is left alone).
bool Uncompress(std::string* payload, pb_common::Compression compression, uint64_t uncompressed_size) {
  if (compression != pb_common::COMPRESSION_LZ4) return true;
  auto block = internal::Lz4DecompressBlock(reinterpret_cast<const uint8_t*>(payload->data()),
                                            static_cast<int64_t>(payload->size()),
                                            static_cast<int64_t>(uncompressed_size));
  if (!block.ok()) return false;
  payload->assign(reinterpret_cast<const char*>((*block)->data()), (*block)->size());
  return true;
}

// Stores `plain` as LZ4 or as it is, whichever `compress` says.
std::string Store(const std::string& plain, bool compress, pb_common::Compression* compression) {
  *compression = pb_common::COMPRESSION_NONE;
  if (!compress) return plain;
  auto block = internal::Lz4CompressBlock(reinterpret_cast<const uint8_t*>(plain.data()),
                                          static_cast<int64_t>(plain.size()));
  if (!block.ok()) return plain;
  *compression = pb_common::COMPRESSION_LZ4;
  return std::string(reinterpret_cast<const char*>((*block)->data()), (*block)->size());
}

std::vector<Frame*> FramesOfKind(RrdBytes* rrd, uint64_t kind) {
  std::vector<Frame*> frames;
  for (auto& stream : rrd->streams) {
    for (auto& frame : stream.frames) {
      if (frame.kind == kind) frames.push_back(&frame);
    }
  }
  return frames;
}

// Mutates the Arrow IPC stream inside one ArrowMsg.
bool MutateChunkIpc(RrdBytes* rrd, std::minstd_rand& rng) {
  auto frames = FramesOfKind(rrd, kArrowMsgKind);
  if (frames.empty()) return false;
  Frame* frame = frames[rng() % frames.size()];
  pb_log::ArrowMsg message;
  if (!message.ParseFromString(frame->payload)) return false;
  std::string ipc = message.payload();
  if (!Uncompress(&ipc, message.compression(), message.uncompressed_size())) return false;
  MutateBytes(&ipc);
  pb_common::Compression compression;
  message.set_payload(Store(ipc, rng() % 2 == 0, &compression));
  message.set_compression(compression);
  message.set_uncompressed_size(ipc.size());
  return message.SerializeToString(&frame->payload);
}

// Mutates a manifest's schema or data inside one footer.
bool MutateManifest(RrdBytes* rrd, std::minstd_rand& rng) {
  auto frames = FramesOfKind(rrd, kEndKind);
  if (frames.empty()) return false;
  Frame* frame = frames[rng() % frames.size()];
  pb_log::RrdFooter footer;
  if (!footer.ParseFromString(frame->payload) || footer.manifests_size() == 0) return false;
  auto* manifest = footer.mutable_manifests(static_cast<int>(rng() % footer.manifests_size()));
  if (rng() % 2 == 0) {
    std::string schema = manifest->sorbet_schema().arrow_schema();
    MutateBytes(&schema);
    manifest->mutable_sorbet_schema()->set_arrow_schema(schema);
    manifest->clear_sorbet_schema_sha256();
  } else {
    auto* part = manifest->mutable_data();
    std::string data = part->payload();
    if (!Uncompress(&data, part->compression(), part->uncompressed_size())) return false;
    MutateBytes(&data);
    pb_common::Compression compression;
    part->set_payload(Store(data, rng() % 2 == 0, &compression));
    part->set_compression(compression);
    part->set_uncompressed_size(data.size());
  }
  return footer.SerializeToString(&frame->payload);
}

// Mutates one message's protobuf bytes (field values, tags, lengths).
bool MutateMessageProtobuf(RrdBytes* rrd, std::minstd_rand& rng) {
  std::vector<Frame*> frames;
  for (auto& stream : rrd->streams) {
    for (auto& frame : stream.frames) frames.push_back(&frame);
  }
  if (frames.empty()) return false;
  MutateBytes(&frames[rng() % frames.size()]->payload);
  return true;
}

// Duplicates, drops or swaps messages of one stream (keeping its End last).
bool MutateMessageOrder(RrdBytes* rrd, std::minstd_rand& rng) {
  auto& frames = rrd->streams[rng() % rrd->streams.size()].frames;
  const bool ends = !frames.empty() && frames.back().kind == kEndKind;
  const size_t movable = frames.size() - (ends ? 1 : 0);
  if (movable == 0) return false;
  const size_t a = rng() % movable;
  const size_t b = rng() % movable;
  switch (rng() % 3) {
    case 0:
      frames.insert(frames.begin() + static_cast<std::ptrdiff_t>(b), frames[a]);
      break;
    case 1:
      frames.erase(frames.begin() + static_cast<std::ptrdiff_t>(a));
      break;
    default:
      std::swap(frames[a], frames[b]);
      break;
  }
  return true;
}

}  // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
  std::minstd_rand rng(seed);
  RrdBytes rrd;
  // One in eight mutations stays byte-level, so framing errors are explored too.
  if (rng() % 8 != 0 && Parse(data, size, &rrd)) {
    bool mutated = false;
    switch (rng() % 4) {
      case 0:
        mutated = MutateChunkIpc(&rrd, rng);
        break;
      case 1:
        mutated = MutateManifest(&rrd, rng);
        break;
      case 2:
        mutated = MutateMessageProtobuf(&rrd, rng);
        break;
      default:
        mutated = MutateMessageOrder(&rrd, rng);
        break;
    }
    if (mutated) {
      const std::string out = Serialize(rrd);
      if (out.size() <= max_size) {
        std::memcpy(data, out.data(), out.size());
        return out.size();
      }
    }
  }
  return LLVMFuzzerMutate(data, size, max_size);
}
