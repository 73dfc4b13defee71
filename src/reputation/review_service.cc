#include "reputation/review_service.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "catalog/catalog_lookup.h"
#include "orders/order_store.h"

namespace shrimp::reputation {
namespace {

constexpr const char* kReviewColumns =
    "r.id, r.order_id, r.line_no, r.shop_id, r.product_id, r.buyer_id, r.buyer_name,"
    " r.product_title, r.described, r.service, r.shipping, r.text, r.images, r.created_at,"
    " r.status, r.flag, r.reply, r.reply_at,"
    " (SELECT count(*) FROM review_reports p WHERE p.review_id = r.id AND p.resolution IS NULL)";

ReviewStatus ParseStatus(const std::string& name) {
  if (name == "held") return ReviewStatus::kHeld;
  if (name == "hidden") return ReviewStatus::kHidden;
  return ReviewStatus::kVisible;
}

std::vector<std::string> SplitImages(const std::string& joined) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start < joined.size()) {
    size_t comma = joined.find(',', start);
    if (comma == std::string::npos) comma = joined.size();
    names.push_back(joined.substr(start, comma - start));
    start = comma + 1;
  }
  return names;
}

Review ReadReview(store::Query& query) {
  Review review;
  review.id = query.Int(0);
  review.order_id = query.Int(1);
  review.line_id = query.Int(2);
  review.shop_id = query.Int(3);
  review.product_id = query.Int(4);
  review.buyer_id = query.Int(5);
  review.buyer_name = query.Text(6);
  review.product_title = query.Text(7);
  for (int d = 0; d < kDimensions; ++d) review.stars[d] = query.Int(8 + d);
  review.text = query.Text(11);
  review.images = SplitImages(query.Text(12));
  review.created_at_ms = query.Int(13);
  review.status = ParseStatus(query.Text(14));
  review.flag = query.Text(15);
  if (!query.IsNull(16)) review.reply = query.Text(16);
  review.reply_at_ms = query.OptionalInt(17).value_or(0);
  review.open_reports = query.Int(18);
  return review;
}

// What a public page shows of a buyer: the first character of the name on
// the order, then stars ("A***"), as marketplaces do.
std::string MaskedName(const std::string& name) {
  if (name.empty()) return "***";
  size_t length = 1;
  while (length < name.size() && (static_cast<unsigned char>(name[length]) & 0xC0) == 0x80) {
    ++length;
  }
  return name.substr(0, length) + "***";
}

