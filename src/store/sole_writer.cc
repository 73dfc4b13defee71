#include "store/sole_writer.h"

namespace shrimp::store {
namespace {

// The advisory lock's key: "shrimp" in ASCII, so it cannot be mistaken for
// another application's lock in pg_locks.
constexpr int64_t kSoleWriterLockKey = 0x736872696d70;

}  // namespace

Status ClaimSoleWriter(Connection& write_connection) {
  if (write_connection.engine() != DbEngine::kPostgres) return OkStatus();
  Query lock(write_connection, "SELECT pg_try_advisory_lock(CAST(? AS INTEGER))");
  lock.Bind(kSoleWriterLockKey);
  SHRIMP_ASSIGN_OR_RETURN(auto locked, lock.ScalarInt());
  if (locked.value_or(0) != 1) {
    return Error{ErrorKind::kUnavailable,
                 "database_in_use",
                 "another shrimp process is using this PostgreSQL database; several servers on "
                 "one database are not supported yet (README, \"PostgreSQL\")",
                 {}};
  }
  return OkStatus();
}

}  // namespace shrimp::store
