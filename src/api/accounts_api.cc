// /api/v1/users, /api/v1/sessions, /api/v1/me
#include "api/app.h"
#include "api/auth.h"
#include "api/respond.h"
#include "http/json.h"

namespace shrimp::api {
namespace {

void WriteUser(http::JsonWriter& json, const accounts::User& user) {
  json.StartObject();
  json.Field("id", user.id);
  json.Field("email", user.email);
  json.Field("name", user.name);
  json.Field("role", accounts::RoleName(user.role));
  json.TimeField("created_at", user.created_at_ms);
  json.EndObject();
}

http::Response SignUp(App& app, const http::Request& request) {
  auto body = http::JsonObject::Parse(request.body);
  if (!body.ok()) return ErrorReply(body.error());
  auto email = body->String("email", 3, accounts::kEmailLengthMax);
  if (!email.ok()) return ErrorReply(email.error());
  auto password = body->String("password", 0, 1000);
  if (!password.ok()) return ErrorReply(password.error());
  auto name = body->String("name", 1, accounts::kNameLengthMax);
  if (!name.ok()) return ErrorReply(name.error());
  if (auto finished = body->Finish(); !finished.ok()) return ErrorReply(finished.error());
  auto user = app.accounts().SignUp(*email, *password, *name, accounts::Role::kBuyer);
  if (!user.ok()) return ErrorReply(user.error());
  http::JsonWriter json;
  WriteUser(json, *user);
  return JsonReply(201, json.Take());
}

http::Response LogIn(App& app, const http::Request& request) {
  auto body = http::JsonObject::Parse(request.body);
  if (!body.ok()) return ErrorReply(body.error());
  auto email = body->String("email", 1, accounts::kEmailLengthMax);
  if (!email.ok()) return ErrorReply(email.error());
  auto password = body->String("password", 0, 1000);
  if (!password.ok()) return ErrorReply(password.error());
  if (auto finished = body->Finish(); !finished.ok()) return ErrorReply(finished.error());
  auto session = app.accounts().LogIn(*email, *password, request.remote_ip);
  if (!session.ok()) {
    http::Response response = ErrorReply(session.error());
    for (const auto& [key, value] : session.error().details) {
      if (key == "retry_after_s") response.headers.emplace_back("Retry-After", value);
    }
    return response;
  }
  http::JsonWriter json;
  json.StartObject();
  json.Field("token", session->token);
  json.TimeField("expires_at", session->expires_at_ms);
  json.Key("user");
  WriteUser(json, session->user);
  json.EndObject();
  return JsonReply(201, json.Take());
}

http::Response LogOut(App& app, const http::Request& request) {
  auto principal = RequireUser(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  if (auto status = app.accounts().LogOut(principal->session_id); !status.ok()) {
    return ErrorReply(status.error());
  }
  http::Response response;
  response.status = 204;
  return response;
}

http::Response Me(App& app, const http::Request& request) {
  auto principal = RequireUser(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  auto user = app.accounts().GetUser(principal->user_id);
  if (!user.ok()) return ErrorReply(user.error());
  http::JsonWriter json;
  WriteUser(json, *user);
  return JsonReply(200, json.Take());
}

}  // namespace

void RegisterAccountRoutes(App& app) {
  http::Router& router = app.router();
  router.AddSync("POST", "/api/v1/users", [&app](const http::Request& r) { return SignUp(app, r); },
                 {.summary = "Sign up as a buyer",
                  .tag = "accounts",
                  .request_example = R"({"email":"ana@example.com","password":"correct horse","name":"Ana"})"});
  router.AddSync("POST", "/api/v1/sessions", [&app](const http::Request& r) { return LogIn(app, r); },
                 {.summary = "Log in; returns a bearer token",
                  .tag = "accounts",
                  .request_example = R"({"email":"ana@example.com","password":"correct horse"})"});
  router.AddSync("DELETE", "/api/v1/sessions/current",
                 [&app](const http::Request& r) { return LogOut(app, r); },
                 {.summary = "Log out (revoke this token)", .tag = "accounts", .auth = true});
  router.AddSync("GET", "/api/v1/me", [&app](const http::Request& r) { return Me(app, r); },
                 {.summary = "The logged-in user", .tag = "accounts", .auth = true});
}

}  // namespace shrimp::api
