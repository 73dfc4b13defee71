#include "accounts/password_policy.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "accounts/common_passwords.h"

namespace shrimp::accounts {
namespace {

std::string CodeFor(std::string_view password) {
  Status status = CheckPassword(password);
  return status.ok() ? "ok" : status.error().code;
}

TEST(PasswordPolicy, RefusesTheShortAndCommonPasswordsTheAttackFound) {
  EXPECT_EQ(CodeFor("12345678"), "password_too_short");
  EXPECT_EQ(CodeFor("password"), "password_too_short");
  EXPECT_EQ(CodeFor("        "), "password_too_short");
  EXPECT_EQ(CodeFor("          "), "password_too_common");  // ten spaces
}

TEST(PasswordPolicy, CountsCodePointsNotBytes) {
  // Nine CJK characters are 27 bytes but nine characters: too short.
  EXPECT_EQ(CodeFor("我的密码是很好的"), "password_too_short");
  // Ten of them pass.
  EXPECT_EQ(CodeFor("我的密码是很长很好的"), "ok");
  EXPECT_EQ(CountCodePoints("é"), 1u);
  EXPECT_EQ(CountCodePoints("🦐"), 1u);
  // Boundaries in code points.
  EXPECT_EQ(CodeFor("tulip-moth"), "ok");  // exactly kPasswordCodePointsMin
  EXPECT_EQ(CodeFor("tulip-mot"), "password_too_short");
  std::string longest;
  for (size_t i = 0; i < kPasswordCodePointsMax; ++i) longest += (i % 7 == 0) ? "ж" : "q";
  EXPECT_EQ(CodeFor(longest), "ok");
  EXPECT_EQ(CodeFor(longest + "q"), "password_too_long");
}

TEST(PasswordPolicy, RefusesTheCommonListCaseInsensitively) {
  EXPECT_EQ(CodeFor("1234567890"), "password_too_common");
  EXPECT_EQ(CodeFor("Password123"), "password_too_common");
  EXPECT_EQ(CodeFor("QWERTYUIOP"), "password_too_common");
  EXPECT_EQ(CodeFor("iloveyou123"), "password_too_common");
  EXPECT_TRUE(IsCommonPassword("Qwerty123"));
  EXPECT_FALSE(IsCommonPassword("correct horse battery"));
}

TEST(PasswordPolicy, CommonListIsLowerCaseModestAndWithoutDuplicates) {
  auto common = CommonPasswords();
  EXPECT_GE(common.size(), 300u);
  EXPECT_LE(common.size(), 5000u);
  std::set<std::string_view> seen;
  for (std::string_view entry : common) {
    EXPECT_TRUE(seen.insert(entry).second) << entry;
    for (char c : entry) EXPECT_FALSE(c >= 'A' && c <= 'Z') << entry;
  }
}

TEST(PasswordPolicy, RefusesWhitespaceRepeatsAndRuns) {
  EXPECT_EQ(CodeFor("\t\t\t\t\t\t\t\t\t\t"), "password_too_common");
  EXPECT_EQ(CodeFor("\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000"),
            "password_too_common");
  EXPECT_EQ(CodeFor("xxxxxxxxxxxx"), "password_too_common");
  EXPECT_EQ(CodeFor("ababababab"), "password_too_common");
  EXPECT_EQ(CodeFor("xyzxyzxyzxyz"), "password_too_common");
  EXPECT_EQ(CodeFor("虾虾虾虾虾虾虾虾虾虾"), "password_too_common");
  EXPECT_EQ(CodeFor("bcdefghijklm"), "password_too_common");
  EXPECT_EQ(CodeFor("5432109876"), "password_too_common");
  // A four-character chunk repeated is allowed: it is past the bound.
  EXPECT_EQ(CodeFor("wxyzwxyzwxyz"), "ok");
}

TEST(PasswordPolicy, RefusesInvalidUtf8AndControlCharacters) {
  EXPECT_EQ(CodeFor(std::string("good password\xff", 14)), "password_invalid");
  EXPECT_EQ(CodeFor("\xc0\xaf overlong slash"), "password_invalid");
  EXPECT_EQ(CodeFor("\xed\xa0\x80 surrogate half"), "password_invalid");
  EXPECT_EQ(CodeFor(std::string("null\0byte inside", 16)), "password_invalid");
  EXPECT_EQ(CountCodePoints("\xe6\x88"), std::nullopt);  // truncated
  // Every refusal names the field, so a form can show it beside the input.
  Status refused = CheckPassword("short");
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().details.size(), 1u);
  EXPECT_EQ(refused.error().details[0], (std::pair<std::string, std::string>("field", "password")));
}

TEST(PasswordPolicy, AcceptsOrdinaryPassphrases) {
  EXPECT_EQ(CodeFor("correct horse"), "ok");
  EXPECT_EQ(CodeFor("correct horse battery"), "ok");
  EXPECT_EQ(CodeFor("shrimp-demo"), "ok");
  EXPECT_EQ(CodeFor("mot de passe très long"), "ok");
}

}  // namespace
}  // namespace shrimp::accounts
