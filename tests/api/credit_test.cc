// Working capital over real HTTP: offers with reasons, loans disbursed into
// the shop's balance, repayment from sales and early, delinquency, write-off,
// and every bad request refused with its code and no money moved.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "credit/model_store.h"
#include "credit/offer_store.h"
#include "credit/training.h"
#include "store/idempotency.h"
#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::HttpResult;
using testing::Market;
using testing::TestServer;

api::AppOptions Options() {
  api::AppOptions options = testing::FastTestOptions();
  options.timer_interval_ms = 0;  // the test runs the timers itself
  options.accounts.session_ttl_ms = 400 * kMsPerDay;
  return options;
}

class CreditTest : public ::testing::Test {
 protected:
  CreditTest() : server_(Options()), market_(server_.port()) {}
  void TearDown() override { ExpectInvariants(); }
  void ExpectInvariants() {
    auto problems = server_.app().CheckInvariants();
    ASSERT_TRUE(problems.ok()) << problems.error().message;
    for (const std::string& problem : *problems) ADD_FAILURE() << "invariant: " << problem;
  }
  std::string OperatorToken() {
    if (operator_token_.empty()) {
      auto created = server_.app().accounts().SignUp("ops@example.com", "correct horse battery",
                                                     "Ops", accounts::Role::kOperator);
      EXPECT_TRUE(created.ok());
      operator_token_ = market_.Login("ops@example.com");
    }
    return operator_token_;
  }
  // Four months of steady sales to a few returning buyers, ending 5 days
  // into the fourth month's last step: old enough and busy enough for a line.
  void BuildHistory() {
    shop_ = market_.OpenShop("Credit Tea", "CNY", {100'000}, 1000);
    for (int index = 0; index < 4; ++index) {
      buyers_.push_back(market_.Buyer("b" + std::to_string(index) + "@example.com", 1'000'000));
    }
    for (int month = 0; month < 4; ++month) {
      for (int sale = 0; sale < 8; ++sale) {
        market_.SellCompleted(shop_, buyers_[sale % buyers_.size()], shop_.sku_ids[0]);
      }
      server_.clock().AdvanceMs(30 * kMsPerDay);
    }
  }
  std::string ShopPath() { return "/api/v1/shops/" + std::to_string(shop_.shop_id); }
  HttpResult Offer() { return client_.Get(ShopPath() + "/credit-offer", shop_.merchant_token); }
  std::string LoanBody(int64_t amount, const std::string& currency = "CNY") {
    return R"({"shop_id":)" + std::to_string(shop_.shop_id) + R"(,"amount":{"amount":)" +
           std::to_string(amount) + R"(,"currency":")" + currency + R"("}})";
  }
  void FundCapital(int64_t amount) {
    auto funded =
        client_.Post("/api/v1/admin/credit/capital",
                     R"({"amount":{"amount":)" + std::to_string(amount) + R"(,"currency":"CNY"}})",
                     OperatorToken());
    ASSERT_EQ(funded.status, 201) << funded.body;
  }
  int64_t Available() { return market_.ShopBalance(shop_.merchant_token, shop_.shop_id).first; }

  TestServer server_;
  Market market_;
  testing::HttpClient client_ = server_.Client();
  testing::ShopFixture shop_;
  std::vector<std::string> buyers_;
  std::string operator_token_;
};

bool HasReason(const HttpResult& offer, const std::string& text) {
  for (const auto& reason : offer.json["reasons"].GetArray()) {
    if (text == reason.GetString()) return true;
  }
  return false;
}

TEST_F(CreditTest, NewShopIsDeclinedWithReasonsInWords) {
  shop_ = market_.OpenShop("New Tea", "CNY", {10}, 1000);
  HttpResult offer = Offer();
  ASSERT_EQ(offer.status, 200) << offer.body;
  EXPECT_STREQ(offer.json["decision"].GetString(), "declined");
  EXPECT_TRUE(HasReason(offer, "no sales in the last 3 months")) << offer.body;
  EXPECT_TRUE(HasReason(offer, "open for less than 3 months")) << offer.body;
  EXPECT_EQ(offer.json["limit"]["amount"].GetInt64(), 0);
  EXPECT_STREQ(offer.json["model_version"].GetString(), "default-2026-11");
  auto loan = client_.Post("/api/v1/loans", LoanBody(1000), shop_.merchant_token);
  EXPECT_EQ(loan.status, 409) << loan.body;
  EXPECT_EQ(loan.ErrorCode(), "credit_declined");
  EXPECT_EQ(Available(), 0);
}

TEST_F(CreditTest, OfferFromSalesHistoryLoanDisbursedAndRepaidFromSales) {
  BuildHistory();
  std::string ops = OperatorToken();
  // Without lending capital there is an approval but nothing to lend.
  HttpResult offer = Offer();
  ASSERT_EQ(offer.status, 200) << offer.body;
  ASSERT_STREQ(offer.json["decision"].GetString(), "approved") << offer.body;
  EXPECT_EQ(offer.json["available"]["amount"].GetInt64(), 0);
  EXPECT_TRUE(HasReason(offer, "limited by the marketplace's lending capital")) << offer.body;
  auto funded = client_.Post("/api/v1/admin/credit/capital",
                             R"({"amount":{"amount":100000000,"currency":"CNY"}})", ops);
  ASSERT_EQ(funded.status, 201) << funded.body;
  offer = Offer();
  int64_t limit = offer.json["limit"]["amount"].GetInt64();
  ASSERT_GT(limit, 0) << offer.body;
  EXPECT_EQ(offer.json["available"]["amount"].GetInt64(), limit);
  EXPECT_GT(offer.json["repayment_share_bps"].GetInt64(), 0);
  EXPECT_TRUE(offer.json["inputs"]["tenure_days"].GetInt64() >= 90) << offer.body;

  // Bad requests: each its code, no money moves.
  int64_t before = Available();
  auto no_key = client_.Send("POST", "/api/v1/loans", LoanBody(limit), shop_.merchant_token, {});
  EXPECT_EQ(no_key.status, 400);
  EXPECT_EQ(no_key.ErrorCode(), "idempotency_key_required");
  auto above = client_.Post("/api/v1/loans", LoanBody(limit + 100), shop_.merchant_token);
  EXPECT_EQ(above.status, 409) << above.body;
  EXPECT_EQ(above.ErrorCode(), "amount_above_offer");
  auto euros = client_.Post("/api/v1/loans", LoanBody(limit, "EUR"), shop_.merchant_token);
  EXPECT_EQ(euros.status, 400) << euros.body;
  EXPECT_EQ(euros.ErrorCode(), "currency_mismatch");
  auto zero = client_.Post("/api/v1/loans", LoanBody(0), shop_.merchant_token);
  EXPECT_EQ(zero.status, 400) << zero.body;
  auto not_mine = client_.Post("/api/v1/loans", LoanBody(limit), buyers_[0]);
  EXPECT_EQ(not_mine.status, 403) << not_mine.body;
  EXPECT_EQ(not_mine.ErrorCode(), "not_shop_owner");
  auto not_mine_offer = client_.Get(ShopPath() + "/credit-offer", buyers_[0]);
  EXPECT_EQ(not_mine_offer.status, 403);
  EXPECT_EQ(Available(), before);

  // The loan: decided at once, disbursed into the available balance.
  int64_t principal = limit / 2;
  auto loan = client_.Post("/api/v1/loans", LoanBody(principal), shop_.merchant_token,
                           {{"Idempotency-Key", "loan-1"}});
  ASSERT_EQ(loan.status, 201) << loan.body;
  int64_t loan_id = loan.json["id"].GetInt64();
  EXPECT_STREQ(loan.json["status"].GetString(), "active");
  EXPECT_STREQ(loan.json["model_version"].GetString(), "default-2026-11");
  EXPECT_EQ(loan.json["schedule"].GetArray().Size(), 3u);
  int64_t fee = loan.json["fee"]["amount"].GetInt64();
  EXPECT_GT(fee, 0);
  EXPECT_EQ(loan.json["owed"]["amount"].GetInt64(), principal + fee);
  EXPECT_EQ(Available(), before + principal);
  // A replay answers the first loan; the same key with another body is refused.
  auto replay = client_.Post("/api/v1/loans", LoanBody(principal), shop_.merchant_token,
                             {{"Idempotency-Key", "loan-1"}});
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.Header("Idempotent-Replayed"), "true");
  auto reused = client_.Post("/api/v1/loans", LoanBody(principal - 100), shop_.merchant_token,
                             {{"Idempotency-Key", "loan-1"}});
  EXPECT_EQ(reused.status, 409);
  EXPECT_EQ(reused.ErrorCode(), "idempotency_key_reused");
  auto second = client_.Post("/api/v1/loans", LoanBody(100), shop_.merchant_token);
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(second.ErrorCode(), "loan_active");
  EXPECT_EQ(Available(), before + principal);
  ExpectInvariants();

  // Sales repay it: each release sends the share to the loan.
  std::string loan_path = "/api/v1/loans/" + std::to_string(loan_id);
  int64_t share_bps = loan.json["repayment_share_bps"].GetInt64();
  int64_t available = Available();
  market_.SellCompleted(shop_, buyers_[0], shop_.sku_ids[0]);
  int64_t net = 1000 - 50;  // 5 % commission
  int64_t collected = net * share_bps / 10'000;
  auto after_sale = client_.Get(loan_path, shop_.merchant_token);
  ASSERT_EQ(after_sale.status, 200) << after_sale.body;
  EXPECT_EQ(after_sale.json["repaid"]["amount"].GetInt64(), collected);
  EXPECT_EQ(Available(), available + net - collected);
  EXPECT_EQ(client_.Get(loan_path, buyers_[0]).status, 404);

  // Early repayment of the rest from the balance.
  auto repaid = client_.Post(loan_path + "/repayments", "{}", shop_.merchant_token);
  ASSERT_EQ(repaid.status, 200) << repaid.body;
  EXPECT_STREQ(repaid.json["status"].GetString(), "repaid");
  EXPECT_EQ(repaid.json["owed"]["amount"].GetInt64(), 0);
  EXPECT_EQ(Available(), available + net - principal - fee);
  auto again = client_.Post(loan_path + "/repayments", "{}", shop_.merchant_token);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.ErrorCode(), "loan_not_active");
  // A repaid loan improves the repayment history.
  EXPECT_STREQ(Offer().json["decision"].GetString(), "approved");

