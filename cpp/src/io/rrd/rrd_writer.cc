#include "rrflow/io/rrd/rrd_writer.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <system_error>

#include <arrow/io/buffered.h>
#include <arrow/io/file.h>
#include <arrow/util/io_util.h>
#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>

#include "io/rrd/byte_order_internal.h"
#include "io/rrd/manifest_builder_internal.h"
#include "io/rrd/protobuf_conversion_internal.h"
#include "io/rrd/stream_footer_internal.h"
#include "io/rrd/stream_header_internal.h"

namespace rrflow {
namespace {

constexpr int64_t kOutputBufferSize = 1 << 20;

constexpr int kMaxSymlinkHops = 40;

// `cannot write <path>: <OS reason> (os error N)`, or the status' own
// message when it carries no errno.
arrow::Status WriteError(const std::string& path, const arrow::Status& status) {
  const int error = arrow::internal::ErrnoFromStatus(status);
  if (error != 0) {
    return arrow::Status::IOError("cannot write ", path, ": ", std::strerror(error),
                                  " (os error ", error, ")");
  }
  return arrow::Status::IOError("cannot write ", path, ": ", status.message());
}

arrow::Status WriteErrorFromErrno(const std::string& path, int error) {
  return arrow::Status::IOError("cannot write ", path, ": ", std::strerror(error), " (os error ",
                                error, ")");
}

// Where the bytes for `path` go: the file its chain of symbolic links ends
// at (the links stay), and what is there now.
struct OutputTarget {
  std::filesystem::path path;
  /// Absent when nothing is there yet.
  std::optional<struct stat> existing;
  /// Named through a file descriptor (see IsDescriptorLink).
  bool descriptor = false;

  /// Devices, FIFOs and sockets are written in place: replacing them with a
  /// regular file would break whatever else uses them. So is a file named
  /// through a descriptor: whoever holds the descriptor reads that file.
  bool in_place() const { return descriptor || (existing && !S_ISREG(existing->st_mode)); }
};

// `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`: links to a process's open
// files, whose text is no path when the file is a pipe (`pipe:[1234]`).
bool IsDescriptorLink(const std::string& path) {
  if (path == "/dev/stdout" || path == "/dev/stderr" || path.rfind("/dev/fd/", 0) == 0) return true;
  if (path.rfind("/proc/", 0) != 0) return false;
  const auto process_end = path.find('/', 6);
  return process_end != std::string::npos && path.compare(process_end, 4, "/fd/") == 0;
}

arrow::Result<OutputTarget> ResolveTarget(const std::string& path) {
  if (IsDescriptorLink(path)) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return WriteErrorFromErrno(path, errno);
    if (S_ISDIR(info.st_mode)) return WriteErrorFromErrno(path, EISDIR);
    return OutputTarget{path, info, /*descriptor=*/true};
  }
  std::filesystem::path current(path);
  for (int hops = 0;; ++hops) {
    struct stat info {};
    if (::lstat(current.c_str(), &info) != 0) {
      if (errno == ENOENT) return OutputTarget{current, std::nullopt, false};
      return WriteErrorFromErrno(path, errno);
    }
    if (!S_ISLNK(info.st_mode)) {
      if (S_ISDIR(info.st_mode)) return WriteErrorFromErrno(path, EISDIR);
      return OutputTarget{current, info, false};
    }
    if (hops == kMaxSymlinkHops) return WriteErrorFromErrno(path, ELOOP);
    std::error_code error;
    const auto link = std::filesystem::read_symlink(current, error);
    if (error) return WriteErrorFromErrno(path, error.value());
    current = link.is_absolute() ? link : current.parent_path() / link;
  }
}

// `.<name>.<pid>.<n>.tmp`: hidden, unique per process and writer.
std::string TemporaryNamePrefix(const std::filesystem::path& target) {
  // Appended piece by piece: GCC 12 at -O3 misreports `"." + string` (-Wrestrict).
  std::string prefix(".");
  prefix.append(target.filename().string());
  prefix.append(".");
  return prefix;
}

// In the target's directory, so that the final rename stays on one file system.
std::string TemporaryPathFor(const std::filesystem::path& target) {
  static std::atomic<uint64_t> counter{0};
  std::string name = TemporaryNamePrefix(target);
  name.append(std::to_string(::getpid()));
  name.append(".").append(std::to_string(counter++));
  name.append(".tmp");
  return (target.parent_path() / name).string();
}

// Removes temporary files that writers of `target` left behind when they
// were killed: those of processes that no longer run, and any older than a
// day. Best effort: what cannot be removed stays.
void RemoveAbandonedTemporaries(const std::filesystem::path& target) {
  const std::string prefix = TemporaryNamePrefix(target);
  const auto directory = target.parent_path().empty() ? std::filesystem::path(".")
                                                      : target.parent_path();
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= prefix.size() + 4 || name.compare(0, prefix.size(), prefix) != 0 ||
        name.compare(name.size() - 4, 4, ".tmp") != 0) {
      continue;
    }
    const std::string rest = name.substr(prefix.size(), name.size() - prefix.size() - 4);
    const auto dot = rest.find('.');
    if (dot == std::string::npos || dot == 0) continue;
    const std::string pid_text = rest.substr(0, dot);
    if (pid_text.find_first_not_of("0123456789") != std::string::npos ||
        rest.find_first_not_of("0123456789", dot + 1) != std::string::npos) {
      continue;
    }
    const long pid = std::stol(pid_text);
    const bool writer_gone = pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 &&
                             errno == ESRCH;
    std::error_code ignored;
    const auto modified = std::filesystem::last_write_time(entry.path(), ignored);
    const bool stale =
        !ignored && std::filesystem::file_time_type::clock::now() - modified > std::chrono::hours(24);
    if (writer_gone || stale) std::filesystem::remove(entry.path(), ignored);
  }
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

