// Trusted proxies: which peers may say who the client is.
//
// Behind a load balancer or reverse proxy every connection comes from the
// proxy, so per-address limits (sign-ups, log-in guards) would lump every
// user together. An operator names the proxies it runs (`shrimp serve
// --trusted-proxy 10.0.0.0/8`, repeatable; addresses or CIDR networks, IPv4
// or IPv6). For a connection from one of them, the client is the rightmost
// address in X-Forwarded-For that is not itself a trusted proxy: each proxy
// appends the address it saw, so entries left of the first untrusted one
// were written by the client and prove nothing. With no proxies named (the
// default), X-Forwarded-For is ignored and the client is the peer.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace shrimp::http {

// At most this many X-Forwarded-For entries are read (from the right).
inline constexpr int kForwardedHopsMax = 16;

class TrustedProxies {
 public:
  // "10.0.0.0/8", "127.0.0.1", "::1", "fd00::/8". An error names the bad entry.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& specs);

  bool empty() const { return v4_.empty() && v6_.empty(); }
  bool Trusts(const boost::asio::ip::address& address) const;
  // The client's address for a request from `peer` carrying `forwarded_for`
  // (the X-Forwarded-For header, possibly empty).
  std::string ClientAddress(const std::string& peer, std::string_view forwarded_for) const;

 private:
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

}  // namespace shrimp::http