  auto book = client_.Get("/api/v1/admin/credit/book?currency=CNY", ops);
  ASSERT_EQ(book.status, 200) << book.body;
  EXPECT_EQ(book.json["outstanding"]["amount"].GetInt64(), 0);
  EXPECT_EQ(client_.Get("/api/v1/admin/credit/book", shop_.merchant_token).status, 403);
}

// Issue 12 asks that a refund granted after a release claws back what the
// release repaid. No such refund exists: every release (confirm, auto-complete,
// an accepted refund request, a resolved dispute) ends the order in a final
// status from which no refund or dispute can start, and a refund granted at
// release returns the buyer's share inside the release's own chain, so the
// loan only ever collects its share of what the shop keeps. This test pins
// both: if an after-sales refund is ever added, it fails here first.
TEST_F(CreditTest, RepaymentComesOnlyFromWhatTheReleaseLeavesTheShop) {
  BuildHistory();
  FundCapital(100'000'000);
  int64_t limit = Offer().json["limit"]["amount"].GetInt64();
  ASSERT_GT(limit, 0);
  auto loan = client_.Post("/api/v1/loans", LoanBody(limit), shop_.merchant_token);
  ASSERT_EQ(loan.status, 201) << loan.body;
  std::string loan_path = "/api/v1/loans/" + std::to_string(loan.json["id"].GetInt64());
  int64_t share_bps = loan.json["repayment_share_bps"].GetInt64();
  auto repaid = [&] {
    auto view = client_.Get(loan_path, shop_.merchant_token);
    EXPECT_EQ(view.status, 200) << view.body;
    return view.json["repaid"]["amount"].GetInt64();
  };

  // A partial refund accepted at release: 300 back to the buyer, 700 posted,
  // 35 commission; the loan collects its share of the 665 the shop keeps.
  const std::string& buyer = buyers_[1];
  int64_t wallet = market_.WalletAvailable(buyer, "CNY");
  int64_t available = Available();
  auto ids = market_.BuyNow(buyer, shop_.sku_ids[0], 1);
  ASSERT_EQ(ids.size(), 1u);
  std::string order = "/api/v1/orders/" + std::to_string(ids[0]);
  ASSERT_EQ(client_.Post(order + "/pay", "{}", buyer).status, 200);
  ASSERT_EQ(client_
                .Post(order + "/ship", R"({"carrier":"SF","tracking_number":"T9"})",
                      shop_.merchant_token)
                .status,
            200);
  ASSERT_EQ(client_
                .Post(order + "/refund-requests", R"({"reason":"one broken","amount":300})", buyer)
                .status,
            200);
  auto accepted = client_.Post(order + "/refund-requests/accept", "", shop_.merchant_token);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  int64_t kept = 700 - 35;
  int64_t collected = kept * share_bps / 10'000;
  EXPECT_EQ(repaid(), collected);
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), wallet - 1000 + 300);
  EXPECT_EQ(Available(), available + kept - collected);

  // After a completed sale repaid its share, the buyer can neither ask for a
  // refund nor open a dispute: nothing can take the repayment back.
  int64_t sold = market_.SellCompleted(shop_, buyer, shop_.sku_ids[0]);
  ASSERT_GT(sold, 0);
  int64_t repaid_after_sale = repaid();
  EXPECT_EQ(repaid_after_sale, collected + (1000 - 50) * share_bps / 10'000);
  available = Available();
  wallet = market_.WalletAvailable(buyer, "CNY");
  std::string completed = "/api/v1/orders/" + std::to_string(sold);
  auto refund =
      client_.Post(completed + "/refund-requests", R"({"reason":"changed my mind"})", buyer);
  EXPECT_EQ(refund.status, 409) << refund.body;
  EXPECT_EQ(refund.ErrorCode(), "invalid_transition");
  auto dispute = client_.Post(completed + "/disputes", R"({"reason":"late"})", buyer);
  EXPECT_EQ(dispute.status, 409) << dispute.body;
  EXPECT_EQ(dispute.ErrorCode(), "invalid_transition");
  auto merchant_dispute =
      client_.Post(completed + "/disputes", R"({"reason":"late"})", shop_.merchant_token);
  EXPECT_EQ(merchant_dispute.status, 409) << merchant_dispute.body;
  EXPECT_EQ(repaid(), repaid_after_sale);
  EXPECT_EQ(Available(), available);
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), wallet);
}

