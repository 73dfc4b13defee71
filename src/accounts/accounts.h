// Accounts: users, roles, argon2id passwords, bearer sessions, and the
// log-in rate limiter.
//
// A token is 32 random bytes shown to the client once; the database keeps
// only its SHA-256, so a leaked database cannot be replayed as sessions.
// Thread-safe: reads use the Db pool, writes go through the Writer.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "accounts/rate_limiter.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/writer.h"

namespace shrimp::accounts {

enum class Role { kBuyer, kMerchant, kOperator };
std::string_view RoleName(Role role);

struct User {
  int64_t id = 0;
  std::string email;
  std::string name;
  Role role = Role::kBuyer;
  int64_t created_at_ms = 0;
};

// Who is making a request.
struct Principal {
  int64_t user_id = 0;
  Role role = Role::kBuyer;
  int64_t session_id = 0;
  bool is_operator() const { return role == Role::kOperator; }
};

struct Session {
  std::string token;  // shown once
  int64_t session_id = 0;
  int64_t expires_at_ms = 0;
  User user;
};

struct AccountOptions {
  int64_t session_ttl_ms = 30 * kMsPerDay;
  // argon2id cost; DESIGN.md requires at least m=19 MiB, t=2.
  uint64_t password_ops = 2;
  size_t password_memory_bytes = 19u << 20;
  RateLimitOptions login_limit;
};

inline constexpr size_t kPasswordLengthMin = 8;
inline constexpr size_t kPasswordLengthMax = 128;
inline constexpr size_t kNameLengthMax = 100;
inline constexpr size_t kEmailLengthMax = 254;

class AccountService {
 public:
  AccountService(store::Db& db, store::Writer& writer, const Clock& clock, AccountOptions options);

  // Errors: invalid_email, weak_password, invalid_field, email_taken.
  Result<User> SignUp(std::string_view email, std::string_view password, std::string_view name,
                      Role role);
  // Errors: invalid_credentials (same for unknown email and wrong password),
  // too_many_attempts (kRateLimited, retry_after_s in details).
  Result<Session> LogIn(std::string_view email, std::string_view password,
                        std::string_view remote_ip);
  // Errors: unauthenticated (unknown, expired or revoked token).
  Result<Principal> Authenticate(std::string_view token);
  Status LogOut(int64_t session_id);
  Result<User> GetUser(int64_t user_id);
  // An argon2id hash string (with its salt and costs) for `password`.
  Result<std::string> HashPassword(std::string_view password) const;
  // A buyer who opens a shop becomes a merchant; operators stay operators.
  // REQUIRES: runs inside a writer job (takes the writer's connection).
  Status PromoteToMerchant(store::Connection& connection, int64_t user_id);

  static std::vector<store::Migration> Migrations();

 private:
  store::Db& db_;
  store::Writer& writer_;
  const Clock& clock_;
  AccountOptions options_;
  RateLimiter login_limiter_;

  // Recently authenticated sessions, so that a busy client's every request
  // does not read the sessions table. Entries live kSessionCacheTtlMs, which
  // bounds how long a role change made elsewhere (`shrimp operator add`)
  // takes to show; log-out here drops the entry at once.
  struct CachedSession {
    Principal principal;
    int64_t expires_at_ms = 0;  // the session's own expiry
    int64_t cached_until_ms = 0;
  };
  std::mutex session_cache_mutex_;
  std::unordered_map<std::string, CachedSession> session_cache_;
};

inline constexpr int64_t kSessionCacheTtlMs = 5'000;
inline constexpr size_t kSessionCacheEntriesMax = 100'000;

// Lower-cases and trims an e-mail address; errors with invalid_email.
Result<std::string> NormalizeEmail(std::string_view email);

}  // namespace shrimp::accounts
