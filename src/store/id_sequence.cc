#include "store/id_sequence.h"

#include "store/journal.h"

namespace shrimp::store {

Result<int64_t> MemoryIdSequence::NextFromTable(Connection& connection) const {
  Query max(connection, "SELECT MAX(" + column_ + ") FROM " + table_);
  SHRIMP_ASSIGN_OR_RETURN(auto largest, max.ScalarInt());
  return largest.value_or(0) + 1;
}

Status MemoryIdSequence::Load(Connection& connection) {
  SHRIMP_ASSIGN_OR_RETURN(next_, NextFromTable(connection));
  return OkStatus();
}

Result<int64_t> MemoryIdSequence::Next(Connection& connection) {
  int64_t id = next_++;
  connection.journal().Record([this, id] { next_ = id; });
  return id;
}

Status MemoryIdSequence::Check(Connection& connection) const {
  SHRIMP_ASSIGN_OR_RETURN(int64_t expected, NextFromTable(connection));
  if (next_ != expected) {
    return Internal("next " + table_ + "." + column_ + " is " + std::to_string(next_) +
                    ", the table says " + std::to_string(expected));
  }
  return OkStatus();
}

}  // namespace shrimp::store
