#include "load_client.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>

namespace shrimp::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

int64_t Percentile(std::vector<int64_t>& samples, double fraction) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  size_t index = static_cast<size_t>(fraction * static_cast<double>(samples.size() - 1) + 0.5);
  return samples[std::min(index, samples.size() - 1)];
}

struct SyncClient::Impl {
  std::string host;
  uint16_t port;
  std::string source_address;
  asio::io_context io_context;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
};

SyncClient::SyncClient(std::string host, uint16_t port, std::string source_address)
    : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
  impl_->source_address = std::move(source_address);
}
SyncClient::~SyncClient() = default;

HttpReply SyncClient::Request(const std::string& method, const std::string& target,
                              const std::string& body, const std::string& token,
                              const std::string& idempotency_key) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (!impl_->stream) {
        impl_->stream.emplace(impl_->io_context);
        tcp::resolver resolver(impl_->io_context);
        auto endpoints = resolver.resolve(impl_->host, std::to_string(impl_->port));
        if (impl_->source_address.empty()) {
          impl_->stream->connect(endpoints);
        } else {
          // Bound before connecting: connect(endpoints) would reopen the socket.
          auto source = asio::ip::make_address(impl_->source_address);
          auto& socket = impl_->stream->socket();
          socket.open(source.is_v4() ? tcp::v4() : tcp::v6());
          socket.bind(tcp::endpoint(source, 0));
          socket.connect(*endpoints.begin());
        }
      }
      bhttp::request<bhttp::string_body> request;
      request.method_string(method);
      request.target(target);
      request.version(11);
      request.set(bhttp::field::host, impl_->host);
      request.set(bhttp::field::content_type, "application/json");
      if (!token.empty()) request.set(bhttp::field::authorization, "Bearer " + token);
      if (!idempotency_key.empty()) request.set("Idempotency-Key", idempotency_key);
      request.body() = body;
      request.prepare_payload();
      bhttp::write(*impl_->stream, request);
      bhttp::response<bhttp::string_body> response;
      bhttp::read(*impl_->stream, impl_->buffer, response);
      return {static_cast<int>(response.result_int()), std::move(response.body())};
    } catch (const std::exception&) {
      impl_->stream.reset();
      impl_->buffer.clear();
      if (attempt == 1) return {0, ""};
    }
  }
  return {0, ""};
}

namespace {

struct Shared {
  const RunOptions& options;
  const std::vector<Step>& steps;
  Clock::time_point started;
  Clock::time_point deadline;
  std::atomic<uint64_t> iterations_started{0};
  RunResult result;
  int next_worker = 0;
  // Open loop: the time the next iteration is due.
  double interval_s = 0;
  Clock::time_point next_due;
  int active = 0;
  Clock::time_point finished_at;
  asio::steady_timer* guard = nullptr;

  void WorkerDone() {
    active -= 1;
    if (active == 0) {
      finished_at = Clock::now();
      guard->cancel();
    }
  }
};

class Worker : public std::enable_shared_from_this<Worker> {
 public:
  Worker(asio::io_context& io_context, Shared& shared, int index)
      : io_context_(io_context), stream_(io_context), timer_(io_context), shared_(shared),
        index_(index) {}

  void Start(const tcp::resolver::results_type& endpoints) {
    stream_.async_connect(endpoints, [self = shared_from_this()](beast::error_code ec, auto) {
      if (ec) {
        self->shared_.result.iterations_failed += 1;
        return self->shared_.WorkerDone();
      }
      self->stream_.socket().set_option(tcp::no_delay(true));
      self->NextIteration();
    });
  }

 private:
  void NextIteration() {
    auto now = Clock::now();
    if (now >= shared_.deadline) return shared_.WorkerDone();
    if (shared_.options.iterations_max > 0 &&
        shared_.iterations_started.load() >= shared_.options.iterations_max) {
      return shared_.WorkerDone();
    }
    if (shared_.interval_s > 0) {
      // Open loop: take the next slot in the global schedule; wait for it.
      auto due = shared_.next_due;
      shared_.next_due += std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(shared_.interval_s));
      if (due > now) {
        timer_.expires_at(due);
        timer_.async_wait(
            [self = shared_from_this(), due](beast::error_code) { self->BeginIteration(due); });
        return;
      }
      return BeginIteration(due);
    }
    BeginIteration(now);
  }

  void BeginIteration(Clock::time_point intended_start) {
    iteration_ = shared_.iterations_started.fetch_add(1);
    if (shared_.options.iterations_max > 0 && iteration_ >= shared_.options.iterations_max) {
      return shared_.WorkerDone();
    }
    // Latency counts from the intended start, so queueing in an open-loop run
    // is not hidden (no coordinated omission).
    iteration_started_ = intended_start;
    step_index_ = 0;
    last_body_.clear();
    SendStep();
  }

