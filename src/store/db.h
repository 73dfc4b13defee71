// Db: the storage interface every domain writes its repository functions
// against. SQL uses '?' placeholders and the subset of SQL that SQLite and
// PostgreSQL share, so a PostgreSQL driver can implement the same interface.
//
// Threading: a Connection is used by one thread at a time. Db hands out read
// connections from a pool (Read) and owns one write connection, used only by
// the Writer thread (see store/writer.h).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/result.h"
#include "store/journal.h"

namespace shrimp::store {

enum class DbEngine { kSqlite, kPostgres };

class Statement {
 public:
  virtual ~Statement() = default;
  // Indexes are 1-based, as in SQL.
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  virtual void BindNull(int index) = 0;
  // Advances; true when a row is ready, false when done.
  [[nodiscard]] virtual Result<bool> Step() = 0;
  // Columns are 0-based.
  virtual int64_t ColumnInt(int column) = 0;
  virtual std::string ColumnText(int column) = 0;
  virtual bool ColumnIsNull(int column) = 0;
  // Clears bindings and rewinds for reuse.
  virtual void Reset() = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one or more statements that return no rows.
  [[nodiscard]] virtual Status Exec(std::string_view sql) = 0;
  // Returns a prepared statement, cached per connection by its text.
  [[nodiscard]] virtual Result<Statement*> Prepare(std::string_view sql) = 0;
  // Rows changed by the last statement.
  virtual int64_t Changes() = 0;
  // The engine behind the connection, for the rare statement with no form
  // both accept (a migration's PostgreSQL variant, see store/migrate.h).
  virtual DbEngine engine() const { return DbEngine::kSqlite; }

  // True when the connection to the database server is known to be gone
  // (PostgreSQL: the server closed it, or a statement failed with a lost
  // connection, class 08 or 57P). Never blocks. Always false on SQLite.
  virtual bool lost() { return false; }
  // Connects again with the same URL and settings, in place: on success the
  // old server session is closed and every statement Prepare returned is
  // invalid (the cache is emptied; the server forgot them with the session).
  // The journal is kept. On failure the connection stays as it was (lost).
  // REQUIRES: no Query open on this connection, no transaction wanted (an
  // open one is gone with the old session). SQLite: nothing to do.
  // Wrappers (testing/faulty_connection.h) forward it to the inner one.
  [[nodiscard]] virtual Status Reconnect() { return OkStatus(); }

  // The undo log of the hot state changed in this connection's open writer
  // batch (see store/journal.h). Used on the write connection only.
  Journal& journal() { return journal_; }

 private:
  Journal journal_;
};

// A prepared statement in use: bind, step, read; reset on destruction.
//   Query query(connection, "SELECT name FROM users WHERE id = ?");
//   query.Bind(user_id);
//   while (query.Next()) ...
class Query {
 public:
  Query(Connection& connection, std::string_view sql);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  template <class... Args>
  Query& Bind(const Args&... args) {
    int index = 1;
    (BindOne(index++, args), ...);
    return *this;
  }

  // Binds one value at a 1-based index, for statements built at run time.
  template <class T>
  Query& BindAt(int index, const T& value) {
    BindOne(index, value);
    return *this;
  }

  // True when a row is ready. On error, returns false and error() is set.
  bool Next();
  // Steps to completion, for statements without rows.
  [[nodiscard]] Status Run();
  // The first column of the first row, for "SELECT count(*)" and the like.
  [[nodiscard]] Result<std::optional<int64_t>> ScalarInt();

  int64_t Int(int column) { return statement_->ColumnInt(column); }
  std::string Text(int column) { return statement_->ColumnText(column); }
  bool IsNull(int column) { return statement_->ColumnIsNull(column); }
  std::optional<int64_t> OptionalInt(int column) {
    if (IsNull(column)) return std::nullopt;
    return Int(column);
  }

  bool ok() const { return !error_.has_value(); }
  // The error of Prepare or Step; REQUIRES: !ok().
  const Error& error() const { return *error_; }
  Status status() const {
    if (error_) return *error_;
    return OkStatus();
  }

 private:
  void BindOne(int index, int64_t value) {
    if (statement_) statement_->BindInt(index, value);
  }
  void BindOne(int index, int value) { BindOne(index, static_cast<int64_t>(value)); }
  void BindOne(int index, bool value) { BindOne(index, static_cast<int64_t>(value)); }
  void BindOne(int index, std::string_view value) {
    if (statement_) statement_->BindText(index, value);
  }
  void BindOne(int index, const std::string& value) { BindOne(index, std::string_view(value)); }
  void BindOne(int index, const char* value) { BindOne(index, std::string_view(value)); }
  void BindOne(int index, std::nullopt_t) {
    if (statement_) statement_->BindNull(index);
  }
  template <class T>
  void BindOne(int index, const std::optional<T>& value) {
    if (value)
      BindOne(index, *value);
    else
      BindOne(index, std::nullopt);
  }

