#include "accounts/accounts.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <future>

#include "accounts/token.h"

namespace shrimp::accounts {
namespace {

Role ParseRole(std::string_view name) {
  if (name == "operator") return Role::kOperator;
  if (name == "merchant") return Role::kMerchant;
  return Role::kBuyer;
}

User ReadUser(store::Query& query) {
  User user;
  user.id = query.Int(0);
  user.email = query.Text(1);
  user.name = query.Text(2);
  user.role = ParseRole(query.Text(3));
  user.created_at_ms = query.Int(4);
  return user;
}

constexpr const char* kUserColumns = "id, email, name, role, created_at";

Error RateLimited(std::string code, std::string message, int64_t wait_ms) {
  Error error{ErrorKind::kRateLimited, std::move(code), std::move(message), {}};
  return error.With("retry_after_s", std::max<int64_t>((wait_ms + 999) / 1000, 1));
}

// Deletes up to `batch_max` expired and up to `batch_max` revoked sessions.
// Both lookups use an index, so the cost is bounded by the batch.
Status PurgeDeadSessions(store::Connection& connection, int64_t now_ms, int64_t batch_max) {
  store::Query expired(connection,
                       "DELETE FROM sessions WHERE id IN"
                       " (SELECT id FROM sessions WHERE expires_at <= ? LIMIT ?)");
  expired.Bind(now_ms, batch_max);
  SHRIMP_RETURN_IF_ERROR(expired.Run());
  store::Query revoked(connection,
                       "DELETE FROM sessions WHERE id IN"
                       " (SELECT id FROM sessions WHERE revoked_at IS NOT NULL LIMIT ?)");
  revoked.Bind(batch_max);
  return revoked.Run();
}

Result<User> InsertUser(store::Connection& connection, User user,
                        const std::string& password_hash) {
  store::Query insert(connection,
                      "INSERT INTO users (email, name, password_hash, role, created_at)"
                      " VALUES (?, ?, ?, ?, ?) RETURNING id");
  insert.Bind(user.email, user.name, password_hash, RoleName(user.role), user.created_at_ms);
  if (!insert.Next()) {
    if (!insert.ok() && insert.error().code == "constraint_violation") {
      return Conflict("email_taken", "an account with this email already exists")
          .With("field", "email");
    }
    return insert.ok() ? Internal("insert returned no id") : insert.error();
  }
  user.id = insert.Int(0);
  return user;
}

// Runs an asynchronous operation and waits for its answer.
template <class T>
Result<T> Wait(const std::function<void(AccountService::Done<T>)>& start) {
  std::promise<Result<T>> promise;
  auto future = promise.get_future();
  start([&promise](Result<T> result) { promise.set_value(std::move(result)); });
  return future.get();
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kBuyer: return "buyer";
    case Role::kMerchant: return "merchant";
    case Role::kOperator: return "operator";
  }
  return "buyer";
}

Result<std::string> NormalizeEmail(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front())))
    email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back())))
    email.remove_suffix(1);
  std::string normalized(email);
  std::transform(normalized.begin(), normalized.end(), normalized.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  size_t at = normalized.find('@');
  bool valid = !normalized.empty() && normalized.size() <= kEmailLengthMax &&
               at != std::string::npos && at > 0 &&
               normalized.find('@', at + 1) == std::string::npos &&
               normalized.find('.', at) != std::string::npos && normalized.back() != '.' &&
               normalized[at + 1] != '.';
  for (unsigned char c : normalized) {
    if (c <= ' ' || c == 0x7f) valid = false;
  }
  if (!valid) {
    return InvalidArgument("invalid_email", "email must be an address like ana@example.com")
        .With("field", "email");
  }
  return normalized;
}

AccountService::AccountService(store::Db& db, store::Writer& writer, const Clock& clock,
                               AccountOptions options)
    : db_(db), writer_(writer), clock_(clock), options_(options),
      login_guard_(clock, options.login_guard), sign_up_limiter_(clock, options.sign_up_limit),
      sessions_(clock), hash_pool_(options.hash_pool) {
  // A hash of a random password nobody knows, at the configured cost: an
  // unknown e-mail is verified against it, so it takes as long as a known one.
  unsigned char secret[32];
  randombytes_buf(secret, sizeof secret);
  auto dummy = HashPassword(std::string_view(reinterpret_cast<const char*>(secret), sizeof secret));
  if (dummy.ok()) dummy_hash_ = std::move(dummy).value();
}

AccountService::~AccountService() { hash_pool_.Stop(); }

void AccountService::Stop() { hash_pool_.Stop(); }

AccountStats AccountService::stats() const {
  return AccountStats{password_hashes_.load(), password_verifications_.load()};
}

