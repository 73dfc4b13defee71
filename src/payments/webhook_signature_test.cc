#include "payments/webhook_signature.h"

#include <gtest/gtest.h>
#include <sodium.h>

namespace shrimp::payments {
namespace {

constexpr std::string_view kSecret = "whsec_test_0123456789abcdef";

TEST(WebhookSignature, AcceptsFreshCorrectSignature) {
  ASSERT_GE(sodium_init(), 0);
  std::string body = R"({"id":"evt_1"})";
  std::string header = SignWebhook(kSecret, 1000, body);
  EXPECT_TRUE(VerifyWebhook(kSecret, header, body, 1000).ok());
  EXPECT_TRUE(VerifyWebhook(kSecret, header, body, 1000 + kWebhookToleranceS).ok());
}

TEST(WebhookSignature, RejectsTamperingWrongSecretAndStaleTimes) {
  ASSERT_GE(sodium_init(), 0);
  std::string body = R"({"id":"evt_1","amount":100})";
  std::string header = SignWebhook(kSecret, 1000, body);
  EXPECT_EQ(VerifyWebhook(kSecret, header, R"({"id":"evt_1","amount":900})", 1000).error().code,
            "bad_signature");
  EXPECT_EQ(VerifyWebhook("another_secret_value", header, body, 1000).error().code,
            "bad_signature");
  EXPECT_EQ(VerifyWebhook(kSecret, header, body, 1000 + kWebhookToleranceS + 1).error().code,
            "stale_timestamp");
  EXPECT_EQ(VerifyWebhook(kSecret, header, body, 1000 - kWebhookToleranceS - 1).error().code,
            "stale_timestamp");
  EXPECT_EQ(VerifyWebhook(kSecret, "", body, 1000).error().code, "missing_signature");
  EXPECT_EQ(VerifyWebhook(kSecret, "t=abc,v1=00", body, 1000).error().code, "malformed_signature");
  // A signature made for another timestamp does not verify with the header's timestamp changed.
  std::string moved = "t=1001," + header.substr(header.find("v1="));
  EXPECT_EQ(VerifyWebhook(kSecret, moved, body, 1000).error().code, "bad_signature");
}

TEST(WebhookSignature, NeverVerifiesWithAnEmptyShortOrRetiredDefaultSecret) {
  ASSERT_GE(sodium_init(), 0);
  std::string body = R"({"id":"evt_1"})";
  for (std::string_view secret :
       {std::string_view(), std::string_view("short"), kRetiredDefaultSecret}) {
    EXPECT_FALSE(ValidateWebhookSecret(secret).ok());
    EXPECT_EQ(VerifyWebhook(secret, SignWebhook(secret, 1000, body), body, 1000).error().code,
              "provider_not_configured");
  }
  EXPECT_TRUE(ValidateWebhookSecret(kSecret).ok());
}

}  // namespace
}  // namespace shrimp::payments
