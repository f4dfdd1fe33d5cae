#include "rrflow/net/proxy_url.h"

#include <arpa/inet.h>

#include <array>
#include <cctype>
#include <optional>
#include <vector>

#include "rrflow/core/status.h"

namespace rrflow {
namespace {

constexpr uint16_t kDefaultProxyPort = 9876;
constexpr uint16_t kDefaultRedapPort = 51234;
constexpr std::string_view kSchemeError =
    "Invalid or missing scheme (expected one of: `rerun://`, `rerun+http://`, `rerun+https://`)";

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// What the text after the scheme holds, split as a URL parser of the
// `http` scheme splits it.
struct UrlParts {
  bool tls = false;
  std::string host;  // canonical: lower-case name, dotted IPv4, bracketed IPv6
  bool local = false;
  std::optional<uint16_t> port;
  std::vector<std::string> segments;  // non-empty path segments
  std::string query;
};

// The scheme and the rest. Text without `://` is guessed from its host.
arrow::Result<std::pair<bool, std::string_view>> SplitScheme(std::string_view url) {
  for (const auto& [prefix, tls] : {std::pair<std::string_view, bool>{"rerun://", true},
                                    {"rerun+http://", false},
                                    {"rerun+https://", true}}) {
    if (url.substr(0, prefix.size()) == prefix) return std::pair{tls, url.substr(prefix.size())};
  }
  if (Contains(url, "://")) return arrow::Status::Invalid(kSchemeError);
  if (Contains(url, "localhost") || Contains(url, "127.0.0.1")) return std::pair{false, url};
  if (Contains(url, "rerun.io")) return std::pair{true, url};
  return arrow::Status::Invalid(kSchemeError);
}

// One IPv4 part: decimal, 0x hexadecimal or 0-prefixed octal, as URL
// parsers accept them.
std::optional<uint64_t> ParseIpv4Number(std::string_view part) {
  int base = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    base = 16;
    part.remove_prefix(2);
  } else if (part.size() >= 2 && part[0] == '0') {
    base = 8;
    part.remove_prefix(1);
  }
  uint64_t value = 0;
  for (const char c : part) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (base == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0 || digit >= base) return std::nullopt;
    value = value * base + digit;
    if (value > 0xFFFFFFFFULL) return std::nullopt;
  }
  return value;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// A host whose last label is a number is an IPv4 address (or an error).
bool LooksLikeIpv4(std::string_view host) {
  auto labels = Split(host, '.');
  if (labels.size() > 1 && labels.back().empty()) labels.pop_back();
  const std::string_view last = labels.back();
  if (last.empty()) return false;
  if (last.find_first_not_of("0123456789") == std::string_view::npos) return true;
  return last.size() >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') &&
         last.find_first_not_of("0123456789abcdefABCDEF", 2) == std::string_view::npos;
}

arrow::Result<uint32_t> ParseIpv4(std::string_view host) {
  auto labels = Split(host, '.');
  if (labels.size() > 1 && labels.back().empty()) labels.pop_back();
  if (labels.size() > 4) return arrow::Status::Invalid("invalid IPv4 address");
  std::vector<uint64_t> numbers;
  for (const auto label : labels) {
    const auto number = label.empty() ? std::nullopt : ParseIpv4Number(label);
    if (!number) return arrow::Status::Invalid("invalid IPv4 address");
    numbers.push_back(*number);
  }
  // The last number fills the bytes the earlier ones leave.
  for (size_t i = 0; i + 1 < numbers.size(); ++i) {
    if (numbers[i] > 255) return arrow::Status::Invalid("invalid IPv4 address");
  }
  const int last_bytes = 5 - static_cast<int>(numbers.size());
  if (numbers.back() >= (uint64_t{1} << (8 * last_bytes))) {
    return arrow::Status::Invalid("invalid IPv4 address");
  }
  uint64_t address = numbers.back();
  for (size_t i = 0; i + 1 < numbers.size(); ++i) address |= numbers[i] << (8 * (3 - i));
  return static_cast<uint32_t>(address);
}

// Host: `[IPv6]`, IPv4 or a DNS name; sets `parts.host` and `parts.local`.
arrow::Status ParseHost(std::string_view host, UrlParts* parts) {
  if (host.empty()) return arrow::Status::Invalid("empty host");
  if (host.front() == '[') {
    if (host.back() != ']') return arrow::Status::Invalid("invalid IPv6 address");
    const std::string inner(host.substr(1, host.size() - 2));
    std::array<uint8_t, 16> bytes{};
    if (::inet_pton(AF_INET6, inner.c_str(), bytes.data()) != 1) {
      return arrow::Status::Invalid("invalid IPv6 address");
    }
    const std::array<uint8_t, 16> loopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    const bool unspecified = bytes == std::array<uint8_t, 16>{};
    parts->local = unspecified || bytes == loopback;
    if (unspecified) {
      parts->host = "127.0.0.1";
      return arrow::Status::OK();
    }
    // Written in place: GCC 12 at -O3 misreports string concatenation here (-Wrestrict).
    std::array<char, INET6_ADDRSTRLEN + 2> text{};
    text[0] = '[';
    ::inet_ntop(AF_INET6, bytes.data(), text.data() + 1, INET6_ADDRSTRLEN);
    const size_t length = std::char_traits<char>::length(text.data());
    text[length] = ']';
    parts->host.assign(text.data(), length + 1);
    return arrow::Status::OK();
  }
  std::string lower;
  for (const char c : host) {
    const auto byte = static_cast<unsigned char>(c);
    // Characters a host name cannot hold, and anything beyond ASCII, which
    // would need IDNA processing.
    if (byte >= 0x80 || byte <= 0x20 || std::string_view("#%/:<>?@[\\]^|").find(c) !=
                                            std::string_view::npos) {
      return arrow::Status::Invalid("invalid international domain name");
    }
    lower.push_back(static_cast<char>(std::tolower(byte)));
  }
  if (LooksLikeIpv4(lower)) {
    ARROW_ASSIGN_OR_RAISE(const uint32_t address, ParseIpv4(lower));
    parts->local = address == 0 || (address >> 24) == 127;
    parts->host.clear();
    for (int shift = 24; shift >= 0; shift -= 8) {
      if (shift != 24) parts->host.append(".");
      parts->host.append(std::to_string((address >> shift) & 0xFF));
    }
    if (address == 0) parts->host = "127.0.0.1";
    return arrow::Status::OK();
  }
  parts->local = lower == "localhost";
  parts->host = std::move(lower);
  return arrow::Status::OK();
}

arrow::Result<UrlParts> ParseParts(std::string_view url) {
  ARROW_ASSIGN_OR_RAISE(const auto scheme, SplitScheme(url));
  UrlParts parts;
  parts.tls = scheme.first;
  std::string_view rest = scheme.second;
  // As for `http` URLs: slashes before the authority are skipped, and `\`
  // separates like `/`.
  while (!rest.empty() && (rest.front() == '/' || rest.front() == '\\')) rest.remove_prefix(1);
  const size_t authority_end = rest.find_first_of("/\\?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view after =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  // The port follows the last `:` outside brackets.
  std::string_view host = authority;
  const size_t colon = authority.rfind(':');
  const size_t bracket = authority.rfind(']');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = authority.substr(0, colon);
    const std::string_view port = authority.substr(colon + 1);
    if (!port.empty()) {
      if (port.find_first_not_of("0123456789") != std::string_view::npos) {
        return arrow::Status::Invalid("invalid port number");
      }
      uint64_t value = 0;
      for (const char c : port) {
        value = value * 10 + static_cast<uint64_t>(c - '0');
        if (value > 65535) return arrow::Status::Invalid("invalid port number");
      }
      parts.port = static_cast<uint16_t>(value);
    }
  }
  ARROW_RETURN_NOT_OK(ParseHost(host, &parts));
  const size_t fragment = after.find('#');
  if (fragment != std::string_view::npos) after = after.substr(0, fragment);
  const size_t query = after.find('?');
  if (query != std::string_view::npos) {
    parts.query = std::string(after.substr(query + 1));
    after = after.substr(0, query);
  }
  for (auto segment : Split(after, '/')) {
    for (auto piece : Split(segment, '\\')) {
      if (!piece.empty()) parts.segments.emplace_back(piece);
    }
  }
  return parts;
}

// What a 128-bit hexadecimal id parser says about `text`, or nothing if it is one.
std::optional<std::string> TuidError(std::string_view text) {
  if (text.empty()) return "Invalid TUID: cannot parse integer from empty string";
  if (text.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos) {
    return "Invalid TUID: invalid digit found in string";
  }
  if (text.find_first_not_of('0') != std::string_view::npos &&
      text.size() - text.find_first_not_of('0') > 32) {
    return "Invalid TUID: number too large to fit in target type";
  }
  return std::nullopt;
}

// Why a URL that parsed is not a proxy URL: the reference names the first
// unknown segment, or the whole URL when it names another kind of endpoint.
std::string NotProxyReason(std::string_view url, const UrlParts& parts) {
  std::string unexpected_url = "Unexpected URI:: ";
  unexpected_url.append(url);
  const auto& segments = parts.segments;
  if (segments.empty()) return unexpected_url;
  const std::string& head = segments[0];
  if (head == "catalog" && segments.size() == 1) return unexpected_url;
  if (head == "folder" && segments.size() >= 2) return unexpected_url;
  if ((head == "entry" || head == "dataset") && segments.size() >= 2) {
    if (auto error = TuidError(segments[1])) return *error;
    if (head == "dataset" && !Contains(parts.query, "segment_id=")) {
      return "Dataset data URL requires a `?segment_id` query parameter";
    }
    return unexpected_url;
  }
  std::string unexpected_segment = "Unexpected URI:: ";
  unexpected_segment.append(head).append("/");
  return unexpected_segment;
}

}  // namespace

