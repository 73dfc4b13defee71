#include "store/db.h"

#include <spdlog/spdlog.h>

namespace shrimp::store {

Query::Query(Connection& connection, std::string_view sql) {
  auto prepared = connection.Prepare(sql);
  if (prepared.ok()) {
    statement_ = *prepared;
  } else {
    error_ = std::move(prepared).error();
  }
}

Query::~Query() {
  if (statement_) statement_->Reset();
}

bool Query::Next() {
  if (!statement_ || error_) return false;
  auto stepped = statement_->Step();
  if (!stepped.ok()) {
    error_ = std::move(stepped).error();
    return false;
  }
  return *stepped;
}

Status Query::Run() {
  while (Next()) {
  }
  return status();
}

Result<std::optional<int64_t>> Query::ScalarInt() {
  if (Next()) return OptionalInt(0);
  if (error_) return *error_;
  return std::optional<int64_t>();
}

namespace {

// The stand-in of a Read that found no free connection in time, or of a
// connection that cannot be used: every statement fails with `error`.
class FailingConnection final : public Connection {
 public:
  FailingConnection(DbEngine engine, Error error) : engine_(engine), error_(std::move(error)) {}
  Status Exec(std::string_view) override { return error_; }
  Result<Statement*> Prepare(std::string_view) override { return error_; }
  int64_t Changes() override { return 0; }
  DbEngine engine() const override { return engine_; }

 private:
  DbEngine engine_;
  Error error_;
};

int64_t SteadyNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Error StorageBusy() {
  return Error{ErrorKind::kUnavailable,
               "storage_busy",
               "every database connection is busy; nothing was changed, retry later",
               {}};
}

Db::Lease::Lease(Db& db_in) : db(db_in) {
  {
    std::unique_lock lock(db.pool_mutex_);
    if (!db.pool_ready_.wait_for(lock, db.read_wait_, [&] { return !db.pool_.empty(); })) {
      pooled = false;
      connection = std::make_unique<FailingConnection>(db.engine_, StorageBusy());
      return;
    }
    connection = std::move(db.pool_.back());
    db.pool_.pop_back();
  }
  // A connection whose server session is gone (the server restarted, an
  // administrator ended it, a failover): reconnect before use, unless a
  // reconnect just failed; then its statements fail storage_unavailable.
  if (connection->lost() && SteadyNs() >= db.reconnect_after_ns_.load()) {
    if (Status reconnected = connection->Reconnect(); reconnected.ok()) {
      spdlog::info("database: a read connection was lost; reconnected");
    } else {
      db.reconnect_after_ns_.store(SteadyNs() + std::chrono::nanoseconds(kReconnectPause).count());
      std::string reason = reconnected.error().message;
      for (const auto& [key, value] : reconnected.error().details) reason += " " + value;
      spdlog::warn("database: a read connection was lost and cannot reconnect: {}", reason);
    }
  }
}

Db::Lease::~Lease() {
  if (!pooled) return;
  {
    std::lock_guard lock(db.pool_mutex_);
    db.pool_.push_back(std::move(connection));
  }
  db.pool_ready_.notify_one();
}

Db::~Db() = default;

Status Db::ReconnectWriter() { return writer_->Reconnect(); }

bool IsPostgresUrl(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& location, DbOptions options) {
  if (IsPostgresUrl(location)) return OpenPostgres(location, options);
  return OpenSqlite(location, options);
}

}  // namespace shrimp::store
