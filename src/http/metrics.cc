#include "http/metrics.h"

#include <fmt/format.h>

namespace shrimp::http {

void Metrics::Record(const std::string& method, const std::string& route, int status,
                     int64_t latency_us) {
  std::lock_guard lock(mutex_);
  Series& series = series_[{method, route, status}];
  series.count += 1;
  series.latency_sum_us += latency_us;
  for (size_t index = 0; index < kBucketsUs.size(); ++index) {
    if (latency_us <= kBucketsUs[index]) {
      series.buckets[index] += 1;
      break;
    }
  }
}

std::string Metrics::RenderPrometheus() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out +=
      "# HELP shrimp_http_accept_failures_total Failed accept() calls (e.g. out of file "
      "descriptors).\n";
  out += "# TYPE shrimp_http_accept_failures_total counter\n";
  out += fmt::format("shrimp_http_accept_failures_total {}\n", accept_failures_.load());
  out +=
      "# HELP shrimp_http_connections_refused_total Connections closed at once: the server held "
      "its cap.\n";
  out += "# TYPE shrimp_http_connections_refused_total counter\n";
  out += fmt::format("shrimp_http_connections_refused_total {}\n", connections_refused_.load());
  out += "# HELP shrimp_http_requests_total HTTP requests answered.\n";
  out += "# TYPE shrimp_http_requests_total counter\n";
  for (const auto& [key, series] : series_) {
    const auto& [method, route, status] = key;
    out +=
        fmt::format("shrimp_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                    method, route, status, series.count);
  }
  out += "# HELP shrimp_http_request_duration_seconds Time from request read to response queued.\n";
  out += "# TYPE shrimp_http_request_duration_seconds histogram\n";
  for (const auto& [key, series] : series_) {
    const auto& [method, route, status] = key;
    std::string labels =
        fmt::format("method=\"{}\",route=\"{}\",status=\"{}\"", method, route, status);
    uint64_t cumulative = 0;
    for (size_t index = 0; index < kBucketsUs.size(); ++index) {
      cumulative += series.buckets[index];
      out += fmt::format("shrimp_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                         static_cast<double>(kBucketsUs[index]) / 1e6, cumulative);
    }
    out += fmt::format("shrimp_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels,
                       series.count);
    out += fmt::format("shrimp_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                       static_cast<double>(series.latency_sum_us) / 1e6);
    out +=
        fmt::format("shrimp_http_request_duration_seconds_count{{{}}} {}\n", labels, series.count);
  }
  return out;
}

}  // namespace shrimp::http
