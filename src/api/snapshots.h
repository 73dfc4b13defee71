// Snapshots of the hot state, so that start-up reads the newest snapshot and
// the tail instead of every row ever written (DESIGN.md, "Storage and the
// write path").
//
// What: the ledger's balances (the four sums per account) and its active
// pending transfers as of a transfer id (ledger/ledger.h); every SKU's stock
// level as of a movement id (catalog/stock_book.h); and the books derived
// from order events as of an order event id (store/book_snapshot.h): credit's
// features (credit/features.h) and reputation's order tallies
// (reputation/reputation_book.h). All are written in one writer job, each
// as a header row, its rows, and last the mark that makes it complete; a job
// that fails leaves none of it (its savepoint rolls back), and Load only
// reads complete snapshots, so a snapshot cut short is never used. The
// newest two of each are kept.
//
// When: a ticker checks every kSnapshotCheckIntervalMs and writes when
// kSnapshotTransfersInterval transfers, kSnapshotMovementsInterval stock
// movements or kSnapshotOrderEventsInterval order events were appended since
// the last one; `shrimp serve` writes one at a clean shutdown. So start-up
// replays at most about one interval of each (plus whatever a kill -9 left
// after the last snapshot).
//
// Cost: one row per account with a balance and per SKU with stock, and a
// line of text per shop and per (shop, buyer) pair, written on the writer
// thread (writes wait meanwhile): about a second per million rows on the
// development machine.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/db.h"

namespace shrimp::ledger {
class Ledger;
}
namespace shrimp::catalog {
class StockBook;
}
namespace shrimp::credit {
class FeatureBook;
}
namespace shrimp::reputation {
class ReputationBook;
}

namespace shrimp::api {

class App;

inline constexpr int64_t kSnapshotTransfersInterval = 1'000'000;
inline constexpr int64_t kSnapshotMovementsInterval = 1'000'000;
inline constexpr int64_t kSnapshotOrderEventsInterval = 1'000'000;
inline constexpr int64_t kSnapshotCheckIntervalMs = 10'000;

// Everything a snapshot saves.
struct SnapshotBooks {
  ledger::Ledger& ledger;
  catalog::StockBook& stock;
  const credit::FeatureBook& features;
  const reputation::ReputationBook& reputation;
};

// Writes the snapshots when `force`, or when any interval has passed.
// Writes nothing when nothing changed since the last ones. Returns whether
// it wrote. REQUIRES: a writer job.
[[nodiscard]] Result<bool> WriteSnapshotsIfDue(store::Connection& connection,
                                               const SnapshotBooks& books, int64_t now_ms,
                                               bool force);

// At a clean shutdown, before App::Stop: writes the snapshots if anything
// changed since the last ones, and waits for the commit.
// REQUIRES: not on the writer thread.
[[nodiscard]] Result<bool> WriteSnapshotsNow(App& app);

}  // namespace shrimp::api
