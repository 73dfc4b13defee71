// `shrimp logistics ...`: the delivery network's tools.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "catalog/demo.h"
#include "logistics/demo_network.h"
#include "logistics/simulation.h"
#include "logistics/network_loader.h"

namespace shrimp::cli {

int LogisticsExportDemo(const std::string& directory) {
  logistics::Network network = logistics::DemoNetwork();
  if (auto written = logistics::WriteNetwork(network, directory); !written.ok()) {
    std::cerr << "export-demo: " << written.error().message << "\n";
    return 1;
  }
  std::cout << "wrote the demo network to " << directory << ": " << network.cities.size()
            << " cities, " << network.hubs.size() << " hubs, " << network.carriers.size()
            << " carriers, " << network.legs.size() << " legs\n";
  return 0;
}

int LogisticsCheck(const std::string& directory) {
  logistics::LoadedNetwork loaded = logistics::LoadNetwork(directory);
  for (const logistics::NetworkProblem& problem : loaded.problems) {
    std::cout << problem.ToString() << "\n";
  }
  if (!loaded.problems.empty()) {
    std::cout << loaded.problems.size() << " problem(s); the network was not loaded\n";
    return 1;
  }
  const logistics::Network& network = loaded.network;
  std::cout << "network ok: " << network.cities.size() << " cities, " << network.hubs.size()
            << " hubs, " << network.carriers.size() << " carriers, " << network.legs.size()
            << " legs, " << network.first_miles.size() << " first miles, "
            << network.last_miles.size() << " last miles\n";
  return 0;
}

}  // namespace shrimp::cli

namespace shrimp::cli {
namespace {

// 2026-11-16T00:00Z, a Monday: the simulated week (fixed, so runs compare).
constexpr int64_t kSimulatedWeekStartMinutes = 29'913'120;

std::string Percent(int64_t part, int64_t whole) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", whole > 0 ? 100.0 * part / whole : 0.0);
  return text;
}

}  // namespace

int LogisticsSimulate(int64_t packages, uint64_t seed) {
  if (packages < 1 || packages > logistics::kSimulatedPackagesMax) {
    std::cerr << "simulate: --packages must be from 1 to 10000000\n";
    return 2;
  }
  auto network = std::make_shared<const logistics::Network>(logistics::DemoNetwork());
  logistics::Timetable timetable(network);
  logistics::Router router(timetable);
  int64_t week = logistics::WeekOf(kSimulatedWeekStartMinutes);
  std::cerr << "building the promise table for the demo network...\n";
  auto started = std::chrono::steady_clock::now();
  auto table = logistics::PromiseTable::Build(router, week);
  double build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  logistics::SimulationOptions options;
  options.packages = packages;
  options.seed = seed;
  for (std::string_view city : catalog::DemoShopCityNames()) options.origins.emplace_back(city);
  auto report = logistics::Simulate(router, *table, week, options, [](int64_t done, int64_t total) {
    int width = 40;
    int filled = static_cast<int>(width * done / std::max<int64_t>(total, 1));
    std::cerr << "\rrouting [" << std::string(filled, '#') << std::string(width - filled, ' ')
              << "] " << done << "/" << total << std::flush;
  });
  std::cerr << "\n";
  auto rate = [](int64_t count, double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.0f", seconds > 0 ? count / seconds : 0.0);
    return std::string(text);
  };
  int64_t promised = report.packages - report.unroutable;
  std::cout << "network: " << network->cities.size() << " cities, " << network->hubs.size()
            << " hubs, " << network->legs.size() << " legs; promise table built in "
            << static_cast<int64_t>(build_seconds * 1000) << " ms (" << (table->bytes() >> 20)
            << " MiB)\n";
  std::cout << "parcels: " << report.packages << " (seed " << seed << "), " << report.unroutable
            << " without a route\n";
  std::cout << "promises/s (table lookup, best of " << network->carriers.size()
            << " carriers): " << rate(report.packages, report.promise_seconds) << "\n";
  std::cout << "parcels/s routed (online search): " << rate(promised, report.route_seconds) << "\n";
  const char* buckets[] = {"<= 24 h", "<= 48 h", "<= 72 h", "<= 120 h", "> 120 h"};
  std::cout << "promised transit:";
  for (int index = 0; index < 5; ++index) {
    std::cout << "  " << buckets[index] << " " << Percent(report.transit_buckets[index], promised);
  }
  std::cout << "\n";
  std::cout << "domestic within 24 h: " << Percent(report.domestic_within_24h, report.domestic)
            << " of " << report.domestic << "; cross-border within 72 h: "
            << Percent(report.cross_border_within_72h, report.cross_border) << " of "
            << report.cross_border << "\n";
  std::cout << "busiest hubs by hour (linehaul departures):\n";
  for (const logistics::HubHour& busy : report.busiest) {
    std::cout << "  " << busy.hub << "  " << logistics::FormatIsoMinutes(busy.hour_start) << "  "
              << busy.parcels << "\n";
  }
  return 0;
}

}  // namespace shrimp::cli
