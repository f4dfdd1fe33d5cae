// The cases and messages below were checked against rerun-sdk 0.33.1's
// connect_grpc and ViewerClient.
#include "rrflow/net/proxy_url.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow {
namespace {

std::string Parsed(std::string_view url) {
  auto parsed = ParseProxyUrl(url);
  if (!parsed.ok()) return "error: " + parsed.status().message();
  return parsed->ToString();
}

TEST(ProxyUrlTest, SchemesAndDefaultPorts) {
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:9876/proxy"), "rerun+http://127.0.0.1:9876/proxy");
  EXPECT_EQ(Parsed(kDefaultProxyUrl), "rerun+http://127.0.0.1:9876/proxy");
  EXPECT_EQ(Parsed("rerun+https://127.0.0.1:1/proxy"), "rerun://127.0.0.1:1/proxy");
  EXPECT_EQ(Parsed("rerun://example.com/proxy"), "rerun://example.com:443/proxy");
  EXPECT_EQ(Parsed("rerun+http://example.com/proxy"), "rerun+http://example.com:80/proxy");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1/proxy"), "rerun+http://127.0.0.1:9876/proxy");
  EXPECT_EQ(Parsed("rerun+http://localhost/proxy"), "rerun+http://localhost:9876/proxy");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:/proxy"), "rerun+http://127.0.0.1:9876/proxy");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:65535/proxy"), "rerun+http://127.0.0.1:65535/proxy");
  EXPECT_EQ(Parsed("rerun+http://[::1]:1/proxy"), "rerun+http://[::1]:1/proxy");
}

TEST(ProxyUrlTest, GuessesAndRewrites) {
  EXPECT_EQ(Parsed("127.0.0.1:9876/proxy"), "rerun+http://127.0.0.1:9876/proxy");
  EXPECT_EQ(Parsed("localhost/proxy"), "rerun+http://localhost:9876/proxy");
  EXPECT_EQ(Parsed("rerun.io/proxy"), "rerun://rerun.io:443/proxy");
  EXPECT_EQ(Parsed("rerun http://127.0.0.1:1/proxy"), "rerun+http://127.0.0.1:1/proxy");
  EXPECT_EQ(Parsed("rerun+http://0.0.0.0:1/proxy"), "rerun+http://127.0.0.1:1/proxy");
}

TEST(ProxyUrlTest, IgnoredParts) {
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:1/proxy/"), "rerun+http://127.0.0.1:1/proxy");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:1/proxy//"), "rerun+http://127.0.0.1:1/proxy");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:1//proxy"), "rerun+http://127.0.0.1:1/proxy");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:1/proxy?x=1#f"), "rerun+http://127.0.0.1:1/proxy");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:1/proxy#x/y"), "rerun+http://127.0.0.1:1/proxy");
  EXPECT_EQ(Parsed("rerun+http://user@127.0.0.1:1/proxy"), "rerun+http://127.0.0.1:1/proxy");
}

TEST(ProxyUrlTest, SchemeErrors) {
  const std::string reason =
      "Invalid or missing scheme (expected one of: `rerun://`, `rerun+http://`, `rerun+https://`)";
  EXPECT_EQ(Parsed("http://127.0.0.1:9876/proxy"),
            "error: invalid endpoint \"http://127.0.0.1:9876/proxy\": " + reason);
  EXPECT_EQ(Parsed("foo"), "error: invalid endpoint \"foo\": " + reason);
  EXPECT_EQ(Parsed(""), "error: invalid endpoint \"\": " + reason);
  EXPECT_EQ(Parsed("RERUN+HTTP://127.0.0.1:1/proxy"),
            "error: invalid endpoint \"RERUN+HTTP://127.0.0.1:1/proxy\": " + reason);
}

TEST(ProxyUrlTest, AuthorityErrors) {
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:99999/proxy"),
            "error: invalid endpoint \"rerun+http://127.0.0.1:99999/proxy\": invalid port number");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:abc/proxy"),
            "error: invalid endpoint \"rerun+http://127.0.0.1:abc/proxy\": invalid port number");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:-1/proxy"),
            "error: invalid endpoint \"rerun+http://127.0.0.1:-1/proxy\": invalid port number");
  EXPECT_EQ(Parsed("rerun+http://:1/proxy"),
            "error: invalid endpoint \"rerun+http://:1/proxy\": empty host");
  EXPECT_EQ(Parsed("rerun+http://[::1/proxy"),
            "error: invalid endpoint \"rerun+http://[::1/proxy\": invalid IPv6 address");
  EXPECT_EQ(Parsed("rerun+http://300.1.1.1:1/proxy"),
            "error: invalid endpoint \"rerun+http://300.1.1.1:1/proxy\": invalid IPv4 address");
  EXPECT_EQ(Parsed("rerun+http://a b:1/proxy"),
            "error: invalid endpoint \"rerun+http://a b:1/proxy\": invalid international domain "
            "name");
}

