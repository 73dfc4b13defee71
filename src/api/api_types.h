// TypeScript types for the web app, generated from the schema table
// (api/schemas.h): one Request and one Response type per route plus a map
// from "METHOD /pattern" to them. web/src/api-types.ts holds the output;
// tests/api/openapi_test.cc fails when it is stale (SHRIMP_UPDATE_API_TYPES=1
// rewrites it).
#pragma once

#include <string>

#include "http/router.h"

namespace shrimp::api {

std::string TypeScriptTypes(const http::Router& router);

// "GET /api/v1/orders/{id}/pay" -> "GetOrdersByIdPay".
std::string TypeNameFor(const std::string& method, const std::string& pattern);

}  // namespace shrimp::api
