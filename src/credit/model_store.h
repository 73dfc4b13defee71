// ModelStore: trained scorecards and which one decides.
//
// `shrimp credit train` saves a fitted model (its intercept and
// coefficients over the shipped bins, and its held-out AUC and KS) in
// credit_models; it decides nothing until an operator activates it, which
// appends a credit_model_activations row. The newest activation is the
// active model; with none, the default model shipped with shrimp decides.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "credit/scorecard.h"
#include "credit/training.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::credit {

inline constexpr size_t kModelVersionBytesMax = 64;

struct StoredModel {
  std::string version;
  int64_t auc_ppm = 0;  // on held-out data, parts per million
  int64_t ks_ppm = 0;
  int64_t examples = 0;
  int64_t created_at_ms = 0;
  bool active = false;
};

std::vector<store::Migration> ModelMigrations();

// The coefficients as JSON, and back onto the default model's bins.
std::string ModelJson(const Model& model);
[[nodiscard]] Result<Model> ModelFromJson(const std::string& version, const std::string& json);

// Errors: invalid_field (version), model_exists (kConflict).
[[nodiscard]] Status SaveModel(store::Connection& connection, const Model& model,
                               const Evaluation& held_out, int64_t examples, int64_t now_ms);
// Errors: model_not_found.
[[nodiscard]] Result<Model> LoadModel(store::Connection& connection, const std::string& version);
[[nodiscard]] Status RecordActivation(store::Connection& connection, const std::string& version,
                                      int64_t now_ms);
// The newest activation's version, if any.
[[nodiscard]] Result<std::optional<std::string>> ActiveVersion(store::Connection& connection);
// Newest first, at most 100.
[[nodiscard]] Result<std::vector<StoredModel>> ListModels(store::Connection& connection);

}  // namespace shrimp::credit
