#include "partners/dispatcher.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <mutex>

#include "partners/url_guard.h"
#include "payments/webhook_signature.h"

namespace shrimp::partners {
namespace {

// What a receiver's answer may cost in memory: the snippet is kept, the rest
// is read and dropped, and curl stops past kResponseBytesMax.
constexpr curl_off_t kResponseBytesMax = 1 << 20;

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

struct Dispatcher::Transfer {
  int64_t delivery_id = 0;
  int64_t at_ms = 0;
  int64_t started_steady_ms = 0;
  bool allowed_host = false;
  std::string refused_at_socket;  // set by the socket guard
  std::string body;
  std::string response;
  curl_slist* headers = nullptr;
  curl_slist* resolve = nullptr;
  CURL* easy = nullptr;
  ~Transfer() {
    if (headers) curl_slist_free_all(headers);
    if (resolve) curl_slist_free_all(resolve);
    if (easy) curl_easy_cleanup(easy);
  }
};

namespace {

size_t KeepSnippet(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<std::string*>(user);
  size_t bytes = size * count;
  if (response->size() < kResponseSnippetBytesMax) {
    response->append(data, std::min(bytes, kResponseSnippetBytesMax - response->size()));
  }
  return bytes;
}

// The last guard: whatever curl is about to connect to, after any DNS answer.
curl_socket_t GuardedSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* transfer = static_cast<std::string*>(user);
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  if (transfer != nullptr) {
    if (auto why = RefusalReason(&address->addr)) {
      *transfer = "address_refused: " + *why;
      return CURL_SOCKET_BAD;
    }
  }
  return socket(address->family, address->socktype, address->protocol);
}

}  // namespace

std::string DeliveryBody(const Event& event) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  json.Key("id");
  json.Int64(event.id);
  json.Key("type");
  json.String(event.type.data(), static_cast<rapidjson::SizeType>(event.type.size()));
  std::string created = FormatIso8601(event.created_at_ms);
  json.Key("created_at");
  json.String(created.data(), static_cast<rapidjson::SizeType>(created.size()));
  json.Key("shop_id");
  json.Int64(event.shop_id);
  json.Key("object");
  json.String(event.object_type.data(), static_cast<rapidjson::SizeType>(event.object_type.size()));
  json.Key("object_id");
  json.Int64(event.object_id);
  json.Key("data");
  json.RawValue(event.data_json.data(), event.data_json.size(), rapidjson::kObjectType);
  json.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Dispatcher::Dispatcher(store::Db& db, store::Writer& writer, const Clock& clock,
                       DispatcherOptions options)
    : db_(db), writer_(writer), clock_(clock), options_(std::move(options)),
      random_(std::random_device{}()) {
  GlobalInit();
  multi_ = curl_multi_init();
  options_.in_flight_max = std::max<size_t>(options_.in_flight_max, 1);
  curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                    static_cast<long>(options_.in_flight_max));
}

Dispatcher::~Dispatcher() {
  Stop();
  for (auto& [easy, transfer] : in_flight_) curl_multi_remove_handle(multi_, easy);
  in_flight_.clear();
  if (multi_) curl_multi_cleanup(multi_);
}

void Dispatcher::Start() {
  if (options_.poll_interval_ms <= 0 || thread_.joinable()) return;
  thread_ = std::thread([this] { Loop(); });
}

void Dispatcher::Stop() {
  stopping_ = true;
  Wake();
  if (thread_.joinable()) thread_.join();
}

void Dispatcher::Wake() { curl_multi_wakeup(multi_); }

DispatcherStats Dispatcher::stats() const {
  std::lock_guard lock(stats_mutex_);
  return stats_;
}

void Dispatcher::Loop() {
  while (!stopping_) {
    std::vector<AttemptOutcome> outcomes;
    if (Status fanned = FanOutOnce(); !fanned.ok()) {
      spdlog::warn("webhooks: fan-out failed: {}", fanned.error().message);
    }
    if (Status filled = FillSlots(outcomes); !filled.ok()) {
      spdlog::warn("webhooks: cannot read due deliveries: {}", filled.error().message);
    }
    int running = 0;
    curl_multi_perform(multi_, &running);
    // Short waits while requests run, so a finished one is recorded promptly.
    int wait_ms = in_flight_.empty() ? static_cast<int>(options_.poll_interval_ms) : 20;
    curl_multi_poll(multi_, nullptr, 0, wait_ms, nullptr);
    curl_multi_perform(multi_, &running);
    CollectFinished(outcomes);
    if (Status recorded = Record(outcomes); !recorded.ok()) {
      // Left pending: sent again (the receiver sees the same event id).
      spdlog::warn("webhooks: cannot record attempts: {}", recorded.error().message);
    }
  }
}

