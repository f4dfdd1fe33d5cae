// Python bindings of the recording sinks behind `rrflow.RecordingStream`:
// `rrflow._core.RecordingSink`, over a gRPC connection or an `.rrd` file, and
// the connection behind `rrflow.ViewerClient`.
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>

#include "arrow_capsules.h"
#include "bindings.h"
#include "python_callbacks.h"
#include "python_problems.h"
#include "rrflow/io/rrd/rrd_sink.h"
#include "rrflow/net/grpc_sink.h"
#include "rrflow/net/viewer_client.h"
#include "status_to_python.h"

namespace nb = nanobind;

namespace rrflow::python {
namespace {

// One sink of a recording; calls from several Python threads take turns.
// The GIL is released while chunks move, so a slow viewer does not stall
// other Python threads.
class RecordingSink {
 public:
  explicit RecordingSink(std::unique_ptr<ChunkSink> sink, GrpcSink* grpc = nullptr)
      : sink_(std::move(sink)), grpc_(grpc) {}

  ~RecordingSink() {
    // Ending a stream may wait for engine threads that need the GIL.
    nb::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    sink_.reset();
  }

  // Sends `chunk` unless it has no component columns (receivers drop those);
  // returns whether it was sent.
  bool SendChunk(const PyChunk& chunk) {
    if (chunk.chunk->components().empty()) return false;
    arrow::Status status;
    {
      nb::gil_scoped_release release;
      std::lock_guard lock(mutex_);
      status = Open().ok() ? sink_->Write(chunk.chunk) : Open();
    }
    ThrowIfError(status);
    return true;
  }

  // Runs `stream` into the sink, which stays open; returns how many chunks
  // were dropped for having no component columns.
  int64_t SendStream(PyStream& stream) {
    const StreamNodePtr node = stream.Peek();
    int64_t dropped = 0;
    arrow::Status status;
    {
      nb::gil_scoped_release release;
      std::lock_guard lock(mutex_);
      status = [&]() -> arrow::Status {
        ARROW_RETURN_NOT_OK(Open());
        const ExecuteOptions options = PythonExecuteOptions();
        ARROW_ASSIGN_OR_RAISE(auto iterator, Execute(node, options));
        while (true) {
          if (options.interrupt_check) ARROW_RETURN_NOT_OK(options.interrupt_check());
          ARROW_ASSIGN_OR_RAISE(auto chunk, iterator->Next());
          if (chunk == nullptr) return arrow::Status::OK();
          if (chunk->components().empty()) {
            ++dropped;
            continue;
          }
          ARROW_RETURN_NOT_OK(sink_->Write(std::move(chunk)));
        }
      }();
    }
    if (CarriesInterrupt(status)) ThrowStatusWithPythonError(status);
    ThrowIfError(status);
    return dropped;
  }

  // Waits until what was sent reached the transport (gRPC; a file sink has
  // nothing to wait for until it is finished).
  void Flush(std::optional<double> timeout_seconds) {
    arrow::Status status;
    {
      nb::gil_scoped_release release;
      std::lock_guard lock(mutex_);
      status = Open();
      if (status.ok() && grpc_ != nullptr) {
        std::optional<std::chrono::duration<double>> timeout;
        if (timeout_seconds) timeout = std::chrono::duration<double>(*timeout_seconds);
        status = grpc_->Flush(timeout);
      }
    }
    ThrowIfError(status);
  }

  // Completes the sink (footer and rename for a file; end of stream and the
  // proxy's answer for gRPC). Later calls do nothing.
  void Finish() {
    arrow::Status status;
    {
      nb::gil_scoped_release release;
      std::lock_guard lock(mutex_);
      if (sink_ == nullptr) return;
      status = sink_->Finish();
      sink_.reset();
      grpc_ = nullptr;
    }
    ThrowIfError(status);
  }

 private:
  arrow::Status Open() const {
    if (sink_ == nullptr) return arrow::Status::Invalid("the recording sink is closed");
    return arrow::Status::OK();
  }

  std::mutex mutex_;
  std::unique_ptr<ChunkSink> sink_;
  GrpcSink* grpc_;
};

StoreId Recording(const std::string& application_id, const std::string& recording_id) {
  return StoreId{StoreKind::kRecording, application_id, recording_id};
}

}  // namespace

void BindNet(nb::module_& m) {
  nb::class_<RecordingSink>(m, "RecordingSink")
      .def_static(
          "connect_grpc",
          [](const std::string& url, const std::string& application_id,
             const std::string& recording_id) {
            auto sink = ValueOrThrow(
                GrpcSink::Open(url, ChunkPipelineStoreInfo(Recording(application_id, recording_id))));
            GrpcSink* grpc = sink.get();
            return new RecordingSink(std::move(sink), grpc);
          },
          nb::arg("url"), nb::arg("application_id"), nb::arg("recording_id"),
          nb::rv_policy::take_ownership)
      .def_static(
          "save",
          [](const std::string& path, const std::string& application_id,
             const std::string& recording_id) {
            arrow::Result<std::unique_ptr<RrdSink>> sink;
            {
              nb::gil_scoped_release release;
              sink = RrdSink::Open(path, Recording(application_id, recording_id));
            }
            return new RecordingSink(ValueOrThrow(std::move(sink)));
          },
          nb::arg("path"), nb::arg("application_id"), nb::arg("recording_id"),
          nb::rv_policy::take_ownership)
      .def("send_chunk", &RecordingSink::SendChunk, nb::arg("chunk"))
      .def("send_stream", &RecordingSink::SendStream, nb::arg("stream"))
      .def("flush", &RecordingSink::Flush, nb::arg("timeout_seconds").none())
      .def("finish", &RecordingSink::Finish);

  nb::class_<ViewerClient>(m, "ViewerConnection")
      .def(nb::new_([](const std::string& url) {
             arrow::Result<std::unique_ptr<ViewerClient>> client;
             {
               nb::gil_scoped_release release;
               client = ViewerClient::Connect(url);
             }
             return ValueOrThrow(std::move(client)).release();
           }),
           nb::arg("url"))
      .def(
          "send_table",
          [](ViewerClient& self, const std::string& name, nb::handle batch) {
            const auto imported = ImportRecordBatch(batch, "table");
            arrow::Status status;
            {
              nb::gil_scoped_release release;
              status = self.SendTable(name, *imported);
            }
            ThrowIfError(status);
          },
          nb::arg("name"), nb::arg("batch"))
      .def(
          "save_screenshot",
          [](ViewerClient& self, const std::string& file_path, std::optional<std::string> view_id,
             std::optional<double> timeout_seconds) {
            std::optional<std::chrono::duration<double>> timeout;
            if (timeout_seconds) timeout = std::chrono::duration<double>(*timeout_seconds);
            arrow::Status status;
            {
              nb::gil_scoped_release release;
              status = self.SaveScreenshot(file_path, view_id, timeout);
            }
            ThrowIfError(status);
          },
          nb::arg("file_path"), nb::arg("view_id").none(), nb::arg("timeout_seconds").none());
}

}  // namespace rrflow::python
