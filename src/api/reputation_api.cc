// /api/v1/orders/{id}/review, /api/v1/reviews, /api/v1/review-images and a
// shop's reputation: verified reviews and the score they make. Writes run as
// writer jobs (api/write_path.h); reads use the read pool and the
// ReputationBook, which any thread may read.
#include <cmath>

#include "api/app.h"
#include "api/auth.h"
#include "api/catalog_json.h"
#include "api/reputation_json.h"
#include "api/respond.h"
#include "api/write_path.h"
#include "catalog/images.h"

namespace shrimp::api {
namespace {

using reputation::Review;

// Raw image bytes plus room for nothing else: the route's body limit.
inline constexpr size_t kReviewImageUploadBytesMax = catalog::kImageBytesMax + 1024;

reputation::Actor ActorOf(const accounts::Principal& principal) {
  return reputation::Actor{principal.user_id, principal.is_operator()};
}

http::Response ReviewReply(int status, const Review& review) {
  http::JsonWriter json;
  WriteReview(json, review);
  return JsonReply(status, json.Take());
}

http::Response ReviewPageReply(std::vector<Review> reviews, int64_t limit) {
  bool more = static_cast<int64_t>(reviews.size()) > limit;
  if (more) reviews.resize(limit);
  return PageReply(reviews, more, WriteReview);
}

Result<reputation::ReviewDraft> ParseDraft(http::JsonObject& body) {
  reputation::ReviewDraft draft;
  SHRIMP_ASSIGN_OR_RETURN(draft.line_id, body.Int("line_id", 1, orders::kCartLinesMax));
  SHRIMP_ASSIGN_OR_RETURN(const rapidjson::Value* ratings, body.Object("ratings", true));
  http::JsonObject stars(ratings, "ratings.");
  for (int d = 0; d < reputation::kDimensions; ++d) {
    SHRIMP_ASSIGN_OR_RETURN(draft.stars[d],
                            stars.Int(reputation::kDimensionNames[d], reputation::kRatingMin,
                                      reputation::kRatingMax));
  }
  SHRIMP_RETURN_IF_ERROR(stars.Finish());
  SHRIMP_ASSIGN_OR_RETURN(auto text, body.OptionalString("text", reputation::kReviewTextLengthMin,
                                                         reputation::kReviewTextLengthMax));
  draft.text = text.value_or("");
  SHRIMP_ASSIGN_OR_RETURN(const rapidjson::Value* images,
                          body.Array("images", false, reputation::kReviewImagesMax));
  if (images) {
    for (const auto& image : images->GetArray()) {
      if (!image.IsString() ||
          !catalog::IsImageFileName(std::string_view(image.GetString(), image.GetStringLength()))) {
        return InvalidArgument("invalid_field",
                               "images are names returned by POST /api/v1/review-images")
            .With("field", "images");
      }
      draft.images.emplace_back(image.GetString(), image.GetStringLength());
    }
  }
  SHRIMP_RETURN_IF_ERROR(body.Finish());
  return draft;
}

void CreateReview(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto order_id = PathId(*request, "id");
    if (!order_id.ok()) return reply(ErrorReply(order_id.error()));
    auto body = http::JsonObject::Parse(request->body);
    if (!body.ok()) return reply(ErrorReply(body.error()));
    auto draft = ParseDraft(*body);
    if (!draft.ok()) return reply(ErrorReply(draft.error()));
    SubmitWrite<Review>(
        app, request, std::move(reply), IdempotencyScope(principal),
        [&app, actor = ActorOf(principal), id = *order_id,
         draft = std::move(*draft)](store::Connection& connection) {
          return app.reviews().CreateReview(connection, actor, id, draft);
        },
        [](const Review& review) { return ReviewReply(201, review); });
  });
}

void UploadReviewImage(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    std::string directory = app.options().data_dir + "/images";
    // Written before the job (no disk I/O on the writer thread), removed
    // again if the job refuses it; served by GET /images/{name}.
    auto saved = catalog::SaveImage(directory, request->Header("content-type"), request->body);
    if (!saved.ok()) return reply(ErrorReply(saved.error()));
    std::string path = directory + "/" + *saved;
    SubmitWrite<std::string>(
        app, request,
        [reply = std::move(reply), path](http::Response response) {
          if (response.status >= 300) std::remove(path.c_str());
          reply(std::move(response));
        },
        IdempotencyScope(principal),
        [&app, actor = ActorOf(principal),
         name = *saved](store::Connection& connection) -> Result<std::string> {
          SHRIMP_RETURN_IF_ERROR(app.reviews().AddImage(connection, actor, name));
          return name;
        },
        [](const std::string& name) {
          http::JsonWriter json;
          json.StartObject();
          json.Field("name", name);
          json.Field("url", ImageUrl(name));
          json.EndObject();
          return JsonReply(201, json.Take());
        });
  });
}

