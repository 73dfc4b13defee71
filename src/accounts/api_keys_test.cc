#include "accounts/api_keys.h"

#include <gtest/gtest.h>

#include "accounts/token.h"

namespace shrimp::accounts {
namespace {

TEST(ApiKeyScopes, AcceptResourceColonActionOnly) {
  for (std::string_view scope :
       {"shipments:write", "orders:read", "webhooks:manage", "a:b", "partner-feed:read_all"}) {
    EXPECT_TRUE(ValidateScope(scope).ok()) << scope;
  }
  for (std::string_view scope : {"", "shipments", ":write", "shipments:", "Shipments:write",
                                 "shipments:write:all", "ship ments:write", "shipments:*"}) {
    auto valid = ValidateScope(scope);
    ASSERT_FALSE(valid.ok()) << scope;
    EXPECT_EQ(valid.error().code, "invalid_scope");
  }
  EXPECT_FALSE(ValidateScope(std::string(40, 'a') + ":" + std::string(40, 'b')).ok());
}

TEST(ApiKeyOwners, CarrierSlugsAndUserIds) {
  EXPECT_TRUE(ValidateKeyOwner({KeyOwnerKind::kCarrier, "swiftpost"}).ok());
  EXPECT_TRUE(ValidateKeyOwner({KeyOwnerKind::kCarrier, "dhl-express_2"}).ok());
  EXPECT_TRUE(ValidateKeyOwner({KeyOwnerKind::kMerchantUser, "42"}).ok());
  for (const KeyOwner& owner :
       std::vector<KeyOwner>{{KeyOwnerKind::kCarrier, ""},
                             {KeyOwnerKind::kCarrier, "Swift"},
                             {KeyOwnerKind::kCarrier, "swift post"},
                             {KeyOwnerKind::kCarrier, std::string(33, 'a')},
                             {KeyOwnerKind::kMerchantUser, "0"},
                             {KeyOwnerKind::kMerchantUser, "07"},
                             {KeyOwnerKind::kOperator, "x1"},
                             {KeyOwnerKind::kOperator, std::string(19, '9')}}) {
    auto valid = ValidateKeyOwner(owner);
    ASSERT_FALSE(valid.ok()) << owner.id;
    EXPECT_EQ(valid.error().code, "invalid_owner_id");
  }
}

TEST(ApiKeyOwners, KindNamesRoundTrip) {
  for (KeyOwnerKind kind :
       {KeyOwnerKind::kCarrier, KeyOwnerKind::kMerchantUser, KeyOwnerKind::kOperator}) {
    EXPECT_EQ(ParseKeyOwnerKind(KeyOwnerKindName(kind)), kind);
  }
  EXPECT_FALSE(ParseKeyOwnerKind("buyer").has_value());
}

TEST(KeyPrincipal, HasOnlyItsOwnScopes) {
  KeyPrincipal principal{1, {KeyOwnerKind::kCarrier, "swift"}, {"shipments:write"}};
  EXPECT_TRUE(principal.HasScope("shipments:write"));
  EXPECT_FALSE(principal.HasScope("shipments:read"));
  EXPECT_FALSE(principal.HasScope("shipments"));
  EXPECT_FALSE(principal.HasScope(""));
}

TEST(Tokens, AreRandomAndTheKeyFormatHasAFixedLength) {
  std::string first = NewToken();
  std::string second = NewToken();
  EXPECT_NE(first, second);
  EXPECT_EQ(first.size() + kApiKeyPrefix.size(), kApiKeyLength);
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(ApiKeyService::LooksLikeKey("shk_abc"));
  EXPECT_FALSE(ApiKeyService::LooksLikeKey("abc"));
}

}  // namespace
}  // namespace shrimp::accounts
