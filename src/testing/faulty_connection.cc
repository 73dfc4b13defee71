#include "testing/faulty_connection.h"

namespace shrimp::testing {
namespace {

bool IsUndo(std::string_view sql) {
  return sql.starts_with("ROLLBACK") || sql.starts_with("RELEASE");
}

class FaultyStatement final : public store::Statement {
 public:
  FaultyStatement(FaultyConnection& connection, store::Statement* inner, std::string sql)
      : connection_(connection), inner_(inner), sql_(std::move(sql)) {}
  void BindInt(int index, int64_t value) override { inner_->BindInt(index, value); }
  void BindText(int index, std::string_view value) override { inner_->BindText(index, value); }
  void BindNull(int index) override { inner_->BindNull(index); }
  Result<bool> Step() override {
    if (connection_.ShouldFail(sql_)) return connection_.InjectedError();
    return inner_->Step();
  }
  int64_t ColumnInt(int column) override { return inner_->ColumnInt(column); }
  std::string ColumnText(int column) override { return inner_->ColumnText(column); }
  bool ColumnIsNull(int column) override { return inner_->ColumnIsNull(column); }
  void Reset() override { inner_->Reset(); }

 private:
  FaultyConnection& connection_;
  store::Statement* inner_;
  std::string sql_;
};

}  // namespace

bool FaultyConnection::ShouldFail(std::string_view sql) {
  if (IsUndo(sql)) return false;
  int64_t left = countdown_.load();
  if (left <= 0) return false;
  countdown_.store(left == 1 ? -1 : left - 1);
  return left == 1;
}

Error FaultyConnection::InjectedError() const {
  if (storage_full_) {
    return Error{ErrorKind::kStorageFull, "storage_full", "injected: the disk is full", {}};
  }
  return Internal("injected failure");
}

Status FaultyConnection::Exec(std::string_view sql) {
  if (ShouldFail(sql)) return InjectedError();
  return inner_->Exec(sql);
}

Result<store::Statement*> FaultyConnection::Prepare(std::string_view sql) {
  SHRIMP_ASSIGN_OR_RETURN(store::Statement * inner, inner_->Prepare(sql));
  auto found = wrapped_.find(inner);
  if (found == wrapped_.end()) {
    found =
        wrapped_.emplace(inner, std::make_unique<FaultyStatement>(*this, inner, std::string(sql)))
            .first;
  }
  return found->second.get();
}

}  // namespace shrimp::testing
