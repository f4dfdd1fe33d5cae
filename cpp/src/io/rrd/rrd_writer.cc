#include "rrflow/io/rrd/rrd_writer.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <system_error>

#include <arrow/io/buffered.h>
#include <arrow/io/file.h>
#include <unistd.h>

#include "io/rrd/byte_order_internal.h"
#include "io/rrd/manifest_builder_internal.h"
#include "io/rrd/protobuf_conversion_internal.h"
#include "io/rrd/stream_footer_internal.h"
#include "io/rrd/stream_header_internal.h"

namespace rrflow {
namespace {

constexpr int64_t kOutputBufferSize = 1 << 20;

// `<dir>/.<name>.<pid>.<n>.tmp`: hidden, unique per process and writer, and
// in the target's directory so that the final rename stays on one file system.
std::string TemporaryPathFor(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  const std::filesystem::path target(path);
  // Appended piece by piece: GCC 12 at -O3 misreports `"." + string` (-Wrestrict).
  std::string name(".");
  name.append(target.filename().string());
  name.append(".").append(std::to_string(::getpid()));
  name.append(".").append(std::to_string(counter++));
  name.append(".tmp");
  return (target.parent_path() / name).string();
}

template <typename Proto>
arrow::Result<std::string> Serialize(const Proto& proto) {
  std::string bytes;
  if (!proto.SerializeToString(&bytes)) {
    return arrow::Status::Invalid("cannot serialize ", proto.GetTypeName());
  }
  return bytes;
}

}  // namespace

RrdWriter::RrdWriter(std::string path, std::string temporary_path, RrdWriterOptions options,
                     std::shared_ptr<arrow::io::OutputStream> output)
    : path_(std::move(path)),
      temporary_path_(std::move(temporary_path)),
      options_(options),
      output_(std::move(output)) {}

arrow::Result<std::unique_ptr<RrdWriter>> RrdWriter::Open(const std::string& path,
                                                          const RrdWriterOptions& options) {
  std::string temporary_path = TemporaryPathFor(path);
  ARROW_ASSIGN_OR_RAISE(auto file, arrow::io::FileOutputStream::Open(temporary_path));
  ARROW_ASSIGN_OR_RAISE(auto output, arrow::io::BufferedOutputStream::Create(
                                         kOutputBufferSize, arrow::default_memory_pool(), file));
  std::unique_ptr<RrdWriter> writer(
      new RrdWriter(path, std::move(temporary_path), options, std::move(output)));
  const auto header = internal::SerializeStreamHeader({options.version, options.compression});
  ARROW_RETURN_NOT_OK(writer->Guarded([&] {
    writer->position_ += static_cast<int64_t>(header.size());
    return writer->output_->Write(header.data(), static_cast<int64_t>(header.size()));
  }));
  return writer;
}

RrdWriter::~RrdWriter() {
  if (finished_) return;
  if (!output_->closed()) (void)output_->Close();
  std::error_code ignored;
  std::filesystem::remove(temporary_path_, ignored);
}

template <typename Write>
arrow::Status RrdWriter::Guarded(Write&& write) {
  ARROW_RETURN_NOT_OK(error_);
  if (finished_) return arrow::Status::Invalid("RrdWriter for ", path_, " is already finished");
  error_ = write();
  return error_;
}

arrow::Status RrdWriter::WriteMessage(RrdMessageKind kind, const uint8_t* payload, int64_t size) {
  std::array<uint8_t, 16> header;
  internal::StoreLittleEndian(static_cast<uint64_t>(kind), header.data());
  internal::StoreLittleEndian(static_cast<uint64_t>(size), header.data() + 8);
  ARROW_RETURN_NOT_OK(output_->Write(header.data(), static_cast<int64_t>(header.size())));
  ARROW_RETURN_NOT_OK(output_->Write(payload, size));
  position_ += static_cast<int64_t>(header.size()) + size;
  return arrow::Status::OK();
}

arrow::Status RrdWriter::WriteStoreInfo(const StoreInfo& info) {
  return Guarded([&]() -> arrow::Status {
    internal::pb_log::SetStoreInfo proto;
    internal::ToProto(info, &proto);
    ARROW_ASSIGN_OR_RAISE(auto bytes, Serialize(proto));
    ARROW_RETURN_NOT_OK(WriteMessage(RrdMessageKind::kSetStoreInfo,
                                     reinterpret_cast<const uint8_t*>(bytes.data()),
                                     static_cast<int64_t>(bytes.size())));
    if (std::find(announced_.begin(), announced_.end(), info.store_id) == announced_.end()) {
      announced_.push_back(info.store_id);
    }
    return arrow::Status::OK();
  });
}

arrow::Status RrdWriter::EnsureAnnounced(const StoreId& store_id) {
  if (std::find(announced_.begin(), announced_.end(), store_id) != announced_.end()) {
    return arrow::Status::OK();
  }
  StoreInfo info = ChunkPipelineStoreInfo(store_id);
  info.store_version = options_.version;
  return WriteStoreInfo(info);
}

arrow::Status RrdWriter::WriteChunk(const StoreId& store_id, ChunkPtr chunk) {
  ARROW_RETURN_NOT_OK(error_);
  ARROW_ASSIGN_OR_RAISE(auto encoded,
                        EncodeArrowMsg(store_id, std::move(chunk), options_.compression));
  return WriteEncoded(encoded);
}

arrow::Status RrdWriter::WriteEncoded(const EncodedArrowMsg& message) {
  ARROW_RETURN_NOT_OK(EnsureAnnounced(message.store_id));
  return Guarded([&]() -> arrow::Status {
    const int64_t payload_offset = position_ + 16;
    ARROW_RETURN_NOT_OK(
        WriteMessage(RrdMessageKind::kArrowMsg, message.payload->data(), message.payload->size()));
    if (!options_.write_footer) return arrow::Status::OK();
    auto manifest = std::find_if(manifests_.begin(), manifests_.end(), [&](const auto& builder) {
      return builder->store_id() == message.store_id;
    });
    if (manifest == manifests_.end()) {
      manifests_.push_back(std::make_unique<internal::ManifestBuilder>(message.store_id));
      manifest = manifests_.end() - 1;
    }
    (*manifest)->Add(*message.chunk, payload_offset, message.payload->size(), message.ipc_size);
    return arrow::Status::OK();
  });
}

arrow::Status RrdWriter::WriteBlueprintActivation(const BlueprintActivationCommand& command) {
  return Guarded([&]() -> arrow::Status {
    internal::pb_log::BlueprintActivationCommand proto;
    internal::ToProto(command, &proto);
    ARROW_ASSIGN_OR_RAISE(auto bytes, Serialize(proto));
    return WriteMessage(RrdMessageKind::kBlueprintActivationCommand,
                        reinterpret_cast<const uint8_t*>(bytes.data()),
                        static_cast<int64_t>(bytes.size()));
  });
}

arrow::Status RrdWriter::WriteFooter() {
  internal::pb_log::RrdFooter footer;
  for (const auto& builder : manifests_) {
    ARROW_ASSIGN_OR_RAISE(*footer.add_manifests(), builder->Finish());
  }
  ARROW_ASSIGN_OR_RAISE(auto bytes, Serialize(footer));
  const auto* payload = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto size = static_cast<int64_t>(bytes.size());
  const int64_t footer_start = position_ + 16;  // the stream starts at byte 0
  ARROW_RETURN_NOT_OK(WriteMessage(RrdMessageKind::kEnd, payload, size));
  const auto trailer = internal::SerializeStreamFooter({static_cast<uint64_t>(footer_start),
                                                        static_cast<uint64_t>(size),
                                                        internal::FooterChecksum(payload, size)});
  ARROW_RETURN_NOT_OK(output_->Write(trailer.data(), static_cast<int64_t>(trailer.size())));
  position_ += static_cast<int64_t>(trailer.size());
  return arrow::Status::OK();
}

arrow::Status RrdWriter::Finish() {
  ARROW_RETURN_NOT_OK(Guarded([&]() -> arrow::Status {
    if (options_.write_footer) ARROW_RETURN_NOT_OK(WriteFooter());
    ARROW_RETURN_NOT_OK(output_->Close());
    std::error_code error;
    std::filesystem::rename(temporary_path_, path_, error);
    if (error) {
      return arrow::Status::IOError("cannot move ", temporary_path_, " to ", path_, ": ",
                                    error.message());
    }
    return arrow::Status::OK();
  }));
  finished_ = true;
  return arrow::Status::OK();
}

}  // namespace rrflow
