// Ledger idempotency keys for the money a request moves.
//
// A ledger transfer's key must be the same every time the same client
// operation is retried, and differ between operations: so it is derived from
// the request's Idempotency-Key (required on every money route, see
// http::RouteDoc::idempotency_key_required) and the key's scope, never drawn
// from a random generator. A random key would let a retry that outlived the
// idempotency store's retention move the money a second time.
#pragma once

#include <string>
#include <string_view>

#include "http/request.h"

namespace shrimp::api {

// "<purpose>/<SHA-256 hex of scope and Idempotency-Key>": hashed so it fits
// the ledger's key bound whatever the client sent, and so clients' keys are
// not copied into the ledger. REQUIRES: the request has an Idempotency-Key
// (the router guarantees it on routes that require one).
std::string LedgerKeyFor(std::string_view purpose, std::string_view scope,
                         const http::Request& request);

}  // namespace shrimp::api