using ReviewAction =
    std::function<Result<Review>(store::Connection&, const reputation::Actor&, int64_t)>;
using ReviewActionParser = std::function<Result<ReviewAction>(http::JsonObject&)>;

void ActOnReview(App& app, http::RequestPtr request, http::Reply reply,
                 const ReviewActionParser& parse) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto review_id = PathId(*request, "id");
    if (!review_id.ok()) return reply(ErrorReply(review_id.error()));
    auto body = http::JsonObject::Parse(request->body);
    if (!body.ok()) return reply(ErrorReply(body.error()));
    auto action = parse(*body);
    if (!action.ok()) return reply(ErrorReply(action.error()));
    if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
    SubmitWrite<Review>(
        app, request, std::move(reply), IdempotencyScope(principal),
        [action = std::move(*action), actor = ActorOf(principal),
         id = *review_id](store::Connection& connection) { return action(connection, actor, id); },
        [](const Review& review) { return ReviewReply(200, review); });
  });
}

// GET /shops/{id}/reviews and /products/{id}/reviews: the visible reviews.
http::Response ListReviewsOf(App& app, const http::Request& request, bool shop) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorReply(id.error());
  auto page = ParsePage(request);
  if (!page.ok()) return ErrorReply(page.error());
  reputation::ReviewFilter filter;
  (shop ? filter.shop_id : filter.product_id) = *id;
  filter.after_id = page->after;
  filter.limit = page->limit;
  auto listed = app.db().Read([&](store::Connection& connection) {
    return reputation::ReviewService::List(connection, filter);
  });
  return listed.ok() ? ReviewPageReply(std::move(*listed), filter.limit)
                     : ErrorReply(listed.error());
}

// GET /reviews?buyer=me (the caller's, whatever their status) or
// ?queue=moderation (operators: held and reported reviews).
http::Response ListReviews(App& app, const http::Request& request) {
  auto principal = RequireUser(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  auto page = ParsePage(request);
  if (!page.ok()) return ErrorReply(page.error());
  reputation::ReviewFilter filter;
  filter.after_id = page->after;
  filter.limit = page->limit;
  filter.include_all = true;
  std::string_view buyer = request.Query("buyer").value_or("");
  std::string_view queue = request.Query("queue").value_or("");
  if (queue == "moderation") {
    if (!principal->is_operator()) {
      return ErrorReply(Forbidden("not_operator", "only operators see the moderation queue"));
    }
    filter.moderation_queue = true;
  } else if (buyer == "me" && queue.empty()) {
    filter.buyer_id = principal->user_id;
  } else {
    return ErrorReply(InvalidArgument("invalid_query", "use ?buyer=me or ?queue=moderation")
                          .With("field", "queue"));
  }
  auto listed = app.db().Read([&](store::Connection& connection) {
    return reputation::ReviewService::List(connection, filter);
  });
  return listed.ok() ? ReviewPageReply(std::move(*listed), filter.limit)
                     : ErrorReply(listed.error());
}

http::Response GetReputation(App& app, const http::Request& request) {
  auto shop_id = PathId(request, "id");
  if (!shop_id.ok()) return ErrorReply(shop_id.error());
  http::JsonWriter json;
  WriteReputation(json, app.reputation(), *shop_id, app.clock().NowMs(), true);
  return JsonReply(200, json.Take());
}

}  // namespace

