// Sign-up, log-in, log-out and /me over real HTTP.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::HttpClient;
using testing::TestServer;

TEST(Accounts, SignUpLogInAndReadMe) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  auto signed_up =
      client.Post("/api/v1/users",
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
  auto wrong =
      client.Post("/api/v1/sessions", R"({"email":"bo@example.com","password":"nope nope"})");
  auto unknown =
      client.Post("/api/v1/sessions", R"({"email":"zz@example.com","password":"nope nope"})");
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
      {R"({"email":"a@b.co","password":"short","name":"A"})", "password_too_short"},
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
  server.clock().AdvanceMs(accounts::kLogInFailureWindowMs + 1'000);
  auto ok = client.Post("/api/v1/sessions",
                        R"({"email":"f@example.com","password":"correct horse battery"})");
  EXPECT_EQ(ok.status, 201) << ok.body;
}

TEST(Accounts, SignUpRefusesShortAndCommonPasswordsCountingCodePoints) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  struct Case {
    std::string password;
    std::string code;
  };
  std::vector<Case> cases = {
      {"12345678", "password_too_short"},
      {"password", "password_too_short"},
      {"        ", "password_too_short"},
      {"          ", "password_too_common"},
      {"1234567890", "password_too_common"},
      {"Password123", "password_too_common"},
      // Nine characters, 27 bytes: counted as nine.
      {"我的密码是很好的", "password_too_short"},
  };
  for (const Case& test_case : cases) {
    auto result = client.Post("/api/v1/users", R"({"email":"p@example.com","password":")" +
                                                   test_case.password + R"(","name":"P"})");
    EXPECT_EQ(result.status, 400) << test_case.password << " -> " << result.body;
    EXPECT_EQ(result.ErrorCode(), test_case.code) << test_case.password;
  }
  // None of them created the account.
  auto accepted =
      client.Post("/api/v1/users",
                  R"({"email":"p@example.com","password":"我的密码是很长很好的","name":"P"})");
  EXPECT_EQ(accepted.status, 201) << accepted.body;
}

// The owner logs in from a fresh address with the right password while an
// attacker spreads wrong guesses over many addresses.
TEST(Accounts, WrongPasswordsFromManyAddressesDoNotLockOutTheOwner) {
  TestServer server(testing::FastTestOptions());
  server.SignUpAndLogIn("owner@example.com");
  auto& accounts = server.app().accounts();
  for (int address = 0; address < 30; ++address) {
    auto guess = accounts.LogIn("owner@example.com", "wrong guess " + std::to_string(address),
                                "198.51.100." + std::to_string(address));
    ASSERT_FALSE(guess.ok());
  }
  auto owner = accounts.LogIn("owner@example.com", "correct horse battery", "203.0.113.7");
  ASSERT_TRUE(owner.ok()) << owner.error().code;
  // And the right password from an address that had guessed before is also let in
  // only within that address's own bound: each address keeps its own count.
  auto known = accounts.LogIn("owner@example.com", "correct horse battery", "198.51.100.1");
  EXPECT_TRUE(known.ok()) << known.error().code;
}

// A request that authenticated while the log-out was in flight must not put
// the session back into the cache: once 204 is answered, the token is dead.
TEST(Accounts, NoRequestInFlightRevivesATokenAfterLogOut) {
  TestServer server(testing::FastTestOptions());
  server.SignUpAndLogIn("race@example.com");
  constexpr int kRounds = 30;
  for (int round = 0; round < kRounds; ++round) {
    auto client = server.Client();
    auto logged_in =
        client.Post("/api/v1/sessions",
                    R"({"email":"race@example.com","password":"correct horse battery"})");
    ASSERT_EQ(logged_in.status, 201);
    std::string token = logged_in.json["token"].GetString();
    std::atomic<bool> stop = false;
    std::vector<std::thread> readers;
    for (int reader = 0; reader < 2; ++reader) {
      readers.emplace_back([&] {
        auto own = server.Client();
        while (!stop) (void)own.Get("/api/v1/me", token);
      });
    }
    ASSERT_EQ(client.Delete("/api/v1/sessions/current", token).status, 204);
    // The fake clock does not move: a revived cache entry would live forever.
    auto after = client.Get("/api/v1/me", token);
    stop = true;
    for (auto& reader : readers) reader.join();
    ASSERT_EQ(after.status, 401) << "round " << round;
    ASSERT_EQ(client.Get("/api/v1/me", token).status, 401) << "round " << round;
  }
}

