#include "store/writer.h"

#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/thread_name.h"
namespace shrimp::store {
namespace {

// What a client hears when the batch holding its write could not commit.
Error StorageError(const Error& cause) {
  if (cause.kind == ErrorKind::kStorageFull) return cause;
  return Error{ErrorKind::kUnavailable,
               "storage_unavailable",
               "the store could not write; nothing was changed, retry later",
               {}};
}

}  // namespace

Writer::Writer(Db& db, WriterOptions options)
    : db_(db), options_(options), wal_path_(db.wal_to_sync()) {}

Writer::~Writer() { Stop(); }

void Writer::Start() {
  std::lock_guard lock(mutex_);
  if (started_) return;
  started_ = true;
  thread_ = std::thread([this] {
    NameThisThread("shrimp-writer");
    Loop();
  });
  thread_id_ = thread_.get_id();
  if (!wal_path_.empty()) {
    // Opened once, now, while file descriptors are plentiful: under fd
    // exhaustion a lazy open would fail and stop the server.
    wal_fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
    syncer_ = std::thread([this] {
      NameThisThread("shrimp-walsync");
      SyncLoop();
    });
  }
}

void Writer::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (!started_ || stopping_) return;
    stopping_ = true;
  }
  ready_.notify_all();
  if (thread_.joinable()) thread_.join();
  // The writer has committed its last batch; the syncer acknowledges it and ends.
  {
    std::lock_guard lock(sync_mutex_);
    sync_stopping_ = true;
  }
  sync_ready_.notify_all();
  if (syncer_.joinable()) syncer_.join();
  if (wal_fd_ >= 0) ::close(wal_fd_);
  wal_fd_ = -1;
}

bool Writer::OnWriterThread() const {
  std::lock_guard lock(mutex_);
  return !started_ || std::this_thread::get_id() == thread_id_;
}

WriterStats Writer::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void Writer::Submit(std::unique_ptr<Job> job) {
  std::optional<Error> refusal;
  {
    std::lock_guard lock(mutex_);
    if (!started_ || stopping_) {
      refusal = Error{ErrorKind::kUnavailable, "shutting_down", "the server is shutting down", {}};
    } else if (queue_.size() >= options_.queue_max) {
      refusal = Error{ErrorKind::kUnavailable, "overloaded", "too many writes queued; retry", {}};
    } else {
      queue_.push_back(std::move(job));
    }
  }
  if (refusal) {
    job->Refuse(std::move(*refusal));
    job->Done();
    return;
  }
  ready_.notify_one();
}

void Writer::Loop() {
  std::deque<std::unique_ptr<Job>> batch;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      // Take what is queued, up to the bound: under load batches grow by
      // themselves, and when idle a lone job commits at once.
      while (!queue_.empty() && batch.size() < options_.batch_max) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    batch.clear();
  }
}

