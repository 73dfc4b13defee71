// HMAC-SHA256 signatures for payment-provider webhooks.
//
// The provider sends header  Shrimp-Signature: t=<unix seconds>,v1=<hex>
// where v1 = HMAC-SHA256(secret, "<t>.<raw body>"). Binding the timestamp
// into the MAC and refusing old timestamps stops replays of captured
// requests; applying each event id once stops replays inside the window.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace shrimp::payments {

inline constexpr int64_t kWebhookToleranceS = 300;
inline constexpr size_t kWebhookSecretBytesMin = 16;

// The secret shrimp once shipped as a default. It is public, so it is never
// accepted, whoever configures it.
inline constexpr std::string_view kRetiredDefaultSecret = "whsec_sandbox_change_me_in_production";

// Errors (kInvalidArgument, webhook_secret_invalid): shorter than
// kWebhookSecretBytesMin, or the retired default.
[[nodiscard]] Status ValidateWebhookSecret(std::string_view secret);

// The header value for `body` signed at `timestamp_s`.
std::string SignWebhook(std::string_view secret, int64_t timestamp_s, std::string_view body);

// Errors (all kUnauthenticated): missing_signature, malformed_signature,
// stale_timestamp (outside +-tolerance), bad_signature.
[[nodiscard]] Status VerifyWebhook(std::string_view secret, std::string_view header,
                                   std::string_view body, int64_t now_s,
                                   int64_t tolerance_s = kWebhookToleranceS);

}  // namespace shrimp::payments
