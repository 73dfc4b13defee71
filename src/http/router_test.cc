#include "http/router.h"

#include <gtest/gtest.h>

namespace shrimp::http {
namespace {

Handler Noop() {
  return [](RequestPtr, Reply reply) { reply(Response{}); };
}

TEST(Router, MatchesParamsAndMethods) {
  Router router;
  router.Add("GET", "/api/v1/shops/{id}", Noop(), {});
  router.Add("PATCH", "/api/v1/shops/{id}", Noop(), {});
  router.Add("GET", "/api/v1/shops", Noop(), {});

  auto found = router.Find("GET", "/api/v1/shops/42");
  ASSERT_EQ(found.result, Router::MatchResult::kFound);
  EXPECT_EQ(found.route->pattern, "/api/v1/shops/{id}");
  ASSERT_EQ(found.params.size(), 1u);
  EXPECT_EQ(found.params[0].second, "42");

  auto wrong = router.Find("DELETE", "/api/v1/shops/42");
  EXPECT_EQ(wrong.result, Router::MatchResult::kMethodNotAllowed);
  EXPECT_EQ(wrong.allow, "GET, PATCH");

  EXPECT_EQ(router.Find("GET", "/api/v1/shops/").result, Router::MatchResult::kNotFound);
  EXPECT_EQ(router.Find("GET", "/api/v1/shop").result, Router::MatchResult::kNotFound);
  EXPECT_EQ(router.Find("GET", "").result, Router::MatchResult::kNotFound);
  EXPECT_EQ(router.Find("HEAD", "/api/v1/shops").result, Router::MatchResult::kFound);
}

Response Dispatch(const Router& router, const std::string& path, HeaderList headers) {
  auto request = std::make_shared<Request>();
  request->method = "POST";
  request->path = path;
  request->headers = std::move(headers);
  Response answered;
  answered.status = 0;
  auto match = router.Find("POST", path);
  match.route->handler(request, [&answered](Response response) { answered = std::move(response); });
  return answered;
}

TEST(Router, RequiredIdempotencyKeyIsCheckedBeforeTheHandlerRuns) {
  Router router;
  int handled = 0;
  auto counting = [&handled](RequestPtr, Reply reply) {
    ++handled;
    reply(Response{.status = 201});
  };
  router.Add("POST", "/api/v1/checkout", counting,
             {.auth = true, .idempotency_key_required = true});
  router.Add("POST", "/api/v1/cart/items", counting, {.auth = true, .idempotent_key = true});
  EXPECT_TRUE(router.routes()[0].doc.idempotent_key);  // required implies honoured

  Response missing = Dispatch(router, "/api/v1/checkout", {{"authorization", "Bearer t"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("\"idempotency_key_required\""), std::string::npos);
  EXPECT_EQ(handled, 0);
  // An empty header is no key either.
  EXPECT_EQ(Dispatch(router, "/api/v1/checkout",
                     {{"authorization", "Bearer t"}, {"idempotency-key", ""}})
                .status,
            400);
  EXPECT_EQ(handled, 0);
  EXPECT_EQ(Dispatch(router, "/api/v1/checkout",
                     {{"authorization", "Bearer t"}, {"idempotency-key", "k1"}})
                .status,
            201);
  EXPECT_EQ(handled, 1);
  // No credentials at all: the handler answers (401 in the real routes).
  EXPECT_EQ(Dispatch(router, "/api/v1/checkout", {}).status, 201);
  // Routes that only honour a key do not require one.
  EXPECT_EQ(Dispatch(router, "/api/v1/cart/items", {{"authorization", "Bearer t"}}).status, 201);
}

TEST(Router, FallbackAnswersOnlyUnmatchedAcceptedGets) {
  Router router;
  router.Add("GET", "/api/v1/shops/{id}", Noop(), {});
  router.Add("DELETE", "/api/v1/sessions/current", Noop(), {});
  router.SetGetFallback([](std::string_view path) { return !path.starts_with("/api/"); },
                        [](const Request&) { return Response{}; });

  auto client_route = router.Find("GET", "/shops/12");
  ASSERT_EQ(client_route.result, Router::MatchResult::kFound);
  EXPECT_EQ(client_route.route->pattern, Router::kFallbackPattern);
  EXPECT_EQ(router.Find("HEAD", "/shops/12").result, Router::MatchResult::kFound);
  // A real route still wins over the fallback.
  EXPECT_EQ(router.Find("GET", "/api/v1/shops/3").route->pattern, "/api/v1/shops/{id}");
  // Paths the predicate rejects, and other methods, stay unmatched.
  EXPECT_EQ(router.Find("GET", "/api/v1/nope").result, Router::MatchResult::kNotFound);
  EXPECT_EQ(router.Find("POST", "/shops/12").result, Router::MatchResult::kNotFound);
  // A known path with another method is still 405, not the web app.
  EXPECT_EQ(router.Find("GET", "/api/v1/sessions/current").result,
            Router::MatchResult::kMethodNotAllowed);
  // The fallback is not a documented route.
  EXPECT_EQ(router.routes().size(), 2u);
}

TEST(Router, RoutesOnTheRawPathSoEncodedSlashesNeverSplitSegments) {
  Router router;
  router.Add("GET", "/api/v1/admin/overview", Noop(), {});
  router.Add("GET", "/images/{name}", Noop(), {});
  EXPECT_EQ(router.Find("GET", "/api/v1/admin/overview").result, Router::MatchResult::kFound);
  EXPECT_EQ(router.Find("GET", "/api/v1%2Fadmin%2Foverview").result,
            Router::MatchResult::kNotFound);
  EXPECT_EQ(router.Find("GET", "/api%2Fv1/admin/overview").result, Router::MatchResult::kNotFound);
  // Other escapes decode per segment, so parameters still arrive decoded.
  auto image = router.Find("GET", "/images/a%20b.png");
  ASSERT_EQ(image.result, Router::MatchResult::kFound);
  EXPECT_EQ(image.params[0].second, "a b.png");
  EXPECT_EQ(router.Find("GET", "/images/a%2Fb.png").result, Router::MatchResult::kNotFound);
}

TEST(QueryString, DecodesAndRejectsMalformed) {
  std::vector<std::pair<std::string, std::string>> out;
  EXPECT_TRUE(ParseQueryString("q=red+shoes&city=Paris%20Nord&x", &out));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].second, "red shoes");
  EXPECT_EQ(out[1].second, "Paris Nord");
  EXPECT_EQ(out[2].first, "x");
  out.clear();
  EXPECT_FALSE(ParseQueryString("q=%", &out));
  EXPECT_FALSE(ParseQueryString("q=%4", &out));
  EXPECT_FALSE(ParseQueryString("q=%zz", &out));
}

}  // namespace
}  // namespace shrimp::http
