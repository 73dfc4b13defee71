// IdSequence: the ids a writer job gives the rows it inserts when it must
// know the id before the insert (an order's id goes into its lines, its
// stock movements and its ledger transfers in the same job).
//
// One of the hot-state interfaces (with catalog::StockLevels, ledger::Books
// and store::IdempotencyStore): the SQLite mode keeps the next id in memory
// (MemoryIdSequence, one writer thread hands them out); a store shared by
// several servers implements Next with the database's own sequence.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "store/db.h"

namespace shrimp::store {

class IdSequence {
 public:
  virtual ~IdSequence() = default;
  // Writer thread, inside a job: a fresh id. A job that fails may give its
  // ids back (memory) or leave a gap (a database sequence); ids are never
  // handed out twice.
  [[nodiscard]] virtual Result<int64_t> Next(Connection& connection) = 0;
};

// Next = one past the largest id in `table`.`column`, read at Load; each id
// handed out records its undo in the connection's journal.
class MemoryIdSequence final : public IdSequence {
 public:
  // `table` and `column` are trusted names from the code, never user input.
  MemoryIdSequence(std::string table, std::string column)
      : table_(std::move(table)), column_(std::move(column)) {}

  // Before the writer starts.
  [[nodiscard]] Status Load(Connection& connection);
  [[nodiscard]] Result<int64_t> Next(Connection& connection) override;
  // Internal error when the next id is not one past the largest in the table.
  [[nodiscard]] Status Check(Connection& connection) const;
  int64_t next() const { return next_; }

 private:
  Result<int64_t> NextFromTable(Connection& connection) const;

  std::string table_;
  std::string column_;
  int64_t next_ = 1;
};

}  // namespace shrimp::store