TEST(ProxyUrlTest, PathErrors) {
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:9876/proxy/x"),
            "error: invalid endpoint \"rerun+http://127.0.0.1:9876/proxy/x\": Unexpected URI:: "
            "proxy/");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:1/PROXY"),
            "error: invalid endpoint \"rerun+http://127.0.0.1:1/PROXY\": Unexpected URI:: PROXY/");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:1/a/b/c"),
            "error: invalid endpoint \"rerun+http://127.0.0.1:1/a/b/c\": Unexpected URI:: a/");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:1/catalog/x"),
            "error: invalid endpoint \"rerun+http://127.0.0.1:1/catalog/x\": Unexpected URI:: "
            "catalog/");
  // Other kinds of endpoint: the whole URL is named.
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:9876"),
            "error: invalid endpoint \"rerun+http://127.0.0.1:9876\": Unexpected URI:: "
            "rerun+http://127.0.0.1:9876");
  EXPECT_EQ(Parsed("rerun+http://localhost/"),
            "error: invalid endpoint \"rerun+http://localhost/\": Unexpected URI:: "
            "rerun+http://localhost/");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:9876/catalog"),
            "error: invalid endpoint \"rerun+http://127.0.0.1:9876/catalog\": Unexpected URI:: "
            "rerun+http://127.0.0.1:9876/catalog");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:1/folder/x"),
            "error: invalid endpoint \"rerun+http://127.0.0.1:1/folder/x\": Unexpected URI:: "
            "rerun+http://127.0.0.1:1/folder/x");
  EXPECT_EQ(Parsed("rerun+http:///proxy"),
            "error: invalid endpoint \"rerun+http:///proxy\": Unexpected URI:: "
            "rerun+http:///proxy");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:1/entry/x"),
            "error: invalid endpoint \"rerun+http://127.0.0.1:1/entry/x\": Invalid TUID: invalid "
            "digit found in string");
  EXPECT_EQ(Parsed("rerun+http://127.0.0.1:1/dataset/0123456789abcdef0123456789abcdef"),
            "error: invalid endpoint "
            "\"rerun+http://127.0.0.1:1/dataset/0123456789abcdef0123456789abcdef\": Dataset data "
            "URL requires a `?segment_id` query parameter");
}

TEST(ProxyUrlTest, ErrorsAreRuntimeErrors) {
  EXPECT_TRUE(ParseProxyUrl("foo").status().IsExecutionError());
}

TEST(ProxyUrlTest, TargetDropsThePath) {
  ASSERT_OK_AND_ASSIGN(auto url, ParseProxyUrl("rerun+http://127.0.0.1:1234/proxy"));
  EXPECT_EQ(url.target(), "127.0.0.1:1234");
  EXPECT_FALSE(url.tls);
}

TEST(ViewerOriginTest, NoPathCheckNoLocalDefault) {
  ASSERT_OK_AND_ASSIGN(auto url, ParseViewerOrigin("rerun+http://127.0.0.1/proxy"));
  EXPECT_EQ(url.target(), "127.0.0.1:80");
  ASSERT_OK_AND_ASSIGN(url, ParseViewerOrigin("rerun+http://127.0.0.1:1/x/y"));
  EXPECT_EQ(url.target(), "127.0.0.1:1");
  ASSERT_OK_AND_ASSIGN(url, ParseViewerOrigin("127.0.0.1:1"));
  EXPECT_EQ(url.target(), "127.0.0.1:1");
}

TEST(ViewerOriginTest, Errors) {
  EXPECT_EQ(ParseViewerOrigin("rerun http://127.0.0.1:1/proxy").status().message(),
            "Invalid URI: Invalid or missing scheme (expected one of: `rerun://`, "
            "`rerun+http://`, `rerun+https://`)");
  EXPECT_EQ(ParseViewerOrigin("rerun+http://127.0.0.1:99999").status().message(),
            "Invalid URI: invalid port number");
  EXPECT_EQ(ParseViewerOrigin("rerun+http://:1").status().message(), "Invalid URI: empty host");
  EXPECT_TRUE(ParseViewerOrigin("foo").status().IsInvalid());
}

}  // namespace
}  // namespace rrflow
