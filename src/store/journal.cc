#include "store/journal.h"

namespace shrimp::store {

void Journal::RollbackTo(size_t mark) {
  while (undos_.size() > mark) {
    // Pop before running, so an undo that records (it must not) cannot loop.
    Undo undo = std::move(undos_.back());
    undos_.pop_back();
    undo();
  }
}

}  // namespace shrimp::store
