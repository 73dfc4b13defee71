// The transactional outbox, wired: each domain's event sink writes its
// changes' events (partners/outbox.h) with the object's state in the same
// JSON the API answers with.
#pragma once

#include "api/app.h"
#include "credit/credit_service.h"
#include "http/json.h"
#include "logistics/shipments.h"
#include "payments/payouts.h"

namespace shrimp::api {

// The payout JSON of /api/v1/payouts (api/payments_api.cc).
void WritePayout(http::JsonWriter& json, const payments::Payout& payout);

// The shipment JSON of /api/v1/shipments and /orders/{id}/tracking
// (api/shipments_api.cc).
void WriteShipment(http::JsonWriter& json, const logistics::Network& network,
                   const logistics::Shipment& shipment);

// The loan JSON of /api/v1/loans/{id} (api/credit_api.cc), days past due as of `now_ms`.
void WriteLoan(http::JsonWriter& json, const credit::LoanView& view, int64_t now_ms);

// Sets every domain's event sink to append to the outbox.
// REQUIRES: before the writer starts.
void ConnectOutbox(App& app);

}  // namespace shrimp::api
