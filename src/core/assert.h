// SHRIMP_ASSERT: always-on assertions for invariants.
//
//   SHRIMP_ASSERT(balance_sum == 0, "per-currency balances must sum to zero");
//
// Checks `condition` in every build type, Release included (unlike assert(),
// which NDEBUG turns off): a broken invariant in the ledger or the stock book
// is worth a crash, never worth a silent wrong balance. On failure it writes
// file:line, the condition's text and `message` to stderr, then calls
// std::abort() — no unwinding, no destructors, so nothing half-applied gets
// committed on the way out.
//
// For programmer errors only: a condition that no input from the outside world
// (request, file, peer, clock) can make false. Input is validated and answered
// with an error (core/result.h), never asserted (STYLE.md, habits 3 and 6).
//
// `message` is anything convertible to std::string_view; it is evaluated only
// when the condition is false, so building it may cost something. The
// condition is evaluated exactly once. Thread-safe; usable from any thread.
//
// Header-only, with no dependency beyond the C library, so the fuzz targets
// (fuzz/), which link only a few sources, can use it too. It writes with
// fprintf rather than spdlog: the logger may be the thing that is broken, and
// stderr is unbuffered and never drops a line.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace shrimp::internal {

[[noreturn]] inline void AssertFailed(const char* file, int line, const char* condition,
                                      std::string_view message) noexcept {
  std::fprintf(stderr, "%s:%d: SHRIMP_ASSERT(%s) failed: %.*s\n", file, line, condition,
               static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace shrimp::internal

#define SHRIMP_ASSERT(condition, message)                                          \
  do {                                                                             \
    if (!(condition)) [[unlikely]] {                                               \
      ::shrimp::internal::AssertFailed(__FILE__, __LINE__, #condition, (message)); \
    }                                                                              \
  } while (false)
