#include "testing/temp_ledger.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "store/migrate.h"
#include "testing/test_server.h"

namespace shrimp::testing {

TempLedger::TempLedger(bool synchronous_full, ledger::LedgerOptions ledger_options)
    : clock_(1'795'000'000'000), options_(ledger_options) {
  dir_ = MakeTempDir();
  store::DbOptions options;
  options.read_connections = 2;
  options.synchronous_full = synchronous_full;
  auto db = store::Db::OpenSqlite(dir_ + "/ledger.db", options);
  if (!db.ok()) {
    ADD_FAILURE() << "OpenSqlite: " << db.error().message;
    std::abort();
  }
  db_ = std::move(db).value();
  Status migrated = store::Migrate(connection(), ledger::Ledger::Migrations(), clock_.NowMs());
  if (!migrated.ok()) {
    ADD_FAILURE() << "Migrate: " << migrated.error().message;
    std::abort();
  }
  ledger_ = std::make_unique<ledger::Ledger>(clock_, options_);
  Status loaded = ledger_->Load(connection());
  if (!loaded.ok()) {
    ADD_FAILURE() << "Load: " << loaded.error().message;
    std::abort();
  }
}

TempLedger::~TempLedger() {
  ledger_.reset();
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

int64_t TempLedger::Account(ledger::AccountKind kind, int64_t owner_id, const char* currency) {
  return Account(kind, owner_id, currency, ledger::DefaultAccountFlags(kind));
}

int64_t TempLedger::Account(ledger::AccountKind kind, int64_t owner_id, const char* currency,
                            uint32_t flags) {
  auto parsed = Currency::Parse(currency);
  EXPECT_TRUE(parsed.ok()) << currency;
  auto id = ledger_->EnsureAccount(connection(), kind, owner_id, *parsed, flags);
  EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
  return id.ok() ? *id : 0;
}

std::unique_ptr<ledger::Ledger> TempLedger::Reload() {
  auto reloaded = std::make_unique<ledger::Ledger>(clock_, options_);
  Status loaded = reloaded->Load(connection());
  EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message);
  return reloaded;
}

}  // namespace shrimp::testing