RrdWriter::RrdWriter(std::string path, std::string target_path, std::string temporary_path,
                     RrdWriterOptions options, std::shared_ptr<arrow::io::OutputStream> output)
    : path_(std::move(path)),
      target_path_(std::move(target_path)),
      temporary_path_(std::move(temporary_path)),
      options_(options),
      output_(std::move(output)) {}

arrow::Result<std::unique_ptr<RrdWriter>> RrdWriter::Open(const std::string& path,
                                                          const RrdWriterOptions& options) {
  ARROW_ASSIGN_OR_RAISE(const OutputTarget target, ResolveTarget(path));
  std::string temporary_path;
  std::shared_ptr<arrow::io::FileOutputStream> file;
  if (target.in_place()) {
    auto opened = arrow::io::FileOutputStream::Open(target.path.string());
    if (!opened.ok()) return WriteError(path, opened.status());
    file = std::move(*opened);
  } else {
    RemoveAbandonedTemporaries(target.path);
    temporary_path = TemporaryPathFor(target.path);
    auto opened = arrow::io::FileOutputStream::Open(temporary_path);
    if (!opened.ok()) return WriteError(path, opened.status());
    file = std::move(*opened);
    if (target.existing) {
      // The replacement keeps the file's mode, and its owner where this
      // process may set it.
      if (::fchmod(file->file_descriptor(), target.existing->st_mode & 07777) != 0 ||
          (::fchown(file->file_descriptor(), target.existing->st_uid, target.existing->st_gid) !=
               0 &&
           errno != EPERM)) {
        const int error = errno;
        (void)file->Close();
        std::error_code ignored;
        std::filesystem::remove(temporary_path, ignored);
        return WriteErrorFromErrno(path, error);
      }
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto output, arrow::io::BufferedOutputStream::Create(
                                         kOutputBufferSize, arrow::default_memory_pool(), file));
  std::unique_ptr<RrdWriter> writer(new RrdWriter(path, target.path.string(),
                                                  std::move(temporary_path), options,
                                                  std::move(output)));
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
  if (temporary_path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove(temporary_path_, ignored);
}

template <typename Write>
arrow::Status RrdWriter::Guarded(Write&& write) {
  ARROW_RETURN_NOT_OK(error_);
  if (finished_) return arrow::Status::Invalid("RrdWriter for ", path_, " is already finished");
  error_ = write();
  // Errors of the file name the target, not the temporary file.
  if (error_.IsIOError()) error_ = WriteError(path_, error_);
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
    ARROW_ASSIGN_OR_RAISE(auto bytes, EncodeSetStoreInfo(info));
    ARROW_RETURN_NOT_OK(WriteMessage(RrdMessageKind::kSetStoreInfo, bytes->data(), bytes->size()));
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
    if ((*manifest)->carrying()) {
      (*manifest)->AddCopied(payload_offset, message.payload->size());
    } else if (message.chunk == nullptr) {
      return arrow::Status::Invalid("a chunk of ", message.store_id.ToString(),
                                    " without its decoded chunk, and no manifest carried for the store");
    } else {
      (*manifest)->Add(*message.chunk, payload_offset, message.payload->size(), message.ipc_size);
    }
    return arrow::Status::OK();
  });
}

arrow::Status RrdWriter::CarryManifest(const StoreId& store_id, RrdManifest source) {
  return Guarded([&]() -> arrow::Status {
    for (const auto& builder : manifests_) {
      if (builder->store_id() == store_id) {
        return arrow::Status::Invalid("CarryManifest after chunks of ", store_id.ToString(), " were written");
      }
    }
    manifests_.push_back(internal::ManifestBuilder::Carrying(store_id, std::move(source)));
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
    if (temporary_path_.empty()) return arrow::Status::OK();
    std::error_code error;
    std::filesystem::rename(temporary_path_, target_path_, error);
    if (error) return WriteErrorFromErrno(path_, error.value());
    return arrow::Status::OK();
  }));
  finished_ = true;
  return arrow::Status::OK();
}

}  // namespace rrflow
