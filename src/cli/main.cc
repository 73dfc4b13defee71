// shrimp: commerce infrastructure for small businesses.
#include <CLI/CLI.hpp>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    spdlog::critical("libsodium failed to initialise");
    return 1;
  }
  CLI::App app{"shrimp: commerce infrastructure for small businesses"};
  app.require_subcommand(1);
  // --data and --db, the same for every command that opens the store.
  auto add_store_options = [](CLI::App* command, shrimp::cli::StoreLocation& store) {
    command->add_option("--data", store.data_dir, "data directory")->capture_default_str();
    command->add_option("--db", store.db_url,
                        "PostgreSQL URL (postgresql://user@host/db) to keep the database in "
                        "instead of DATA/shrimp.db; several servers may share one");
    command
        ->add_option("--db-wait-seconds", store.db_wait_seconds,
                     "with --db: how long to keep retrying a PostgreSQL server that cannot be "
                     "reached yet before giving up (0: try once)")
        ->capture_default_str()
        ->check(CLI::Range(int64_t{0}, int64_t{3'600}));
  };

  shrimp::cli::ServeOptions serve;
  auto* serve_command = app.add_subcommand("serve", "run the HTTP server");
  add_store_options(serve_command, serve.store);
  serve_command->add_option("--host", serve.server.host, "address to listen on")
      ->capture_default_str();
  serve_command->add_option("--port", serve.server.port, "port (0 picks a free one)")
      ->capture_default_str();
  serve_command->add_option("--threads", serve.server.io_threads, "io threads (0: one per core)");
  serve_command->add_option("--access-log", serve.server.access_log, "log every request")
      ->capture_default_str();
  serve_command->add_flag("--demo", serve.demo,
                          "seed the demo marketplace if the store is empty (needs --sandbox)");
  serve_command->add_flag(
      "--sandbox", serve.sandbox,
      "enable the sandbox payment provider: test-mode top-ups, never in production");
  serve_command->add_option("--seed", serve.demo_seed, "demo seed")->capture_default_str();
  serve_command->add_option("--webhook-allow-host", serve.webhook_allowed_hosts,
                            "a host webhook URLs may name although it is loopback or private "
                            "(repeatable; off by default: such targets are refused)");
  serve_command
      ->add_option("--outbox-retention-days", serve.outbox_retention_days,
                   "days partner events and finished webhook deliveries are kept (0: forever; "
                   "events a webhook has not delivered or given up on are always kept)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{0}, int64_t{36'500}));
  serve_command
      ->add_option("--webhook-retry-base-ms", serve.webhook_retry_base_ms,
                   "delay before a failed webhook delivery's first retry; each later one doubles "
                   "it, with jitter, up to an hour")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{100}, int64_t{3'600'000}));
  serve_command->add_option("--trusted-proxy", serve.trusted_proxies,
                            "a proxy or load balancer (address or CIDR network) whose "
                            "X-Forwarded-For names the client (repeatable; default none: the "
                            "header is ignored)");
  serve_command->add_option("--web", serve.web_dir,
                            "built web app to serve at / (default: web/dist of the source tree, "
                            "then ./web/dist; \"none\": API only)");
  serve_command->add_option("--network", serve.network_dir,
                            "delivery network directory (docs/network.md; default: the demo "
                            "network)");

  std::string network_dir;
  auto* logistics_command = app.add_subcommand("logistics", "the delivery network");
  logistics_command->require_subcommand(1);
  auto* export_demo =
      logistics_command->add_subcommand("export-demo",
                                        "write the demo network's CSV files into a directory");
  export_demo->add_option("dir", network_dir, "directory")->required();
  auto* network_check = logistics_command->add_subcommand("check", "validate a network directory");
  network_check->add_option("dir", network_dir, "directory")->required();
  int64_t simulated_packages = 10'000;
  uint64_t simulation_seed = 1;
  auto* simulate = logistics_command->add_subcommand(
      "simulate", "promise and route synthetic parcels on the demo network; print the figures");
  simulate->add_option("--packages", simulated_packages, "parcels (1 to 10000000)")
      ->capture_default_str();
  simulate->add_option("--seed", simulation_seed, "seed")->capture_default_str();

  shrimp::cli::StoreLocation operator_store;
  std::string email, password, name = "Operator";
  auto* operator_command = app.add_subcommand("operator", "manage operators");
  operator_command->require_subcommand(1);
  auto* operator_add = operator_command->add_subcommand("add", "create an operator account");
  add_store_options(operator_add, operator_store);
  operator_add->add_option("--email", email, "e-mail")->required();
  operator_add->add_option("--password", password, "password (8+ characters)")->required();
  operator_add->add_option("--name", name, "display name")->capture_default_str();

  shrimp::cli::StoreLocation demo_store;
  uint64_t demo_seed = 20261111;
  auto* demo_command = app.add_subcommand("demo", "seed the demo marketplace into an empty store");
  add_store_options(demo_command, demo_store);
  demo_command->add_option("--seed", demo_seed, "demo seed")->capture_default_str();

  shrimp::cli::StoreLocation check_store;
  auto* check_command = app.add_subcommand("check", "verify the store's invariants");
  add_store_options(check_command, check_store);

  shrimp::cli::CreditTrainOptions train;
  shrimp::cli::StoreLocation batch_store;
  auto* credit_command = app.add_subcommand("credit", "working capital: train the model, re-score");
  credit_command->require_subcommand(1);
  auto* train_command = credit_command->add_subcommand(
      "train", "fit the scorecard on finished loans; print AUC, KS, calibration (held out)");
  add_store_options(train_command, train.store);
  train_command->add_option("--synthetic", train.synthetic,
                            "train on N synthetic shops with a known default process instead");
  train_command->add_option("--seed", train.seed, "seed of the synthetic shops")
      ->capture_default_str();
  train_command->add_option("--version", train.version, "name of the new model");
  auto* batch_command = credit_command->add_subcommand(
      "batch", "re-score every shop with the active model and store the offers");
  add_store_options(batch_command, batch_store);

  shrimp::cli::StoreLocation reindex_store;
  auto* reindex_command = app.add_subcommand("reindex", "rebuild the product search index");
  add_store_options(reindex_command, reindex_store);

  CLI11_PARSE(app, argc, argv);
  if (reindex_command->parsed()) return shrimp::cli::Reindex(reindex_store);
  if (train_command->parsed()) return shrimp::cli::CreditTrain(train);
  if (batch_command->parsed()) return shrimp::cli::CreditBatch(batch_store);
  if (check_command->parsed()) return shrimp::cli::Check(check_store);
  if (export_demo->parsed()) return shrimp::cli::LogisticsExportDemo(network_dir);
  if (network_check->parsed()) return shrimp::cli::LogisticsCheck(network_dir);
  if (simulate->parsed())
    return shrimp::cli::LogisticsSimulate(simulated_packages, simulation_seed);
  if (demo_command->parsed()) return shrimp::cli::Demo(demo_store, demo_seed);
  if (serve_command->parsed()) return shrimp::cli::Serve(serve);
  if (operator_add->parsed())
    return shrimp::cli::OperatorAdd(operator_store, email, password, name);
  return 2;
}
