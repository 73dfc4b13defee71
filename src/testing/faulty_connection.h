// FaultyConnection: a write connection that fails a chosen statement, to
// prove that every kind of writer job leaves memory equal to disk whatever
// step fails (the journal, store/journal.h, and the writer's rollback).
//
// Armed with FailAt(n), the n-th statement stepped or executed from then on
// fails with an internal error (or storage_full), once; then it disarms.
// ROLLBACK and RELEASE are never failed: the writer treats a failure to undo
// as fatal, and no fault injected here should reach that.
//
// Threading: armed from the test thread, used on the writer thread.
#pragma once

#include <atomic>
#include <map>
#include <memory>

#include "store/db.h"

namespace shrimp::testing {

class FaultyConnection final : public store::Connection {
 public:
  explicit FaultyConnection(std::unique_ptr<store::Connection> inner) : inner_(std::move(inner)) {}

  // Fails the n-th statement from now (n >= 1); 0 disarms.
  void FailAt(int64_t n, bool storage_full = false) {
    storage_full_ = storage_full;
    countdown_.store(n);
  }
  // True once the armed failure fired (FailAt resets it).
  bool fired() const { return countdown_.load() < 0; }
  void Disarm() { countdown_.store(0); }

  Status Exec(std::string_view sql) override;
  Result<store::Statement*> Prepare(std::string_view sql) override;
  int64_t Changes() override { return inner_->Changes(); }
  store::DbEngine engine() const override { return inner_->engine(); }
  bool lost() override { return inner_->lost(); }
  // The inner connection's statements are gone after it reconnects: so are
  // their wrappers.
  Status Reconnect() override {
    wrapped_.clear();
    return inner_->Reconnect();
  }

  // Called by FaultyStatement: whether this step must fail.
  bool ShouldFail(std::string_view sql);
  Error InjectedError() const;

 private:
  std::unique_ptr<store::Connection> inner_;
  std::map<store::Statement*, std::unique_ptr<store::Statement>> wrapped_;
  std::atomic<int64_t> countdown_{0};  // >0 armed, 0 idle, -1 fired
  std::atomic<bool> storage_full_{false};
};

}  // namespace shrimp::testing