// The batch stores every shop's offer (what `shrimp credit batch` runs, job
// by job); the shop reads it back with ?source=stored, the operator lists
// them a page at a time. Loans are still decided on the live offer.
TEST_F(CreditTest, TheBatchStoresOffersThatReadBackAndPaginate) {
  BuildHistory();
  FundCapital(100'000'000);
  std::string ops = OperatorToken();
  auto declined_shop = market_.OpenShop("Young Tea", "CNY", {10}, 1000);
  std::string stored_path = ShopPath() + "/credit-offer?source=stored";
  auto none = client_.Get(stored_path, shop_.merchant_token);
  EXPECT_EQ(none.status, 404) << none.body;
  EXPECT_EQ(none.ErrorCode(), "offer_not_stored");
  EXPECT_EQ(client_.Get(ShopPath() + "/credit-offer?source=guess", shop_.merchant_token).status,
            400);

  auto tally = server_.app().writer().Run<credit::BatchTally>(
      [&](store::Connection& connection) -> Result<credit::BatchTally> {
        SHRIMP_ASSIGN_OR_RETURN(auto shops, credit::ListBatchShops(connection));
        return credit::RefreshOffers(connection, server_.app().credit(), shops,
                                     server_.clock().NowMs());
      });
  ASSERT_TRUE(tally.ok()) << tally.error().message;
  EXPECT_EQ(tally->shops, 2);
  EXPECT_EQ(tally->approved, 1);

  HttpResult live = Offer();
  ASSERT_EQ(live.status, 200) << live.body;
  EXPECT_STREQ(live.json["source"].GetString(), "live");
  auto stored = client_.Get(stored_path, shop_.merchant_token);
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_STREQ(stored.json["source"].GetString(), "stored");
  EXPECT_STREQ(stored.json["decision"].GetString(), "approved");
  EXPECT_EQ(stored.json["limit"]["amount"].GetInt64(), live.json["limit"]["amount"].GetInt64());
  EXPECT_EQ(stored.json["pd"].GetDouble(), live.json["pd"].GetDouble());
  EXPECT_STREQ(stored.json["model_version"].GetString(), "default-2026-11");
  EXPECT_STREQ(stored.json["computed_at"].GetString(), live.json["computed_at"].GetString());
  EXPECT_EQ(stored.json["inputs"]["monthly_sales"].GetInt64(),
            live.json["inputs"]["monthly_sales"].GetInt64());
  EXPECT_EQ(stored.json["reasons"].Size(), live.json["reasons"].Size());
  EXPECT_EQ(client_.Get(stored_path, buyers_[0]).status, 403);

  // A loan changes the live offer at once; the stored one stays what the
  // batch saw, with its time, until the next batch.
  auto loan = client_.Post("/api/v1/loans", LoanBody(1000), shop_.merchant_token);
  ASSERT_EQ(loan.status, 201) << loan.body;
  server_.clock().AdvanceMs(60'000);
  EXPECT_EQ(Offer().json["available"]["amount"].GetInt64(), 0);
  auto later = client_.Get(stored_path, shop_.merchant_token);
  EXPECT_EQ(later.json["available"]["amount"].GetInt64(),
            stored.json["available"]["amount"].GetInt64());
  EXPECT_STREQ(later.json["computed_at"].GetString(), stored.json["computed_at"].GetString());

  // The operator's list: one per page, then filtered.
  std::vector<int64_t> seen;
  std::string after;
  for (int page = 0; page < 5; ++page) {
    auto listed = client_.Get("/api/v1/admin/credit/offers?limit=1" + after, ops);
    ASSERT_EQ(listed.status, 200) << listed.body;
    for (const auto& item : listed.json["items"].GetArray()) {
      seen.push_back(item["shop_id"].GetInt64());
    }
    if (listed.json["next_after"].IsNull()) break;
    after = "&after=" + std::to_string(listed.json["next_after"].GetInt64());
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{shop_.shop_id, declined_shop.shop_id}));
  auto declined = client_.Get("/api/v1/admin/credit/offers?decision=declined", ops);
  ASSERT_EQ(declined.status, 200) << declined.body;
  ASSERT_EQ(declined.json["items"].Size(), 1u);
  EXPECT_EQ(declined.json["items"][0]["shop_id"].GetInt64(), declined_shop.shop_id);
  EXPECT_TRUE(declined.json["next_after"].IsNull());
  std::string band = stored.json["band"].GetString();
  auto in_band = client_.Get("/api/v1/admin/credit/offers?band=" + band, ops);
  ASSERT_EQ(in_band.json["items"].Size(), 1u) << in_band.body;
  EXPECT_EQ(client_.Get("/api/v1/admin/credit/offers?band=Z", ops).status, 400);
  EXPECT_EQ(client_.Get("/api/v1/admin/credit/offers?decision=maybe", ops).status, 400);
  EXPECT_EQ(client_.Get("/api/v1/admin/credit/offers?limit=0", ops).status, 400);
  EXPECT_EQ(client_.Get("/api/v1/admin/credit/offers", shop_.merchant_token).status, 403);
}