void Writer::RunBatch(std::deque<std::unique_ptr<Job>>& batch) {
  Connection& connection = db_.write_connection();
  Journal& journal = connection.journal();
  // Cached statements: these run for every job, and parsing them each time
  // showed in profiles.
  auto run = [&connection](const char* sql) { return Query(connection, sql).Run(); };
  // Refuses every job of the batch with `error` (their effects, if any, were
  // rolled back in memory and on disk).
  auto refuse_all = [&](const Error& error) {
    for (auto& job : batch) job->Refuse(error);
    {
      std::lock_guard lock(mutex_);
      stats_.batches_refused += 1;
      stats_.jobs += batch.size();
      stats_.jobs_failed += batch.size();
    }
    Acknowledge(batch);
  };

  // PostgreSQL: a write connection found lost (the primary restarted or
  // failed over) is replaced before the batch, and a BEGIN that finds it
  // lost gets one more try on a new one. The hot state is then rebuilt from
  // what the (new) primary has, under the batch lock.
  auto reconnect = [&]() -> Status {
    SHRIMP_RETURN_IF_ERROR(db_.ReconnectWriter());
    guard_->Finish(false);
    spdlog::warn("writer: reconnected to the database; the hot state is rebuilt before the batch");
    return OkStatus();
  };
  if (guard_ && connection.lost()) {
    if (Status again = reconnect(); !again.ok()) {
      spdlog::error("writer: cannot reconnect: {}; refusing {} writes", again.error().message,
                    batch.size());
      return refuse_all(StorageError(again.error()));
    }
  }
  Status begun = run("BEGIN IMMEDIATE");
  if (!begun.ok() && guard_ && connection.lost() && reconnect().ok()) {
    begun = run("BEGIN IMMEDIATE");
  }
  if (!begun.ok()) {
    spdlog::error("writer: BEGIN failed: {}; refusing {} writes", begun.error().message,
                  batch.size());
    return refuse_all(StorageError(begun.error()));
  }
  if (guard_) {
    if (Status entered = guard_->Enter(connection); !entered.ok()) {
      spdlog::error("writer: cannot take the batch lock: {}; refusing {} writes",
                    entered.error().message, batch.size());
      (void)run("ROLLBACK");
      guard_->Finish(false);
      return refuse_all(StorageError(entered.error()));
    }
  }
  journal.Open();
  // Gives up the whole batch: every undo in memory, the transaction, and
  // (with a guard) a rebuild of the hot state before the next batch.
  auto abandon = [&](const Error& error) {
    journal.RollbackTo(0);
    journal.Close();
    (void)run("ROLLBACK");
    if (guard_) guard_->Finish(false);
    refuse_all(StorageError(error));
  };
  // A failure to undo one job: memory and disk may then differ. Without a
  // guard that is fatal: stop, and let start-up rebuild the hot state from
  // the durable records. With one (PostgreSQL, store/cluster.h) the next
  // batch rebuilds it anyway, so only this batch is given up: a connection
  // lost mid-batch (the primary failing over) answers 503 and the server
  // goes on.
  auto undo_failed = [&](const Status& status, const char* what) {
    if (!guard_) FailStop(status.error(), what);
    spdlog::error("writer: {} failed: {}; giving up {} writes", what, status.error().message,
                  batch.size());
    abandon(status.error());
  };
  uint64_t failed = 0;
  for (auto& job : batch) {
    size_t mark = journal.Mark();
    if (Status saved = run("SAVEPOINT job"); !saved.ok()) {
      // Cannot isolate the job; treat the batch as failed.
      return abandon(saved.error());
    }
    bool keep = job->Apply(connection);
    if (!keep) {
      failed += 1;
      if (Status undone = run("ROLLBACK TO job"); !undone.ok()) {
        return undo_failed(undone, "ROLLBACK TO");
      }
      journal.RollbackTo(mark);
    }
    if (Status released = run("RELEASE job"); !released.ok()) {
      return undo_failed(released, "RELEASE");
    }
  }
  Status committed = guard_ ? guard_->Leave(connection) : OkStatus();
  if (committed.ok()) committed = run("COMMIT");
  if (!committed.ok()) {
    // Undo the batch in memory too, and answer every job with the storage
    // error instead of stopping. On SQLite nothing of it reached the disk;
    // on PostgreSQL a COMMIT whose connection was lost may have committed
    // (in doubt), so the guard's Finish(false) rebuilds memory from what the
    // database has before the next batch, and a retry with the same
    // Idempotency-Key replays the first answer.
    spdlog::error("writer: COMMIT failed: {}; rolling back {} writes", committed.error().message,
                  batch.size());
    (void)run("ROLLBACK");
    journal.RollbackTo(0);
    journal.Close();
    if (guard_) guard_->Finish(false);
    return refuse_all(StorageError(committed.error()));
  }
  journal.Close();
  if (guard_) guard_->Finish(true);
  {
    std::lock_guard lock(mutex_);
    stats_.batches += 1;
    stats_.jobs += batch.size();
    stats_.jobs_failed += failed;
  }
  if (wal_path_.empty()) return Acknowledge(batch);
  {
    std::lock_guard lock(sync_mutex_);
    unsynced_.push_back(std::move(batch));
  }
  sync_ready_.notify_one();
}

void Writer::Acknowledge(std::deque<std::unique_ptr<Job>>& batch) {
  for (auto& job : batch) job->Done();
  batch.clear();
}

void Writer::SyncLoop() {
  std::deque<std::deque<std::unique_ptr<Job>>> synced;
  while (true) {
    {
      std::unique_lock lock(sync_mutex_);
      sync_ready_.wait(lock, [&] { return sync_stopping_ || !unsynced_.empty(); });
      if (unsynced_.empty() && sync_stopping_) return;
      synced.swap(unsynced_);
    }
    // Everything committed before this point is in the WAL file; one
    // fdatasync makes all of it durable. The file exists after the first
    // commit and keeps its inode while any connection is open.
    if (wal_fd_ < 0) wal_fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (wal_fd_ < 0 || ::fdatasync(wal_fd_) != 0) {
      spdlog::critical("writer: cannot sync {}: {}; stopping", wal_path_, std::strerror(errno));
      std::abort();
    }
    for (auto& batch : synced) Acknowledge(batch);
    synced.clear();
  }
}

}  // namespace shrimp::store

namespace shrimp::store {

void FailStop(const Error& error, const char* what) {
  spdlog::critical("fail-stop: {} failed: {} ({}); restart rebuilds the state", what, error.message,
                   error.code);
  spdlog::default_logger()->flush();
  std::abort();
}

}  // namespace shrimp::store