void RegisterReputationRoutes(App& app) {
  http::Router& router = app.router();
  auto reviews = [&app]() -> reputation::ReviewService& { return app.reviews(); };
  router.Add(
      "POST", "/api/v1/orders/{id}/review",
      [&app](http::RequestPtr r, http::Reply reply) { CreateReview(app, r, std::move(reply)); },
      {.summary = "Buyer: review one line of a completed order (once, within 90 days of "
                  "completion); stars 1-5 per dimension, text in any language (at most 2,000 "
                  "characters), up to 4 images from POST /api/v1/review-images",
       .tag = "reputation",
       .auth = true,
       .idempotent_key = true,
       .request_example =
           R"({"line_id":1,"ratings":{"described":5,"service":4,"shipping":5},"text":"Tea as described, 很好","images":[]})"});
  router.Add("POST", "/api/v1/review-images",
             [&app](http::RequestPtr r, http::Reply reply) {
               UploadReviewImage(app, r, std::move(reply));
             },
             {.summary = "Upload a photo for a review (raw body; image/png, image/jpeg or "
                         "image/webp; at most 5 MiB) -> {name, url}",
              .tag = "reputation",
              .auth = true,
              .idempotent_key = true,
              .body_bytes_max = kReviewImageUploadBytesMax});
  router.AddSync("GET", "/api/v1/shops/{id}/reviews",
                 [&app](const http::Request& r) { return ListReviewsOf(app, r, true); },
                 {.summary = "A shop's visible reviews, newest first; ?after=, ?limit=",
                  .tag = "reputation"});
  router.AddSync("GET", "/api/v1/products/{id}/reviews",
                 [&app](const http::Request& r) { return ListReviewsOf(app, r, false); },
                 {.summary = "A product's visible reviews, newest first; ?after=, ?limit=",
                  .tag = "reputation"});
  router.AddSync("GET", "/api/v1/reviews",
                 [&app](const http::Request& r) { return ListReviews(app, r); },
                 {.summary = "?buyer=me: your reviews (any status); ?queue=moderation "
                             "(operators): held and reported reviews",
                  .tag = "reputation",
                  .auth = true});
  router.AddSync("GET", "/api/v1/shops/{id}/reputation",
                 [&app](const http::Request& r) { return GetReputation(app, r); },
                 {.summary = "A shop's score, level and ratings per dimension against the "
                             "marketplace",
                  .tag = "reputation"});
  struct Action {
    const char* path;
    const char* summary;
    ReviewActionParser parse;
    const char* example;
  };
  std::vector<Action> actions = {
      {"/reply", "Merchant: the shop's one public reply",
       [reviews](http::JsonObject& body) -> Result<ReviewAction> {
         SHRIMP_ASSIGN_OR_RETURN(std::string text,
                                 body.String("text", 1, reputation::kReplyTextLengthMax));
         return ReviewAction(
             [reviews, text](store::Connection& c, const reputation::Actor& a, int64_t id) {
               return reviews().Reply(c, a, id, text);
             });
       },
       R"({"text":"Thank you! Merci !"})"},
      {"/reports", "Report a review as abusive (once per user)",
       [reviews](http::JsonObject& body) -> Result<ReviewAction> {
         SHRIMP_ASSIGN_OR_RETURN(std::string reason,
                                 body.String("reason", 1, reputation::kReportReasonLengthMax));
         return ReviewAction(
             [reviews, reason](store::Connection& c, const reputation::Actor& a, int64_t id) {
               return reviews().Report(c, a, id, reason);
             });
       },
       R"({"reason":"insults the merchant"})"},
      {"/moderation",
       "Operator: uphold (hide) or dismiss its reports; release or reject a held review",
       [reviews](http::JsonObject& body) -> Result<ReviewAction> {
         SHRIMP_ASSIGN_OR_RETURN(std::string name, body.String("action", 1, 20));
         auto action = reputation::ParseModerationAction(name);
         if (!action) {
           return InvalidArgument("invalid_field",
                                  "action is one of uphold, dismiss, release, reject")
               .With("field", "action");
         }
         return ReviewAction([reviews, action = *action](store::Connection& c,
                                                         const reputation::Actor& a, int64_t id) {
           return reviews().Moderate(c, a, id, action);
         });
       },
       R"({"action":"uphold"})"},
  };
  for (Action& action : actions) {
    router.Add("POST", std::string("/api/v1/reviews/{id}") + action.path,
               [&app, parse = action.parse](http::RequestPtr r, http::Reply reply) {
                 ActOnReview(app, r, std::move(reply), parse);
               },
               {.summary = action.summary,
                .tag = "reputation",
                .auth = true,
                .idempotent_key = true,
                .request_example = action.example});
  }
}

}  // namespace shrimp::api