Result<int64_t> Dispatcher::RunOnce() {
  std::vector<AttemptOutcome> outcomes;
  SHRIMP_RETURN_IF_ERROR(FanOutOnce());
  SHRIMP_RETURN_IF_ERROR(FillSlots(outcomes));
  int running = 1;
  while (!in_flight_.empty()) {
    curl_multi_perform(multi_, &running);
    CollectFinished(outcomes);
    if (in_flight_.empty()) break;
    curl_multi_poll(multi_, nullptr, 0, 50, nullptr);
  }
  int64_t attempts = static_cast<int64_t>(outcomes.size());
  SHRIMP_RETURN_IF_ERROR(Record(outcomes));
  return attempts;
}

Status Dispatcher::FanOutOnce() {
  struct Batch {
    std::vector<NewDelivery> fresh;
    int64_t cursor = 0;
    bool any = false;
  };
  SHRIMP_ASSIGN_OR_RETURN(
      Batch batch, db_.Read([&](store::Connection& connection) -> Result<Batch> {
        Batch batch;
        SHRIMP_ASSIGN_OR_RETURN(batch.cursor, FanOutCursor(connection));
        // Nothing before the oldest endpoint's start can be wanted, so
        // a first endpoint on a long history does not make the loop read it.
        // Disabled endpoints too: their deliveries wait, nothing is lost.
        SHRIMP_ASSIGN_OR_RETURN(auto before, ListEndpoints(connection, 0));
        if (before.empty()) return batch;  // no write either: the cursor waits
        int64_t floor = before.front().start_after_event_id;
        for (const Endpoint& endpoint : before) {
          floor = std::min(floor, endpoint.start_after_event_id);
        }
        EventFilter filter;
        filter.after_id = std::max(batch.cursor, floor);
        filter.all = true;
        filter.limit = static_cast<int64_t>(options_.fan_out_batch_max);
        SHRIMP_ASSIGN_OR_RETURN(auto events, ListEvents(connection, filter));
        if (events.empty()) return batch;
        // Endpoints read again after the events: one created meanwhile starts
        // after an event at least as new as these, so it misses none it wants.
        SHRIMP_ASSIGN_OR_RETURN(auto endpoints, ListEndpoints(connection, 0));
        if (endpoints.empty()) return batch;
        std::map<int64_t, int64_t> owner_of_shop;
        for (const Event& event : events) {
          auto owner = owner_of_shop.find(event.shop_id);
          if (owner == owner_of_shop.end()) {
            store::Query query(connection, "SELECT owner_id FROM shops WHERE id = ?");
            query.Bind(event.shop_id);
            SHRIMP_ASSIGN_OR_RETURN(auto found, query.ScalarInt());
            owner = owner_of_shop.emplace(event.shop_id, found.value_or(0)).first;
          }
          for (const Endpoint& endpoint : endpoints) {
            if (event.id <= endpoint.start_after_event_id || !endpoint.Wants(event.type)) continue;
            if (!endpoint.all_shops && endpoint.owner_id != owner->second) continue;
            batch.fresh.push_back({endpoint.id, event.id, event.ObjectKey()});
          }
        }
        batch.cursor = events.back().id;
        batch.any = true;
        return batch;
      }));
  if (!batch.any) return OkStatus();
  int64_t now_ms = clock_.NowMs();
  return writer_
      .Run<Ok>([&](store::Connection& connection) -> Result<Ok> {
        SHRIMP_RETURN_IF_ERROR(FanOut(connection, batch.fresh, batch.cursor, now_ms));
        return Ok{};
      })
      .status();
}

Status Dispatcher::FillSlots(std::vector<AttemptOutcome>& outcomes) {
  if (in_flight_.size() >= options_.in_flight_max) return OkStatus();
  std::vector<int64_t> busy;
  for (const auto& [easy, transfer] : in_flight_) busy.push_back(transfer->delivery_id);
  int64_t now_ms = clock_.NowMs();
  size_t free_slots = options_.in_flight_max - in_flight_.size();
  SHRIMP_ASSIGN_OR_RETURN(auto due, db_.Read([&](store::Connection& connection) {
    return DueDeliveries(connection, now_ms, busy, free_slots, options_.scan_max);
  }));
  for (DueDelivery& delivery : due) Begin(std::move(delivery), outcomes);
  return OkStatus();
}

