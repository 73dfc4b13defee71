// The PostgreSQL driver (libpq): one write connection, a pool of read-only
// connections, statements prepared on the server once per connection and
// cached by their text, values exchanged as text.
//
// The SQL is the repositories' own, rewritten by store/dialect.h. Errors are
// mapped by SQLSTATE, never by message text:
//   class 23 (integrity constraint)    -> Conflict "constraint_violation",
//                                         as the SQLite driver answers
//   22021/22P05 (NUL in text), 22003   -> InvalidArgument (the input's fault)
//   40001 serialization_failure,
//   40P01 deadlock_detected            -> Unavailable, same codes (retryable)
//   53100 disk_full, 53xxx resources   -> StorageFull "storage_full"
//   class 08 (connection), 57P (shutdown), a lost connection
//                                      -> Unavailable "storage_unavailable"
//   anything else                      -> Internal, with SQLSTATE and message
//
// Faults: opening waits up to DbOptions::connect_wait for a server that
// cannot be reached yet (one log line per attempt). A connection whose
// session is gone (lost(): a statement failed storage_unavailable, or the
// server closed it while idle) is replaced in place by Reconnect: Db::Read
// does it before handing out a lost reader, Db::ReconnectWriter for the
// write connection.
#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>
#include <thread>
#include <vector>

#include "store/db.h"
#include "store/dialect.h"

namespace shrimp::store {
namespace {

// Opening retries a server that cannot be reached after this pause, doubled
// each time up to the maximum (DbOptions::connect_wait bounds the whole).
constexpr std::chrono::milliseconds kConnectBackoffFirst{250};
constexpr std::chrono::milliseconds kConnectBackoffMax{5'000};
// One connect attempt's bound (libpq's connect_timeout, per host), unless
// the URL or PGCONNECT_TIMEOUT sets one.
constexpr const char* kConnectTimeoutSeconds = "5";

Error StorageUnavailable(std::string detail) {
  return Error{ErrorKind::kUnavailable,
               "storage_unavailable",
               "the database could not be reached; nothing was changed, retry later",
               {}}
      .With("detail", std::move(detail));
}

Error MapError(PGconn* handle, const PGresult* result, std::string_view context) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(handle);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  std::string sqlstate = state ? state : "";
  if (sqlstate.starts_with("23")) return Conflict("constraint_violation", message);
  // Text SQLite would have stored (a NUL character) and numbers out of
  // BIGINT's range: the caller's input, answered as such, never a 500.
  if (sqlstate == "22021" || sqlstate == "22P05") {
    return InvalidArgument("invalid_text", "text may not contain NUL characters");
  }
  if (sqlstate == "22003") return InvalidArgument("out_of_range", "a number is out of range");
  if (sqlstate == "40001") {
    return Error{ErrorKind::kUnavailable, "serialization_failure", message, {}};
  }
  if (sqlstate == "40P01") return Error{ErrorKind::kUnavailable, "deadlock_detected", message, {}};
  if (sqlstate.starts_with("53")) {
    return Error{ErrorKind::kStorageFull,
                 "storage_full",
                 "the database server is out of space or resources; nothing was written",
                 {}};
  }
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57P") ||
      PQstatus(handle) != CONNECTION_OK) {
    return StorageUnavailable(message);
  }
  return Internal(std::string(context) + ": " + (sqlstate.empty() ? "" : "[" + sqlstate + "] ") +
                  message);
}

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresConnection;

class PostgresStatement final : public Statement {
 public:
  PostgresStatement(PostgresConnection& connection, std::string name, int parameters)
      : connection_(connection), name_(std::move(name)), values_(parameters) {}

  void BindInt(int index, int64_t value) override { Set(index, std::to_string(value)); }
  void BindText(int index, std::string_view value) override { Set(index, std::string(value)); }
  void BindNull(int index) override {
    if (index >= 1 && index <= static_cast<int>(values_.size())) values_[index - 1].reset();
  }

  Result<bool> Step() override;

