// A small blocking HTTP/1.1 client for tests, with keep-alive.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace shrimp::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  rapidjson::Document json;  // parsed body when it is JSON

  std::string Header(const std::string& name) const;
  // The error code of an error body, or "".
  std::string ErrorCode() const;
};

class HttpClient {
 public:
  HttpClient(std::string host, uint16_t port);
  ~HttpClient();

  HttpResult Get(const std::string& target, const std::string& token = "");
  // Behaves as a careful client: sends a fresh Idempotency-Key unless
  // `headers` carries one (a test retrying an operation passes its key).
  // Send() sends exactly what it is given, e.g. a POST without a key.
  HttpResult Post(const std::string& target, const std::string& body, const std::string& token = "",
                  std::vector<std::pair<std::string, std::string>> headers = {});
  HttpResult Patch(const std::string& target, const std::string& body,
                   const std::string& token = "");
  HttpResult Delete(const std::string& target, const std::string& token = "");
  HttpResult Send(const std::string& method, const std::string& target, const std::string& body,
                  const std::string& token,
                  const std::vector<std::pair<std::string, std::string>>& headers,
                  const std::string& content_type = "application/json");
  // Sends raw bytes and returns whatever comes back (for malformed-request tests).
  std::string SendRaw(const std::string& bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shrimp::testing
