// ReviewService: verified reviews of completed orders, the merchant's reply,
// abuse reports and their moderation, and the fraud rules that keep a shop's
// score honest. The score's tallies live in the ReputationBook.
//
// A review belongs to one order line: only the order's buyer writes it, only
// once the order is completed and within kReviewWindowMs of completion, once
// per line. Its status is
//   visible  counted in the score, listed publicly;
//   held     flagged by a fraud rule (a review ring): listed only to its
//            author and operators, counted nowhere until an operator
//            releases (visible) or rejects (hidden) it;
//   hidden   an operator upheld an abuse report, or rejected a held review:
//            counted nowhere, listed only to operators.
//
// Fraud rules (thresholds below, each tested):
//   own_shop     the buyer owns the shop, or the order ships to an address
//                the shop's owner ships their own orders to: refused.
//   review ring  a burst of reviews of one shop by new reviewers (no review
//                older than kRingWindowMs): once kRingReviewersMin distinct
//                new reviewers reviewed the shop within kRingWindowMs, the
//                new review and the burst's other visible ones are held.
//
// Errors of CreateReview, in order of precedence:
//   order_not_found (kNotFound)   no such order, or not the caller's
//   order_not_completed (kConflict)
//   review_window_closed (kConflict) more than kReviewWindowMs after completion
//   line_not_found (kNotFound)    no such line in the order
//   own_shop (kForbidden)
//   already_reviewed (kConflict)  the line has a review
//   image_not_found (kInvalidArgument) an image the caller did not upload, or in use
//
// Writes run on the writer thread inside writer jobs; every change to the
// book happens after the job's last fallible statement and is journaled.
// Reads take any connection.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "orders/order_service.h"
#include "reputation/reputation_book.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::reputation {

// How long after completion a buyer may review.
inline constexpr int64_t kReviewWindowMs = 90LL * 24 * 3600 * 1000;
// Text bounds, in code points (any language).
inline constexpr size_t kReviewTextLengthMin = 0;
inline constexpr size_t kReviewTextLengthMax = 2000;
inline constexpr size_t kReplyTextLengthMax = 1000;
inline constexpr size_t kReportReasonLengthMax = 500;
inline constexpr size_t kReviewImagesMax = 4;
// How many of the shop owner's own orders the own_shop rule compares
// addresses with (the newest).
inline constexpr int64_t kOwnerAddressesChecked = 100;
// Review rings.
inline constexpr int64_t kRingWindowMs = 24LL * 3600 * 1000;
inline constexpr int64_t kRingReviewersMin = 5;

std::vector<store::Migration> ReputationMigrations();

enum class ReviewStatus { kVisible, kHeld, kHidden };
std::string_view ReviewStatusName(ReviewStatus status);

struct ReviewDraft {
  int64_t line_id = 0;  // the order line's number, 1-based
  std::array<int64_t, kDimensions> stars{};
  std::string text;
  std::vector<std::string> images;  // names returned by the review image upload
};

struct Review {
  int64_t id = 0;
  int64_t order_id = 0;
  int64_t line_id = 0;
  int64_t shop_id = 0;
  int64_t product_id = 0;
  int64_t buyer_id = 0;
  std::string buyer_name;
  std::string product_title;
  std::array<int64_t, kDimensions> stars{};
  std::string text;
  std::vector<std::string> images;
  int64_t created_at_ms = 0;
  ReviewStatus status = ReviewStatus::kVisible;
  std::string flag;  // why it is held: "review_ring"; empty otherwise
  std::optional<std::string> reply;
  int64_t reply_at_ms = 0;
  int64_t open_reports = 0;
};

struct ReviewFilter {
  std::optional<int64_t> shop_id;
  std::optional<int64_t> product_id;
  std::optional<int64_t> buyer_id;
  // Operators' queue: held reviews and reviews with open reports.
  bool moderation_queue = false;
  // Include held and hidden reviews (operators; a buyer's own list).
  bool include_all = false;
  int64_t after_id = 0;  // newest first: ids below this
  int64_t limit = 20;
};

enum class ModerationAction { kUphold, kDismiss, kRelease, kReject };
std::optional<ModerationAction> ParseModerationAction(std::string_view name);

struct Actor {
  int64_t user_id = 0;
  bool is_operator = false;
};

// Called inside the writer job of a review change, after it, with the
// partner event type and the review as it now is; its error fails the job
// (partners/outbox.h). Types: "review.created" when a review is written
// visible or an operator releases a held one, "review.replied" when the shop
// replies, "review.hidden" when it becomes hidden (an upheld report, a
// rejected held review). Becoming held (a review ring) is no event: held
// reviews are not public. The app wires the sink to the outbox, which also
// keeps a review that was never public out of it (api/partners_api.cc).
using ReviewEventSink =
    std::function<Status(store::Connection&, std::string_view type, const Review& review)>;

class ReviewService {
 public:
  ReviewService(const Clock& clock, orders::OrderService& orders, ReputationBook& book)
      : clock_(clock), orders_(orders), book_(book) {}
  // REQUIRES: before the writer starts.
  void SetEventSink(ReviewEventSink sink) { event_sink_ = std::move(sink); }

  // ---- writer thread ----
  [[nodiscard]] Result<Review> CreateReview(store::Connection& connection, const Actor& actor,
                                            int64_t order_id, const ReviewDraft& draft);
  // Records an uploaded review image as the caller's (the file is already
  // saved). Errors: none but storage.
  [[nodiscard]] Status AddImage(store::Connection& connection, const Actor& actor,
                                const std::string& file_name);
  // The shop's one public reply. Errors: review_not_found, not_shop_owner
  // (kForbidden), already_replied (kConflict).
  [[nodiscard]] Result<Review> Reply(store::Connection& connection, const Actor& actor,
                                     int64_t review_id, const std::string& text);
  // Errors: review_not_found, own_review (kConflict), already_reported (kConflict).
  [[nodiscard]] Result<Review> Report(store::Connection& connection, const Actor& actor,
                                      int64_t review_id, const std::string& reason);
  // Operators only. uphold/dismiss need open reports; release/reject need a
  // held review. Errors: not_operator (kForbidden), review_not_found,
  // nothing_to_decide (kConflict).
  [[nodiscard]] Result<Review> Moderate(store::Connection& connection, const Actor& actor,
                                        int64_t review_id, ModerationAction action);

  // ---- reads (any connection) ----
  // Returns up to filter.limit + 1 rows so the caller can tell whether more follow.
  [[nodiscard]] static Result<std::vector<Review>> List(store::Connection& connection,
                                                        const ReviewFilter& filter);
  [[nodiscard]] static Result<std::optional<Review>> Load(store::Connection& connection,
                                                          int64_t review_id);

 private:
  Status CheckOwnShop(store::Connection& connection, const orders::Order& order);
  // Reviews to hold with the new one when it completes a ring; nullopt when
  // no ring. The ids are visible reviews of the shop by new reviewers.
  Result<std::optional<std::vector<int64_t>>> FindRing(store::Connection& connection,
                                                       int64_t shop_id, int64_t buyer_id,
                                                       int64_t now_ms);
  Status SetStatus(store::Connection& connection, const Review& review, ReviewStatus next);

  const Clock& clock_;
  orders::OrderService& orders_;
  ReputationBook& book_;
  ReviewEventSink event_sink_;
};

}  // namespace shrimp::reputation
