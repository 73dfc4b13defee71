#include "accounts/accounts.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace shrimp::accounts {
namespace {

constexpr size_t kTokenBytes = 32;

std::string Sha256Hex(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string NewToken() {
  unsigned char bytes[kTokenBytes];
  randombytes_buf(bytes, sizeof bytes);
  char encoded[sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return encoded;
}

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
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) email.remove_suffix(1);
  std::string normalized(email);
  std::transform(normalized.begin(), normalized.end(), normalized.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  size_t at = normalized.find('@');
  bool valid = !normalized.empty() && normalized.size() <= kEmailLengthMax &&
               at != std::string::npos && at > 0 && normalized.find('@', at + 1) == std::string::npos &&
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
      login_limiter_(clock, options.login_limit) {}

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
)sql"}};
}

Result<User> AccountService::SignUp(std::string_view email, std::string_view password,
                                    std::string_view name, Role role) {
  SHRIMP_ASSIGN_OR_RETURN(std::string normalized, NormalizeEmail(email));
  if (password.size() < kPasswordLengthMin || password.size() > kPasswordLengthMax) {
    return InvalidArgument("weak_password", "password must be 8 to 128 characters long")
        .With("field", "password");
  }
  if (name.empty() || name.size() > kNameLengthMax * 4) {
    return InvalidArgument("invalid_field", "name must be 1 to 100 characters long")
        .With("field", "name");
  }
  // Hash outside the writer: argon2id is deliberately slow and must not stall other writes.
  SHRIMP_ASSIGN_OR_RETURN(std::string password_hash, HashPassword(password));
  User user;
  user.email = normalized;
  user.name = std::string(name);
  user.role = role;
  user.created_at_ms = clock_.NowMs();
  return writer_.Run<User>([&](store::Connection& connection) -> Result<User> {
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
  });
}

Result<Session> AccountService::LogIn(std::string_view email, std::string_view password,
                                      std::string_view remote_ip) {
  auto normalized = NormalizeEmail(email);
  std::string email_key = "email:" + (normalized.ok() ? *normalized : std::string(email));
  std::string ip_key = "ip:" + std::string(remote_ip);
  // Only failed attempts count, per account and per address: guessing is
  // bounded, while many people behind one address can still log in.
  for (const std::string* key : {&email_key, &ip_key}) {
    int64_t wait_ms = login_limiter_.Blocked(*key);
    if (wait_ms > 0) {
      Error error{ErrorKind::kRateLimited, "too_many_attempts",
                  "too many log-in attempts; try again later", {}};
      return error.With("retry_after_s", std::to_string((wait_ms + 999) / 1000));
    }
  }
  Error invalid = Unauthenticated("invalid_credentials", "email or password is wrong");
  auto fail = [&]() -> Error {
    login_limiter_.Attempt(email_key);
    login_limiter_.Attempt(ip_key);
    return invalid;
  };
  if (!normalized.ok()) return fail();
  struct Row {
    User user;
    std::string password_hash;
  };
  auto row = db_.Read([&](store::Connection& connection) -> Result<std::optional<Row>> {
    store::Query query(connection,
                       "SELECT id, email, name, role, created_at, password_hash FROM users"
                       " WHERE email = ?");
    query.Bind(*normalized);
    if (!query.Next()) {
      if (!query.ok()) return query.error();
      return std::optional<Row>();
    }
    Row found{ReadUser(query), query.Text(5)};
    return std::optional<Row>(std::move(found));
  });
  if (!row.ok()) return std::move(row).error();
  if (!row->has_value() ||
      crypto_pwhash_str_verify((*row)->password_hash.c_str(), password.data(), password.size()) !=
          0) {
    return fail();
  }
  Session session;
  session.token = NewToken();
  session.user = (*row)->user;
  int64_t now_ms = clock_.NowMs();
  session.expires_at_ms = now_ms + options_.session_ttl_ms;
  std::string token_hash = Sha256Hex(session.token);
  auto session_id = writer_.Run<int64_t>([&](store::Connection& connection) -> Result<int64_t> {
    store::Query insert(connection,
                        "INSERT INTO sessions (user_id, token_hash, created_at, expires_at)"
                        " VALUES (?, ?, ?, ?) RETURNING id");
    insert.Bind(session.user.id, token_hash, now_ms, session.expires_at_ms);
    if (!insert.Next()) return insert.ok() ? Internal("insert returned no id") : insert.error();
    return insert.Int(0);
  });
  if (!session_id.ok()) return std::move(session_id).error();
  session.session_id = *session_id;
  return session;
}

Result<Principal> AccountService::Authenticate(std::string_view token) {
  Error unauthenticated =
      Unauthenticated("unauthenticated", "a valid bearer token is required; log in first");
  if (token.empty() || token.size() > 128) return unauthenticated;
  std::string token_hash = Sha256Hex(token);
  int64_t now_ms = clock_.NowMs();
  {
    std::lock_guard lock(session_cache_mutex_);
    auto it = session_cache_.find(token_hash);
    if (it != session_cache_.end()) {
      if (now_ms < it->second.cached_until_ms && now_ms < it->second.expires_at_ms) {
        return it->second.principal;
      }
      session_cache_.erase(it);
    }
  }
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
  {
    std::lock_guard lock(session_cache_mutex_);
    // A full cache starts over rather than growing without bound.
    if (session_cache_.size() >= kSessionCacheEntriesMax) session_cache_.clear();
    session_cache_[token_hash] =
        CachedSession{(*found)->principal, (*found)->expires_at_ms, now_ms + kSessionCacheTtlMs};
  }
  return (*found)->principal;
}

Status AccountService::LogOut(int64_t session_id) {
  {
    std::lock_guard lock(session_cache_mutex_);
    std::erase_if(session_cache_, [&](const auto& entry) {
      return entry.second.principal.session_id == session_id;
    });
  }
  int64_t now_ms = clock_.NowMs();
  return writer_.Run<Ok>([&](store::Connection& connection) -> Status {
    store::Query update(connection,
                        "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
    update.Bind(now_ms, session_id);
    return update.Run();
  });
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
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), options_.password_ops,
                            options_.password_memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("password hashing ran out of memory");
  }
  return std::string(hash);
}

Status AccountService::PromoteToMerchant(store::Connection& connection, int64_t user_id) {
  store::Query update(connection, "UPDATE users SET role = 'merchant' WHERE id = ? AND role = 'buyer'");
  update.Bind(user_id);
  return update.Run();
}

}  // namespace shrimp::accounts