std::string ProxyUrl::ToString() const {
  std::string text = tls ? "rerun://" : "rerun+http://";
  text.append(target()).append("/proxy");
  return text;
}

std::string ProxyUrl::target() const {
  std::string text = host;
  text.append(":").append(std::to_string(port));
  return text;
}

arrow::Result<ProxyUrl> ParseProxyUrl(std::string_view url) {
  // A `+` that a browser turned into a space.
  std::string text(url);
  for (const std::string_view spaced : {"rerun http", "rerun https"}) {
    for (size_t at = text.find(spaced); at != std::string::npos; at = text.find(spaced, at)) {
      text[at + 5] = '+';
    }
  }
  auto fail = [&](std::string_view reason) {
    return RuntimeError("invalid endpoint \"", url, "\": ", reason);
  };
  auto parsed = ParseParts(text);
  if (!parsed.ok()) return fail(parsed.status().message());
  const UrlParts& parts = *parsed;
  if (parts.segments.size() != 1 || parts.segments[0] != "proxy") {
    return fail(NotProxyReason(url, parts));
  }
  ProxyUrl result{parts.tls, parts.host, 0};
  if (parts.port) {
    result.port = *parts.port;
  } else if (parts.local) {
    result.port = Contains(text, "/proxy") ? kDefaultProxyPort : kDefaultRedapPort;
  } else {
    result.port = parts.tls ? 443 : 80;
  }
  return result;
}

arrow::Result<ProxyUrl> ParseViewerOrigin(std::string_view url) {
  auto parsed = ParseParts(url);
  if (!parsed.ok()) return arrow::Status::Invalid("Invalid URI: ", parsed.status().message());
  return ProxyUrl{parsed->tls, parsed->host, parsed->port.value_or(parsed->tls ? 443 : 80)};
}

}  // namespace rrflow
