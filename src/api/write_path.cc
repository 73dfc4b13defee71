#include "api/write_path.h"

#include <sodium.h>

namespace shrimp::api {

std::string RequestFingerprint(const http::Request& request) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  auto add = [&](std::string_view part) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                              part.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>("\n"), 1);
  };
  add(request.method);
  add(request.path);
  add(request.body);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace shrimp::api
