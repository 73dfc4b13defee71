#include "api/snapshots.h"

#include "api/app.h"
#include "catalog/stock_book.h"
#include "ledger/ledger.h"

namespace shrimp::api {

Result<bool> WriteSnapshotsIfDue(store::Connection& connection, ledger::Ledger& ledger,
                                 catalog::StockBook& stock, int64_t now_ms, bool force) {
  int64_t transfers = ledger.transfers_since_snapshot();
  SHRIMP_ASSIGN_OR_RETURN(int64_t movements, stock.MovementsSinceSnapshot(connection));
  if (transfers == 0 && movements == 0) return false;
  bool due = transfers >= kSnapshotTransfersInterval || movements >= kSnapshotMovementsInterval;
  if (!force && !due) return false;
  SHRIMP_ASSIGN_OR_RETURN(bool ledger_written, ledger.WriteSnapshot(connection));
  SHRIMP_RETURN_IF_ERROR(stock.WriteSnapshot(connection, now_ms));
  return ledger_written;
}

Result<bool> WriteSnapshotsNow(App& app) {
  return app.writer().Run<bool>([&app](store::Connection& connection) {
    return WriteSnapshotsIfDue(connection, app.ledger(), app.stock(), app.clock().NowMs(), true);
  });
}

}  // namespace shrimp::api
