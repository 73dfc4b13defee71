// The SQLite driver: WAL journal, one write connection with synchronous=FULL,
// a pool of query-only read connections, statements cached per connection.
#include <sqlite3.h>

#include <map>

#include "store/db.h"

namespace shrimp::store {
namespace {

Error SqliteError(sqlite3* handle, std::string_view context) {
  // A full disk is the operator's to fix, not a bug: say so, so that callers
  // answer 507 and the writer keeps serving reads.
  if (sqlite3_errcode(handle) == SQLITE_FULL) {
    return Error{ErrorKind::kStorageFull,
                 "storage_full",
                 "the server's disk is full; nothing was written",
                 {}};
  }
  return Internal(std::string(context) + ": " + sqlite3_errmsg(handle));
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~SqliteStatement() override { sqlite3_finalize(statement_); }

  void BindInt(int index, int64_t value) override { sqlite3_bind_int64(statement_, index, value); }
  void BindText(int index, std::string_view value) override {
    sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
  }
  void BindNull(int index) override { sqlite3_bind_null(statement_, index); }

  Result<bool> Step() override {
    int code = sqlite3_step(statement_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    if (code == SQLITE_CONSTRAINT) {
      return Conflict("constraint_violation", sqlite3_errmsg(db_));
    }
    return SqliteError(db_, "step");
  }

  int64_t ColumnInt(int column) override { return sqlite3_column_int64(statement_, column); }
  std::string ColumnText(int column) override {
    const unsigned char* text = sqlite3_column_text(statement_, column);
    int size = sqlite3_column_bytes(statement_, column);
    return text ? std::string(reinterpret_cast<const char*>(text), size) : std::string();
  }
  bool ColumnIsNull(int column) override {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
  }
  void Reset() override {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* handle) : handle_(handle) {}
  ~SqliteConnection() override {
    cache_.clear();
    sqlite3_close_v2(handle_);
  }

  Status Exec(std::string_view sql) override {
    std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string detail = message ? message : "unknown error";
      sqlite3_free(message);
      if (sqlite3_errcode(handle_) == SQLITE_FULL) return SqliteError(handle_, "exec");
      return Internal("exec: " + detail);
    }
    return OkStatus();
  }

  Result<Statement*> Prepare(std::string_view sql) override {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second.get();
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v3(handle_, sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK) {
      return SqliteError(handle_, "prepare");
    }
    auto statement = std::make_unique<SqliteStatement>(handle_, raw);
    Statement* pointer = statement.get();
    cache_.emplace(std::string(sql), std::move(statement));
    return pointer;
  }

  int64_t Changes() override { return sqlite3_changes64(handle_); }

 private:
  sqlite3* handle_;
  std::map<std::string, std::unique_ptr<SqliteStatement>, std::less<>> cache_;
};

Result<std::unique_ptr<Connection>> OpenConnection(const std::string& path, bool writer,
                                                   bool synchronous_full) {
  sqlite3* handle = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &handle, flags, nullptr) != SQLITE_OK) {
    Error error = SqliteError(handle, "open " + path);
    sqlite3_close_v2(handle);
    return error;
  }
  auto connection = std::make_unique<SqliteConnection>(handle);
  sqlite3_busy_timeout(handle, 5000);
  std::string pragmas =
      "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;";
  if (writer) {
    pragmas += "PRAGMA journal_mode=WAL;";
    pragmas += synchronous_full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
    // Checkpoints run on the writer thread between batches; keep the WAL bounded.
    pragmas += "PRAGMA wal_autocheckpoint=4000;";
  } else {
    pragmas += "PRAGMA query_only=1;";
  }
  SHRIMP_RETURN_IF_ERROR(connection->Exec(pragmas));
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace

Result<std::unique_ptr<Db>> Db::OpenSqlite(const std::string& path, DbOptions options) {
  std::unique_ptr<Db> db(new Db());
  db->path_ = path;
  db->read_wait_ = options.read_wait;
  // The writer opens first so WAL mode is set before any reader attaches.
  // Off-thread sync: SQLite commits without fsync (NORMAL still syncs around
  // checkpoints) and the Writer syncs the WAL itself before acknowledging.
  bool sync_in_commit = options.synchronous_full && !options.sync_off_thread;
  if (options.synchronous_full && options.sync_off_thread) db->wal_to_sync_ = path + "-wal";
  SHRIMP_ASSIGN_OR_RETURN(db->writer_, OpenConnection(path, true, sync_in_commit));
  for (int index = 0; index < options.read_connections; ++index) {
    SHRIMP_ASSIGN_OR_RETURN(auto reader, OpenConnection(path, false, false));
    db->pool_.push_back(std::move(reader));
  }
  return db;
}

}  // namespace shrimp::store
