// ClaimSoleWriter: one shrimp server per PostgreSQL database, for now.
//
// On PostgreSQL a server still keeps the hot state (stock, balances,
// idempotency keys, open orders, ids) in its own memory, loaded at start, as
// on SQLite: a second server on the same database would work from its own
// copy and oversell. So the write connection takes a session-level advisory
// lock; while it is held, another shrimp process opening the same database is
// refused with database_in_use instead of running silently wrong. The lock
// goes with the connection (process exit, kill -9, or the Db closing).
// On SQLite: nothing to do (the writer is this process's by construction).
#pragma once

#include "core/result.h"
#include "store/db.h"

namespace shrimp::store {

// REQUIRES: the Db's write connection, before the Writer starts.
[[nodiscard]] Status ClaimSoleWriter(Connection& write_connection);

}  // namespace shrimp::store
