// Pure checks: no request is ever sent; the only names resolved are loopback.
#include "partners/url_guard.h"

#include <gtest/gtest.h>

namespace shrimp::partners {
namespace {

TEST(UrlGuard, RefusesEveryNonPublicAddress) {
  for (const char* address : {"127.0.0.1",
                              "127.0.0.2",
                              "127.255.255.254",
                              "0.0.0.0",
                              "10.1.2.3",
                              "100.64.0.1",
                              "100.100.100.200",
                              "169.254.169.254",
                              "172.16.0.1",
                              "172.31.255.255",
                              "192.168.1.1",
                              "192.0.2.1",
                              "198.18.0.1",
                              "224.0.0.1",
                              "255.255.255.255",
                              "::1",
                              "::",
                              "::ffff:127.0.0.1",
                              "::ffff:10.0.0.1",
                              "::ffff:169.254.169.254",
                              "64:ff9b::7f00:1",
                              "2002:7f00:1::",
                              "fc00::1",
                              "fd00:ec2::254",
                              "fe80::1",
                              "ff02::1",
                              "2001:db8::1",
                              "::127.0.0.1",
                              "2130706434"}) {
    EXPECT_TRUE(RefusalReasonForText(address).has_value()) << address;
  }
}

TEST(UrlGuard, AcceptsPublicAddresses) {
  // Checked as text only: nothing connects to them.
  for (const char* address : {"93.184.215.14", "1.1.1.1", "172.32.0.1", "100.128.0.1",
                              "2606:4700::1111", "::ffff:93.184.215.14", "64:ff9b::5db8:d70e"}) {
    EXPECT_FALSE(RefusalReasonForText(address).has_value()) << address;
  }
}

TEST(UrlGuard, ParsesOnlyHttpUrlsWithAHostAndNoCredentials) {
  auto parsed = ParseWebhookUrl("https://partner.example:8443/hooks?x=1");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->scheme, "https");
  EXPECT_EQ(parsed->host, "partner.example");
  EXPECT_EQ(parsed->port, 8443);
  EXPECT_FALSE(parsed->host_is_address);
  auto v6 = ParseWebhookUrl("http://[::1]:9/x");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_TRUE(v6->host_is_address);
  EXPECT_EQ(ParseWebhookUrl("http://2130706434/")->host_is_address, true);
  EXPECT_EQ(ParseWebhookUrl("http://a.example/")->port, 80);
  for (const char* bad :
       {"", "ftp://a.example/", "http://u:p@a.example/", "a.example/x", "http://a.example/ x",
        "file:///etc/passwd", "http://a.example:0/", "http://a.example:99999/"}) {
    EXPECT_FALSE(ParseWebhookUrl(bad).ok()) << bad;
  }
  EXPECT_FALSE(ParseWebhookUrl("http://a.example/" + std::string(3000, 'x')).ok());
}

TEST(UrlGuard, RegistrationRefusesLoopbackSpellingsUnlessAllowed) {
  std::vector<std::string> allowed = {"127.0.0.1"};
  for (const char* url : {"http://127.0.0.2/", "http://[::1]/", "http://2130706434/",
                          "http://localhost/", "http://LOCALHOST./", "http://a.localhost/",
                          "http://0x7f000002/", "http://017700000002/"}) {
    auto parsed = ParseWebhookUrl(url);
    ASSERT_TRUE(parsed.ok()) << url;
    auto checked = CheckUrlAtRegistration(*parsed, allowed);
    ASSERT_FALSE(checked.ok()) << url;
    EXPECT_EQ(checked.error().code, "url_not_allowed");
  }
  EXPECT_TRUE(CheckUrlAtRegistration(*ParseWebhookUrl("http://127.0.0.1:9/"), allowed).ok());
  // A name is checked at delivery, when it is resolved.
  EXPECT_TRUE(CheckUrlAtRegistration(*ParseWebhookUrl("https://partner.example/"), allowed).ok());
}

TEST(UrlGuard, DeliveryResolvesAndRefusesLoopbackNames) {
  std::vector<std::string> allowed = {"127.0.0.1"};
  for (const char* url :
       {"http://localhost:9/", "http://127.0.0.2:9/", "http://[::1]:9/", "http://2130706434:9/"}) {
    auto parsed = ParseWebhookUrl(url);
    ASSERT_TRUE(parsed.ok()) << url;
    auto resolved = ResolveForDelivery(*parsed, allowed);
    ASSERT_FALSE(resolved.ok()) << url;
    EXPECT_EQ(resolved.error().code, "address_refused") << url;
  }
  auto allowed_host = ResolveForDelivery(*ParseWebhookUrl("http://127.0.0.1:9/"), allowed);
  ASSERT_TRUE(allowed_host.ok());
  EXPECT_EQ(*allowed_host, "127.0.0.1");
}

}  // namespace
}  // namespace shrimp::partners
