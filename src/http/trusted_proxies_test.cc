#include "http/trusted_proxies.h"

#include <gtest/gtest.h>

namespace shrimp::http {
namespace {

TrustedProxies Proxies(const std::vector<std::string>& specs) {
  auto proxies = TrustedProxies::Parse(specs);
  EXPECT_TRUE(proxies.ok()) << proxies.error().message;
  return proxies.ok() ? *proxies : TrustedProxies{};
}

TEST(TrustedProxies, ParsesAddressesAndNetworksAndNamesABadEntry) {
  TrustedProxies proxies = Proxies({"10.0.0.0/8", "127.0.0.1", "fd00::/8", "::1"});
  auto address = [](const char* text) { return boost::asio::ip::make_address(text); };
  EXPECT_TRUE(proxies.Trusts(address("10.1.2.3")));
  EXPECT_TRUE(proxies.Trusts(address("127.0.0.1")));
  EXPECT_FALSE(proxies.Trusts(address("127.0.0.2")));
  EXPECT_TRUE(proxies.Trusts(address("fd12::1")));
  EXPECT_TRUE(proxies.Trusts(address("::1")));
  EXPECT_TRUE(proxies.Trusts(address("::ffff:10.0.0.9")));  // IPv4-mapped
  EXPECT_FALSE(proxies.Trusts(address("11.0.0.1")));
  for (const char* bad : {"proxy.example", "10.0.0.0/33", "10.0.0.0/", "::1/129", "10.0.0.0/8x"}) {
    auto parsed = TrustedProxies::Parse({bad});
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.error().message.find(bad), std::string::npos) << parsed.error().message;
  }
}

TEST(TrustedProxies, TheClientIsTheRightmostUntrustedHop) {
  TrustedProxies none;
  // Nothing trusted: the header is ignored.
  EXPECT_EQ(none.ClientAddress("127.0.0.1", "198.51.100.7"), "127.0.0.1");
  TrustedProxies proxies = Proxies({"127.0.0.1", "10.0.0.0/8"});
  // An untrusted peer's header proves nothing.
  EXPECT_EQ(proxies.ClientAddress("192.0.2.1", "198.51.100.7"), "192.0.2.1");
  // A trusted peer: the nearest untrusted hop, whatever the client wrote left of it.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "198.51.100.7"), "198.51.100.7");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "1.1.1.1, 198.51.100.7, 10.0.0.5"), "198.51.100.7");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", " 2001:db8::7 "), "2001:db8::7");
  // Every hop trusted: the leftmost one is the client.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "10.0.0.5"), "10.0.0.5");
  // Garbage stops the walk at the last hop that could be believed.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "198.51.100.7, not-an-ip"), "127.0.0.1");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "garbage, 10.0.0.5"), "10.0.0.5");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", ""), "127.0.0.1");
}

}  // namespace
}  // namespace shrimp::http
