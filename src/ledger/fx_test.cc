#include "ledger/fx.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "ledger/ledger.h"
#include "ledger/ledger_check.h"
#include "testing/temp_ledger.h"

namespace shrimp::ledger {
namespace {

Currency Cur(const char* code) { return *Currency::Parse(code); }

TEST(ConvertAmount, ScalesByRateAndDecimals) {
  // 1 EUR = 7.8125 CNY: 100.00 EUR -> 781.25 CNY.
  EXPECT_EQ(ConvertAmount(10'000, Cur("EUR"), Cur("CNY"), 7'812'500).value(), 78'125);
  // 1 JPY = 0.048 CNY: 100 JPY (no decimals) -> 4.80 CNY.
  EXPECT_EQ(ConvertAmount(100, Cur("JPY"), Cur("CNY"), 48'000).value(), 480);
  // 1 CNY = 20.5 JPY: 10.00 CNY -> 205 JPY.
  EXPECT_EQ(ConvertAmount(1'000, Cur("CNY"), Cur("JPY"), 20'500'000).value(), 205);
  EXPECT_EQ(ConvertAmount(0, Cur("EUR"), Cur("CNY"), 7'812'500).value(), 0);
  EXPECT_EQ(ConvertAmount(kAmountMax, Cur("EUR"), Cur("USD"), kRatePpmOne).value(), kAmountMax);
}

TEST(ConvertAmount, RoundsDownSoTheReceiverNeverGainsAFraction) {
  // 0.01 EUR at 7.5 -> 7.5 fen -> 7.
  EXPECT_EQ(ConvertAmount(1, Cur("EUR"), Cur("CNY"), 7'500'000).value(), 7);
  // 0.01 EUR at 7.8125 -> 7.8125 fen -> 7; 0.02 EUR -> 15.625 -> 15.
  EXPECT_EQ(ConvertAmount(1, Cur("EUR"), Cur("CNY"), 7'812'500).value(), 7);
  EXPECT_EQ(ConvertAmount(2, Cur("EUR"), Cur("CNY"), 7'812'500).value(), 15);
  // Exact results are not touched: 0.08 EUR at 7.5 -> 60 fen.
  EXPECT_EQ(ConvertAmount(8, Cur("EUR"), Cur("CNY"), 7'500'000).value(), 60);
  // The attack of issue 9: 0.03 CNY at 20.5 JPY/CNY -> 0.615 JPY -> 0 (was 1),
  // and 1 JPY at 0.045 CNY/JPY -> 4.5 fen -> 4 (was 5).
  EXPECT_EQ(ConvertAmount(3, Cur("CNY"), Cur("JPY"), 20'500'000).value(), 0);
  EXPECT_EQ(ConvertAmount(1, Cur("JPY"), Cur("CNY"), 45'000).value(), 4);
}

TEST(ConvertibleAmountMin, IsTheSmallestAmountDeliveringOneMinorUnit) {
  for (auto [from, to, rate] :
       {std::tuple{"CNY", "JPY", int64_t{20'500'000}}, std::tuple{"JPY", "CNY", int64_t{45'000}},
        std::tuple{"EUR", "CNY", int64_t{7'812'500}}, std::tuple{"KRW", "EUR", int64_t{650}},
        std::tuple{"EUR", "USD", kRatePpmOne}}) {
    int64_t minimum = ConvertibleAmountMin(Cur(from), Cur(to), rate);
    SCOPED_TRACE(std::string(from) + "->" + to);
    EXPECT_GE(ConvertAmount(minimum, Cur(from), Cur(to), rate).value(), kConvertedAmountMin);
    EXPECT_LT(ConvertAmount(minimum - 1, Cur(from), Cur(to), rate).value(), kConvertedAmountMin);
  }
}

TEST(ConvertAmount, RejectsBadInput) {
  EXPECT_EQ(ConvertAmount(-1, Cur("EUR"), Cur("CNY"), 7'000'000).error().code,
            "amount_must_be_positive");
  EXPECT_EQ(ConvertAmount(1, Cur("EUR"), Cur("CNY"), 0).error().code, "fx_rate_invalid");
  EXPECT_EQ(ConvertAmount(1, Cur("EUR"), Cur("CNY"), kRatePpmMax + 1).error().code,
            "fx_rate_invalid");
  EXPECT_EQ(ConvertAmount(kAmountMax, Cur("EUR"), Cur("CNY"), 2 * kRatePpmOne).error().code,
            "amount_too_large");
  // The largest inputs do not overflow the intermediate product.
  EXPECT_EQ(ConvertAmount(INT64_MAX, Cur("JPY"), Cur("EUR"), kRatePpmMax).error().code,
            "amount_too_large");
}

TEST(FxRates, RatesAreDirectionalAppendOnlyAndSurviveRestart) {
  testing::TempLedger env;
  Ledger& ledger = env.ledger();
  EXPECT_EQ(ledger.fx().RatePpm(Cur("EUR"), Cur("CNY")).error().code, "fx_rate_not_found");
  EXPECT_EQ(ledger.fx().RatePpm(Cur("EUR"), Cur("EUR")).value(), kRatePpmOne);
  ASSERT_TRUE(ledger.SetFxRate(env.connection(), Cur("EUR"), Cur("CNY"), 7'800'000).ok());
  ASSERT_TRUE(ledger.SetFxRate(env.connection(), Cur("EUR"), Cur("CNY"), 7'812'500).ok());
  EXPECT_EQ(ledger.fx().RatePpm(Cur("EUR"), Cur("CNY")).value(), 7'812'500);
  EXPECT_EQ(ledger.fx().RatePpm(Cur("CNY"), Cur("EUR")).error().code, "fx_rate_not_found");
  EXPECT_EQ(ledger.fx().Convert(10'000, Cur("EUR"), Cur("CNY")).value(), 78'125);
  EXPECT_EQ(ledger.SetFxRate(env.connection(), Cur("EUR"), Cur("EUR"), 1).error().code,
            "fx_rate_invalid");
  EXPECT_EQ(ledger.SetFxRate(env.connection(), Cur("EUR"), Cur("CNY"), -5).error().code,
            "fx_rate_invalid");
  auto reloaded = env.Reload();
  EXPECT_EQ(reloaded->fx().RatePpm(Cur("EUR"), Cur("CNY")).value(), 7'812'500);
  store::Query history(env.connection(), "SELECT count(*) FROM fx_rates");
  EXPECT_EQ(history.ScalarInt().value(), 2);
}

TEST(FxRates, RefusesARateWhoseRoundTripWithTheReverseWouldGain) {
  testing::TempLedger env;
  Ledger& ledger = env.ledger();
  ASSERT_TRUE(ledger.SetFxRate(env.connection(), Cur("CNY"), Cur("JPY"), 20'000'000).ok());
  // 20 * 0.05 = 1: breaks even, allowed; 20 * 0.050001 > 1: refused.
  ASSERT_TRUE(ledger.SetFxRate(env.connection(), Cur("JPY"), Cur("CNY"), 50'000).ok());
  auto refused = ledger.SetFxRate(env.connection(), Cur("JPY"), Cur("CNY"), 50'001);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "fx_rate_arbitrage");
  EXPECT_EQ(ledger.fx().RatePpm(Cur("JPY"), Cur("CNY")).value(), 50'000);
  store::Query history(env.connection(), "SELECT count(*) FROM fx_rates");
  EXPECT_EQ(history.ScalarInt().value(), 2);
}

class CrossCurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    euro_provider_ = env_.Account(AccountKind::kProviderFunding, 0, "EUR");
    buyer_ = env_.Account(AccountKind::kWallet, 1, "EUR");
    shop_ = env_.Account(AccountKind::kShopRevenue, 7, "CNY");
    ASSERT_TRUE(env_.ledger().SetFxRate(env_.connection(), Cur("EUR"), Cur("CNY"), 7'812'500).ok());
    TransferRequest top_up;
    top_up.idempotency_key = "top-up";
    top_up.debit_account_id = euro_provider_;
    top_up.credit_account_id = buyer_;
    top_up.amount = 10'000;
    top_up.currency = Cur("EUR");
    ASSERT_TRUE(env_.ledger().CreateTransfer(env_.connection(), top_up).ok());
  }
  CrossCurrencyPayment Payment(int64_t amount) {
    CrossCurrencyPayment payment;
    payment.idempotency_key = "order-1";
    payment.payer_account_id = buyer_;
    payment.from = Cur("EUR");
    payment.amount = amount;
    payment.payee_account_id = shop_;
    payment.to = Cur("CNY");
    payment.code = TransferCode::kOrderPayment;
    payment.reference_kind = ReferenceKind::kOrder;
    payment.reference_id = 1;
    return payment;
  }
  testing::TempLedger env_;
  int64_t euro_provider_ = 0, buyer_ = 0, shop_ = 0;
};

TEST_F(CrossCurrencyTest, PaysThroughFxAccountsAtTheRecordedRate) {
  Ledger& ledger = env_.ledger();
  auto requests = ledger.PrepareCrossCurrency(env_.connection(), Payment(2'001));
  ASSERT_TRUE(requests.ok()) << requests.error().message;
  ASSERT_EQ(requests->size(), 2u);
  auto outcomes = ledger.CreateTransfers(env_.connection(), *requests);
  ASSERT_TRUE(outcomes.ok());
  ASSERT_EQ((*outcomes)[0].result, TransferResult::kOk);
  ASSERT_EQ((*outcomes)[1].result, TransferResult::kOk);
  int64_t fx_eur = *ledger.Lookup(AccountKind::kFx, 0, Cur("EUR"));
  int64_t fx_cny = *ledger.Lookup(AccountKind::kFx, 0, Cur("CNY"));
  // 20.01 EUR * 7.8125 = 156.328125 CNY -> 156.32 (rounded down).
  EXPECT_EQ(ledger.Balance(buyer_)->posted(), 10'000 - 2'001);
  EXPECT_EQ(ledger.Balance(fx_eur)->posted(), 2'001);
  EXPECT_EQ(ledger.Balance(fx_cny)->posted(), -15'632);
  EXPECT_EQ(ledger.Balance(shop_)->posted(), 15'632);
  for (const TransferOutcome& outcome : *outcomes) {
    auto row = FindTransfer(env_.connection(), outcome.transfer_id);
    EXPECT_EQ((*row)->rate_ppm, 7'812'500);
    EXPECT_EQ((*row)->reference_id, 1);
  }
  EXPECT_TRUE(CheckLedger(env_.connection(), ledger).ok());
  // A retry replays; nothing moves twice.
  auto again = ledger.CreateLinkedTransfers(env_.connection(), *requests);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[1].result, TransferResult::kExists);
  EXPECT_EQ(ledger.Balance(shop_)->posted(), 15'632);
}

TEST_F(CrossCurrencyTest, AnUnpayableLegMovesNeitherLeg) {
  Ledger& ledger = env_.ledger();
  auto requests = ledger.PrepareCrossCurrency(env_.connection(), Payment(10'001));
  ASSERT_TRUE(requests.ok());
  auto failed = ledger.CreateLinkedTransfers(env_.connection(), *requests);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "exceeds_credits");
  EXPECT_EQ(ledger.Balance(shop_)->posted(), 0);
  EXPECT_EQ(ledger.Balance(buyer_)->posted(), 10'000);
}

TEST_F(CrossCurrencyTest, EscrowHoldAcrossCurrencies) {
  Ledger& ledger = env_.ledger();
  CrossCurrencyPayment payment = Payment(1'000);
  payment.flags = kTransferPending;
  auto requests = ledger.PrepareCrossCurrency(env_.connection(), payment);
  auto held = ledger.CreateLinkedTransfers(env_.connection(), *requests);
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(ledger.Balance(buyer_)->available(), 9'000);
  EXPECT_EQ(ledger.Balance(shop_)->credits_pending, 7'812);  // 78.125 -> 78.12
  std::vector<TransferRequest> voids(2);
  for (int leg = 0; leg < 2; ++leg) {
    voids[leg].idempotency_key = "void-" + std::to_string(leg);
    voids[leg].flags = kTransferVoidPending;
    voids[leg].pending_id = (*held)[leg].transfer_id;
  }
  ASSERT_TRUE(ledger.CreateLinkedTransfers(env_.connection(), voids).ok());
  EXPECT_EQ(ledger.Balance(buyer_)->available(), 10'000);
  EXPECT_EQ(ledger.Balance(shop_)->credits_pending, 0);
  EXPECT_TRUE(CheckLedger(env_.connection(), ledger).ok());
}

TEST_F(CrossCurrencyTest, MissingRateCreatesNothing) {
  Ledger& ledger = env_.ledger();
  CrossCurrencyPayment payment = Payment(100);
  payment.to = Cur("USD");
  size_t accounts = ledger.Accounts().size();
  EXPECT_EQ(ledger.PrepareCrossCurrency(env_.connection(), payment).error().code,
            "fx_rate_not_found");
  EXPECT_EQ(ledger.Accounts().size(), accounts);
}

}  // namespace
}  // namespace shrimp::ledger
