// /healthz, /metrics, /openapi.json
#include <sodium.h>

#include "api/app.h"
#include "api/respond.h"
#include "http/json.h"

namespace shrimp::api {

void RegisterSystemRoutes(App& app) {
  http::Router& router = app.router();
  router.AddSync("GET", "/healthz",
                 [](const http::Request&) { return JsonReply(200, R"({"status":"ok"})"); },
                 {.summary = "Liveness check", .tag = "system"});
  router.AddSync("GET", "/metrics",
                 [&app](const http::Request&) {
                   http::Response response;
                   response.content_type = "text/plain; version=0.0.4";
                   response.body = app.metrics().RenderPrometheus();
                   store::WriterStats stats = app.writer().stats();
                   response.body += "# TYPE shrimp_writer_batches_total counter\n";
                   response.body +=
                       "shrimp_writer_batches_total " + std::to_string(stats.batches) + "\n";
                   response.body += "# TYPE shrimp_writer_jobs_total counter\n";
                   response.body += "shrimp_writer_jobs_total " + std::to_string(stats.jobs) + "\n";
                   response.body += "# TYPE shrimp_writer_jobs_failed_total counter\n";
                   response.body += "shrimp_writer_jobs_failed_total " +
                                    std::to_string(stats.jobs_failed) + "\n";
                   return response;
                 },
                 {.summary = "Prometheus metrics", .tag = "system"});
  router.AddSync("GET", "/openapi.json",
                 [&app](const http::Request&) {
                   return JsonReply(200, OpenApiDocument(app.router()));
                 },
                 {.summary = "This API's OpenAPI 3.0 document", .tag = "system"});
}

}  // namespace shrimp::api
