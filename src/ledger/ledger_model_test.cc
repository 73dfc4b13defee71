// The ledger against a reference model: at least 100,000 seeded random
// operations (plain and pending transfers, posts, voids, linked chains,
// retries of old keys with the same or changed fields, malformed requests),
// each answered by the Ledger and by a deliberately naive model built on
// std::map. After every operation the result codes, ids and amounts must
// agree; every 1,000 operations all balances must agree; half-way the Ledger
// is rebuilt from the tables (as after a restart) and the run continues on
// it; at the end the invariants hold and a fresh Load equals the hot state.
//
// Replay a failure with SHRIMP_SEED=<seed printed by the failing run>;
// SHRIMP_MODEL_OPS changes the number of operations.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include "ledger/ledger.h"
#include "ledger/ledger_check.h"
#include "testing/temp_ledger.h"

namespace shrimp::ledger {
namespace {

using R = TransferResult;

constexpr uint64_t kDefaultSeed = 20261123;
constexpr int64_t kDefaultOps = 100'000;
constexpr int64_t kOpsPerBalanceCheck = 1'000;
constexpr int64_t kOpsPerCommit = 10'000;
// int64 holds 9,223 transfers of kAmountMax; the workload adds a few thousand.
constexpr int kWhalePrefill = 8'000;

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  return value ? std::strtoull(value, nullptr, 10) : fallback;
}

// ---- the reference model ----

struct ModelAccount {
  std::string currency;
  bool flagged = false;
  int64_t debits_posted = 0, debits_pending = 0, credits_posted = 0, credits_pending = 0;
};

struct ModelTransfer {
  int64_t id = 0, debit = 0, credit = 0, amount = 0;
  std::string currency;
  int32_t code = 0;
  uint32_t flags = 0;
  int64_t pending_id = 0;
  int32_t reference_kind = 0;
  int64_t reference_id = 0, rate_ppm = 0;
};

enum class Hold { kActive, kPosted, kVoided };

struct ModelPending {
  int64_t debit = 0, credit = 0, amount = 0;
  std::string currency;
  Hold hold = Hold::kActive;
};

struct ModelOutcome {
  R result = R::kOk;
  int64_t id = 0, amount = 0;
};

class Model {
 public:
  void AddAccount(int64_t id, std::string currency, bool flagged) {
    accounts_[id] = {std::move(currency), flagged};
  }

  std::vector<ModelOutcome> Apply(const std::vector<TransferRequest>& requests) {
    std::vector<ModelOutcome> outcomes(requests.size());
    size_t begin = 0;
    while (begin < requests.size()) {
      size_t end = begin;
      while (end + 1 < requests.size() && (requests[end].flags & kTransferLinked)) ++end;
      Journal journal;
      journal.next_id = next_id_;
      int failed = -1;
      for (size_t index = begin; index <= end; ++index) {
        outcomes[index] = One(requests[index], journal);
        if (outcomes[index].result != R::kOk && outcomes[index].result != R::kExists) {
          failed = static_cast<int>(index);
          break;
        }
      }
      if (failed < 0 && (requests[end].flags & kTransferLinked)) {
        failed = static_cast<int>(end);
        outcomes[end] = {R::kLinkedEventChainOpen};
      }
      if (failed >= 0) {
        for (size_t index = begin; index <= end; ++index) {
          if (static_cast<int>(index) != failed) outcomes[index] = {R::kLinkedEventFailed};
        }
        // Undo the chain from its journal of first-touched values.
        for (const auto& [id, old] : journal.accounts) accounts_[id] = old;
        for (const auto& [id, old] : journal.pendings) {
          if (old)
            pendings_[id] = *old;
          else
            pendings_.erase(id);
        }
        next_id_ = journal.next_id;
        for (const std::string& key : journal.keys) by_key_.erase(key);
        for (int64_t id : journal.not_pending) not_pending_.erase(id);
      }
      begin = end + 1;
    }
    return outcomes;
  }

  const std::map<int64_t, ModelAccount>& accounts() const { return accounts_; }
  const std::map<int64_t, ModelPending>& pendings() const { return pendings_; }
  const std::set<int64_t>& not_pending() const { return not_pending_; }
  size_t active_pendings() const {
    size_t count = 0;
    for (const auto& [id, pending] : pendings_) count += pending.hold == Hold::kActive;
    return count;
  }