  int64_t ColumnInt(int column) override {
    if (!result_ || PQgetisnull(result_.get(), row_, column)) return 0;
    const char* text = PQgetvalue(result_.get(), row_, column);
    // Booleans (comparisons, EXISTS) read as SQLite's 0 and 1; sums of
    // BIGINT come back NUMERIC and read to their integer part.
    if (text[0] == 't' && text[1] == '\0') return 1;
    if (text[0] == 'f' && text[1] == '\0') return 0;
    return std::strtoll(text, nullptr, 10);
  }
  std::string ColumnText(int column) override {
    if (!result_ || PQgetisnull(result_.get(), row_, column)) return std::string();
    return std::string(PQgetvalue(result_.get(), row_, column),
                       PQgetlength(result_.get(), row_, column));
  }
  bool ColumnIsNull(int column) override {
    return !result_ || PQgetisnull(result_.get(), row_, column) != 0;
  }
  void Reset() override {
    result_.reset();
    executed_ = false;
    row_ = -1;
    for (auto& value : values_) value.reset();
  }

 private:
  void Set(int index, std::string value) {
    if (index >= 1 && index <= static_cast<int>(values_.size()))
      values_[index - 1] = std::move(value);
  }

  PostgresConnection& connection_;
  std::string name_;
  std::vector<std::optional<std::string>> values_;
  ResultPtr result_;
  bool executed_ = false;
  int row_ = -1;
};

// How a connection is made, kept to make it again (Reconnect).
struct ConnectSpec {
  std::string url;
  bool reader = false;
  bool synchronous_full = true;
};

void IgnoreNotice(void*, const char*) {}

// libpq's message on one line (it spans several: "connection to server ...
// failed: ...\n\tIs the server running ...?"), for one log line per attempt.
std::string OneLine(std::string message) {
  std::string out;
  bool space = false;
  for (char c : message) {
    if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The connect parameters: the URL, after a default connect_timeout that the
// URL (or PGCONNECT_TIMEOUT) overrides. libpq's own default waits as long as
// the operating system does, which would make neither the wait at opening
// nor a reader's reconnect (on a request's thread) bounded.
struct ConnectParams {
  explicit ConnectParams(const std::string& url) {
    const char* env = std::getenv("PGCONNECT_TIMEOUT");
    if (env == nullptr || *env == '\0') {
      keywords.push_back("connect_timeout");
      values.push_back(kConnectTimeoutSeconds);
    }
    // Expanded (expand_dbname): its parameters replace the ones before it.
    keywords.push_back("dbname");
    values.push_back(url.c_str());
    keywords.push_back(nullptr);
    values.push_back(nullptr);
  }
  std::vector<const char*> keywords;
  std::vector<const char*> values;
};

// A new server session, or the reason there is none.
Result<PGconn*> OpenHandle(const std::string& url) {
  ConnectParams params(url);
  PGconn* handle = PQconnectdbParams(params.keywords.data(), params.values.data(), 1);
  if (handle == nullptr || PQstatus(handle) != CONNECTION_OK) {
    std::string message = handle ? OneLine(PQerrorMessage(handle)) : "out of memory";
    if (handle) PQfinish(handle);
    return StorageUnavailable(message);
  }
  PQsetNoticeProcessor(handle, IgnoreNotice, nullptr);
  return handle;
}

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(PGconn* handle, ConnectSpec spec) : handle_(handle), spec_(std::move(spec)) {}
  ~PostgresConnection() override {
    cache_.clear();
    PQfinish(handle_);
  }

  // The session's settings, run after every connect.
  Status Configure() {
    // UTC and UTF-8 whatever the server's defaults; readers cannot write.
    std::string settings = "SET client_encoding = 'UTF8'; SET TimeZone = 'UTC';";
    // Named in pg_stat_activity (an operator sees which is which; the tests
    // end the readers only), unless the URL names the application itself.
    if (spec_.url.find("application_name") == std::string::npos) {
      settings += spec_.reader ? " SET application_name = 'shrimp reader';"
                               : " SET application_name = 'shrimp writer';";
    }
    if (spec_.reader) settings += " SET default_transaction_read_only = on;";
    // Tests only: commits need not wait for the WAL flush.
    if (!spec_.synchronous_full) settings += " SET synchronous_commit = off;";
    return Exec(settings);
  }

  Status Exec(std::string_view sql) override {
    if (IsPragma(sql)) return OkStatus();
    SHRIMP_ASSIGN_OR_RETURN(PostgresSql translated, ToPostgres(sql));
    // A snapshot on a reader (whole-history checks) must see one point in
    // time, as a SQLite read transaction does.
    if (spec_.reader && translated.text == "BEGIN") {
      translated.text = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    }
    ResultPtr result(PQexec(handle_, translated.text.c_str()));
    ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return Fail(result.get(), "exec");
    }
    RecordChanges(result.get());
    return OkStatus();
  }

  Result<Statement*> Prepare(std::string_view sql) override {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second.get();
    SHRIMP_ASSIGN_OR_RETURN(PostgresSql translated, ToPostgres(sql));
    std::string name = "s" + std::to_string(cache_.size() + 1);
    ResultPtr result(PQprepare(handle_, name.c_str(), translated.text.c_str(), 0, nullptr));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
      return Fail(result.get(), "prepare " + translated.text);
    }
    auto statement = std::make_unique<PostgresStatement>(*this, name, translated.parameters);
    Statement* pointer = statement.get();
    cache_.emplace(std::string(sql), std::move(statement));
    return pointer;
  }

