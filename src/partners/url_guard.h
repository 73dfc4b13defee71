// UrlGuard: where shrimp may send a webhook (server-side request forgery).
//
// A webhook URL is chosen by a merchant, so shrimp must never let it reach
// what only the server can reach: loopback, private networks, link-local
// (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast, and the
// IPv6 forms that embed those (mapped, NAT64, 6to4, unique-local). The check
// runs at delivery time, on every address the name resolves to, and the
// request is then pinned to the address checked (CURLOPT_RESOLVE), with a
// last check on the socket curl opens, so a DNS answer that changes between
// the check and the connection (rebinding) cannot slip through.
//
// An operator may allow named hosts (`shrimp serve --webhook-allow-host`):
// a URL whose host is spelled exactly so skips the address check (the tests'
// loopback receiver; a partner on the operator's own private network).
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace shrimp::partners {

struct WebhookUrl {
  std::string scheme;  // "http" | "https"
  std::string host;    // as written, without brackets
  int64_t port = 0;
  bool host_is_address = false;  // an IP literal in any spelling curl accepts
};

// Syntax only, no DNS: http or https, a host, no user or password, at most
// kWebhookUrlBytesMax bytes. Errors: invalid_url (kInvalidArgument).
[[nodiscard]] Result<WebhookUrl> ParseWebhookUrl(const std::string& url);

// Why shrimp refuses to connect to `address`, or nullopt when it is public.
std::optional<std::string> RefusalReason(const sockaddr* address);
// The same for a numeric address in text ("10.0.0.1", "::1"); a text that is
// no address is refused.
std::optional<std::string> RefusalReasonForText(const std::string& address);

// At registration, without DNS: refuses IP literals and "localhost" names
// that are not allowed. Errors: url_not_allowed (kInvalidArgument).
[[nodiscard]] Status CheckUrlAtRegistration(const WebhookUrl& url,
                                            const std::vector<std::string>& allowed_hosts);

bool IsAllowedHost(const std::string& host, const std::vector<std::string>& allowed_hosts);

// At delivery: resolves the host (blocking: the dispatcher's thread only) and
// returns the numeric address to connect to, the first public one (or the
// first of an allowed host). Errors: address_refused, resolve_failed.
[[nodiscard]] Result<std::string> ResolveForDelivery(const WebhookUrl& url,
                                                     const std::vector<std::string>& allowed_hosts);

}  // namespace shrimp::partners