std::vector<store::Migration> AccountService::Migrations() {
  return {{"accounts", 1, "users and sessions",
           R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('buyer', 'merchant', 'operator')),
  created_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX sessions_user ON sessions(user_id);
)sql"},
          {"accounts", 2, "indexes that let log-ins purge dead sessions in bounded batches",
           R"sql(
CREATE INDEX sessions_expires ON sessions(expires_at);
CREATE INDEX sessions_revoked ON sessions(revoked_at) WHERE revoked_at IS NOT NULL;
)sql"}};
}

void AccountService::SignUpAsync(SignUpRequest request, Done<User> done) {
  // Every cheap check first: a refused sign-up costs no hash and no slot.
  auto normalized = NormalizeEmail(request.email);
  if (!normalized.ok()) return done(std::move(normalized).error());
  if (auto policy = CheckPassword(request.password); !policy.ok()) {
    return done(std::move(policy).error());
  }
  if (request.name.empty() || request.name.size() > kNameLengthMax * 4) {
    return done(InvalidArgument("invalid_field", "name must be 1 to 100 characters long")
                    .With("field", "name"));
  }
  std::string limit_key = request.remote_ip.value_or("");
  if (request.remote_ip) {
    if (int64_t wait_ms = sign_up_limiter_.Attempt(limit_key); wait_ms > 0) {
      return done(RateLimited("too_many_sign_ups",
                              "too many sign-ups from this address; try again later", wait_ms));
    }
  }
  User user{0, *normalized, request.name, request.role, clock_.NowMs()};
  auto task = [this, user = std::move(user), password = std::move(request.password),
               done](Status runnable) {
    if (!runnable.ok()) return done(std::move(runnable).error());
    auto password_hash = HashPassword(password);
    if (!password_hash.ok()) return done(std::move(password_hash).error());
    writer_.Submit<User>(
        [user, password_hash = std::move(password_hash).value()](store::Connection& connection) {
          return InsertUser(connection, user, password_hash);
        },
        done);
  };
  if (auto queued = hash_pool_.Submit(std::move(task), HashWork::kSignUp); !queued.ok()) {
    // The server was too busy to look at it: that should not count against the address.
    if (request.remote_ip) sign_up_limiter_.Refund(limit_key);
    return done(std::move(queued).error());
  }
}

void AccountService::LogInAsync(std::string email, std::string password, std::string remote_ip,
                                Done<Session> done) {
  auto normalized = NormalizeEmail(email);
  // A malformed address can never log in, but it is counted and hashed like
  // any other, so it neither stands out nor escapes the guard.
  std::string account = normalized.ok() ? *normalized : email;
  if (int64_t wait_ms = login_guard_.Check(account, remote_ip); wait_ms > 0) {
    return done(
        RateLimited("too_many_attempts", "too many log-in attempts; try again later", wait_ms));
  }
  auto task = [this, account = std::move(account), email_valid = normalized.ok(),
               password = std::move(password), remote_ip = std::move(remote_ip),
               done](Status runnable) {
    if (!runnable.ok()) return done(std::move(runnable).error());
    std::optional<Credentials> found;
    if (email_valid) {
      auto read = FindCredentials(account);
      if (!read.ok()) return done(std::move(read).error());
      found = std::move(read).value();
    }
    bool verified = VerifyPassword(found ? found->password_hash : dummy_hash_, password);
    if (!found || !verified) {
      login_guard_.RecordFailure(account, remote_ip);
      return done(Unauthenticated("invalid_credentials", "email or password is wrong"));
    }
    login_guard_.RecordSuccess(account, remote_ip);
    OpenSession(std::move(found->user), done);
  };
  if (auto queued = hash_pool_.Submit(std::move(task)); !queued.ok()) {
    return done(std::move(queued).error());
  }
}

Result<std::optional<AccountService::Credentials>> AccountService::FindCredentials(
    const std::string& email) {
  return db_.Read([&](store::Connection& connection) -> Result<std::optional<Credentials>> {
    store::Query query(connection,
                       "SELECT id, email, name, role, created_at, password_hash FROM users"
                       " WHERE email = ?");
    query.Bind(email);
    if (!query.Next()) {
      if (!query.ok()) return query.error();
      return std::optional<Credentials>();
    }
    Credentials found{ReadUser(query), query.Text(5)};
    return std::optional<Credentials>(std::move(found));
  });
}

bool AccountService::VerifyPassword(const std::string& password_hash, std::string_view password) {
  password_verifications_ += 1;
  return crypto_pwhash_str_verify(password_hash.c_str(), password.data(), password.size()) == 0;
}