  void SendStep() {
    const Step& step = shared_.steps[step_index_];
    request_ = {};
    request_.method_string(step.method);
    request_.target(step.target(index_, iteration_, last_body_));
    request_.version(11);
    request_.set(bhttp::field::host, "load");
    request_.set(bhttp::field::content_type, "application/json");
    if (step.token) {
      std::string token = step.token(index_);
      if (!token.empty()) request_.set(bhttp::field::authorization, "Bearer " + token);
    }
    if (step.idempotency_key) {
      request_.set("Idempotency-Key",
                   shared_.options.idempotency_prefix + "-" + std::to_string(index_) + "-" +
                       std::to_string(iteration_) + "-" + std::to_string(step_index_));
    }
    if (step.body) request_.body() = step.body(index_, iteration_, last_body_);
    request_.prepare_payload();
    step_started_ = Clock::now();
    bhttp::async_write(stream_, request_,
                       [self = shared_from_this()](beast::error_code ec, size_t) {
                         if (ec) return self->Fail();
                         self->response_ = {};
                         bhttp::async_read(self->stream_, self->buffer_, self->response_,
                                           [self](beast::error_code ec, size_t) {
                                             if (ec) return self->Fail();
                                             self->OnReply();
                                           });
                       });
  }

  void OnReply() {
    const Step& step = shared_.steps[step_index_];
    auto now = Clock::now();
    StepStats& stats = shared_.result.steps[step.name];
    stats.latencies_us.push_back(
        std::chrono::duration_cast<std::chrono::microseconds>(now - step_started_).count());
    HttpReply reply{static_cast<int>(response_.result_int()), std::move(response_.body())};
    int verdict =
        step.judge ? step.judge(reply) : (reply.status >= 200 && reply.status < 300 ? 0 : 2);
    if (verdict == 0) {
      stats.ok += 1;
      last_body_ = std::move(reply.body);
      step_index_ += 1;
      if (step_index_ < shared_.steps.size()) return SendStep();
      shared_.result.iterations_completed += 1;
      shared_.result.iteration_latencies_us.push_back(
          std::chrono::duration_cast<std::chrono::microseconds>(now - iteration_started_).count());
    } else if (verdict == 1) {
      stats.refused += 1;
      shared_.result.iterations_refused += 1;
    } else {
      stats.failed += 1;
      shared_.result.iterations_failed += 1;
      if (shared_.result.iterations_failed <= 3) {
        fprintf(stderr, "load: step %s failed: %d %s\n", step.name.c_str(), reply.status,
                reply.body.substr(0, 300).c_str());
      }
    }
    NextIteration();
  }

  void Fail() {
    shared_.result.iterations_failed += 1;
    // The connection is broken; this worker stops.
    shared_.WorkerDone();
  }

  asio::io_context& io_context_;
  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  bhttp::request<bhttp::string_body> request_;
  bhttp::response<bhttp::string_body> response_;
  Shared& shared_;
  int index_;
  uint64_t iteration_ = 0;
  size_t step_index_ = 0;
  std::string last_body_;
  Clock::time_point iteration_started_;
  Clock::time_point step_started_;
};

}  // namespace

RunResult RunScenario(const RunOptions& options, const std::vector<Step>& steps) {
  asio::io_context io_context;
  Shared shared{options, steps, Clock::now(), Clock::now()};
  tcp::resolver resolver(io_context);
  auto endpoints = resolver.resolve(options.host, std::to_string(options.port));
  shared.started = Clock::now();
  shared.deadline = shared.started + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(options.duration_s));
  if (options.rate_per_s > 0) {
    shared.interval_s = 1.0 / options.rate_per_s;
    shared.next_due = shared.started;
  }
  asio::steady_timer guard(io_context);
  shared.guard = &guard;
  shared.active = options.connections;
  std::vector<std::shared_ptr<Worker>> workers;
  for (int index = 0; index < options.connections; ++index) {
    workers.push_back(std::make_shared<Worker>(io_context, shared, index));
    workers.back()->Start(endpoints);
  }
  // Hard bound: stop the loop 10 s after the deadline whatever is in flight.
  guard.expires_at(shared.deadline + std::chrono::seconds(10));
  guard.async_wait([&](beast::error_code ec) {
    if (!ec) io_context.stop();
  });
  io_context.run_for(std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::duration<double>(options.duration_s + 10)));
  if (shared.active > 0) shared.finished_at = std::min(Clock::now(), shared.deadline);
  shared.result.elapsed_s =
      std::chrono::duration<double>(shared.finished_at - shared.started).count();
  return std::move(shared.result);
}

}  // namespace shrimp::bench