  Statement* statement_ = nullptr;
  std::optional<Error> error_;
};

// How long Db::Read waits for a free read connection before the reading
// request fails with 503 storage_busy (DbOptions::read_wait).
inline constexpr std::chrono::milliseconds kReadWaitDefault{2'000};

struct DbOptions {
  int read_connections = 4;
  // Durable commits: nothing acknowledged is lost, even on power loss. Off
  // only in tests, which need no fsync.
  bool synchronous_full = true;
  // With synchronous_full: the commit itself does not fsync; the Writer's
  // syncer thread fdatasyncs the WAL and acknowledges the batch after it, so
  // the next batch is applied while the previous one reaches the disk.
  // Acknowledged writes are exactly as durable as with synchronous=FULL.
  bool sync_off_thread = true;
  // Db::Read waits this long for a free read connection; then fn runs on a
  // connection whose every statement fails with storage_busy (kUnavailable,
  // 503, nothing changed: safe to retry).
  std::chrono::milliseconds read_wait = kReadWaitDefault;
  // PostgreSQL: how long opening keeps retrying while the server cannot be
  // reached (down, starting up, or, with target_session_attrs, no primary
  // yet), one log line per attempt, backoff 250 ms doubling to 5 s. Errors
  // that waiting cannot cure (a bad password, no such database) fail at
  // once. 0: one attempt. `--db-wait-seconds` sets it (default 30).
  std::chrono::milliseconds connect_wait{0};
};

// True for "postgresql://..." and "postgres://..." (libpq connection URIs).
bool IsPostgresUrl(std::string_view location);

class Db {
 public:
  // Opens (creating if needed) a SQLite database in WAL mode.
  static Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path, DbOptions options);
  // Connects to a PostgreSQL database (store/postgres_db.cc): one write
  // connection and options.read_connections read-only ones. The SQL of the
  // repositories is rewritten by store/dialect.h; errors are mapped by
  // SQLSTATE (constraint_violation, serialization_failure,
  // deadlock_detected, storage_full, storage_unavailable).
  static Result<std::unique_ptr<Db>> OpenPostgres(const std::string& url, DbOptions options);
  // OpenPostgres for a PostgreSQL URL, else OpenSqlite for a file path.
  static Result<std::unique_ptr<Db>> Open(const std::string& location, DbOptions options);
  ~Db();

  // Runs `fn(Connection&)` on a pooled read connection; waits up to
  // DbOptions::read_wait if all are busy, then runs fn on a connection whose
  // statements all fail with storage_busy (503, retry-safe). A pooled
  // connection found lost (PostgreSQL) is reconnected before fn gets it; if
  // that fails fn's statements fail with storage_unavailable (503) and the
  // next Read tries again (at most every kReconnectPause).
  template <class F>
  auto Read(F&& fn) -> std::invoke_result_t<F, Connection&> {
    Lease lease(*this);
    return fn(*lease.connection);
  }

  // After a failed reconnect of a read connection, Reads answer at once
  // (storage_unavailable) for this long instead of trying again, so a down
  // database costs a request no connect attempt each.
  static constexpr std::chrono::milliseconds kReconnectPause{500};

  // Replaces the write connection's server session with a new one from the
  // same URL (Connection::Reconnect): with a multi-host URL and
  // target_session_attrs=read-write it finds the current primary after a
  // failover. A WrapWriteConnection wrapper stays in place and reconnects
  // the connection it wraps. On failure the old (lost) connection stays; call
  // again later. SQLite: nothing to do, OkStatus.
  // REQUIRES: on the Writer thread between batches (no open transaction, an
  // empty journal), or before the Writer starts.
  [[nodiscard]] Status ReconnectWriter();

  // REQUIRES: used only by the Writer thread, or before it starts.
  Connection& write_connection() { return *writer_; }

  // Replaces the write connection with `wrap(old)`, e.g. a connection that
  // fails chosen statements (testing/faulty_connection.h).
  // REQUIRES: before the Writer starts.
  template <class F>
  void WrapWriteConnection(F&& wrap) {
    writer_ = wrap(std::move(writer_));
  }

  DbEngine engine() const { return engine_; }
  // The SQLite file, or the PostgreSQL URL with any password masked.
  const std::string& path() const { return path_; }
  // The write-ahead log the Writer must fdatasync before acknowledging a
  // commit; empty when commits sync themselves (or durability is off).
  const std::string& wal_to_sync() const { return wal_to_sync_; }

 private:
  Db() = default;
  struct Lease {
    explicit Lease(Db& db);
    ~Lease();
    Db& db;
    std::unique_ptr<Connection> connection;
    bool pooled = true;  // false: a stand-in failing with storage_busy
  };

  DbEngine engine_ = DbEngine::kSqlite;
  std::string path_;
  std::string wal_to_sync_;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mutex_;
  std::condition_variable pool_ready_;
  std::vector<std::unique_ptr<Connection>> pool_;
  std::chrono::milliseconds read_wait_ = kReadWaitDefault;
  // steady_clock nanoseconds before which no lost read connection is
  // reconnected (kReconnectPause after a failed attempt).
  std::atomic<int64_t> reconnect_after_ns_{0};
};

// The error of a Read that found no free connection in time.
Error StorageBusy();

}  // namespace shrimp::store
