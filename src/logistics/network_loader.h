// The network's file format: one CSV file per table in a directory (the
// format is described in docs/network.md). LoadNetwork validates everything
// and reports every problem with its file, line and field; a network with
// any problem is refused as a whole. WriteNetwork writes the same format
// (the demo network is exported with it, and a test reads it back).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "logistics/network.h"

namespace shrimp::logistics {

// Bounds on what a file may hold: a network is configuration, not data.
inline constexpr size_t kNetworkRowsMax = 200'000;
inline constexpr size_t kNetworkFieldBytesMax = 200;
inline constexpr size_t kNetworkProblemsMax = 100;
inline constexpr int kDurationMinutesMax = 7 * 24 * 60;
inline constexpr int kTransferMinutesMax = 24 * 60;

struct NetworkProblem {
  std::string file;  // "legs.csv"
  int line = 0;      // 1-based; 0 for a problem with the whole file
  std::string field;
  std::string message;
  std::string ToString() const;  // "legs.csv:12: departs: expected HH:MM, got '25:00'"
};

struct LoadedNetwork {
  Network network;
  // Empty when the network is valid (then `network` is indexed and usable).
  std::vector<NetworkProblem> problems;
};

LoadedNetwork LoadNetwork(const std::string& directory);

// Parses the tables from text (file name -> contents), for tests.
LoadedNetwork ParseNetwork(const std::vector<std::pair<std::string, std::string>>& files);

// Writes `network` as CSV files into `directory` (created if needed).
Status WriteNetwork(const Network& network, const std::string& directory);

// "1234567" (ISO weekdays, Monday = 1) or "daily".
std::string FormatDays(DayMask days);
// "08:30".
std::string FormatMinuteOfDay(int minute);

}  // namespace shrimp::logistics
