#include "payments/webhook_signature.h"

#include <sodium.h>

#include <charconv>
#include <string>

namespace shrimp::payments {
namespace {

std::string HmacHex(std::string_view secret, int64_t timestamp_s, std::string_view body) {
  crypto_auth_hmacsha256_state state;
  // An empty string_view may hold a null pointer, and libsodium declares the
  // key nonnull even when its length is 0 (UBSan reports the call).
  static constexpr unsigned char kEmptyKey[1] = {0};
  const unsigned char* key =
      secret.empty() ? kEmptyKey : reinterpret_cast<const unsigned char*>(secret.data());
  crypto_auth_hmacsha256_init(&state, key, secret.size());
  std::string prefix = std::to_string(timestamp_s) + ".";
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(prefix.data()),
                                prefix.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

Error Fail(std::string code, std::string message) {
  return Unauthenticated(std::move(code), std::move(message));
}

}  // namespace

Status ValidateWebhookSecret(std::string_view secret) {
  if (secret.size() < kWebhookSecretBytesMin || secret == kRetiredDefaultSecret) {
    return InvalidArgument("webhook_secret_invalid",
                           "the provider webhook secret must be at least " +
                               std::to_string(kWebhookSecretBytesMin) +
                               " bytes and not the retired built-in default");
  }
  return OkStatus();
}

std::string SignWebhook(std::string_view secret, int64_t timestamp_s, std::string_view body) {
  return "t=" + std::to_string(timestamp_s) + ",v1=" + HmacHex(secret, timestamp_s, body);
}

Status VerifyWebhook(std::string_view secret, std::string_view header, std::string_view body,
                     int64_t now_s, int64_t tolerance_s) {
  // No usable secret verifies nothing: anyone could sign with an empty or
  // published one.
  if (!ValidateWebhookSecret(secret).ok()) {
    return Fail("provider_not_configured", "no webhook secret is configured");
  }
  if (header.empty()) return Fail("missing_signature", "Shrimp-Signature header is required");
  std::string_view timestamp_text, signature;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view part = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (part.substr(0, 2) == "t=") timestamp_text = part.substr(2);
    if (part.substr(0, 3) == "v1=") signature = part.substr(3);
  }
  int64_t timestamp_s = 0;
  auto [end, ec] = std::from_chars(timestamp_text.data(),
                                   timestamp_text.data() + timestamp_text.size(), timestamp_s);
  if (timestamp_text.empty() || ec != std::errc() ||
      end != timestamp_text.data() + timestamp_text.size() ||
      signature.size() != crypto_auth_hmacsha256_BYTES * 2) {
    return Fail("malformed_signature", "Shrimp-Signature must be t=<seconds>,v1=<64 hex digits>");
  }
  if (timestamp_s < now_s - tolerance_s || timestamp_s > now_s + tolerance_s) {
    return Fail("stale_timestamp", "webhook timestamp is outside the allowed window");
  }
  std::string expected = HmacHex(secret, timestamp_s, body);
  // Constant-time comparison, so the signature cannot be guessed byte by byte.
  if (sodium_memcmp(expected.data(), signature.data(), expected.size()) != 0) {
    return Fail("bad_signature", "webhook signature does not match");
  }
  return OkStatus();
}

}  // namespace shrimp::payments
