#include "api/app.h"

#include <filesystem>

#include "orders/order_store.h"
#include "store/migrate.h"

namespace shrimp::api {

Result<std::unique_ptr<App>> App::Open(AppOptions options, const Clock& clock) {
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) return Internal("cannot create data directory " + options.data_dir + ": " + ec.message());
  std::unique_ptr<App> app(new App(std::move(options), clock));
  SHRIMP_ASSIGN_OR_RETURN(app->db_, store::Db::OpenSqlite(app->options_.data_dir + "/shrimp.db",
                                                          app->options_.db));
  std::vector<store::Migration> migrations;
  for (auto&& domain : {accounts::AccountService::Migrations(),
                        store::IdempotencyStore::Migrations(), orders::OrderMigrations()}) {
    migrations.insert(migrations.end(), domain.begin(), domain.end());
  }
  store::Connection& connection = app->db_->write_connection();
  SHRIMP_RETURN_IF_ERROR(store::Migrate(connection, migrations, clock.NowMs()));
  // Rebuild the hot state before the writer starts taking jobs.
  SHRIMP_RETURN_IF_ERROR(app->idempotency_.Load(connection, clock.NowMs()));
  app->writer_ = std::make_unique<store::Writer>(*app->db_, app->options_.writer);
  app->accounts_ = std::make_unique<accounts::AccountService>(
      *app->db_, *app->writer_, clock, app->options_.accounts);
  app->RegisterRoutes();
  app->writer_->Start();
  return app;
}

App::~App() { Stop(); }

void App::Stop() {
  if (writer_) writer_->Stop();
}

void App::RegisterRoutes() {
  RegisterSystemRoutes(*this);
  RegisterAccountRoutes(*this);
  RegisterWebRoutes(*this);
}

}  // namespace shrimp::api
