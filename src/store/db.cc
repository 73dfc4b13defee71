#include "store/db.h"

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

Db::Lease::Lease(Db& db_in) : db(db_in) {
  std::unique_lock lock(db.pool_mutex_);
  db.pool_ready_.wait(lock, [&] { return !db.pool_.empty(); });
  connection = std::move(db.pool_.back());
  db.pool_.pop_back();
}

Db::Lease::~Lease() {
  {
    std::lock_guard lock(db.pool_mutex_);
    db.pool_.push_back(std::move(connection));
  }
  db.pool_ready_.notify_one();
}

Db::~Db() = default;

bool IsPostgresUrl(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& location, DbOptions options) {
  if (IsPostgresUrl(location)) return OpenPostgres(location, options);
  return OpenSqlite(location, options);
}

}  // namespace shrimp::store