TEST(Accounts, SignUpsPerAddressAreLimited) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  int created = 0, limited = 0;
  std::string retry_after;
  for (int attempt = 0; attempt < 150; ++attempt) {
    auto result =
        client.Post("/api/v1/users", R"({"email":"flood)" + std::to_string(attempt) +
                                         R"(@example.com","password":"correct horse","name":"F"})");
    if (result.status == 201) created += 1;
    if (result.status == 429) {
      limited += 1;
      EXPECT_EQ(result.ErrorCode(), "too_many_sign_ups");
      retry_after = result.Header("Retry-After");
    }
  }
  EXPECT_GT(created, 0);
  EXPECT_GT(limited, 0);
  EXPECT_EQ(created + limited, 150);
  EXPECT_FALSE(retry_after.empty());
  // A refused sign-up created nothing.
  auto refused = client.Post("/api/v1/sessions",
                             R"({"email":"flood149@example.com","password":"correct horse"})");
  EXPECT_EQ(refused.status, 401);
}

// Behind a proxy named with --trusted-proxy, the per-address limit counts the
// client the proxy names; without one, a forged X-Forwarded-For changes nothing.
TEST(Accounts, SignUpLimitsCountTheClientATrustedProxyNamesAndIgnoreForgedHeaders) {
  auto sign_ups_until_limited = [](HttpClient& client, const std::string& prefix,
                                   const std::string& forwarded_for) {
    for (int attempt = 0; attempt < accounts::kSignUpsPerAddressMax + 10; ++attempt) {
      auto result = client.Post("/api/v1/users",
                                R"({"email":")" + prefix + std::to_string(attempt) +
                                    R"(@example.com","password":"correct horse","name":"P"})",
                                "", {{"X-Forwarded-For", forwarded_for}});
      if (result.status == 429) return attempt;
      EXPECT_EQ(result.status, 201) << result.body;
    }
    return -1;
  };
  auto proxies = http::TrustedProxies::Parse({"127.0.0.1"});
  ASSERT_TRUE(proxies.ok());
  {
    TestServer server(testing::FastTestOptions(), *proxies);
    auto client = server.Client();
    EXPECT_EQ(sign_ups_until_limited(client, "a", "198.51.100.1"), accounts::kSignUpsPerAddressMax);
    // Another client behind the same proxy is not held back by the first.
    auto other = client.Post("/api/v1/users",
                             R"({"email":"b@example.com","password":"correct horse","name":"B"})",
                             "", {{"X-Forwarded-For", "198.51.100.2"}});
    EXPECT_EQ(other.status, 201) << other.body;
  }
  {
    TestServer server(testing::FastTestOptions());
    auto client = server.Client();
    EXPECT_EQ(sign_ups_until_limited(client, "c", "198.51.100.1"), accounts::kSignUpsPerAddressMax);
    auto forged = client.Post("/api/v1/users",
                              R"({"email":"d@example.com","password":"correct horse","name":"D"})",
                              "", {{"X-Forwarded-For", "198.51.100.2"}});
    EXPECT_EQ(forged.status, 429);
  }
}

TEST(Accounts, UnknownEmailCostsTheSamePasswordCheckAsAKnownOne) {
  TestServer server(testing::FastTestOptions());
  server.SignUpAndLogIn("known@example.com");
  auto client = server.Client();
  auto verifications = [&] { return server.app().accounts().stats().password_verifications; };
  for (std::string email : {"known@example.com", "unknown@example.com", "not-an-email"}) {
    uint64_t before = verifications();
    auto result = client.Post("/api/v1/sessions",
                              R"({"email":")" + email + R"(","password":"wrong wrong wrong"})");
    EXPECT_EQ(result.status, 401) << email;
    EXPECT_EQ(result.ErrorCode(), "invalid_credentials") << email;
    // One argon2id verification each: against the user's hash or the dummy.
    EXPECT_EQ(verifications() - before, 1u) << email;
  }
}

