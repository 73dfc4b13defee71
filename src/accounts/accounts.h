// Accounts: users, roles, argon2id passwords, bearer sessions, and the
// limits that keep guessing and sign-up floods in check.
//
// A token is 32 random bytes shown to the client once; the database keeps
// only its SHA-256, so a leaked database cannot be replayed as sessions.
//
// Threads. The *Async operations never block their caller: argon2id runs on
// the HashPool, writes go to the Writer with Submit, and `done` is called
// exactly once — on the caller's thread when refused at once (bad input, a
// limit, a full pool), otherwise on a hash thread or the writer's completion
// thread. They are what HTTP io threads call. The blocking forms (SignUp,
// LogIn, LogOut) wait for the async ones and are for the CLI and tests only.
// Authenticate and GetUser read through the Db pool. Everything is
// thread-safe.
//
// Log-in answers take the same work whether or not the e-mail is known: an
// unknown one is checked against a dummy argon2id hash of the same cost, and
// the LogInGuard counts it like a wrong password.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/hash_pool.h"
#include "accounts/login_guard.h"
#include "accounts/password_policy.h"
#include "accounts/principal.h"
#include "accounts/rate_limiter.h"
#include "accounts/session_cache.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/writer.h"

namespace shrimp::accounts {

struct User {
  int64_t id = 0;
  std::string email;
  std::string name;
  Role role = Role::kBuyer;
  int64_t created_at_ms = 0;
};

struct Session {
  std::string token;  // shown once
  int64_t session_id = 0;
  int64_t expires_at_ms = 0;
  User user;
};

// Sign-ups per address: generous for a household or an office behind one
// address, and a flood from one address stops after this many.
inline constexpr int kSignUpsPerAddressMax = 100;
inline constexpr int64_t kSignUpWindowMs = 60 * 60'000;
// Dead sessions (expired or revoked) deleted by each log-in. Sessions are
// only ever added by log-ins, so deleting more than one per log-in keeps the
// dead rows bounded by the live ones plus this batch.
inline constexpr int64_t kSessionPurgeBatchMax = 8;

inline constexpr size_t kNameLengthMax = 100;
inline constexpr size_t kEmailLengthMax = 254;
// The longest password field a request may carry, in bytes: twice what
// kPasswordCodePointsMax code points can take, so that an over-long password
// reaches the policy and is told password_too_long.
inline constexpr size_t kPasswordBytesMax = 2 * 4 * kPasswordCodePointsMax;
inline constexpr size_t kTokenLengthMax = 128;

struct AccountOptions {
  int64_t session_ttl_ms = 30 * kMsPerDay;
  // argon2id cost; DESIGN.md requires at least m=19 MiB, t=2.
  uint64_t password_ops = 2;
  size_t password_memory_bytes = 19u << 20;
  LogInGuardOptions login_guard;
  RateLimitOptions sign_up_limit{kSignUpsPerAddressMax, kSignUpWindowMs, 100'000};
  HashPoolOptions hash_pool;
};

struct SignUpRequest {
  std::string email;
  std::string password;
  std::string name;
  Role role = Role::kBuyer;
  // The caller's network address; nullopt for local tools (CLI, demo), which
  // the per-address limit does not apply to.
  std::optional<std::string> remote_ip;
};

struct AccountStats {
  uint64_t password_hashes = 0;
  uint64_t password_verifications = 0;
};

class AccountService {
 public:
  template <class T>
  using Done = std::function<void(Result<T>)>;

  // Builds the dummy hash for unknown e-mails (one argon2id hash) and starts
  // the hash threads.
  AccountService(store::Db& db, store::Writer& writer, const Clock& clock, AccountOptions options);
  ~AccountService();

  // Errors, in order: invalid_email, password_invalid, password_too_short,
  // password_too_long, password_too_common, invalid_field (name),
  // too_many_sign_ups (kRateLimited, retry_after_s), overloaded
  // (kUnavailable, retry_after_s), email_taken.
  void SignUpAsync(SignUpRequest request, Done<User> done);
  // Errors: too_many_attempts (kRateLimited, retry_after_s), overloaded,
  // invalid_credentials (the same for an unknown email and a wrong password).
  void LogInAsync(std::string email, std::string password, std::string remote_ip,
                  Done<Session> done);
  // Revokes the session. Once `done` is called with success no request —
  // including one already in flight — is authenticated by it.
  void LogOutAsync(int64_t session_id, Done<Ok> done);

  // Blocking forms. REQUIRES: not on an io thread, the writer thread or a hash thread.
  Result<User> SignUp(std::string_view email, std::string_view password, std::string_view name,
                      Role role);
  Result<Session> LogIn(std::string_view email, std::string_view password,
                        std::string_view remote_ip);
  Status LogOut(int64_t session_id);

  // Errors: unauthenticated (unknown, expired or revoked token).
  Result<Principal> Authenticate(std::string_view token);
  Result<User> GetUser(int64_t user_id);
  // An argon2id hash string (with its salt and costs) for `password`.
  Result<std::string> HashPassword(std::string_view password) const;
  // A buyer who opens a shop becomes a merchant; operators stay operators.
  // REQUIRES: runs inside a writer job (takes the writer's connection).
  Status PromoteToMerchant(store::Connection& connection, int64_t user_id);

  // Refuses queued hashing work and waits for the running work; call before
  // the writer stops so that what runs can still commit.
  void Stop();

  AccountStats stats() const;

  static std::vector<store::Migration> Migrations();

 private:
  struct Credentials {
    User user;
    std::string password_hash;
  };
  // Runs on a hash thread.
  void VerifyAndOpenSession(const std::string& email, const std::string& password,
                            const std::string& remote_ip, const Done<Session>& done);
  Result<std::optional<Credentials>> FindCredentials(const std::string& email);
  bool VerifyPassword(const std::string& password_hash, std::string_view password);
  void OpenSession(User user, Done<Session> done);

  store::Db& db_;
  store::Writer& writer_;
  const Clock& clock_;
  AccountOptions options_;
  LogInGuard login_guard_;
  RateLimiter sign_up_limiter_;
  SessionCache sessions_;
  std::string dummy_hash_;
  mutable std::atomic<uint64_t> password_hashes_ = 0;
  mutable std::atomic<uint64_t> password_verifications_ = 0;
  // Last: destroyed first, so no hash thread outlives what its tasks use.
  HashPool hash_pool_;
};

// Lower-cases and trims an e-mail address; errors with invalid_email.
Result<std::string> NormalizeEmail(std::string_view email);

}  // namespace shrimp::accounts
