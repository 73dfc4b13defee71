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
#include <libpq-fe.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <vector>

#include "store/db.h"
#include "store/dialect.h"

namespace shrimp::store {
namespace {

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

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(PGconn* handle, bool reader) : handle_(handle), reader_(reader) {}
  ~PostgresConnection() override {
    cache_.clear();
    PQfinish(handle_);
  }

  Status Exec(std::string_view sql) override {
    if (IsPragma(sql)) return OkStatus();
    SHRIMP_ASSIGN_OR_RETURN(PostgresSql translated, ToPostgres(sql));
    // A snapshot on a reader (whole-history checks) must see one point in
    // time, as a SQLite read transaction does.
    if (reader_ && translated.text == "BEGIN") {
      translated.text = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    }
    ResultPtr result(PQexec(handle_, translated.text.c_str()));
    ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return MapError(handle_, result.get(), "exec");
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
      return MapError(handle_, result.get(), "prepare " + translated.text);
    }
    auto statement = std::make_unique<PostgresStatement>(*this, name, translated.parameters);
    Statement* pointer = statement.get();
    cache_.emplace(std::string(sql), std::move(statement));
    return pointer;
  }

  int64_t Changes() override { return changes_; }
  DbEngine engine() const override { return DbEngine::kPostgres; }

  PGconn* handle() { return handle_; }
  void RecordChanges(const PGresult* result) {
    const char* tuples = PQcmdTuples(const_cast<PGresult*>(result));
    changes_ = tuples && tuples[0] ? std::strtoll(tuples, nullptr, 10) : 0;
  }

 private:
  PGconn* handle_;
  bool reader_;
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
      Error error = MapError(connection_.handle(), result_.get(), "step");
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

void IgnoreNotice(void*, const char*) {}

Result<std::unique_ptr<Connection>> Connect(const std::string& url, bool reader,
                                            bool synchronous_full) {
  PGconn* handle = PQconnectdb(url.c_str());
  if (handle == nullptr || PQstatus(handle) != CONNECTION_OK) {
    std::string message = handle ? PQerrorMessage(handle) : "out of memory";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    if (handle) PQfinish(handle);
    return StorageUnavailable("cannot connect to PostgreSQL: " + message);
  }
  PQsetNoticeProcessor(handle, IgnoreNotice, nullptr);
  auto connection = std::make_unique<PostgresConnection>(handle, reader);
  // UTC and UTF-8 whatever the server's defaults; readers cannot write.
  std::string settings = "SET client_encoding = 'UTF8'; SET TimeZone = 'UTC';";
  if (reader) settings += " SET default_transaction_read_only = on;";
  // Tests only: commits need not wait for the WAL flush.
  if (!synchronous_full) settings += " SET synchronous_commit = off;";
  SHRIMP_RETURN_IF_ERROR(connection->Exec(settings));
  return std::unique_ptr<Connection>(std::move(connection));
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
  SHRIMP_ASSIGN_OR_RETURN(db->writer_, Connect(url, false, options.synchronous_full));
  for (int index = 0; index < options.read_connections; ++index) {
    SHRIMP_ASSIGN_OR_RETURN(auto reader, Connect(url, true, options.synchronous_full));
    db->pool_.push_back(std::move(reader));
  }
  return db;
}

}  // namespace shrimp::store
