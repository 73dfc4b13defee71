// Result<T>: a value or a domain Error, returned by every fallible operation.
//
// Errors carry a kind (what sort of failure, used by api/ to choose an HTTP
// status), a machine-readable code ("out_of_stock"), a human message, and
// optional string details. Domains never know HTTP status codes.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace shrimp {

enum class ErrorKind {
  kInvalidArgument,  // the caller sent something malformed or out of range
  kNotFound,         // the object does not exist (or the caller may not know it does)
  kConflict,         // the object exists but its state forbids the operation
  kForbidden,        // authenticated, but not allowed
  kUnauthenticated,  // no valid credentials
  kRateLimited,      // too many attempts; retry later
  kTooLarge,         // body or batch over a bound
  kUnavailable,      // shutting down or overloaded
  kStorageFull,      // the disk is full: nothing was written; retry later
  kInternal,         // a bug or an I/O failure; never caused by user input
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;
  std::string message;
  std::vector<std::pair<std::string, std::string>> details;

  Error& With(std::string key, std::string value) {
    details.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  Error& With(std::string key, const char* value) {
    return With(std::move(key), std::string(value));
  }
  Error& With(std::string key, int64_t value) {
    return With(std::move(key), std::to_string(value));
  }
};

inline Error InvalidArgument(std::string code, std::string message) {
  return {ErrorKind::kInvalidArgument, std::move(code), std::move(message), {}};
}
inline Error NotFound(std::string code, std::string message) {
  return {ErrorKind::kNotFound, std::move(code), std::move(message), {}};
}
inline Error Conflict(std::string code, std::string message) {
  return {ErrorKind::kConflict, std::move(code), std::move(message), {}};
}
inline Error Forbidden(std::string code, std::string message) {
  return {ErrorKind::kForbidden, std::move(code), std::move(message), {}};
}
inline Error Unauthenticated(std::string code, std::string message) {
  return {ErrorKind::kUnauthenticated, std::move(code), std::move(message), {}};
}
inline Error Internal(std::string message) {
  return {ErrorKind::kInternal, "internal", std::move(message), {}};
}

// Result<T> holds either a T or an Error.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // REQUIRES: !ok()
  const Error& error() const& {
    assert(!ok());
    return std::get<1>(state_);
  }
  // Drops the value, keeping only success or the error.
  Result<struct Ok> status() const;
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

// Status is a Result with no value.
struct Ok {};
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

template <class T>
Result<Ok> Result<T>::status() const {
  if (ok()) return Ok{};
  return error();
}

}  // namespace shrimp

// Propagates an error from an expression returning Result/Status.
#define SHRIMP_RETURN_IF_ERROR(expr)                                    \
  do {                                                                  \
    auto shrimp_status_ = (expr);                                       \
    if (!shrimp_status_.ok()) return std::move(shrimp_status_).error(); \
  } while (0)

#define SHRIMP_CONCAT_INNER(a, b) a##b
#define SHRIMP_CONCAT(a, b) SHRIMP_CONCAT_INNER(a, b)
// Declares `lhs` from a Result expression, or returns its error.
#define SHRIMP_ASSIGN_OR_RETURN(lhs, expr) \
  SHRIMP_ASSIGN_OR_RETURN_IMPL(SHRIMP_CONCAT(shrimp_result_, __LINE__), lhs, expr)
#define SHRIMP_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return std::move(tmp).error();      \
  lhs = std::move(tmp).value()