void AccountService::OpenSession(User user, Done<Session> done) {
  Session session;
  session.token = NewToken();
  session.user = std::move(user);
  int64_t now_ms = clock_.NowMs();
  session.expires_at_ms = now_ms + options_.session_ttl_ms;
  std::string token_hash = Sha256Hex(session.token);
  writer_.Submit<Session>(
      [session = std::move(session), token_hash = std::move(token_hash),
       now_ms](store::Connection& connection) -> Result<Session> {
        // Each new session pays for removing a few dead ones (see kSessionPurgeBatchMax).
        SHRIMP_RETURN_IF_ERROR(PurgeDeadSessions(connection, now_ms, kSessionPurgeBatchMax));
        store::Query insert(connection,
                            "INSERT INTO sessions (user_id, token_hash, created_at, expires_at)"
                            " VALUES (?, ?, ?, ?) RETURNING id");
        insert.Bind(session.user.id, token_hash, now_ms, session.expires_at_ms);
        if (!insert.Next()) return insert.ok() ? Internal("insert returned no id") : insert.error();
        Session opened = session;
        opened.session_id = insert.Int(0);
        return opened;
      },
      std::move(done));
}

void AccountService::LogOutAsync(int64_t session_id, Done<Ok> done) {
  // Marked before the write, cleared only after its commit: no lookup in
  // between can bring the session back (see SessionCache).
  sessions_.BeginRevoke(session_id);
  int64_t now_ms = clock_.NowMs();
  writer_.Submit<Ok>(
      [session_id, now_ms](store::Connection& connection) -> Result<Ok> {
        store::Query update(
            connection, "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
        update.Bind(now_ms, session_id);
        return update.Run();
      },
      [this, session_id, done = std::move(done)](Result<Ok> result) {
        sessions_.EndRevoke(session_id);
        done(std::move(result));
      });
}

Result<User> AccountService::SignUp(std::string_view email, std::string_view password,
                                    std::string_view name, Role role) {
  SignUpRequest request{std::string(email), std::string(password), std::string(name), role,
                        std::nullopt};
  return Wait<User>([&](Done<User> done) { SignUpAsync(std::move(request), std::move(done)); });
}

Result<Session> AccountService::LogIn(std::string_view email, std::string_view password,
                                      std::string_view remote_ip) {
  return Wait<Session>([&](Done<Session> done) {
    LogInAsync(std::string(email), std::string(password), std::string(remote_ip), std::move(done));
  });
}

Status AccountService::LogOut(int64_t session_id) {
  return Wait<Ok>([&](Done<Ok> done) { LogOutAsync(session_id, std::move(done)); });
}

Result<Principal> AccountService::Authenticate(std::string_view token) {
  Error unauthenticated =
      Unauthenticated("unauthenticated", "a valid bearer token is required; log in first");
  if (token.empty() || token.size() > kTokenLengthMax) return unauthenticated;
  std::string token_hash = Sha256Hex(token);
  if (auto cached = sessions_.Find(token_hash)) return *cached;
  uint64_t lookup = sessions_.BeginLookup();
  int64_t now_ms = clock_.NowMs();
  struct Found {
    Principal principal;
    int64_t expires_at_ms = 0;
  };
  auto found = db_.Read([&](store::Connection& connection) -> Result<std::optional<Found>> {
    store::Query query(connection,
                       "SELECT s.id, s.user_id, u.role, s.expires_at FROM sessions s JOIN users u"
                       " ON u.id = s.user_id WHERE s.token_hash = ? AND s.revoked_at IS NULL"
                       " AND s.expires_at > ?");
    query.Bind(token_hash, now_ms);
    if (!query.Next()) {
      if (!query.ok()) return query.error();
      return std::optional<Found>();
    }
    Found row;
    row.principal.session_id = query.Int(0);
    row.principal.user_id = query.Int(1);
    row.principal.role = ParseRole(query.Text(2));
    row.expires_at_ms = query.Int(3);
    return std::optional<Found>(row);
  });
  if (!found.ok()) return std::move(found).error();
  if (!found->has_value()) return unauthenticated;
  if (!sessions_.Admit(lookup, token_hash, (*found)->principal, (*found)->expires_at_ms)) {
    return unauthenticated;
  }
  return (*found)->principal;
}

Result<User> AccountService::GetUser(int64_t user_id) {
  return db_.Read([&](store::Connection& connection) -> Result<User> {
    store::Query query(connection,
                       std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?");
    query.Bind(user_id);
    if (!query.Next()) {
      if (!query.ok()) return query.error();
      return NotFound("user_not_found", "no such user");
    }
    return ReadUser(query);
  });
}

Result<std::string> AccountService::HashPassword(std::string_view password) const {
  password_hashes_ += 1;
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), options_.password_ops,
                            options_.password_memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("password hashing ran out of memory");
  }
  return std::string(hash);
}

Status AccountService::PromoteToMerchant(store::Connection& connection, int64_t user_id) {
  store::Query update(connection,
                      "UPDATE users SET role = 'merchant' WHERE id = ? AND role = 'buyer'");
  update.Bind(user_id);
  return update.Run();
}

}  // namespace shrimp::accounts
