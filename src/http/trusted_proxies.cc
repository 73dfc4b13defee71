#include "http/trusted_proxies.h"

#include <boost/system/error_code.hpp>

namespace shrimp::http {
namespace {

namespace ip = boost::asio::ip;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// IPv4-mapped IPv6 (::ffff:10.0.0.1) is the IPv4 address it maps.
ip::address Unmapped(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& specs) {
  TrustedProxies proxies;
  for (const std::string& spec : specs) {
    // Boost.Asio parses both forms: "10.0.0.0/8" as a network, "10.0.0.1" as
    // an address (a network of one).
    std::string text(Trim(spec));
    if (text.find('/') == std::string::npos)
      text += text.find(':') == std::string::npos ? "/32" : "/128";
    boost::system::error_code v4_error, v6_error;
    ip::network_v4 v4 = ip::make_network_v4(text, v4_error);
    if (!v4_error) {
      proxies.v4_.push_back(v4.canonical());
      continue;
    }
    ip::network_v6 v6 = ip::make_network_v6(text, v6_error);
    if (!v6_error) {
      proxies.v6_.push_back(v6.canonical());
      continue;
    }
    return InvalidArgument("bad_trusted_proxy",
                           "trusted proxy \"" + spec + "\" is not an address or a network");
  }
  return proxies;
}

bool TrustedProxies::Trusts(const ip::address& raw) const {
  ip::address address = Unmapped(raw);
  if (address.is_v4()) {
    ip::network_v4 host(address.to_v4(), 32);
    for (const auto& network : v4_) {
      if (host == network || host.is_subnet_of(network)) return true;
    }
    return false;
  }
  ip::network_v6 host(address.to_v6(), 128);
  for (const auto& network : v6_) {
    if (host == network || host.is_subnet_of(network)) return true;
  }
  return false;
}

std::string TrustedProxies::ClientAddress(const std::string& peer,
                                          std::string_view forwarded_for) const {
  if (empty() || forwarded_for.empty()) return peer;
  boost::system::error_code error;
  ip::address peer_address = ip::make_address(peer, error);
  if (error || !Trusts(peer_address)) return peer;
  // Walk from the right: the nearest hop first.
  std::string client = peer;
  std::string_view rest = forwarded_for;
  for (int hop = 0; hop < kForwardedHopsMax && !rest.empty(); ++hop) {
    size_t comma = rest.rfind(',');
    std::string_view entry = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    ip::address address = ip::make_address(std::string(entry), error);
    // Not an address: the hop that wrote it cannot be believed; the last
    // trusted hop's peer is the best we know.
    if (error) return client;
    client = Unmapped(address).to_string();
    if (!Trusts(address)) return client;
  }
  return client;
}

}  // namespace shrimp::http
