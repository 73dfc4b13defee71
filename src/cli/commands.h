// The shrimp command line: one function per subcommand, each returning the
// process exit code.
#pragma once

#include <cstdint>
#include <string>

#include "api/app.h"
#include "http/server.h"

namespace shrimp::cli {

struct ServeOptions {
  std::string data_dir = "data";
  http::ServerOptions server;
  bool demo = false;  // seed the demo marketplace if the store is empty
  uint64_t demo_seed = 42;
};

int Serve(const ServeOptions& options);
// Opens the store, rebuilds the hot state, checks every invariant, and
// prints the problems; exit code 0 only when there are none.
int Check(const std::string& data_dir);
int OperatorAdd(const std::string& data_dir, const std::string& email, const std::string& password,
                const std::string& name);

}  // namespace shrimp::cli
