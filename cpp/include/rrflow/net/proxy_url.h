// Viewer URLs: `rerun+http://HOST:PORT/proxy` and friends, parsed as the
// reference SDK parses them (specs/viewer-protocol.md §1), with its errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <arrow/result.h>

namespace rrflow {

/// Where a viewer or proxy listens: the scheme decides TLS, the host and port
/// the gRPC authority.
struct ProxyUrl {
  /// `rerun://` and `rerun+https://`: HTTP/2 over TLS; `rerun+http://`: plain.
  bool tls = false;
  /// A DNS name, dotted IPv4 or bracketed IPv6 (`[::1]`), as it is connected
  /// to: the unspecified address is already replaced by 127.0.0.1.
  std::string host;
  uint16_t port = 0;

  /// `rerun+http://HOST:PORT/proxy`, or `rerun://…` for TLS: the port is
  /// always written, as the reference formats proxy URLs.
  std::string ToString() const;
  /// The gRPC channel target, `HOST:PORT`.
  std::string target() const;

  bool operator==(const ProxyUrl&) const = default;
};

/// The proxy URL connect_grpc uses when given none.
inline constexpr std::string_view kDefaultProxyUrl = "rerun+http://127.0.0.1:9876/proxy";

/// Parses a message-proxy URL as the reference's connect_grpc does: the
/// scheme (`rerun://`, `rerun+http://`, `rerun+https://`; without `://`, a
/// URL naming localhost or 127.0.0.1 is taken as `rerun+http://`, one naming
/// rerun.io as `rerun://`), the path `/proxy` (a trailing slash, empty
/// segments, a query and a fragment are ignored), default ports 9876 for
/// local hosts when the text contains `/proxy`, else 51234 locally, 443 with
/// TLS and 80 without. Errors (RuntimeError) read
/// `invalid endpoint "<url>": <reason>` with the reference's reasons.
arrow::Result<ProxyUrl> ParseProxyUrl(std::string_view url);

/// Parses only scheme, host and port, as the reference's ViewerClient does:
/// the path is not looked at and no local default port applies (80 or 443).
/// Errors (Invalid) read `Invalid URI: <reason>`.
arrow::Result<ProxyUrl> ParseViewerOrigin(std::string_view url);

}  // namespace rrflow