 private:
  struct Journal {
    std::map<int64_t, ModelAccount> accounts;  // values before the chain touched them
    std::map<int64_t, std::optional<ModelPending>> pendings;
    int64_t next_id = 0;
    std::vector<std::string> keys;
    std::vector<int64_t> not_pending;
  };

  void TouchAccount(Journal& journal, int64_t id) { journal.accounts.emplace(id, accounts_[id]); }
  void TouchPending(Journal& journal, int64_t id) {
    auto found = pendings_.find(id);
    journal.pendings.emplace(id, found == pendings_.end()
                                     ? std::nullopt
                                     : std::optional<ModelPending>(found->second));
  }

  static bool Fits(int64_t a, int64_t b, int64_t c) {
    return static_cast<__int128>(a) + b + c <= INT64_MAX;
  }

  ModelOutcome One(const TransferRequest& request, Journal& journal) {
    const uint32_t kinds = kTransferPending | kTransferPostPending | kTransferVoidPending;
    bool post = request.flags & kTransferPostPending;
    bool voiding = request.flags & kTransferVoidPending;
    if (request.idempotency_key.empty() || request.idempotency_key.size() > 128) {
      return {R::kIdempotencyKeyInvalid};
    }
    int kind_count = __builtin_popcount(request.flags & kinds);
    if ((request.flags & ~15u) || kind_count > 1 ||
        (request.pending_id != 0 && !post && !voiding)) {
      return {R::kFlagsInvalid};
    }
    std::string currency(request.currency.empty() ? "" : request.currency.code());
    if (auto found = by_key_.find(request.idempotency_key); found != by_key_.end()) {
      const ModelTransfer& old = found->second;
      bool same = old.flags == request.flags && old.code == static_cast<int32_t>(request.code) &&
                  old.pending_id == request.pending_id &&
                  old.reference_kind == static_cast<int32_t>(request.reference_kind) &&
                  old.reference_id == request.reference_id && old.rate_ppm == request.rate_ppm;
      bool resolving = post || voiding;
      if (!(resolving && request.debit_account_id == 0))
        same &= old.debit == request.debit_account_id;
      if (!(resolving && request.credit_account_id == 0)) {
        same &= old.credit == request.credit_account_id;
      }
      if (!(resolving && currency.empty())) same &= old.currency == currency;
      if (!voiding) same &= old.amount == request.amount;
      if (!same) return {R::kExistsWithDifferentFields};
      return {R::kExists, old.id, old.amount};
    }
    ModelTransfer row{next_id_,
                      request.debit_account_id,
                      request.credit_account_id,
                      request.amount,
                      currency,
                      static_cast<int32_t>(request.code),
                      request.flags,
                      request.pending_id,
                      static_cast<int32_t>(request.reference_kind),
                      request.reference_id,
                      request.rate_ppm};
    if (post || voiding) {
      if (post && request.amount <= 0) return {R::kAmountMustBePositive};
      if (post && request.amount > kAmountMax) return {R::kAmountTooLarge};
      auto pending = pendings_.find(request.pending_id);
      if (pending == pendings_.end()) {
        return {not_pending_.count(request.pending_id) ? R::kPendingTransferNotPending
                                                       : R::kPendingTransferNotFound};
      }
      ModelPending& hold = pending->second;
      if ((request.debit_account_id != 0 && request.debit_account_id != hold.debit) ||
          (request.credit_account_id != 0 && request.credit_account_id != hold.credit)) {
        return {R::kPendingTransferHasDifferentAccounts};
      }
      if (!currency.empty() && currency != hold.currency) return {R::kCurrencyMismatch};
      if (hold.hold == Hold::kPosted) return {R::kPendingTransferAlreadyPosted};
      if (hold.hold == Hold::kVoided) return {R::kPendingTransferAlreadyVoided};
      if (post && request.amount > hold.amount) return {R::kPendingAmountExceeded};
      TouchAccount(journal, hold.debit);
      TouchAccount(journal, hold.credit);
      TouchPending(journal, request.pending_id);
      ModelAccount& debit = accounts_[hold.debit];
      ModelAccount& credit = accounts_[hold.credit];
      debit.debits_pending -= hold.amount;
      credit.credits_pending -= hold.amount;
      if (post) {
        debit.debits_posted += request.amount;
        credit.credits_posted += request.amount;
      }
      hold.hold = post ? Hold::kPosted : Hold::kVoided;
      row.debit = hold.debit;
      row.credit = hold.credit;
      row.currency = hold.currency;
      row.amount = post ? request.amount : hold.amount;
    } else {
      auto debit = accounts_.find(request.debit_account_id);
      auto credit = accounts_.find(request.credit_account_id);
      if (debit == accounts_.end() || credit == accounts_.end()) return {R::kAccountNotFound};
      if (debit == credit) return {R::kAccountsMustBeDifferent};
      if (currency != debit->second.currency || currency != credit->second.currency) {
        return {R::kCurrencyMismatch};
      }
      if (request.amount <= 0) return {R::kAmountMustBePositive};
      if (request.amount > kAmountMax) return {R::kAmountTooLarge};
      ModelAccount& from = debit->second;
      ModelAccount& to = credit->second;
      if (from.flagged &&
          static_cast<__int128>(from.debits_posted) + from.debits_pending + request.amount >
              from.credits_posted) {
        return {R::kExceedsCredits};
      }
      if (!Fits(from.debits_posted, from.debits_pending, request.amount) ||
          !Fits(to.credits_posted, to.credits_pending, request.amount)) {
        return {R::kOverflow};
      }
      TouchAccount(journal, request.debit_account_id);
      TouchAccount(journal, request.credit_account_id);
      TouchPending(journal, row.id);
      if (request.flags & kTransferPending) {
        from.debits_pending += request.amount;
        to.credits_pending += request.amount;
        pendings_[row.id] = {row.debit, row.credit, row.amount, currency, Hold::kActive};
      } else {
        from.debits_posted += request.amount;
        to.credits_posted += request.amount;
      }
    }
    if (!(request.flags & kTransferPending)) {
      not_pending_.insert(row.id);
      journal.not_pending.push_back(row.id);
    }
    by_key_[request.idempotency_key] = row;
    journal.keys.push_back(request.idempotency_key);
    next_id_ += 1;
    return {R::kOk, row.id, row.amount};
  }

