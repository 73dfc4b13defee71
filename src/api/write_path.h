// SubmitWrite: how a handler runs a write. The write is a job on the store's
// single writer thread (group-committed with its neighbours); the reply is
// sent after the commit, from whatever thread, without blocking an io thread.
//
// With an Idempotency-Key header the job first looks the key up in the same
// serialised writer: a replay gets the stored first response (with header
// Idempotent-Replayed: true), the same key with a different request gets
// 409 idempotency_key_reused. Only successful responses are stored; a failed
// request changed nothing (the writer rolls back its rows and its memory
// changes, including the key's) and may be retried with the same key.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "api/app.h"
#include "api/respond.h"
#include "http/request.h"
#include "store/idempotency.h"
#include "store/writer.h"

namespace shrimp::api {

// SHA-256 of method, path and body: what makes two requests "the same".
std::string RequestFingerprint(const http::Request& request);

namespace internal {

template <class T>
class WriteJob final : public store::Writer::Job {
 public:
  WriteJob(App& app, http::RequestPtr request, http::Reply reply, std::string scope,
           std::function<Result<T>(store::Connection&)> apply,
           std::function<http::Response(const T&)> render)
      : app_(app), request_(std::move(request)), reply_(std::move(reply)), scope_(std::move(scope)),
        apply_(std::move(apply)), render_(std::move(render)) {}

  bool Apply(store::Connection& connection) override {
    std::string_view key = request_->Header("idempotency-key");
    std::string fingerprint;
    if (!key.empty()) {
      fingerprint = RequestFingerprint(*request_);
      auto stored =
          app_.idempotency().Lookup(connection, scope_, key, fingerprint, app_.clock().NowMs());
      if (!stored.ok()) {
        response_ = ErrorReply(stored.error());
        return false;
      }
      if (stored->has_value()) {
        response_ = JsonReply((*stored)->status, std::move((*stored)->body));
        response_.headers.emplace_back("Idempotent-Replayed", "true");
        return true;
      }
    }
    Result<T> result = apply_(connection);
    if (!result.ok()) {
      response_ = ErrorReply(result.error());
      return false;
    }
    response_ = render_(*result);
    if (!key.empty()) {
      auto recorded =
          app_.idempotency().Record(connection, scope_, key, fingerprint,
                                    {response_.status, response_.body}, app_.clock().NowMs());
      if (!recorded.ok()) {
        response_ = ErrorReply(recorded.error());
        return false;
      }
    }
    return true;
  }

  void Done() override { reply_(std::move(response_)); }
  void Refuse(Error error) override { response_ = ErrorReply(error); }

 private:
  App& app_;
  http::RequestPtr request_;
  http::Reply reply_;
  std::string scope_;
  std::function<Result<T>(store::Connection&)> apply_;
  std::function<http::Response(const T&)> render_;
  http::Response response_;
};

}  // namespace internal

// Validates the Idempotency-Key header (if any) and submits the job.
// `scope` namespaces keys, normally "user:<id>".
template <class T>
void SubmitWrite(App& app, http::RequestPtr request, http::Reply reply, std::string scope,
                 std::function<Result<T>(store::Connection&)> apply,
                 std::function<http::Response(const T&)> render) {
  std::string_view key = request->Header("idempotency-key");
  if (!key.empty()) {
    if (auto valid = store::ValidateIdempotencyKey(key); !valid.ok()) {
      reply(ErrorReply(valid.error()));
      return;
    }
  }
  app.writer().Submit(std::make_unique<internal::WriteJob<T>>(app, std::move(request),
                                                              std::move(reply), std::move(scope),
                                                              std::move(apply), std::move(render)));
}

}  // namespace shrimp::api