  int64_t Changes() override { return changes_; }
  DbEngine engine() const override { return DbEngine::kPostgres; }

  bool lost() override {
    if (lost_) return true;
    // Reads what the server sent while the connection was idle, without
    // blocking: a server that ended the session (shutdown, restart,
    // pg_terminate_backend) has sent its FATAL and closed the socket, and
    // libpq marks the connection bad.
    // One poll when nothing arrived (the usual case); else the first read
    // may take the FATAL message, the next one the end of the stream.
    if (PQstatus(handle_) == CONNECTION_OK && PQtransactionStatus(handle_) == PQTRANS_IDLE) {
      pollfd socket{.fd = PQsocket(handle_), .events = POLLIN, .revents = 0};
      if (socket.fd >= 0 && ::poll(&socket, 1, 0) > 0) {
        for (int read = 0; read < 3 && PQstatus(handle_) == CONNECTION_OK; ++read) {
          if (PQconsumeInput(handle_) == 0) break;
        }
      }
    }
    return PQstatus(handle_) != CONNECTION_OK;
  }

  // A new session: what the old one held (prepared statements, an open
  // transaction, session-level advisory locks) is gone; the caller takes
  // its locks again (Db::ReconnectWriter's caller).
  Status Reconnect() override {
    SHRIMP_ASSIGN_OR_RETURN(PGconn * fresh, OpenHandle(spec_.url));
    // The old session's prepared statements went with it.
    cache_.clear();
    PQfinish(handle_);
    handle_ = fresh;
    lost_ = false;
    changes_ = 0;
    return Configure();
  }

  // Maps a failed statement's error (MapError) and remembers a lost
  // connection, which Reconnect then replaces.
  Error Fail(const PGresult* result, std::string_view context) {
    Error error = MapError(handle_, result, context);
    if (error.code == "storage_unavailable") lost_ = true;
    return error;
  }

  PGconn* handle() { return handle_; }
  void RecordChanges(const PGresult* result) {
    const char* tuples = PQcmdTuples(const_cast<PGresult*>(result));
    changes_ = tuples && tuples[0] ? std::strtoll(tuples, nullptr, 10) : 0;
  }

 private:
  PGconn* handle_;
  ConnectSpec spec_;
  bool lost_ = false;
  int64_t changes_ = 0;
  std::map<std::string, std::unique_ptr<PostgresStatement>, std::less<>> cache_;
};

Result<bool> PostgresStatement::Step() {
  if (!executed_) {
    executed_ = true;
    std::vector<const char*> pointers(values_.size());
    for (size_t index = 0; index < values_.size(); ++index) {
      pointers[index] = values_[index] ? values_[index]->c_str() : nullptr;
    }
    result_.reset(PQexecPrepared(connection_.handle(), name_.c_str(),
                                 static_cast<int>(pointers.size()), pointers.data(), nullptr,
                                 nullptr, 0));
    ExecStatusType status = PQresultStatus(result_.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      Error error = connection_.Fail(result_.get(), "step");
      result_.reset();
      return error;
    }
    connection_.RecordChanges(result_.get());
    row_ = -1;
  }
  if (!result_) return false;
  row_ += 1;
  return row_ < PQntuples(result_.get());
}

