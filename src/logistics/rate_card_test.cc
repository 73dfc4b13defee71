#include "logistics/rate_card.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "logistics/demo_network.h"
#include "logistics/network_loader.h"

namespace shrimp::logistics {
namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

const std::string kRateHeader =
    "carrier,service,from_zone,to_zone,currency,first_grams,first_price,step_grams,step_price\n";

Files NetworkWithRates(const std::string& rates) {
  Files files = {
      {"cities.csv",
       "id,name_en,name_local,country,lat,lon,time_zone\n"
       "paris,Paris,Paris,FR,48.85,2.35,Europe/Paris\n"
       "hangzhou,Hangzhou,杭州,CN,30.27,120.15,Asia/Shanghai\n"},
      {"hubs.csv", "id,city,name,transfer_minutes\nCDG,paris,Paris,60\nHGH,hangzhou,Hangzhou,90\n"},
      {"carriers.csv", "id,name\nswift,SwiftPost\nslow,SlowPost\n"},
      {"legs.csv",
       "carrier,service,from_hub,to_hub,departs,days,duration_minutes,cutoff_minutes\n"
       "swift,express,HGH,CDG,23:00,daily,780,120\n"},
      {"first_mile.csv",
       "carrier,city,hub,pickup_by,days,duration_minutes\nswift,hangzhou,HGH,18:00,daily,60\n"},
      {"last_mile.csv",
       "carrier,hub,city,duration_minutes,window_start,window_end,days\n"
       "swift,CDG,paris,180,09:00,20:00,daily\n"},
  };
  files.emplace_back("rates.csv", rates);
  return files;
}

Rate Card(int64_t first_grams, int64_t first_price, int64_t step_grams, int64_t step_price) {
  Rate rate;
  rate.first_grams = first_grams;
  rate.first_price = first_price;
  rate.step_grams = step_grams;
  rate.step_price = step_price;
  return rate;
}

TEST(RateCard, ChargesTheFirstStepThenEveryStartedStep) {
  Rate rate = Card(500, 800, 500, 200);
  EXPECT_EQ(QuoteMinor(rate, 1), 800);
  EXPECT_EQ(QuoteMinor(rate, 500), 800);
  EXPECT_EQ(QuoteMinor(rate, 501), 1000);
  EXPECT_EQ(QuoteMinor(rate, 1000), 1000);
  EXPECT_EQ(QuoteMinor(rate, 1001), 1200);
  // The largest quote the bounds allow stays far below kAmountMax.
  Rate dearest = Card(1, kRatePriceMax, 1, kRatePriceMax);
  EXPECT_EQ(QuoteMinor(dearest, kParcelGramsMax), kRatePriceMax * kParcelGramsMax);
  EXPECT_LT(QuoteMinor(dearest, kParcelGramsMax), kAmountMax);
}

TEST(RateCard, TheMostSpecificRowWins) {
  LoadedNetwork loaded =
      ParseNetwork(NetworkWithRates(kRateHeader + "swift,express,*,*,USD,1000,3000,1000,900\n"
                                                  "swift,express,CN,*,CNY,500,6000,500,2500\n"
                                                  "swift,express,CN,FR,CNY,500,5000,500,2000\n"
                                                  "swift,express,*,CN,USD,500,700,500,100\n"
                                                  "swift,standard,CN,CN,CNY,500,800,500,200\n"));
  ASSERT_TRUE(loaded.problems.empty()) << loaded.problems[0].ToString();
  const Network& network = loaded.network;
  const Rate* exact = network.FindRate(0, Service::kExpress, "CN", "FR");
  ASSERT_NE(exact, nullptr);
  EXPECT_EQ(exact->first_price, 5000);
  EXPECT_EQ(exact->currency.code(), "CNY");
  EXPECT_EQ(network.FindRate(0, Service::kExpress, "CN", "DE")->first_price, 6000);
  EXPECT_EQ(network.FindRate(0, Service::kExpress, "FR", "CN")->first_price, 700);
  EXPECT_EQ(network.FindRate(0, Service::kExpress, "FR", "DE")->first_price, 3000);
  EXPECT_EQ(network.FindRate(0, Service::kStandard, "CN", "FR"), nullptr);
  EXPECT_EQ(network.FindRate(1, Service::kExpress, "CN", "FR"), nullptr);
}

TEST(RateCard, IsOptionalAndEveryProblemNamesFileLineAndField) {
  Files without = NetworkWithRates("");
  without.pop_back();
  LoadedNetwork plain = ParseNetwork(without);
  ASSERT_TRUE(plain.problems.empty()) << plain.problems[0].ToString();
  EXPECT_TRUE(plain.network.rates.empty());
  EXPECT_EQ(plain.network.FindRate(0, Service::kExpress, "CN", "FR"), nullptr);

  struct Case {
    std::string row;
    std::string expected;
  };
  std::vector<Case> cases = {
      {"nobody,express,CN,FR,CNY,500,1,500,1",
       "rates.csv:2: carrier: no carrier has the id 'nobody'"},
      {"swift,overnight,CN,FR,CNY,500,1,500,1",
       "rates.csv:2: service: expected express or standard, got 'overnight'"},
      {"swift,express,China,FR,CNY,500,1,500,1",
       "rates.csv:2: from_zone: expected an ISO 3166 country code like FR or * for any, got "
       "'China'"},
      {"swift,express,CN,fr,CNY,500,1,500,1",
       "rates.csv:2: to_zone: expected an ISO 3166 country code like FR or * for any, got 'fr'"},
      {"swift,express,CN,FR,XXX,500,1,500,1",
       "rates.csv:2: currency: expected an ISO 4217 currency code like EUR, got 'XXX'"},
      {"swift,express,CN,FR,CNY,0,1,500,1",
       "rates.csv:2: first_grams: expected a whole number from 1 to 1000000, got '0'"},
      {"swift,express,CN,FR,CNY,500,-1,500,1",
       "rates.csv:2: first_price: expected a whole number from 0 to 100000000, got '-1'"},
      {"swift,express,CN,FR,CNY,500,1,1000001,1",
       "rates.csv:2: step_grams: expected a whole number from 1 to 1000000, got '1000001'"},
      {"swift,express,CN,FR,CNY,500,1,500,100000001",
       "rates.csv:2: step_price: expected a whole number from 0 to 100000000, got '100000001'"},
      {"swift,express,CN,FR,CNY,500,1,500", "rates.csv:2: expected 9 fields, got 8"},
  };
  for (const Case& test_case : cases) {
    LoadedNetwork loaded = ParseNetwork(NetworkWithRates(kRateHeader + test_case.row + "\n"));
    ASSERT_FALSE(loaded.problems.empty()) << test_case.expected;
    EXPECT_EQ(loaded.problems[0].ToString(), test_case.expected);
  }
  LoadedNetwork twice = ParseNetwork(NetworkWithRates(
      kRateHeader + "swift,express,CN,FR,CNY,500,1,500,1\nswift,express,CN,FR,EUR,500,1,500,1\n"));
  ASSERT_EQ(twice.problems.size(), 1u);
  EXPECT_EQ(twice.problems[0].ToString(),
            "rates.csv:3: to_zone: a second rate for this carrier, service, from_zone and "
            "to_zone");
  LoadedNetwork headless = ParseNetwork(NetworkWithRates("carrier,service\n"));
  ASSERT_EQ(headless.problems.size(), 1u);
  EXPECT_EQ(headless.problems[0].line, 1);
  EXPECT_EQ(headless.problems[0].file, "rates.csv");
}

TEST(RateCard, TheDemoRatesCoverEveryDemoRouteAndRoundTrip) {
  Network demo = DemoNetwork();
  ASSERT_FALSE(demo.rates.empty());
  // Every carrier and service prices a parcel between any two demo cities:
  // the "*" origin row covers countries without their own.
  for (int carrier = 0; carrier < static_cast<int>(demo.carriers.size()); ++carrier) {
    for (Service service : {Service::kExpress, Service::kStandard}) {
      for (const City& from : demo.cities) {
        ASSERT_NE(demo.FindRate(carrier, service, from.country, "FR"), nullptr) << from.id;
      }
    }
  }
  // Domestic is cheaper than abroad, express dearer than standard.
  const Rate* domestic = demo.FindRate(0, Service::kStandard, "CN", "CN");
  const Rate* abroad = demo.FindRate(0, Service::kStandard, "CN", "FR");
  const Rate* express = demo.FindRate(0, Service::kExpress, "CN", "CN");
  ASSERT_TRUE(domestic && abroad && express);
  EXPECT_EQ(domestic->currency.code(), "CNY");
  EXPECT_LT(QuoteMinor(*domestic, 1200), QuoteMinor(*abroad, 1200));
  EXPECT_LT(QuoteMinor(*domestic, 1200), QuoteMinor(*express, 1200));

  std::string directory =
      (std::filesystem::temp_directory_path() / ("shrimp-rates-" + std::to_string(::getpid())))
          .string();
  ASSERT_TRUE(WriteNetwork(demo, directory).ok());
  LoadedNetwork loaded = LoadNetwork(directory);
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);
  ASSERT_TRUE(loaded.problems.empty()) << loaded.problems[0].ToString();
  ASSERT_EQ(loaded.network.rates.size(), demo.rates.size());
  for (size_t index = 0; index < demo.rates.size(); ++index) {
    EXPECT_EQ(loaded.network.rates[index].first_price, demo.rates[index].first_price);
    EXPECT_EQ(loaded.network.rates[index].to_zone, demo.rates[index].to_zone);
    EXPECT_EQ(loaded.network.rates[index].currency, demo.rates[index].currency);
  }
}

}  // namespace
}  // namespace shrimp::logistics