  std::map<int64_t, ModelAccount> accounts_;
  std::map<std::string, ModelTransfer> by_key_;
  std::map<int64_t, ModelPending> pendings_;
  std::set<int64_t> not_pending_;
  int64_t next_id_ = 1;
};

// ---- the random workload ----

struct Group {
  const char* currency;
  std::vector<int64_t> sources;  // unflagged: where money comes from
  std::vector<int64_t> holders;  // flagged or not, where it goes
};

class Workload {
 public:
  Workload(uint64_t seed, std::vector<Group> groups, const Model& model)
      : random_(seed), groups_(std::move(groups)), model_(model) {}

  std::vector<TransferRequest> Next() {
    int roll = Percent();
    if (roll < 10) {
      std::vector<TransferRequest> chain;
      int length = 2 + Below(4);
      for (int index = 0; index < length; ++index) chain.push_back(Single());
      for (size_t index = 0; index + 1 < chain.size(); ++index)
        chain[index].flags |= kTransferLinked;
      if (Percent() < 3) chain.back().flags |= kTransferLinked;  // left open
      Remember(chain);
      return chain;
    }
    std::vector<TransferRequest> one = {Single()};
    if (Percent() < 2) one.push_back(Single());  // an unlinked batch of two
    Remember(one);
    return one;
  }

