// Writer: the single writer thread and its group commit.
//
// Every write in shrimp is a job submitted here. The writer takes up to
// batch_max queued jobs, runs each inside its own SAVEPOINT of one
// transaction (so one failing job does not fail its neighbours), commits with
// one fsync, and only then calls each job's completion. A job answered as
// committed is durable: nothing acknowledged is lost on kill -9.
//
// The writer thread is also the only thread that touches the hot state the
// domains keep in memory (stock, balances, idempotency keys, open orders, id
// counters): a job's Apply runs on it, so such state needs no locks. Every
// hot-state mutator records its undo in the write connection's Journal
// (store/journal.h), and the writer rolls memory back together with the
// database:
//   - a job whose Apply returns false: its SAVEPOINT and its undos;
//   - a batch whose BEGIN or COMMIT fails (disk full, I/O error): the whole
//     transaction and every undo of the batch; each job is then refused
//     (storage_full, 507, or storage_unavailable, 503) and the server keeps
//     serving reads.
// So a refused write leaves memory and disk exactly as they were, whatever
// step failed. Only a failing ROLLBACK stops the process.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/result.h"
#include "store/db.h"

namespace shrimp::store {

struct WriterOptions {
  size_t batch_max = 1024;     // jobs per transaction
  size_t queue_max = 100'000;  // jobs waiting; beyond it Submit refuses
};

// BatchGuard: what a store shared by several servers does around every
// batch (store/cluster.h). On SQLite there is none: the writer thread of
// this process is the only writer by construction.
class BatchGuard {
 public:
  virtual ~BatchGuard() = default;
  // After BEGIN, before the batch's first job: takes the cluster-wide batch
  // lock and brings this process's hot state up to what the others
  // committed. An error refuses the whole batch (nothing ran).
  [[nodiscard]] virtual Status Enter(Connection& connection) = 0;
  // After the last job, before COMMIT: records that this process wrote.
  [[nodiscard]] virtual Status Leave(Connection& connection) = 0;
  // After COMMIT (committed) or the batch's ROLLBACK (not committed).
  virtual void Finish(bool committed) = 0;
};

struct WriterStats {
  uint64_t batches = 0;
  uint64_t batches_refused = 0;  // could not begin or commit (disk full, I/O error)
  uint64_t jobs = 0;
  uint64_t jobs_failed = 0;
};

class Writer {
 public:
  class Job {
   public:
    virtual ~Job() = default;
    // Runs on the writer thread inside a savepoint. Returns false to roll the
    // savepoint back.
    virtual bool Apply(Connection& connection) = 0;
    // Runs after the batch committed and reached the disk (or was refused):
    // on the writer thread, or on its syncer thread when the store syncs
    // off-thread. Must not touch writer-thread state.
    virtual void Done() = 0;
    // Called instead of Apply when the writer refuses the job (queue full,
    // stopping), or after Apply when the batch could not commit (its effects
    // were rolled back); Done() follows.
    virtual void Refuse(Error error) = 0;
  };

  Writer(Db& db, WriterOptions options);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void Start();
  // Runs the queued jobs, then ends the thread.
  void Stop();

  // Queues a job; thread-safe. A refused job gets Refuse + Done at once.
  void Submit(std::unique_ptr<Job> job);

  // Queues `apply` and calls `done` with its result after the commit.
  template <class T>
  void Submit(std::function<Result<T>(Connection&)> apply, std::function<void(Result<T>)> done);

  // Runs `apply` on the writer thread and waits for the commit.
  // REQUIRES: not called from the writer thread.
  template <class T>
  Result<T> Run(std::function<Result<T>(Connection&)> apply);

  // True when called from the writer thread (or before Start, from any).
  bool OnWriterThread() const;

  // Runs `guard` around every batch (and every inline Run before Start).
  // REQUIRES: before Start; `guard` outlives the writer.
  void SetBatchGuard(BatchGuard* guard) { guard_ = guard; }

  WriterStats stats() const;

 private:
  void Loop();
  void RunBatch(std::deque<std::unique_ptr<Job>>& batch);
  // The syncer thread: fdatasyncs the WAL once for every batch committed
  // since its last sync, then acknowledges their jobs.
  void SyncLoop();
  void Acknowledge(std::deque<std::unique_ptr<Job>>& batch);

  Db& db_;
  WriterOptions options_;
  BatchGuard* guard_ = nullptr;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::unique_ptr<Job>> queue_;
  bool stopping_ = false;
  bool started_ = false;
  std::thread thread_;
  std::thread::id thread_id_;
  WriterStats stats_;

  // Committed but not yet synced batches, for the syncer (off-thread sync only).
  std::string wal_path_;
  int wal_fd_ = -1;
  std::mutex sync_mutex_;
  std::condition_variable sync_ready_;
  std::deque<std::deque<std::unique_ptr<Job>>> unsynced_;
  bool sync_stopping_ = false;
  std::thread syncer_;
};

namespace internal {

template <class T>
class FunctionJob final : public Writer::Job {
 public:
  FunctionJob(std::function<Result<T>(Connection&)> apply, std::function<void(Result<T>)> done)
      : apply_(std::move(apply)), done_(std::move(done)) {}
  bool Apply(Connection& connection) override {
    result_.emplace(apply_(connection));
    return result_->ok();
  }
  void Done() override { done_(std::move(*result_)); }
  void Refuse(Error error) override { result_.emplace(std::move(error)); }

 private:
  std::function<Result<T>(Connection&)> apply_;
  std::function<void(Result<T>)> done_;
  std::optional<Result<T>> result_;
};

}  // namespace internal

template <class T>
void Writer::Submit(std::function<Result<T>(Connection&)> apply,
                    std::function<void(Result<T>)> done) {
  Submit(std::make_unique<internal::FunctionJob<T>>(std::move(apply), std::move(done)));
}

template <class T>
Result<T> Writer::Run(std::function<Result<T>(Connection&)> apply) {
  if (OnWriterThread()) {
    // Before Start (set-up, migrations, CLI tools): run inline in a transaction.
    Connection& connection = db_.write_connection();
    SHRIMP_RETURN_IF_ERROR(connection.Exec("BEGIN IMMEDIATE"));
    auto abandon = [&](Error error) -> Result<T> {
      (void)connection.Exec("ROLLBACK");
      if (guard_) guard_->Finish(false);
      return error;
    };
    if (guard_) {
      if (Status entered = guard_->Enter(connection); !entered.ok())
        return abandon(entered.error());
    }
    Result<T> result = apply(connection);
    if (!result.ok()) return abandon(result.error());
    if (guard_) {
      if (Status left = guard_->Leave(connection); !left.ok()) return abandon(left.error());
    }
    if (Status committed = connection.Exec("COMMIT"); !committed.ok()) {
      return abandon(committed.error());
    }
    if (guard_) guard_->Finish(true);
    return result;
  }
  std::promise<Result<T>> promise;
  auto future = promise.get_future();
  Submit<T>(std::move(apply),
            [&promise](Result<T> result) { promise.set_value(std::move(result)); });
  return future.get();
}

}  // namespace shrimp::store

namespace shrimp::store {

// Stops the process when the writer cannot undo a failed job (ROLLBACK TO or
// RELEASE failed): the hot state and the database may then disagree.
// Start-up rebuilds the hot state from what was committed.
[[noreturn]] void FailStop(const Error& error, const char* what);

}  // namespace shrimp::store