TEST(Accounts, SaturatedHashingAnswers503WithRetryAfterAndHealthzStillAnswers) {
  api::AppOptions options = testing::FastTestOptions();
  // Real-cost hashing on one thread with room for one waiting task.
  options.accounts.password_ops = 2;
  options.accounts.password_memory_bytes = 19u << 20;
  options.accounts.hash_pool = {.threads = 1, .queue_max = 1, .nice = 0};
  TestServer server(options);
  constexpr int kClients = 12;
  std::vector<int> statuses(kClients);
  std::vector<std::string> codes(kClients), retry_afters(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      auto result =
          server.Client().Post("/api/v1/users",
                               R"({"email":"burst)" + std::to_string(i) +
                                   R"(@example.com","password":"correct horse","name":"B"})");
      statuses[i] = result.status;
      codes[i] = result.ErrorCode();
      retry_afters[i] = result.Header("Retry-After");
    });
  }
  EXPECT_EQ(server.Client().Get("/healthz").status, 200);
  for (auto& client : clients) client.join();
  int created = 0, overloaded = 0;
  for (int i = 0; i < kClients; ++i) {
    if (statuses[i] == 201) created += 1;
    if (statuses[i] == 503) {
      overloaded += 1;
      EXPECT_EQ(codes[i], "overloaded");
      EXPECT_EQ(retry_afters[i], "1");
    }
  }
  EXPECT_EQ(created + overloaded, kClients);
  EXPECT_GT(created, 0);
  EXPECT_GT(overloaded, 0);
}

int64_t SessionRows(TestServer& server) {
  auto count = server.app().db().Read([](store::Connection& connection) {
    return store::Query(connection, "SELECT count(*) FROM sessions").ScalarInt();
  });
  return count.ok() && count->has_value() ? **count : -1;
}

TEST(Accounts, ExpiredAndRevokedSessionsArePurged) {
  TestServer server(testing::FastTestOptions());
  std::vector<std::string> tokens;
  for (int user = 0; user < 5; ++user) {
    tokens.push_back(server.SignUpAndLogIn("old" + std::to_string(user) + "@example.com"));
  }
  EXPECT_EQ(server.Client().Delete("/api/v1/sessions/current", tokens[0]).status, 204);
  EXPECT_EQ(SessionRows(server), 5);
  // Dead sessions go as new ones are made, a bounded batch at a time.
  server.SignUpAndLogIn("later@example.com");
  EXPECT_EQ(SessionRows(server), 5);  // four live, one new; the revoked one is gone
  server.clock().AdvanceMs(31 * kMsPerDay);
  std::string fresh = server.SignUpAndLogIn("new@example.com");
  EXPECT_EQ(SessionRows(server), 1);
  EXPECT_EQ(server.Client().Get("/api/v1/me", fresh).status, 200);
  EXPECT_EQ(server.Client().Get("/api/v1/me", tokens[1]).status, 401);
}

TEST(Accounts, EachLogInPurgesOnlyABoundedBatchOfDeadSessions) {
  TestServer server(testing::FastTestOptions());
  server.SignUpAndLogIn("many@example.com");
  auto& accounts = server.app().accounts();
  constexpr int64_t kDead = 3 * accounts::kSessionPurgeBatchMax;
  for (int64_t i = 1; i < kDead; ++i) {
    ASSERT_TRUE(accounts.LogIn("many@example.com", "correct horse battery", "127.0.0.1").ok());
  }
  ASSERT_EQ(SessionRows(server), kDead);
  server.clock().AdvanceMs(31 * kMsPerDay);
  ASSERT_TRUE(accounts.LogIn("many@example.com", "correct horse battery", "127.0.0.1").ok());
  EXPECT_EQ(SessionRows(server), kDead - accounts::kSessionPurgeBatchMax + 1);
  ASSERT_TRUE(accounts.LogIn("many@example.com", "correct horse battery", "127.0.0.1").ok());
  EXPECT_EQ(SessionRows(server), kDead - 2 * accounts::kSessionPurgeBatchMax + 2);
}

}  // namespace
}  // namespace shrimp