 private:
  int Below(int bound) { return static_cast<int>(random_() % static_cast<uint64_t>(bound)); }
  int Percent() { return Below(100); }
  int64_t Range(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(random_() % static_cast<uint64_t>(high - low + 1));
  }
  template <class T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(static_cast<int>(items.size()))];
  }

  void Remember(const std::vector<TransferRequest>& requests) {
    for (const TransferRequest& request : requests) {
      if (history_.size() < kHistoryMax) {
        history_.push_back(request);
      } else {
        history_[Below(static_cast<int>(kHistoryMax))] = request;
      }
    }
  }

  TransferRequest Single() {
    int roll = Percent();
    if (roll < 45) return Movement(false);
    if (roll < 63) return Movement(true);
    if (roll < 83) return Resolution();
    if (roll < 96 && !history_.empty()) return Retry();
    return Malformed();
  }

  TransferRequest Fresh() {
    TransferRequest request;
    request.idempotency_key = "k" + std::to_string(next_key_++);
    request.code = static_cast<TransferCode>(1 + Below(10));
    if (Percent() < 50) {
      request.reference_kind = static_cast<ReferenceKind>(1 + Below(5));
      request.reference_id = Range(1, 50);
    }
    if (Percent() < 5) request.rate_ppm = Range(1, 10'000'000);
    return request;
  }

  TransferRequest Movement(bool pending) {
    TransferRequest request = Fresh();
    if (pending) request.flags = kTransferPending;
    int which = Percent();
    const Group& group = groups_[which < 70 ? 0 : which < 85 ? 1 : 2];
    bool whale = &group == &groups_[2];  // the overflow group
    request.currency = *Currency::Parse(group.currency);
    if (whale) {
      bool forward = Percent() < 80;
      request.debit_account_id = group.sources[forward ? 0 : 1];
      request.credit_account_id = group.sources[forward ? 1 : 0];
      request.amount = Range(kAmountMax - kAmountMax / 10, kAmountMax);
    } else {
      request.debit_account_id = Percent() < 25 ? group.sources[0] : Pick(group.holders);
      do {
        request.credit_account_id = Pick(group.holders);
      } while (request.credit_account_id == request.debit_account_id);
      // Small deposits; spending mostly small, sometimes near or beyond a
      // wallet's whole balance, so that exceeds_credits stays common.
      bool deposit = request.debit_account_id == group.sources[0];
      request.amount = deposit || Percent() < 85 ? Range(1, 2'000) : Range(1'000, 5'000'000);
    }
    int fault = Below(1000);
    if (fault < 15)
      request.debit_account_id = Pick(std::vector<int64_t>{0, 9'999, -1});
    else if (fault < 30)
      request.credit_account_id = request.debit_account_id;
    else if (fault < 50)
      request.currency = *Currency::Parse(Pick(groups_).currency);
    else if (fault < 60)
      request.credit_account_id = Pick(Pick(groups_).holders);
    else if (fault < 75)
      request.amount = -Range(0, 5);
    else if (fault < 85)
      request.amount = kAmountMax + Range(1, 1'000);
    else if (fault < 95)
      request.amount = Range(100'000, 10'000'000);  // beyond any wallet
    return request;
  }

  int64_t PendingTarget() {
    int roll = Percent();
    const auto& pendings = model_.pendings();
    if (roll < 80 && !pendings.empty()) {
      // Mostly recent holds, which are mostly still active.
      auto it = pendings.end();
      int back = Below(std::min<int>(static_cast<int>(pendings.size()), roll < 60 ? 20 : 5'000));
      std::advance(it, -(back + 1));
      return it->first;
    }
    if (roll < 90 && !model_.not_pending().empty()) return *model_.not_pending().rbegin();
    return Pick(std::vector<int64_t>{0, -7, 999'999'999});
  }

  TransferRequest Resolution() {
    TransferRequest request = Fresh();
    bool post = Percent() < 60;
    request.flags = post ? kTransferPostPending : kTransferVoidPending;
    request.pending_id = PendingTarget();
    auto pending = model_.pendings().find(request.pending_id);
    int64_t held = pending == model_.pendings().end() ? 100 : pending->second.amount;
    int amount_roll = Percent();
    if (!post)
      request.amount = amount_roll < 90 ? 0 : Range(1, 10);
    else if (amount_roll < 50)
      request.amount = held;
    else if (amount_roll < 85)
      request.amount = Range(1, held);
    else if (amount_roll < 95)
      request.amount = held + Range(1, 10);
    else
      request.amount = Pick(std::vector<int64_t>{0, -1, kAmountMax + 1});
    if (pending != model_.pendings().end()) {
      int roll = Percent();
      if (roll < 10) {
        request.debit_account_id = pending->second.debit;
        request.credit_account_id = pending->second.credit;
        request.currency = *Currency::Parse(pending->second.currency);
      } else if (roll < 14) {
        request.credit_account_id = Pick(groups_[0].holders);
      } else if (roll < 18) {
        request.currency = *Currency::Parse(Pick(groups_).currency);
      }
    }
    return request;
  }

  TransferRequest Retry() {
    TransferRequest request = Pick(history_);
    request.flags &= ~kTransferLinked;
    if (Percent() < 55) return request;
    switch (Below(7)) {
      case 0: request.amount += 1; break;
      case 1: request.code = static_cast<TransferCode>(static_cast<int>(request.code) + 1); break;
      case 2: request.reference_id += 1; break;
      case 3: request.credit_account_id = Pick(groups_[0].holders); break;
      case 4: request.currency = *Currency::Parse(Pick(groups_).currency); break;
      case 5: request.flags ^= kTransferPending; break;
      default: request.rate_ppm += 1; break;
    }
    return request;
  }

  TransferRequest Malformed() {
    TransferRequest request = Movement(false);
    switch (Below(4)) {
      case 0: request.idempotency_key.clear(); break;
      case 1: request.idempotency_key = std::string(129 + Below(10), 'x'); break;
      case 2: request.flags = kTransferPending | kTransferPostPending; break;
      default: request.pending_id = Range(1, 100); break;
    }
    return request;
  }

  static constexpr size_t kHistoryMax = 4'096;
  std::mt19937_64 random_;
  std::vector<Group> groups_;
  const Model& model_;
  std::vector<TransferRequest> history_;
  int64_t next_key_ = 0;
};

std::string Describe(const TransferRequest& request) {
  std::ostringstream out;
  out << "{key=" << request.idempotency_key.substr(0, 20) << " debit=" << request.debit_account_id
      << " credit=" << request.credit_account_id << " amount=" << request.amount
      << " currency=" << (request.currency.empty() ? "" : request.currency.code())
      << " flags=" << request.flags << " pending_id=" << request.pending_id << "}";
  return out.str();
}

::testing::AssertionResult SameBalances(const Model& model, const Ledger& ledger) {
  for (const auto& [id, account] : model.accounts()) {
    AccountBalance expected{account.debits_pending, account.debits_posted, account.credits_pending,
                            account.credits_posted};
    auto actual = ledger.Balance(id);
    if (!actual.ok() || !(*actual == expected)) {
      return ::testing::AssertionFailure() << "balance of account " << id << " differs";
    }
  }
  if (ledger.active_pending_count() != model.active_pendings()) {
    return ::testing::AssertionFailure() << "active pending counts differ";
  }
  return ::testing::AssertionSuccess();
}

TEST(LedgerModel, AgreesWithAReferenceModelOnRandomOperations) {
  const uint64_t seed = EnvOr("SHRIMP_SEED", kDefaultSeed);
  const int64_t ops = static_cast<int64_t>(EnvOr("SHRIMP_MODEL_OPS", kDefaultOps));
  std::cout << "ledger model test: SHRIMP_SEED=" << seed << " SHRIMP_MODEL_OPS=" << ops
            << std::endl;
  RecordProperty("seed", std::to_string(seed));
  auto started = std::chrono::steady_clock::now();

  testing::TempLedger env;
  Model model;
  std::vector<Group> groups = {{"CNY", {}, {}}, {"EUR", {}, {}}, {"USD", {}, {}}};
  auto add = [&](Group& group, AccountKind kind, int64_t owner, bool source) {
    int64_t id = env.Account(kind, owner, group.currency);
    model.AddAccount(id, group.currency, DefaultAccountFlags(kind) != 0);
    (source ? group.sources : group.holders).push_back(id);
  };
  add(groups[0], AccountKind::kProviderFunding, 0, true);
  add(groups[0], AccountKind::kFx, 0, true);
  for (int user = 1; user <= 6; ++user) add(groups[0], AccountKind::kWallet, user, false);
  add(groups[0], AccountKind::kShopRevenue, 1, false);
  add(groups[0], AccountKind::kShopRevenue, 2, false);
  add(groups[0], AccountKind::kPlatformFees, 0, false);
  add(groups[0], AccountKind::kEscrow, 0, false);
  add(groups[1], AccountKind::kProviderFunding, 0, true);
  for (int user = 1; user <= 3; ++user) add(groups[1], AccountKind::kWallet, user, false);
  // Two unflagged accounts that trade maximal amounts until int64 overflows.
  add(groups[2], AccountKind::kCreditFunding, 0, true);
  add(groups[2], AccountKind::kLoanReceivable, 0, true);
  groups[2].holders = groups[2].sources;

  // Bring the two to within a few thousand maximal transfers of overflow.
  ASSERT_TRUE(env.connection().Exec("BEGIN").ok());
  for (int index = 0; index < kWhalePrefill; ++index) {
    TransferRequest fill;
    fill.idempotency_key = "fill-" + std::to_string(index);
    fill.debit_account_id = groups[2].sources[0];
    fill.credit_account_id = groups[2].sources[1];
    fill.amount = kAmountMax;
    fill.currency = *Currency::Parse("USD");
    ASSERT_TRUE(env.ledger().CreateTransfer(env.connection(), fill).ok());
    ASSERT_EQ(model.Apply({fill})[0].result, R::kOk);
  }
  ASSERT_TRUE(env.connection().Exec("COMMIT").ok());

  Workload workload(seed, groups, model);
  std::unique_ptr<Ledger> reloaded;
  Ledger* ledger = &env.ledger();
  std::map<R, int64_t> seen;
  ASSERT_TRUE(env.connection().Exec("BEGIN").ok());
  for (int64_t op = 0; op < ops; ++op) {
    std::vector<TransferRequest> requests = workload.Next();
    auto actual = ledger->CreateTransfers(env.connection(), requests);
    ASSERT_TRUE(actual.ok()) << actual.error().message;
    std::vector<ModelOutcome> expected = model.Apply(requests);
    for (size_t index = 0; index < requests.size(); ++index) {
      const TransferOutcome& got = (*actual)[index];
      const ModelOutcome& want = expected[index];
      seen[want.result] += 1;
      ASSERT_EQ(TransferResultName(got.result), TransferResultName(want.result))
          << "op " << op << " request " << index << " " << Describe(requests[index]) << " seed "
          << seed;
      ASSERT_EQ(got.transfer_id, want.id) << "op " << op << " seed " << seed;
      ASSERT_EQ(got.amount, want.amount) << "op " << op << " seed " << seed;
    }
    if ((op + 1) % kOpsPerBalanceCheck == 0) {
      ASSERT_TRUE(SameBalances(model, *ledger)) << "after op " << op << " seed " << seed;
    }
    if ((op + 1) % kOpsPerCommit == 0) {
      ASSERT_TRUE(env.connection().Exec("COMMIT").ok());
      ASSERT_TRUE(env.connection().Exec("BEGIN").ok());
    }
    if (op == ops / 2) {
      // A restart: continue on a Ledger rebuilt from the tables, so later
      // retries and resolutions of old transfers take the database paths.
      reloaded = env.Reload();
      ledger = reloaded.get();
      ASSERT_TRUE(SameBalances(model, *ledger)) << "after reload, seed " << seed;
    }
  }
  ASSERT_TRUE(env.connection().Exec("COMMIT").ok());

  ASSERT_TRUE(SameBalances(model, *ledger)) << "at the end, seed " << seed;
  Status checked = CheckLedger(env.connection(), *ledger);
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  std::unique_ptr<Ledger> fresh = env.Reload();
  std::vector<AccountSnapshot> hot = ledger->Accounts();
  std::vector<AccountSnapshot> rebuilt = fresh->Accounts();
  ASSERT_EQ(hot.size(), rebuilt.size());
  for (size_t index = 0; index < hot.size(); ++index) {
    EXPECT_EQ(hot[index].balance, rebuilt[index].balance) << hot[index].account.id;
  }
  EXPECT_EQ(fresh->active_pending_count(), ledger->active_pending_count());

  // The workload must have exercised every outcome, or the test proves little.
  for (int value = 0; value <= static_cast<int>(R::kLinkedEventChainOpen); ++value) {
    EXPECT_GT(seen[static_cast<R>(value)], 0)
        << "never produced " << TransferResultName(static_cast<R>(value)) << " (seed " << seed
        << ")";
  }
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  std::cout << "ledger model test: " << ops << " operations in " << elapsed.count() << " ms;";
  for (const auto& [result, count] : seen)
    std::cout << " " << TransferResultName(result) << "=" << count;
  std::cout << std::endl;
}

}  // namespace
}  // namespace shrimp::ledger