void Dispatcher::Begin(DueDelivery delivery, std::vector<AttemptOutcome>& outcomes) {
  int64_t now_ms = clock_.NowMs();
  auto refuse = [&](const std::string& error) {
    AttemptOutcome outcome;
    outcome.delivery_id = delivery.delivery_id;
    outcome.attempt.at_ms = now_ms;
    outcome.attempt.error = error;
    outcome.jitter = random_();
    outcomes.push_back(std::move(outcome));
    std::lock_guard lock(stats_mutex_);
    stats_.refused += 1;
  };
  auto url = ParseWebhookUrl(delivery.url);
  if (!url.ok()) return refuse("invalid_url: " + url.error().message);
  // Resolve and check here, then pin curl to the checked address: a second
  // DNS answer (rebinding) is never asked for.
  auto address = ResolveForDelivery(*url, options_.allowed_hosts);
  if (!address.ok()) return refuse(address.error().code + ": " + address.error().message);

  auto transfer = std::make_unique<Transfer>();
  transfer->delivery_id = delivery.delivery_id;
  transfer->at_ms = now_ms;
  transfer->allowed_host = IsAllowedHost(url->host, options_.allowed_hosts);
  transfer->body = DeliveryBody(delivery.event);
  transfer->easy = curl_easy_init();
  if (!transfer->easy) return refuse("internal: curl_easy_init failed");
  CURL* easy = transfer->easy;
  std::string signature =
      payments::SignWebhook(delivery.secret, now_ms / kMsPerSecond, transfer->body);
  for (const std::string& header :
       {std::string("Content-Type: application/json"), "Shrimp-Signature: " + signature,
        "Shrimp-Event-Id: " + std::to_string(delivery.event.id),
        "Shrimp-Event-Type: " + delivery.event.type,
        "Shrimp-Delivery-Id: " + std::to_string(delivery.delivery_id), std::string("Expect:")}) {
    transfer->headers = curl_slist_append(transfer->headers, header.c_str());
  }
  if (!url->host_is_address) {
    std::string pin = url->host + ":" + std::to_string(url->port) + ":" + *address;
    transfer->resolve = curl_slist_append(transfer->resolve, pin.c_str());
    curl_easy_setopt(easy, CURLOPT_RESOLVE, transfer->resolve);
  }
  curl_easy_setopt(easy, CURLOPT_URL, delivery.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, "shrimp-webhooks/1");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer->headers);
  curl_easy_setopt(easy, CURLOPT_POST, 1L);
  curl_easy_setopt(easy, CURLOPT_POSTFIELDS, transfer->body.c_str());
  curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                   static_cast<curl_off_t>(transfer->body.size()));
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout_ms));
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, kResponseBytesMax);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, KeepSnippet);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer->response);
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, GuardedSocket);
  // An allowed host skips the socket guard; every other one gets it.
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA,
                   transfer->allowed_host ? nullptr : &transfer->refused_at_socket);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, transfer.get());
  transfer->started_steady_ms = SteadyMs();
  if (curl_multi_add_handle(multi_, easy) != CURLM_OK) {
    return refuse("internal: curl_multi_add_handle failed");
  }
  in_flight_.emplace(easy, std::move(transfer));
}

void Dispatcher::CollectFinished(std::vector<AttemptOutcome>& outcomes) {
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* easy = message->easy_handle;
    CURLcode code = message->data.result;
    auto found = in_flight_.find(easy);
    if (found == in_flight_.end()) continue;
    std::unique_ptr<Transfer> transfer = std::move(found->second);
    in_flight_.erase(found);
    curl_multi_remove_handle(multi_, easy);
    AttemptOutcome outcome;
    outcome.delivery_id = transfer->delivery_id;
    outcome.attempt.at_ms = transfer->at_ms;
    outcome.attempt.latency_ms = SteadyMs() - transfer->started_steady_ms;
    outcome.jitter = random_();
    long status_code = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status_code);
    outcome.attempt.status_code = status_code;
    outcome.attempt.response_snippet = transfer->response;
    if (!transfer->refused_at_socket.empty()) {
      outcome.attempt.error = transfer->refused_at_socket;
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
      outcome.attempt.error = "timeout";
    } else if (code == CURLE_COULDNT_CONNECT) {
      outcome.attempt.error = "connect_failed";
    } else if (code != CURLE_OK) {
      outcome.attempt.error = curl_easy_strerror(code);
    }
    outcome.succeeded = code == CURLE_OK && status_code >= 200 && status_code < 300;
    {
      std::lock_guard lock(stats_mutex_);
      (outcome.succeeded ? stats_.succeeded : stats_.failed) += 1;
      if (!transfer->refused_at_socket.empty()) stats_.refused += 1;
    }
    outcomes.push_back(std::move(outcome));
  }
}

Status Dispatcher::Record(std::vector<AttemptOutcome>& outcomes) {
  if (outcomes.empty()) return OkStatus();
  {
    std::lock_guard lock(stats_mutex_);
    stats_.attempts += outcomes.size();
  }
  SHRIMP_ASSIGN_OR_RETURN(int64_t disabled,
                          writer_.Run<int64_t>([&](store::Connection& connection) {
                            return RecordAttempts(connection, outcomes, options_.retry);
                          }));
  if (disabled > 0) {
    std::lock_guard lock(stats_mutex_);
    stats_.endpoints_disabled += static_cast<uint64_t>(disabled);
  }
  outcomes.clear();
  return OkStatus();
}

}  // namespace shrimp::partners