Result<std::unique_ptr<Connection>> Connect(const ConnectSpec& spec) {
  SHRIMP_ASSIGN_OR_RETURN(PGconn * handle, OpenHandle(spec.url));
  auto connection = std::make_unique<PostgresConnection>(handle, spec);
  SHRIMP_RETURN_IF_ERROR(connection->Configure());
  return std::unique_ptr<Connection>(std::move(connection));
}

// Whether waiting may cure a failed connect, asked of the server (PQping),
// never read from the message: no answer at all (down, not yet listening) or
// a refusal (starting up, shutting down, in recovery) may pass; a server that
// answers and still refused us (a bad password, no such database) will not,
// except with target_session_attrs, where it may be a standby about to be
// promoted.
bool WaitingMayHelp(const std::string& url) {
  ConnectParams params(url);
  switch (PQpingParams(params.keywords.data(), params.values.data(), 1)) {
    case PQPING_NO_RESPONSE:
    case PQPING_REJECT: return true;
    case PQPING_OK: return url.find("target_session_attrs") != std::string::npos;
    case PQPING_NO_ATTEMPT: return false;
  }
  return false;
}

// Connect, retried with backoff until `deadline` while WaitingMayHelp: one
// log line per failed attempt; the last error says how long it tried.
Result<std::unique_ptr<Connection>> ConnectWaiting(const ConnectSpec& spec,
                                                   const std::string& shown,
                                                   std::chrono::steady_clock::time_point deadline) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  auto start = std::chrono::steady_clock::now();
  milliseconds backoff = kConnectBackoffFirst;
  for (int attempt = 1;; ++attempt) {
    Result<std::unique_ptr<Connection>> connection = Connect(spec);
    if (connection.ok()) {
      if (attempt > 1) spdlog::info("database: connected to {} (attempt {})", shown, attempt);
      return connection;
    }
    Error error = std::move(connection).error();
    std::string reason;
    for (const auto& [key, value] : error.details) reason += (reason.empty() ? "" : " ") + value;
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline || error.code != "storage_unavailable" || !WaitingMayHelp(spec.url)) {
      if (error.code != "storage_unavailable") return error;
      // The operator's message: where, why, and for how long it tried.
      error.message = reason.empty() ? error.message : reason;
      error.message = "cannot connect to PostgreSQL at " + shown + ": " + error.message;
      if (attempt > 1) {
        error.message += " (gave up after " + std::to_string(attempt) + " attempts in " +
                         std::to_string(duration_cast<milliseconds>(now - start).count() / 1000) +
                         " s)";
      }
      return error;
    }
    milliseconds pause = std::min(backoff, duration_cast<milliseconds>(deadline - now));
    spdlog::warn(
        "database: {} cannot be reached (attempt {}): {}; retrying in {} ms, for {:.1f} s more",
        shown, attempt, reason, pause.count(),
        static_cast<double>(duration_cast<milliseconds>(deadline - now).count()) / 1000);
    std::this_thread::sleep_for(pause);
    backoff = std::min(backoff * 2, kConnectBackoffMax);
  }
}

// The URL with the password (user:password@) masked, for logs and messages.
std::string MaskPassword(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace

Result<std::unique_ptr<Db>> Db::OpenPostgres(const std::string& url, DbOptions options) {
  std::unique_ptr<Db> db(new Db());
  db->engine_ = DbEngine::kPostgres;
  db->path_ = MaskPassword(url);
  // PostgreSQL syncs its own WAL at commit (synchronous_commit = on): the
  // Writer acknowledges a batch when COMMIT returns.
  db->read_wait_ = options.read_wait;
  // One deadline for all the connections: the server that answers the
  // first answers the others.
  auto deadline = std::chrono::steady_clock::now() + options.connect_wait;
  ConnectSpec spec{.url = url, .reader = false, .synchronous_full = options.synchronous_full};
  SHRIMP_ASSIGN_OR_RETURN(db->writer_, ConnectWaiting(spec, db->path_, deadline));
  spec.reader = true;
  for (int index = 0; index < options.read_connections; ++index) {
    SHRIMP_ASSIGN_OR_RETURN(auto reader, ConnectWaiting(spec, db->path_, deadline));
    db->pool_.push_back(std::move(reader));
  }
  return db;
}

}  // namespace shrimp::store