std::string AddressKey(const orders::ShippingAddress& address) {
  std::string key;
  for (const std::string* part : {&address.line1, &address.postal_code, &address.country}) {
    for (char c : *part) {
      if (!std::isspace(static_cast<unsigned char>(c))) {
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    key += '|';
  }
  return key;
}

ReviewRatings RatingsOf(const Review& review) {
  return ReviewRatings{review.shop_id, review.created_at_ms, review.stars};
}

Error NotFoundReview() { return NotFound("review_not_found", "no review has this id"); }

}  // namespace

std::vector<store::Migration> ReputationMigrations() {
  return {{"reputation", 1, "reviews, replies, reports, moderation and review images",
           R"sql(
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  shop_id INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  buyer_id INTEGER NOT NULL,
  buyer_name TEXT NOT NULL,
  product_title TEXT NOT NULL,
  described INTEGER NOT NULL CHECK (described BETWEEN 1 AND 5),
  service INTEGER NOT NULL CHECK (service BETWEEN 1 AND 5),
  shipping INTEGER NOT NULL CHECK (shipping BETWEEN 1 AND 5),
  text TEXT NOT NULL,
  images TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('visible', 'held', 'hidden')),
  flag TEXT NOT NULL DEFAULT '',
  reply TEXT,
  reply_at INTEGER,
  UNIQUE (order_id, line_no)
);
CREATE INDEX reviews_shop ON reviews(shop_id, id);
CREATE INDEX reviews_shop_time ON reviews(shop_id, created_at);
CREATE INDEX reviews_product ON reviews(product_id, id);
CREATE INDEX reviews_buyer ON reviews(buyer_id, created_at);
CREATE INDEX reviews_held ON reviews(id) WHERE status = 'held';
CREATE TABLE review_reports (
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL,
  reporter_id INTEGER NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  resolution TEXT,
  UNIQUE (review_id, reporter_id)
);
CREATE INDEX review_reports_open ON review_reports(review_id) WHERE resolution IS NULL;
CREATE TABLE review_moderation (
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  actor_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX review_moderation_review ON review_moderation(review_id, id);
CREATE TABLE review_images (
  file_name TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL,
  review_id INTEGER,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql"},
          // Start-up counts the visible reviews from this index alone
          // (ReputationBook::LoadReviewsLocked), not from the wide rows.
          {"reputation", 2, "a covering index of the visible reviews' ratings",
           R"sql(
CREATE INDEX reviews_visible_ratings ON reviews(status, shop_id, created_at, described,
  service, shipping);
)sql"}};
}

std::string_view ReviewStatusName(ReviewStatus status) {
  switch (status) {
    case ReviewStatus::kVisible: return "visible";
    case ReviewStatus::kHeld: return "held";
    case ReviewStatus::kHidden: return "hidden";
  }
  return "visible";
}

std::optional<ModerationAction> ParseModerationAction(std::string_view name) {
  if (name == "uphold") return ModerationAction::kUphold;
  if (name == "dismiss") return ModerationAction::kDismiss;
  if (name == "release") return ModerationAction::kRelease;
  if (name == "reject") return ModerationAction::kReject;
  return std::nullopt;
}

Status ReviewService::CheckOwnShop(store::Connection& connection, const orders::Order& order) {
  SHRIMP_ASSIGN_OR_RETURN(auto owner, catalog::LoadShopOwner(connection, order.shop_id));
  Error own = Forbidden("own_shop", "a shop's owner may not review it");
  if (!owner || *owner == order.buyer_id) return own;
  orders::OrderFilter filter;
  filter.buyer_id = *owner;
  filter.limit = kOwnerAddressesChecked;
  SHRIMP_ASSIGN_OR_RETURN(auto owner_orders, orders::ListOrders(connection, filter));
  std::string buyer_address = AddressKey(order.shipping_address);
  for (const orders::Order& owned : owner_orders) {
    if (AddressKey(owned.shipping_address) == buyer_address) {
      return own.With("rule", "shared_address");
    }
  }
  return OkStatus();
}

Result<std::optional<std::vector<int64_t>>> ReviewService::FindRing(store::Connection& connection,
                                                                    int64_t shop_id,
                                                                    int64_t buyer_id,
                                                                    int64_t now_ms) {
  int64_t since = now_ms - kRingWindowMs;
  // A reviewer with a review older than the window is established: not part
  // of a ring by this rule.
  store::Query history(connection,
                       "SELECT 1 FROM reviews WHERE buyer_id = ? AND created_at <= ? LIMIT 1");
  history.Bind(buyer_id, since);
  if (history.Next()) return std::optional<std::vector<int64_t>>();
  SHRIMP_RETURN_IF_ERROR(history.status());
  // The burst: this shop's recent reviews by other new reviewers. Reviews an
  // operator already decided on stay as decided.
  store::Query burst(connection,
                     "SELECT r.id, r.buyer_id, r.status FROM reviews r"
                     " WHERE r.shop_id = ? AND r.created_at > ? AND r.buyer_id != ?"
                     " AND NOT EXISTS (SELECT 1 FROM reviews o WHERE o.buyer_id = r.buyer_id"
                     "                 AND o.created_at <= ?)"
                     " AND NOT EXISTS (SELECT 1 FROM review_moderation m"
                     "                 WHERE m.review_id = r.id)");
  burst.Bind(shop_id, since, buyer_id, since);
  std::set<int64_t> reviewers = {buyer_id};
  std::vector<int64_t> to_hold;
  while (burst.Next()) {
    reviewers.insert(burst.Int(1));
    if (burst.Text(2) == "visible") to_hold.push_back(burst.Int(0));
  }
  SHRIMP_RETURN_IF_ERROR(burst.status());
  if (static_cast<int64_t>(reviewers.size()) < kRingReviewersMin) {
    return std::optional<std::vector<int64_t>>();
  }
  return std::optional<std::vector<int64_t>>(std::move(to_hold));
}

Result<Review> ReviewService::CreateReview(store::Connection& connection, const Actor& actor,
                                           int64_t order_id, const ReviewDraft& draft) {
  auto order = orders_.GetOrder(connection, orders::Actor{actor.user_id, false}, order_id);
  if (!order.ok() && order.error().code == "order_not_found") {
    return NotFound("order_not_found", "you have no order with this id");
  }
  SHRIMP_RETURN_IF_ERROR(order.status());
  if (order->buyer_id != actor.user_id) {
    return NotFound("order_not_found", "you have no order with this id");
  }
  if (order->status != orders::OrderStatus::kCompleted) {
    return Conflict("order_not_completed", "only a completed order can be reviewed")
        .With("status", std::string(orders::StatusName(order->status)));
  }
  int64_t completed_at = 0;
  for (const orders::OrderEventRecord& event : order->events) {
    if (event.status == orders::OrderStatus::kCompleted) completed_at = event.at_ms;
  }
  int64_t now_ms = clock_.NowMs();
  if (now_ms - completed_at > kReviewWindowMs) {
    return Conflict("review_window_closed", "reviews are accepted for 90 days after completion");
  }
  if (draft.line_id < 1 || draft.line_id > static_cast<int64_t>(order->lines.size())) {
    return NotFound("line_not_found", "the order has no such line").With("field", "line_id");
  }
  const orders::OrderLine& line = order->lines[draft.line_id - 1];
  SHRIMP_RETURN_IF_ERROR(CheckOwnShop(connection, *order));
  {
    store::Query existing(connection, "SELECT 1 FROM reviews WHERE order_id = ? AND line_no = ?");
    existing.Bind(order_id, draft.line_id);
    if (existing.Next()) {
      return Conflict("already_reviewed", "this order line has a review already");
    }
    SHRIMP_RETURN_IF_ERROR(existing.status());
  }
  SHRIMP_ASSIGN_OR_RETURN(auto ring, FindRing(connection, order->shop_id, actor.user_id, now_ms));

  Review review;
  review.order_id = order_id;
  review.line_id = draft.line_id;
  review.shop_id = order->shop_id;
  review.product_id = line.product_id;
  review.buyer_id = actor.user_id;
  review.buyer_name = MaskedName(order->shipping_address.name);
  review.product_title = line.title;
  review.stars = draft.stars;
  review.text = draft.text;
  review.images = draft.images;
  review.created_at_ms = now_ms;
  review.status = ring ? ReviewStatus::kHeld : ReviewStatus::kVisible;
  review.flag = ring ? "review_ring" : "";
  std::string images;
  for (const std::string& name : draft.images) images += (images.empty() ? "" : ",") + name;
  store::Query insert(connection,
                      "INSERT INTO reviews (order_id, line_no, shop_id, product_id, buyer_id,"
                      " buyer_name, product_title, described, service, shipping, text, images,"
                      " created_at, status, flag) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                      " RETURNING id");
  insert.Bind(order_id, draft.line_id, review.shop_id, review.product_id, review.buyer_id,
              review.buyer_name, review.product_title, review.stars[0], review.stars[1],
              review.stars[2], review.text, images, now_ms, ReviewStatusName(review.status),
              review.flag);
  SHRIMP_ASSIGN_OR_RETURN(auto id, insert.ScalarInt());
  SHRIMP_RETURN_IF_ERROR(insert.Run());
  review.id = id.value_or(0);
  for (const std::string& name : draft.images) {
    store::Query claim(connection,
                       "UPDATE review_images SET review_id = ?"
                       " WHERE file_name = ? AND user_id = ? AND review_id IS NULL");
    claim.Bind(review.id, name, actor.user_id);
    SHRIMP_RETURN_IF_ERROR(claim.Run());
    if (connection.Changes() != 1) {
      return InvalidArgument("image_not_found",
                             "images must be review images you uploaded and have not used")
          .With("field", "images");
    }
  }
  std::vector<Review> held;
  if (ring) {
    for (int64_t other_id : *ring) {
      SHRIMP_ASSIGN_OR_RETURN(auto other, Load(connection, other_id));
      if (!other) return Internal("review in a ring vanished");
      SHRIMP_RETURN_IF_ERROR(SetStatus(connection, *other, ReviewStatus::kHeld));
      store::Query flag(connection, "UPDATE reviews SET flag = 'review_ring' WHERE id = ?");
      flag.Bind(other_id);
      SHRIMP_RETURN_IF_ERROR(flag.Run());
      held.push_back(std::move(*other));
    }
  }
  if (event_sink_ && review.status == ReviewStatus::kVisible) {
    SHRIMP_RETURN_IF_ERROR(event_sink_(connection, "review.created", review));
  }
  // Every fallible step is behind us: now the hot state.
  for (const Review& other : held) book_.CountReview(connection.journal(), RatingsOf(other), -1);
  if (review.status == ReviewStatus::kVisible) {
    book_.CountReview(connection.journal(), RatingsOf(review), 1);
  }
  return review;
}

Status ReviewService::AddImage(store::Connection& connection, const Actor& actor,
                               const std::string& file_name) {
  store::Query insert(connection,
                      "INSERT INTO review_images (file_name, user_id, created_at) VALUES (?,?,?)");
  insert.Bind(file_name, actor.user_id, clock_.NowMs());
  return insert.Run();
}

Status ReviewService::SetStatus(store::Connection& connection, const Review& review,
                                ReviewStatus next) {
  store::Query update(connection, "UPDATE reviews SET status = ? WHERE id = ?");
  update.Bind(ReviewStatusName(next), review.id);
  return update.Run();
}

Result<Review> ReviewService::Reply(store::Connection& connection, const Actor& actor,
                                    int64_t review_id, const std::string& text) {
  SHRIMP_ASSIGN_OR_RETURN(auto review, Load(connection, review_id));
  if (!review) return NotFoundReview();
  SHRIMP_ASSIGN_OR_RETURN(auto owner, catalog::LoadShopOwner(connection, review->shop_id));
  if (!owner || *owner != actor.user_id) {
    return Forbidden("not_shop_owner", "only the shop's merchant replies to its reviews");
  }
  if (review->reply) return Conflict("already_replied", "the shop has replied to this review");
  int64_t now_ms = clock_.NowMs();
  store::Query update(connection,
                      "UPDATE reviews SET reply = ?, reply_at = ? WHERE id = ? AND reply IS NULL");
  update.Bind(text, now_ms, review_id);
  SHRIMP_RETURN_IF_ERROR(update.Run());
  review->reply = text;
  review->reply_at_ms = now_ms;
  if (event_sink_) SHRIMP_RETURN_IF_ERROR(event_sink_(connection, "review.replied", *review));
  return std::move(*review);
}

Result<Review> ReviewService::Report(store::Connection& connection, const Actor& actor,
                                     int64_t review_id, const std::string& reason) {
  SHRIMP_ASSIGN_OR_RETURN(auto review, Load(connection, review_id));
  if (!review) return NotFoundReview();
  if (review->buyer_id == actor.user_id) {
    return Conflict("own_review", "you cannot report your own review");
  }
  store::Query existing(connection,
                        "SELECT 1 FROM review_reports WHERE review_id = ? AND reporter_id = ?");
  existing.Bind(review_id, actor.user_id);
  if (existing.Next()) return Conflict("already_reported", "you reported this review already");
  SHRIMP_RETURN_IF_ERROR(existing.status());
  store::Query insert(connection,
                      "INSERT INTO review_reports (review_id, reporter_id, reason, created_at)"
                      " VALUES (?,?,?,?)");
  insert.Bind(review_id, actor.user_id, reason, clock_.NowMs());
  SHRIMP_RETURN_IF_ERROR(insert.Run());
  ++review->open_reports;
  return std::move(*review);
}

Result<Review> ReviewService::Moderate(store::Connection& connection, const Actor& actor,
                                       int64_t review_id, ModerationAction action) {
  if (!actor.is_operator) return Forbidden("not_operator", "only operators moderate reviews");
  SHRIMP_ASSIGN_OR_RETURN(auto review, Load(connection, review_id));
  if (!review) return NotFoundReview();
  ReviewStatus next = review->status;
  std::string_view name;
  switch (action) {
    case ModerationAction::kUphold:
    case ModerationAction::kDismiss:
      if (review->open_reports == 0) {
        return Conflict("nothing_to_decide", "the review has no open abuse report");
      }
      name = action == ModerationAction::kUphold ? "uphold" : "dismiss";
      if (action == ModerationAction::kUphold) next = ReviewStatus::kHidden;
      break;
    case ModerationAction::kRelease:
    case ModerationAction::kReject:
      if (review->status != ReviewStatus::kHeld) {
        return Conflict("nothing_to_decide", "the review is not held");
      }
      name = action == ModerationAction::kRelease ? "release" : "reject";
      next = action == ModerationAction::kRelease ? ReviewStatus::kVisible : ReviewStatus::kHidden;
      break;
  }
  int64_t now_ms = clock_.NowMs();
  store::Query log(connection,
                   "INSERT INTO review_moderation (review_id, action, actor_id, created_at)"
                   " VALUES (?,?,?,?)");
  log.Bind(review_id, name, actor.user_id, now_ms);
  SHRIMP_RETURN_IF_ERROR(log.Run());
  if (action == ModerationAction::kUphold || action == ModerationAction::kDismiss) {
    store::Query close(connection,
                       "UPDATE review_reports SET resolution = ?"
                       " WHERE review_id = ? AND resolution IS NULL");
    close.Bind(action == ModerationAction::kUphold ? "upheld" : "dismissed", review_id);
    SHRIMP_RETURN_IF_ERROR(close.Run());
    review->open_reports = 0;
  }
  ReviewStatus before = review->status;
  if (next != before) SHRIMP_RETURN_IF_ERROR(SetStatus(connection, *review, next));
  review->status = next;
  if (event_sink_ && next != before) {
    if (next == ReviewStatus::kHidden) {
      SHRIMP_RETURN_IF_ERROR(event_sink_(connection, "review.hidden", *review));
    } else if (next == ReviewStatus::kVisible) {
      SHRIMP_RETURN_IF_ERROR(event_sink_(connection, "review.created", *review));
    }
  }
  if (before == ReviewStatus::kVisible && next != ReviewStatus::kVisible) {
    book_.CountReview(connection.journal(), RatingsOf(*review), -1);
  } else if (before != ReviewStatus::kVisible && next == ReviewStatus::kVisible) {
    book_.CountReview(connection.journal(), RatingsOf(*review), 1);
  }
  return std::move(*review);
}

Result<std::optional<Review>> ReviewService::Load(store::Connection& connection,
                                                  int64_t review_id) {
  store::Query query(connection,
                     std::string("SELECT ") + kReviewColumns + " FROM reviews r WHERE r.id = ?");
  query.Bind(review_id);
  if (query.Next()) return std::optional<Review>(ReadReview(query));
  SHRIMP_RETURN_IF_ERROR(query.status());
  return std::optional<Review>();
}

Result<std::vector<Review>> ReviewService::List(store::Connection& connection,
                                                const ReviewFilter& filter) {
  std::string sql = std::string("SELECT ") + kReviewColumns + " FROM reviews r WHERE r.id < ?";
  if (filter.shop_id) sql += " AND r.shop_id = ?";
  if (filter.product_id) sql += " AND r.product_id = ?";
  if (filter.buyer_id) sql += " AND r.buyer_id = ?";
  if (filter.moderation_queue) {
    sql +=
        " AND (r.status = 'held' OR EXISTS (SELECT 1 FROM review_reports p"
        " WHERE p.review_id = r.id AND p.resolution IS NULL))";
  } else if (!filter.include_all) {
    sql += " AND r.status = 'visible'";
  }
  sql += " ORDER BY r.id DESC LIMIT ?";
  store::Query query(connection, sql);
  int index = 1;
  query.BindAt(index++, filter.after_id > 0 ? filter.after_id : INT64_MAX);
  if (filter.shop_id) query.BindAt(index++, *filter.shop_id);
  if (filter.product_id) query.BindAt(index++, *filter.product_id);
  if (filter.buyer_id) query.BindAt(index++, *filter.buyer_id);
  query.BindAt(index++, filter.limit + 1);
  std::vector<Review> reviews;
  while (query.Next()) reviews.push_back(ReadReview(query));
  SHRIMP_RETURN_IF_ERROR(query.status());
  return reviews;
}

}  // namespace shrimp::reputation
