// Sign-up, log-in, log-out and /me over real HTTP.
#include <gtest/gtest.h>

#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::TestServer;

TEST(Accounts, SignUpLogInAndReadMe) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  auto signed_up = client.Post("/api/v1/users",
                               R"({"email":"Ana@Example.com","password":"correct horse","name":"Ana"})");
  ASSERT_EQ(signed_up.status, 201) << signed_up.body;
  EXPECT_STREQ(signed_up.json["email"].GetString(), "ana@example.com");
  EXPECT_STREQ(signed_up.json["role"].GetString(), "buyer");
  EXPECT_FALSE(signed_up.json.HasMember("password_hash"));

  auto logged_in =
      client.Post("/api/v1/sessions", R"({"email":"ana@example.com","password":"correct horse"})");
  ASSERT_EQ(logged_in.status, 201) << logged_in.body;
  std::string token = logged_in.json["token"].GetString();
  EXPECT_GE(token.size(), 40u);

  auto me = client.Get("/api/v1/me", token);
  ASSERT_EQ(me.status, 200);
  EXPECT_STREQ(me.json["name"].GetString(), "Ana");
}

TEST(Accounts, WrongPasswordAndUnknownEmailLookTheSame) {
  TestServer server(testing::FastTestOptions());
  server.SignUpAndLogIn("bo@example.com");
  auto client = server.Client();
  auto wrong = client.Post("/api/v1/sessions", R"({"email":"bo@example.com","password":"nope nope"})");
  auto unknown = client.Post("/api/v1/sessions", R"({"email":"zz@example.com","password":"nope nope"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.ErrorCode(), "invalid_credentials");
  EXPECT_EQ(unknown.ErrorCode(), "invalid_credentials");
}

TEST(Accounts, DuplicateEmailIsConflict) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  std::string body = R"({"email":"c@example.com","password":"correct horse","name":"C"})";
  EXPECT_EQ(client.Post("/api/v1/users", body).status, 201);
  auto again = client.Post("/api/v1/users", body);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.ErrorCode(), "email_taken");
}

TEST(Accounts, BadSignUpInputGetsPreciseCodes) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  struct Case {
    std::string body;
    std::string code;
  };
  std::vector<Case> cases = {
      {"{not json", "invalid_json"},
      {"[1,2]", "invalid_json"},
      {R"({"password":"correct horse","name":"A"})", "missing_field"},
      {R"({"email":5,"password":"correct horse","name":"A"})", "wrong_type"},
      {R"({"email":"no-at-sign","password":"correct horse","name":"A"})", "invalid_email"},
      {R"({"email":"a@b.co","password":"short","name":"A"})", "weak_password"},
      {R"({"email":"a@b.co","password":"correct horse","name":""})", "invalid_field"},
      {R"({"email":"a@b.co","password":"correct horse","name":"A","role":"operator"})",
       "unknown_field"},
  };
  for (const Case& test_case : cases) {
    auto result = client.Post("/api/v1/users", test_case.body);
    EXPECT_EQ(result.status, 400) << test_case.body;
    EXPECT_EQ(result.ErrorCode(), test_case.code) << test_case.body << " -> " << result.body;
  }
  // Nothing was created by any of them.
  auto login = client.Post("/api/v1/sessions", R"({"email":"a@b.co","password":"correct horse"})");
  EXPECT_EQ(login.status, 401);
}

TEST(Accounts, LogOutRevokesTheToken) {
  TestServer server(testing::FastTestOptions());
  std::string token = server.SignUpAndLogIn("d@example.com");
  auto client = server.Client();
  EXPECT_EQ(client.Get("/api/v1/me", token).status, 200);
  EXPECT_EQ(client.Delete("/api/v1/sessions/current", token).status, 204);
  auto after = client.Get("/api/v1/me", token);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.ErrorCode(), "unauthenticated");
}

TEST(Accounts, ExpiredTokenIsRejected) {
  TestServer server(testing::FastTestOptions());
  std::string token = server.SignUpAndLogIn("e@example.com");
  auto client = server.Client();
  EXPECT_EQ(client.Get("/api/v1/me", token).status, 200);
  server.clock().AdvanceMs(31 * kMsPerDay);
  EXPECT_EQ(client.Get("/api/v1/me", token).status, 401);
}

TEST(Accounts, MissingOrGarbageTokenIs401) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  EXPECT_EQ(client.Get("/api/v1/me").status, 401);
  EXPECT_EQ(client.Get("/api/v1/me", "garbage").status, 401);
}

TEST(Accounts, LogInAttemptsAreRateLimited) {
  TestServer server(testing::FastTestOptions());
  server.SignUpAndLogIn("f@example.com");
  auto client = server.Client();
  int limited = 0;
  std::string retry_after;
  for (int attempt = 0; attempt < 15; ++attempt) {
    auto result =
        client.Post("/api/v1/sessions", R"({"email":"f@example.com","password":"wrong wrong"})");
    if (result.status == 429) {
      limited += 1;
      retry_after = result.Header("Retry-After");
      EXPECT_EQ(result.ErrorCode(), "too_many_attempts");
    }
  }
  EXPECT_GT(limited, 0);
  EXPECT_FALSE(retry_after.empty());
  // After the window passes, the right password works again.
  server.clock().AdvanceMs(61'000);
  auto ok = client.Post("/api/v1/sessions",
                        R"({"email":"f@example.com","password":"correct horse battery"})");
  EXPECT_EQ(ok.status, 201) << ok.body;
}

}  // namespace
}  // namespace shrimp
