#include "api/snapshots.h"

#include "api/app.h"
#include "catalog/stock_book.h"
#include "credit/features.h"
#include "ledger/ledger.h"
#include "orders/order_observer.h"
#include "reputation/reputation_book.h"
#include "store/book_snapshot.h"

namespace shrimp::api {

Result<bool> WriteSnapshotsIfDue(store::Connection& connection, const SnapshotBooks& books,
                                 int64_t now_ms, bool force) {
  int64_t transfers = books.ledger.transfers_since_snapshot();
  SHRIMP_ASSIGN_OR_RETURN(int64_t movements, books.stock.MovementsSinceSnapshot(connection));
  SHRIMP_ASSIGN_OR_RETURN(int64_t last_event_id, orders::LastOrderEventId(connection));
  // The two event books are always written together: credit's stands for both.
  SHRIMP_ASSIGN_OR_RETURN(int64_t snapshot_event_id,
                          store::NewestBookSnapshotEventId(connection, credit::kFeatureBookName));
  int64_t events = last_event_id - snapshot_event_id;
  if (transfers == 0 && movements == 0 && events == 0) return false;
  bool due = transfers >= kSnapshotTransfersInterval || movements >= kSnapshotMovementsInterval ||
             events >= kSnapshotOrderEventsInterval;
  if (!force && !due) return false;
  SHRIMP_ASSIGN_OR_RETURN(bool ledger_written, books.ledger.WriteSnapshot(connection));
  SHRIMP_RETURN_IF_ERROR(books.stock.WriteSnapshot(connection, now_ms));
  if (events > 0) {
    SHRIMP_RETURN_IF_ERROR(books.features.WriteSnapshot(connection, last_event_id, now_ms));
    SHRIMP_RETURN_IF_ERROR(books.reputation.WriteSnapshot(connection, last_event_id, now_ms));
  }
  return ledger_written || events > 0;
}

Result<bool> WriteSnapshotsNow(App& app) {
  return app.writer().Run<bool>([&app](store::Connection& connection) {
    return WriteSnapshotsIfDue(connection, app.snapshot_books(), app.clock().NowMs(), true);
  });
}

}  // namespace shrimp::api
