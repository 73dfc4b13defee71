#include "partners/url_guard.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "partners/webhooks.h"

namespace shrimp::partners {
namespace {

Error InvalidUrl(std::string message) {
  return InvalidArgument("invalid_url", std::move(message)).With("field", "url");
}

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct TextDeleter {
  void operator()(char* text) const { curl_free(text); }
};

std::optional<std::string> UrlPart(CURLU* url, CURLUPart part, unsigned flags = 0) {
  char* text = nullptr;
  if (curl_url_get(url, part, &text, flags) != CURLUE_OK || text == nullptr) return std::nullopt;
  std::unique_ptr<char, TextDeleter> owned(text);
  return std::string(text);
}

// Host-order IPv4: one entry per refused block, with why.
struct Block {
  uint32_t base;
  int prefix;
  const char* why;
};
constexpr Block kIpv4Refused[] = {
    {0x00000000, 8, "this network (0.0.0.0/8)"},
    {0x0A000000, 8, "private (10.0.0.0/8)"},
    {0x64400000, 10, "carrier-grade NAT (100.64.0.0/10)"},
    {0x7F000000, 8, "loopback (127.0.0.0/8)"},
    {0xA9FE0000, 16, "link-local or cloud metadata (169.254.0.0/16)"},
    {0xAC100000, 12, "private (172.16.0.0/12)"},
    {0xC0000000, 24, "IETF protocol assignments (192.0.0.0/24)"},
    {0xC0000200, 24, "documentation (192.0.2.0/24)"},
    {0xC0586300, 24, "6to4 relay anycast (192.88.99.0/24)"},
    {0xC0A80000, 16, "private (192.168.0.0/16)"},
    {0xC6120000, 15, "benchmarking (198.18.0.0/15)"},
    {0xC6336400, 24, "documentation (198.51.100.0/24)"},
    {0xCB007100, 24, "documentation (203.0.113.0/24)"},
    {0xE0000000, 4, "multicast (224.0.0.0/4)"},
    {0xF0000000, 4, "reserved or broadcast (240.0.0.0/4)"},
};

std::optional<std::string> RefuseIpv4(uint32_t host_order) {
  for (const Block& block : kIpv4Refused) {
    uint32_t mask = block.prefix == 0 ? 0 : ~uint32_t{0} << (32 - block.prefix);
    if ((host_order & mask) == block.base) return std::string(block.why);
  }
  return std::nullopt;
}

uint32_t Ipv4At(const uint8_t* bytes) {
  return (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) | (uint32_t{bytes[2]} << 8) |
         uint32_t{bytes[3]};
}

std::optional<std::string> RefuseIpv6(const in6_addr& address) {
  const uint8_t* b = address.s6_addr;
  auto zero = [&](int from, int to) {
    return std::all_of(b + from, b + to, [](uint8_t byte) { return byte == 0; });
  };
  if (zero(0, 15) && b[15] == 1) return std::string("loopback (::1)");
  if (zero(0, 16)) return std::string("unspecified (::)");
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible) reach the IPv4 address.
  if (zero(0, 10) && b[10] == 0xFF && b[11] == 0xFF) {
    if (auto why = RefuseIpv4(Ipv4At(b + 12))) return "IPv4-mapped " + *why;
    return std::nullopt;
  }
  if (zero(0, 12)) return std::string("IPv4-compatible (::/96)");
  // 64:ff9b::/96 (NAT64) embeds an IPv4 address in its last 32 bits.
  static constexpr uint8_t kNat64[12] = {0x00, 0x64, 0xFF, 0x9B};
  if (std::memcmp(b, kNat64, 12) == 0) {
    if (auto why = RefuseIpv4(Ipv4At(b + 12))) return "NAT64 " + *why;
    return std::nullopt;
  }
  if (b[0] == 0x64 && b[1] == 0xFF && b[2] == 0x9B && b[3] == 0x00 && b[4] == 0x01) {
    return std::string("local NAT64 (64:ff9b:1::/48)");
  }
  // 2002::/16 (6to4) embeds an IPv4 address in bits 16..47.
  if (b[0] == 0x20 && b[1] == 0x02) {
    if (auto why = RefuseIpv4(Ipv4At(b + 2))) return "6to4 " + *why;
  }
  if ((b[0] & 0xFE) == 0xFC) return std::string("unique local (fc00::/7)");
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return std::string("link-local (fe80::/10)");
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return std::string("site-local (fec0::/10)");
  if (b[0] == 0xFF) return std::string("multicast (ff00::/8)");
  if (b[0] == 0x01 && zero(1, 8)) return std::string("discard (100::/64)");
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) {
    return std::string("documentation (2001:db8::/32)");
  }
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) {
    return std::string("Teredo (2001::/32)");
  }
  return std::nullopt;
}

bool IsLocalhostName(std::string host) {
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!host.empty() && host.back() == '.') host.pop_back();
  return host == "localhost" || (host.size() > 10 && host.ends_with(".localhost")) ||
         host == "ip6-localhost" || host == "ip6-loopback";
}

struct AddrInfoDeleter {
  void operator()(addrinfo* info) const { freeaddrinfo(info); }
};

