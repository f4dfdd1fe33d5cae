// ViewerClient: unary calls to a running viewer's message proxy (tables,
// screenshots), over a connection opened eagerly as the reference does.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <arrow/record_batch.h>
#include <arrow/result.h>

#include "rrflow/net/proxy_url.h"

namespace rrflow {

/// A connection to one viewer or proxy. Thread-safe.
class ViewerClient {
 public:
  /// Parses `url` as a bare origin (ParseViewerOrigin: no path check, no
  /// local default port) and connects once, without retrying:
  /// ConnectionError when nothing answers within `timeout`.
  static arrow::Result<std::unique_ptr<ViewerClient>> Connect(
      std::string_view url, std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~ViewerClient();

  /// WriteTable: `batch` as table `name` (a viewer replaces a table of the
  /// same name). ConnectionError on any failure status, TimeoutError on
  /// DEADLINE_EXCEEDED.
  arrow::Status SendTable(const std::string& name, const arrow::RecordBatch& batch);

  /// SaveScreenshot: the viewer writes its window (or the view `view_id`)
  /// to `file_path`, relative to the viewer's working directory, and the
  /// call returns once it has. Errors as SendTable's; `timeout` none waits
  /// as long as the viewer takes.
  arrow::Status SaveScreenshot(const std::string& file_path, const std::optional<std::string>& view_id,
                               std::optional<std::chrono::duration<double>> timeout = std::nullopt);

  const ProxyUrl& url() const;

 private:
  struct Connection;
  explicit ViewerClient(std::unique_ptr<Connection> connection);
  std::unique_ptr<Connection> connection_;
};

}  // namespace rrflow
