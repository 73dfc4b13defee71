// Bearer secrets: random tokens shown to their holder once, and the digest
// the database keeps instead of them.
//
// Session tokens and API keys carry 32 random bytes (256 bits), so a fast
// digest is enough: nobody can guess a preimage, and a leaked table of
// digests cannot be replayed as credentials. A slow hash (argon2id) is for
// secrets people choose, i.e. passwords.
#pragma once

#include <string>
#include <string_view>

namespace shrimp::accounts {

inline constexpr size_t kTokenBytes = 32;

// 32 bytes from libsodium's CSPRNG, URL-safe base64 without padding (43 characters).
std::string NewToken();

// SHA-256 of `text` as 64 lower-case hex digits (libsodium).
std::string Sha256Hex(std::string_view text);

}  // namespace shrimp::accounts