std::string NumericText(const sockaddr* address) {
  char text[INET6_ADDRSTRLEN] = {0};
  if (address->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
    return text;
  }
  inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text,
            sizeof text);
  return std::string("[") + text + "]";
}

}  // namespace

Result<WebhookUrl> ParseWebhookUrl(const std::string& text) {
  if (text.empty() || text.size() > kWebhookUrlBytesMax) {
    return InvalidUrl("url must be 1 to " + std::to_string(kWebhookUrlBytesMax) + " bytes");
  }
  if (std::any_of(text.begin(), text.end(),
                  [](unsigned char c) { return c <= 0x20 || c >= 0x7F; })) {
    return InvalidUrl("url must be printable ASCII without spaces");
  }
  std::unique_ptr<CURLU, UrlDeleter> url(curl_url());
  if (!url) return Internal("curl_url failed");
  if (curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    return InvalidUrl("url is not a valid absolute URL");
  }
  WebhookUrl parsed;
  parsed.scheme = UrlPart(url.get(), CURLUPART_SCHEME).value_or("");
  if (parsed.scheme != "http" && parsed.scheme != "https") {
    return InvalidUrl("url must be http or https");
  }
  if (UrlPart(url.get(), CURLUPART_USER) || UrlPart(url.get(), CURLUPART_PASSWORD)) {
    return InvalidUrl("url must not carry a user or password");
  }
  parsed.host = UrlPart(url.get(), CURLUPART_HOST).value_or("");
  if (parsed.host.size() >= 2 && parsed.host.front() == '[' && parsed.host.back() == ']') {
    parsed.host = parsed.host.substr(1, parsed.host.size() - 2);
  }
  if (parsed.host.empty()) return InvalidUrl("url must name a host");
  auto port = UrlPart(url.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  parsed.port = port ? std::atoll(port->c_str()) : 0;
  if (parsed.port < 1 || parsed.port > 65535) return InvalidUrl("url port must be 1..65535");
  addrinfo hints{};
  hints.ai_flags = AI_NUMERICHOST;
  hints.ai_family = AF_UNSPEC;
  addrinfo* numeric = nullptr;
  if (getaddrinfo(parsed.host.c_str(), nullptr, &hints, &numeric) == 0) {
    parsed.host_is_address = true;
    freeaddrinfo(numeric);
  }
  return parsed;
}

std::optional<std::string> RefusalReason(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    return RefuseIpv4(ntohl(reinterpret_cast<const sockaddr_in*>(address)->sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    return RefuseIpv6(reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr);
  }
  return std::string("not an internet address");
}

std::optional<std::string> RefusalReasonForText(const std::string& text) {
  addrinfo hints{};
  hints.ai_flags = AI_NUMERICHOST;
  hints.ai_family = AF_UNSPEC;
  addrinfo* found = nullptr;
  if (getaddrinfo(text.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) {
    return std::string("not a numeric address");
  }
  std::unique_ptr<addrinfo, AddrInfoDeleter> owned(found);
  return RefusalReason(found->ai_addr);
}

bool IsAllowedHost(const std::string& host, const std::vector<std::string>& allowed_hosts) {
  return std::find(allowed_hosts.begin(), allowed_hosts.end(), host) != allowed_hosts.end();
}

Status CheckUrlAtRegistration(const WebhookUrl& url,
                              const std::vector<std::string>& allowed_hosts) {
  if (IsAllowedHost(url.host, allowed_hosts)) return OkStatus();
  std::optional<std::string> why;
  if (url.host_is_address) why = RefusalReasonForText(url.host);
  if (IsLocalhostName(url.host)) why = "loopback (localhost)";
  if (why) {
    return InvalidArgument("url_not_allowed", "webhooks may not target a " + *why + " address")
        .With("field", "url");
  }
  return OkStatus();
}

Result<std::string> ResolveForDelivery(const WebhookUrl& url,
                                       const std::vector<std::string>& allowed_hosts) {
  bool allowed = IsAllowedHost(url.host, allowed_hosts);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int status = getaddrinfo(url.host.c_str(), nullptr, &hints, &found);
  if (status != 0 || found == nullptr) {
    return Error{ErrorKind::kUnavailable,
                 "resolve_failed",
                 std::string("cannot resolve the host: ") + gai_strerror(status),
                 {}};
  }
  std::unique_ptr<addrinfo, AddrInfoDeleter> owned(found);
  std::optional<std::string> first_refusal;
  for (addrinfo* entry = found; entry != nullptr; entry = entry->ai_next) {
    if (entry->ai_family != AF_INET && entry->ai_family != AF_INET6) continue;
    std::optional<std::string> why = allowed ? std::nullopt : RefusalReason(entry->ai_addr);
    if (!why) return NumericText(entry->ai_addr);
    if (!first_refusal) first_refusal = why;
  }
  // Every address is refused: a name with one public and one private answer
  // connects only to the public one; with none, nothing is sent at all.
  return Forbidden("address_refused",
                   "the host resolves only to " + first_refusal.value_or("no internet address"));
}

}  // namespace shrimp::partners
