// TempLedger: a Ledger on a fresh, migrated SQLite database in a temporary
// directory, with a fake clock, for unit tests of the ledger and of domains
// built on it. Mutators run on the write connection directly (no Writer
// thread), each statement in its own transaction unless the test opens one.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "ledger/ledger.h"
#include "store/db.h"

namespace shrimp::testing {

class TempLedger {
 public:
  // synchronous_full=false: tests need no fsync.
  explicit TempLedger(bool synchronous_full = false, ledger::LedgerOptions options = {});
  ~TempLedger();

  store::Db& db() { return *db_; }
  store::Connection& connection() { return db_->write_connection(); }
  ledger::Ledger& ledger() { return *ledger_; }
  FakeClock& clock() { return clock_; }

  // EnsureAccount that must succeed; flags default to the kind's defaults.
  int64_t Account(ledger::AccountKind kind, int64_t owner_id, const char* currency);
  int64_t Account(ledger::AccountKind kind, int64_t owner_id, const char* currency, uint32_t flags);
  // A new Ledger loaded from the tables, as at start-up.
  std::unique_ptr<ledger::Ledger> Reload();

 private:
  FakeClock clock_;
  ledger::LedgerOptions options_;
  std::string dir_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<ledger::Ledger> ledger_;
};

}  // namespace shrimp::testing
