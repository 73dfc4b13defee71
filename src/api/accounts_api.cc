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

// An error answer; limits and overload also say when to come back.
http::Response AccountErrorReply(const Error& error) {
  http::Response response = ErrorReply(error);
  for (const auto& [key, value] : error.details) {
    if (key == "retry_after_s") response.headers.emplace_back("Retry-After", value);
  }
  return response;
}

// Sign-up and log-in hash a password (slow on purpose), so they are
// asynchronous: the io thread parses and checks, the hash pool and the
// writer do the rest, and the reply comes from whichever finishes.
void SignUp(App& app, const http::RequestPtr& request, http::Reply reply) {
  auto body = http::JsonObject::Parse(request->body);
  if (!body.ok()) return reply(ErrorReply(body.error()));
  auto email = body->String("email", 3, accounts::kEmailLengthMax);
  if (!email.ok()) return reply(ErrorReply(email.error()));
  auto password = body->String("password", 0, accounts::kPasswordBytesMax);
  if (!password.ok()) return reply(ErrorReply(password.error()));
  auto name = body->String("name", 1, accounts::kNameLengthMax);
  if (!name.ok()) return reply(ErrorReply(name.error()));
  if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
  accounts::SignUpRequest sign_up{std::string(*email), std::string(*password), std::string(*name),
                                  accounts::Role::kBuyer, request->remote_ip};
  app.accounts().SignUpAsync(std::move(sign_up),
                             [reply = std::move(reply)](Result<accounts::User> user) {
                               if (!user.ok()) return reply(AccountErrorReply(user.error()));
                               http::JsonWriter json;
                               WriteUser(json, *user);
                               reply(JsonReply(201, json.Take()));
                             });
}

void LogIn(App& app, const http::RequestPtr& request, http::Reply reply) {
  auto body = http::JsonObject::Parse(request->body);
  if (!body.ok()) return reply(ErrorReply(body.error()));
  auto email = body->String("email", 1, accounts::kEmailLengthMax);
  if (!email.ok()) return reply(ErrorReply(email.error()));
  auto password = body->String("password", 0, accounts::kPasswordBytesMax);
  if (!password.ok()) return reply(ErrorReply(password.error()));
  if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
  app.accounts().LogInAsync(std::string(*email), std::string(*password), request->remote_ip,
                            [reply = std::move(reply)](Result<accounts::Session> session) {
                              if (!session.ok()) return reply(AccountErrorReply(session.error()));
                              http::JsonWriter json;
                              json.StartObject();
                              json.Field("token", session->token);
                              json.TimeField("expires_at", session->expires_at_ms);
                              json.Key("user");
                              WriteUser(json, session->user);
                              json.EndObject();
                              reply(JsonReply(201, json.Take()));
                            });
}

// Answers 204 only after the revocation committed; see AccountService::LogOutAsync.
void LogOut(App& app, const http::RequestPtr& request, http::Reply reply) {
  auto principal = RequireUser(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  app.accounts().LogOutAsync(principal->session_id, [reply = std::move(reply)](Status status) {
    if (!status.ok()) return reply(AccountErrorReply(status.error()));
    http::Response response;
    response.status = 204;
    reply(std::move(response));
  });
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
  router.Add("POST", "/api/v1/users",
             [&app](http::RequestPtr r, http::Reply reply) { SignUp(app, r, std::move(reply)); },
             {.summary = "Sign up as a buyer (password: 10 to 128 characters, not a common one)",
              .tag = "accounts",
              .request_example =
                  R"({"email":"ana@example.com","password":"correct horse","name":"Ana"})"});
  router.Add("POST", "/api/v1/sessions",
             [&app](http::RequestPtr r, http::Reply reply) { LogIn(app, r, std::move(reply)); },
             {.summary = "Log in; returns a bearer token",
              .tag = "accounts",
              .request_example = R"({"email":"ana@example.com","password":"correct horse"})"});
  router.Add("DELETE", "/api/v1/sessions/current",
             [&app](http::RequestPtr r, http::Reply reply) { LogOut(app, r, std::move(reply)); },
             {.summary = "Log out (revoke this token)", .tag = "accounts", .auth = true});
  router.AddSync("GET", "/api/v1/me", [&app](const http::Request& r) { return Me(app, r); },
                 {.summary = "The logged-in user", .tag = "accounts", .auth = true});
}

}  // namespace shrimp::api
