#include "credit/model_store.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

namespace shrimp::credit {

std::vector<store::Migration> ModelMigrations() {
  return {{"credit", 2, "trained credit models and their activations",
           R"sql(
CREATE TABLE credit_models (
  version TEXT PRIMARY KEY,
  model TEXT NOT NULL,
  auc_ppm INTEGER NOT NULL,
  ks_ppm INTEGER NOT NULL,
  examples INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE credit_model_activations (
  id INTEGER PRIMARY KEY,
  version TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
)sql"}};
}

std::string ModelJson(const Model& model) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("intercept");
  writer.Double(model.intercept);
  writer.Key("coefficients");
  writer.StartArray();
  for (double coefficient : model.coefficients) writer.Double(coefficient);
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<Model> ModelFromJson(const std::string& version, const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str(), json.size());
  Model model = DefaultModel();
  model.version = version;
  if (!document.IsObject() || !document.HasMember("intercept") ||
      !document["intercept"].IsNumber() || !document.HasMember("coefficients") ||
      !document["coefficients"].IsArray() ||
      document["coefficients"].Size() != model.coefficients.size()) {
    return InvalidArgument("invalid_model", "stored model " + version + " is malformed");
  }
  model.intercept = document["intercept"].GetDouble();
  for (rapidjson::SizeType index = 0; index < document["coefficients"].Size(); ++index) {
    if (!document["coefficients"][index].IsNumber()) {
      return InvalidArgument("invalid_model", "stored model " + version + " is malformed");
    }
    model.coefficients[index] = document["coefficients"][index].GetDouble();
  }
  SHRIMP_RETURN_IF_ERROR(Validate(model));
  return model;
}

Status SaveModel(store::Connection& connection, const Model& model, const Evaluation& held_out,
                 int64_t examples, int64_t now_ms) {
  if (model.version.empty() || model.version.size() > kModelVersionBytesMax) {
    return InvalidArgument("invalid_field", "a model version has 1 to 64 bytes")
        .With("field", "version");
  }
  SHRIMP_RETURN_IF_ERROR(Validate(model));
  {
    store::Query exists(connection, "SELECT count(*) FROM credit_models WHERE version = ?");
    exists.Bind(model.version);
    SHRIMP_ASSIGN_OR_RETURN(auto count, exists.ScalarInt());
    if (count.value_or(0) > 0) {
      return Conflict("model_exists", "a model named " + model.version + " exists already");
    }
  }
  store::Query insert(connection,
                      "INSERT INTO credit_models (version, model, auc_ppm, ks_ppm, examples,"
                      " created_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.Bind(model.version, ModelJson(model),
              static_cast<int64_t>(std::llround(held_out.auc * 1e6)),
              static_cast<int64_t>(std::llround(held_out.ks * 1e6)), examples, now_ms);
  return insert.Run();
}

Result<Model> LoadModel(store::Connection& connection, const std::string& version) {
  store::Query query(connection, "SELECT model FROM credit_models WHERE version = ?");
  query.Bind(version);
  if (!query.Next()) {
    SHRIMP_RETURN_IF_ERROR(query.status());
    return NotFound("model_not_found", "no trained model named " + version);
  }
  return ModelFromJson(version, query.Text(0));
}

Status RecordActivation(store::Connection& connection, const std::string& version, int64_t now_ms) {
  store::Query insert(connection,
                      "INSERT INTO credit_model_activations (version, created_at) VALUES (?, ?)");
  insert.Bind(version, now_ms);
  return insert.Run();
}

Result<std::optional<std::string>> ActiveVersion(store::Connection& connection) {
  store::Query query(connection,
                     "SELECT version FROM credit_model_activations ORDER BY id DESC LIMIT 1");
  if (!query.Next()) {
    SHRIMP_RETURN_IF_ERROR(query.status());
    return std::optional<std::string>();
  }
  return std::optional<std::string>(query.Text(0));
}

Result<std::vector<StoredModel>> ListModels(store::Connection& connection) {
  SHRIMP_ASSIGN_OR_RETURN(auto active, ActiveVersion(connection));
  store::Query query(connection,
                     "SELECT version, auc_ppm, ks_ppm, examples, created_at FROM credit_models"
                     " ORDER BY created_at DESC, version LIMIT 100");
  std::vector<StoredModel> models;
  while (query.Next()) {
    StoredModel model;
    model.version = query.Text(0);
    model.auc_ppm = query.Int(1);
    model.ks_ppm = query.Int(2);
    model.examples = query.Int(3);
    model.created_at_ms = query.Int(4);
    model.active = active && *active == model.version;
    models.push_back(std::move(model));
  }
  SHRIMP_RETURN_IF_ERROR(query.status());
  return models;
}

}  // namespace shrimp::credit
