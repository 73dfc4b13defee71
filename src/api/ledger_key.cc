#include "api/ledger_key.h"

#include <sodium.h>

namespace shrimp::api {

std::string LedgerKeyFor(std::string_view purpose, std::string_view scope,
                         const http::Request& request) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  // The separator keeps ("a", "b\nc") and ("a\nb", "c") apart; neither part
  // may hold a newline (scopes are "user:<id>", keys printable ASCII).
  for (std::string_view part : {scope, std::string_view("\n"), request.Header("idempotency-key")}) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                              part.size());
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(purpose) + "/" + hex;
}

}  // namespace shrimp::api