// Funding the capital moves money from outside: a replay of the same request
// after its Idempotency-Key expired must not fund it twice.
TEST_F(CreditTest, CapitalReplayedAfterTheKeyExpiredIsRefusedNotFundedTwice) {
  std::string ops = OperatorToken();
  const std::string body = R"({"amount":{"amount":5000,"currency":"CNY"}})";
  auto capital = [&] {
    auto book = client_.Get("/api/v1/admin/credit/book?currency=CNY", ops);
    EXPECT_EQ(book.status, 200) << book.body;
    return book.json["capital"]["amount"].GetInt64();
  };
  auto first = client_.Send("POST", "/api/v1/admin/credit/capital", body, ops,
                            {{"Idempotency-Key", "fund-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(capital(), 5000);
  server_.clock().AdvanceMs(store::kIdempotencyRetentionMs + 3'600'000);
  auto replay = client_.Send("POST", "/api/v1/admin/credit/capital", body, ops,
                             {{"Idempotency-Key", "fund-1"}});
  EXPECT_EQ(replay.status, 409) << replay.body;
  EXPECT_EQ(replay.ErrorCode(), "idempotency_key_already_used");
  EXPECT_EQ(capital(), 5000);
  auto other = client_.Send("POST", "/api/v1/admin/credit/capital", body, ops,
                            {{"Idempotency-Key", "fund-2"}});
  EXPECT_EQ(other.status, 201) << other.body;
  EXPECT_EQ(capital(), 10000);
}

// The reputation domain's score slots into the features (FeatureSignals):
// unknown until the shop has reviews, then the shop's score.
TEST_F(CreditTest, TheShopsReviewScoreBecomesAFeatureOnceItHasReviews) {
  BuildHistory();
  HttpResult before = Offer();
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(before.json["inputs"]["reputation"].IsNull()) << before.body;
  for (int index = 0; index < 2; ++index) {
    int64_t order = market_.SellCompleted(shop_, buyers_[index], shop_.sku_ids[0]);
    auto reviewed = client_.Post(
        "/api/v1/orders/" + std::to_string(order) + "/review",
        R"({"line_id":1,"ratings":{"described":5,"service":5,"shipping":5},"text":"great"})",
        buyers_[index]);
    ASSERT_EQ(reviewed.status, 201) << reviewed.body;
  }
  auto reputation = client_.Get(ShopPath() + "/reputation");
  ASSERT_EQ(reputation.status, 200) << reputation.body;
  HttpResult after = Offer();
  ASSERT_EQ(after.status, 200) << after.body;
  ASSERT_TRUE(after.json["inputs"]["reputation"].IsNumber()) << after.body;
  EXPECT_DOUBLE_EQ(after.json["inputs"]["reputation"].GetDouble(),
                   reputation.json["score"].GetDouble());
}

TEST_F(CreditTest, OverdueFreezesTheLineAndWriteOffHitsTheCapital) {
  BuildHistory();
  FundCapital(100'000'000);
  int64_t limit = Offer().json["limit"]["amount"].GetInt64();
  ASSERT_GT(limit, 0);
  auto loan = client_.Post("/api/v1/loans", LoanBody(limit), shop_.merchant_token);
  ASSERT_EQ(loan.status, 201) << loan.body;
  std::string loan_path = "/api/v1/loans/" + std::to_string(loan.json["id"].GetInt64());
  // Spend it: pay it all out, so nothing is left to repay from.
  auto payout =
      client_.Post("/api/v1/payouts",
                   R"({"shop_id":)" + std::to_string(shop_.shop_id) + R"(,"amount":{"amount":)" +
                       std::to_string(Available()) + R"(,"currency":"CNY"}})",
                   shop_.merchant_token);
  ASSERT_EQ(payout.status, 201) << payout.body;

  server_.clock().AdvanceMs(35 * kMsPerDay);
  ASSERT_TRUE(server_.app().RunCreditTimersOnce().ok());
  auto overdue = client_.Get(loan_path, shop_.merchant_token);
  EXPECT_EQ(overdue.json["days_past_due"].GetInt64(), 6) << overdue.body;
  EXPECT_STREQ(overdue.json["delinquency"].GetString(), "1-30");
  HttpResult offer = Offer();
  EXPECT_TRUE(offer.json["frozen"].GetBool()) << offer.body;
  auto frozen = client_.Post("/api/v1/loans", LoanBody(100), shop_.merchant_token);
  EXPECT_EQ(frozen.ErrorCode(), "credit_line_frozen");

  std::string ops = OperatorToken();
  auto book = client_.Get("/api/v1/admin/credit/book?currency=CNY", ops);
  EXPECT_EQ(book.json["outstanding"]["amount"].GetInt64(), limit);
  EXPECT_EQ(book.json["delinquency"][1]["outstanding"]["amount"].GetInt64(), limit) << book.body;

  server_.clock().AdvanceMs(120 * kMsPerDay);
  ASSERT_TRUE(server_.app().RunCreditTimersOnce().ok());
  auto written = client_.Get(loan_path, shop_.merchant_token);
  EXPECT_STREQ(written.json["status"].GetString(), "written_off") << written.body;
  EXPECT_EQ(written.json["written_off"]["amount"].GetInt64(), limit);
  book = client_.Get("/api/v1/admin/credit/book?currency=CNY", ops);
  EXPECT_EQ(book.json["capital"]["amount"].GetInt64(), 100'000'000 - limit);
  EXPECT_EQ(book.json["outstanding"]["amount"].GetInt64(), 0);
  offer = Offer();
  EXPECT_STREQ(offer.json["decision"].GetString(), "declined");
  EXPECT_TRUE(HasReason(offer, "a past loan was written off")) << offer.body;
}

TEST_F(CreditTest, ATrainedModelDecidesOnlyOnceAnOperatorActivatesIt) {
  shop_ = market_.OpenShop("Model Tea", "CNY", {10}, 1000);
  std::vector<credit::Example> train;
  std::vector<credit::Example> held_out;
  credit::SplitHeldOut(credit::GenerateShops(3000, 9), train, held_out);
  auto fitted = credit::Fit(credit::DefaultModel(), train, "fitted-1");
  ASSERT_TRUE(fitted.ok()) << fitted.error().message;
  credit::Evaluation evaluation = credit::Evaluate(*fitted, held_out);
  auto saved = server_.app().writer().Run<Ok>([&](store::Connection& connection) -> Result<Ok> {
    SHRIMP_RETURN_IF_ERROR(credit::SaveModel(connection, *fitted, evaluation, 2400, 0));
    return Ok{};
  });
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_STREQ(Offer().json["model_version"].GetString(), "default-2026-11");
  std::string ops = OperatorToken();
  auto models = client_.Get("/api/v1/admin/credit/models", ops);
  ASSERT_EQ(models.status, 200) << models.body;
  EXPECT_STREQ(models.json["items"][0]["version"].GetString(), "fitted-1");
  EXPECT_FALSE(models.json["items"][0]["active"].GetBool());
  EXPECT_GT(models.json["items"][0]["auc"].GetDouble(), 0.6);
  EXPECT_EQ(client_
                .Post("/api/v1/admin/credit/models/fitted-1/activate", "{}", shop_.merchant_token)
                .status,
            403);
  auto unknown = client_.Post("/api/v1/admin/credit/models/nope/activate", "{}", ops);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.ErrorCode(), "model_not_found");
  auto activated = client_.Post("/api/v1/admin/credit/models/fitted-1/activate", "{}", ops);
  ASSERT_EQ(activated.status, 200) << activated.body;
  EXPECT_STREQ(Offer().json["model_version"].GetString(), "fitted-1");
  EXPECT_TRUE(client_.Get("/api/v1/admin/credit/models", ops).json["items"][0]["active"].GetBool());
}

TEST(CreditRestart, FeaturesAndLoansAreRebuiltTheSameAtStartUp) {
  api::AppOptions options = Options();
  options.data_dir = testing::MakeTempDir();
  std::string offer_before;
  std::string loan_before;
  std::string merchant;
  std::string shop_path;
  std::string loan_path;
  int64_t now_ms = 0;
  std::string db_url;  // the PostgreSQL database when the suite runs on it
  {
    TestServer server(options);
    Market market(server.port());
    auto client = server.Client();
    testing::ShopFixture shop = market.OpenShop("Restart Tea", "CNY", {10'000}, 1000);
    std::string buyer = market.Buyer("r@example.com", 1'000'000);
    for (int month = 0; month < 4; ++month) {
      for (int sale = 0; sale < 6; ++sale) market.SellCompleted(shop, buyer, shop.sku_ids[0]);
      server.clock().AdvanceMs(30 * kMsPerDay);
    }
    ASSERT_TRUE(
        server.app()
            .accounts()
            .SignUp("ops@example.com", "correct horse battery", "Ops", accounts::Role::kOperator)
            .ok());
    auto funded = client.Post("/api/v1/admin/credit/capital",
                              R"({"amount":{"amount":100000000,"currency":"CNY"}})",
                              market.Login("ops@example.com"));
    ASSERT_EQ(funded.status, 201) << funded.body;
    merchant = shop.merchant_token;
    shop_path = "/api/v1/shops/" + std::to_string(shop.shop_id) + "/credit-offer";
    auto offer = client.Get(shop_path, merchant);
    int64_t limit = offer.json["limit"]["amount"].GetInt64();
    ASSERT_GT(limit, 0) << offer.body;
    auto loan =
        client.Post("/api/v1/loans",
                    R"({"shop_id":)" + std::to_string(shop.shop_id) + R"(,"amount":{"amount":)" +
                        std::to_string(limit) + R"(,"currency":"CNY"}})",
                    merchant);
    ASSERT_EQ(loan.status, 201) << loan.body;
    market.SellCompleted(shop, buyer, shop.sku_ids[0]);
    loan_path = "/api/v1/loans/" + std::to_string(loan.json["id"].GetInt64());
    offer_before = client.Get(shop_path, merchant).body;
    loan_before = client.Get(loan_path, merchant).body;
    now_ms = server.clock().NowMs();
    db_url = server.db_url();
  }
  // `shrimp credit batch` on the stopped store stores an offer per shop.
  std::string batch = std::string(SHRIMP_BINARY) + " credit batch --data " + options.data_dir +
                      (db_url.empty() ? "" : " --db '" + db_url + "'") + " >/dev/null 2>&1";
  EXPECT_EQ(std::system(batch.c_str()), 0) << batch;
  TestServer restarted(options);
  restarted.clock().SetMs(now_ms);
  auto client = restarted.Client();
  EXPECT_EQ(client.Get(shop_path, merchant).body, offer_before);
  EXPECT_EQ(client.Get(loan_path, merchant).body, loan_before);
  auto stored = client.Get(shop_path + "?source=stored", merchant);
  EXPECT_EQ(stored.status, 200) << stored.body;
  EXPECT_STREQ(stored.json["source"].GetString(), "stored");
  EXPECT_STREQ(stored.json["model_version"].GetString(), "default-2026-11");
  auto problems = restarted.app().CheckInvariants();
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty());
  std::error_code ec;
  std::filesystem::remove_all(options.data_dir, ec);
}

}  // namespace
}  // namespace shrimp
