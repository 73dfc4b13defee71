#include "store/ticker.h"

#include <spdlog/spdlog.h>

#include "core/thread_name.h"
namespace shrimp::store {

Ticker::Ticker(Writer& writer, int64_t interval_ms, std::string name, Tick tick)
    : writer_(writer), interval_ms_(interval_ms), name_(std::move(name)), tick_(std::move(tick)) {}

Ticker::~Ticker() { Stop(); }

void Ticker::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] {
    NameThisThread("shrimp-" + name_);
    Loop();
  });
}

void Ticker::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<int64_t> Ticker::RunOnce() { return writer_.Run<int64_t>(tick_); }

void Ticker::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(interval_ms_), [&] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    auto done = RunOnce();
    if (!done.ok() && done.error().code != "shutting_down") {
      spdlog::warn("{}: tick failed: {}", name_, done.error().message);
    } else if (done.ok() && *done > 0) {
      spdlog::info("{}: {} done", name_, *done);
    }
    lock.lock();
  }
}

}  // namespace shrimp::store
