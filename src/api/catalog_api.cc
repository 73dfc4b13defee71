// /api/v1/categories, /api/v1/shops, /api/v1/products, /api/v1/skus and
// /images: the catalogue. Writes run as writer jobs (api/write_path.h);
// reads use the read pool, stock comes from the StockBook.
#include <memory>

#include "api/app.h"
#include "api/auth.h"
#include "api/catalog_json.h"
#include "api/reputation_json.h"
#include "api/respond.h"
#include "api/write_path.h"
#include "catalog/catalog_lookup.h"
#include "catalog/images.h"

namespace shrimp::api {
namespace {

using catalog::Product;
using catalog::Shop;

// Raw image bytes plus room for nothing else: the route's body limit.
inline constexpr size_t kImageUploadBytesMax = catalog::kImageBytesMax + 1024;

catalog::Actor ActorOf(const accounts::Principal& principal) {
  return catalog::Actor{principal.user_id, principal.is_operator()};
}

catalog::Actor ActorOf(const std::optional<accounts::Principal>& principal) {
  return principal ? ActorOf(*principal) : catalog::Actor{};
}

http::Response ShopReply(int status, const Shop& shop) {
  http::JsonWriter json;
  WriteShop(json, shop);
  return JsonReply(status, json.Take());
}

http::Response ProductReply(int status, const Product& product) {
  http::JsonWriter json;
  WriteProduct(json, product);
  return JsonReply(status, json.Take());
}

http::Response ProductPageReply(const catalog::ProductPage& page) {
  http::JsonWriter json;
  json.StartObject();
  json.Key("items");
  json.StartArray();
  for (const Product& product : page.items) WriteProduct(json, product);
  json.EndArray();
  json.Key("next_after");
  if (page.next_after) {
    json.String(*page.next_after);
  } else {
    json.Null();
  }
  json.EndObject();
  return JsonReply(200, json.Take());
}

// {"size":"M","color":"red"}: string values only, bounded, re-serialised so
// what is stored is always well-formed.
Result<std::string> ParseAttrs(const rapidjson::Value* value, const std::string& path) {
  if (value == nullptr) return std::string("{}");
  if (value->MemberCount() > catalog::kSkuAttrsMax) {
    return InvalidArgument("invalid_field", "a SKU has at most 10 attributes")
        .With("field", path + "attrs");
  }
  http::JsonWriter json;
  json.StartObject();
  for (const auto& member : value->GetObject()) {
    std::string_view key(member.name.GetString(), member.name.GetStringLength());
    if (key.empty() || key.size() > catalog::kAttrKeyLengthMax) {
      return InvalidArgument("invalid_field", "attribute names are 1 to 40 characters")
          .With("field", path + "attrs");
    }
    if (!member.value.IsString() || member.value.GetStringLength() == 0 ||
        member.value.GetStringLength() > catalog::kAttrValueLengthMax) {
      return InvalidArgument("invalid_field", "attribute values are strings of 1 to 100 characters")
          .With("field", path + "attrs." + std::string(key));
    }
    json.Key(key);
    json.String(std::string_view(member.value.GetString(), member.value.GetStringLength()));
  }
  json.EndObject();
  return json.Take();
}

Result<catalog::SkuDraft> ParseSkuDraft(http::JsonObject& object) {
  catalog::SkuDraft draft;
  SHRIMP_ASSIGN_OR_RETURN(draft.price, object.Money("price"));
  SHRIMP_ASSIGN_OR_RETURN(auto stock, object.OptionalInt("stock", 0, catalog::kStockMax));
  draft.stock = stock.value_or(0);
  SHRIMP_ASSIGN_OR_RETURN(auto weight,
                          object.OptionalInt("weight_grams", catalog::kSkuWeightGramsMin,
                                             catalog::kSkuWeightGramsMax));
  draft.weight_grams = weight.value_or(catalog::kSkuWeightGramsDefault);
  SHRIMP_ASSIGN_OR_RETURN(const rapidjson::Value* attrs, object.Object("attrs", false));
  SHRIMP_ASSIGN_OR_RETURN(draft.attrs_json, ParseAttrs(attrs, object.path()));
  SHRIMP_RETURN_IF_ERROR(object.Finish());
  return draft;
}

Result<catalog::ProductDraft> ParseProductDraft(http::JsonObject& body) {
  catalog::ProductDraft draft;
  SHRIMP_ASSIGN_OR_RETURN(draft.title, body.String("title", 1, catalog::kTitleLengthMax));
  SHRIMP_ASSIGN_OR_RETURN(auto description,
                          body.OptionalString("description", 0, catalog::kDescriptionLengthMax));
  draft.description = description.value_or("");
  SHRIMP_ASSIGN_OR_RETURN(draft.category_slug,
                          body.String("category", 1, catalog::kCategorySlugLengthMax));
  SHRIMP_ASSIGN_OR_RETURN(auto status, body.OptionalString("status", 1, 20));
  draft.status = status.value_or("published");
  SHRIMP_ASSIGN_OR_RETURN(const rapidjson::Value* skus,
                          body.Array("skus", true, catalog::kSkusPerProductMax));
  if (skus->Empty()) {
    return InvalidArgument("invalid_field", "a product needs at least one SKU")
        .With("field", "skus");
  }
  int index = 0;
  for (const auto& value : skus->GetArray()) {
    std::string path = "skus[" + std::to_string(index++) + "].";
    if (!value.IsObject()) {
      return InvalidArgument("wrong_type", path + " must be an object").With("field", path);
    }
    http::JsonObject object(&value, path);
    SHRIMP_ASSIGN_OR_RETURN(auto sku, ParseSkuDraft(object));
    draft.skus.push_back(std::move(sku));
  }
  SHRIMP_RETURN_IF_ERROR(body.Finish());
  return draft;
}

Result<catalog::ProductPatch> ParseProductPatch(http::JsonObject& body) {
  catalog::ProductPatch patch;
  SHRIMP_ASSIGN_OR_RETURN(patch.title, body.OptionalString("title", 1, catalog::kTitleLengthMax));
  SHRIMP_ASSIGN_OR_RETURN(patch.description,
                          body.OptionalString("description", 0, catalog::kDescriptionLengthMax));
  SHRIMP_ASSIGN_OR_RETURN(patch.category_slug,
                          body.OptionalString("category", 1, catalog::kCategorySlugLengthMax));
  SHRIMP_ASSIGN_OR_RETURN(patch.status, body.OptionalString("status", 1, 20));
  SHRIMP_RETURN_IF_ERROR(body.Finish());
  return patch;
}

Result<catalog::SkuPatch> ParseSkuPatch(http::JsonObject& body) {
  catalog::SkuPatch patch;
  SHRIMP_ASSIGN_OR_RETURN(patch.price, body.OptionalMoney("price"));
  SHRIMP_ASSIGN_OR_RETURN(patch.stock, body.OptionalInt("stock", 0, catalog::kStockMax));
  SHRIMP_ASSIGN_OR_RETURN(patch.weight_grams,
                          body.OptionalInt("weight_grams", catalog::kSkuWeightGramsMin,
                                           catalog::kSkuWeightGramsMax));
  SHRIMP_ASSIGN_OR_RETURN(const rapidjson::Value* attrs, body.Object("attrs", false));
  if (attrs != nullptr) {
    SHRIMP_ASSIGN_OR_RETURN(patch.attrs_json, ParseAttrs(attrs, ""));
  }
  SHRIMP_RETURN_IF_ERROR(body.Finish());
  return patch;
}

// Parses a JSON body with `parse`, then submits `apply(parsed)` as a write.
template <class T, class Parse, class Apply, class Render>
void ParsedWrite(App& app, const http::RequestPtr& request, http::Reply reply,
                 const accounts::Principal& principal, Parse&& parse, Apply&& apply,
                 Render&& render) {
  auto body = http::JsonObject::Parse(request->body);
  if (!body.ok()) return reply(ErrorReply(body.error()));
  auto parsed = parse(*body);
  if (!parsed.ok()) return reply(ErrorReply(parsed.error()));
  SubmitWrite<T>(
      app, request, std::move(reply), IdempotencyScope(principal),
      [apply = std::forward<Apply>(apply), parsed = std::move(*parsed)](
          store::Connection& connection) { return apply(connection, parsed); },
      std::forward<Render>(render));
}

// ------------------------------------------------------------------ categories

void RegisterCategoryRoutes(App& app, std::shared_ptr<catalog::CategoryService> categories) {
  http::Router& router = app.router();
  router.AddSync("GET", "/api/v1/categories",
                 [categories](const http::Request&) {
                   auto listed = categories->List();
                   if (!listed.ok()) return ErrorReply(listed.error());
                   http::JsonWriter json;
                   json.StartObject();
                   json.Key("items");
                   json.StartArray();
                   for (const auto& category : *listed) WriteCategory(json, category);
                   json.EndArray();
                   json.EndObject();
                   return JsonReply(200, json.Take());
                 },
                 {.summary = "The category tree, ordered by path", .tag = "catalog"});
  router.Add("POST", "/api/v1/categories",
             [&app, categories](http::RequestPtr request, http::Reply reply) {
               auto principal = RequireUser(app, *request);
               if (!principal.ok()) return reply(ErrorReply(principal.error()));
               auto body = http::JsonObject::Parse(request->body);
               if (!body.ok()) return reply(ErrorReply(body.error()));
               auto slug = body->String("slug", 1, catalog::kCategorySlugLengthMax);
               if (!slug.ok()) return reply(ErrorReply(slug.error()));
               auto name = body->String("name", 1, catalog::kCategoryNameLengthMax * 4);
               if (!name.ok()) return reply(ErrorReply(name.error()));
               auto parent = body->OptionalString("parent", 1, catalog::kCategorySlugLengthMax);
               if (!parent.ok()) return reply(ErrorReply(parent.error()));
               if (auto finished = body->Finish(); !finished.ok())
                 return reply(ErrorReply(finished.error()));
               categories->Create(ActorOf(*principal), *slug, *name, *parent,
                                  [reply = std::move(reply)](Result<catalog::Category> created) {
                                    if (!created.ok()) return reply(ErrorReply(created.error()));
                                    http::JsonWriter json;
                                    WriteCategory(json, *created);
                                    reply(JsonReply(201, json.Take()));
                                  });
             },
             {.summary = "Operator: add a category",
              .tag = "catalog",
              .auth = true,
              .request_example = R"({"slug":"green-tea","name":"Green tea","parent":"tea"})"});
}

// ------------------------------------------------------------------ shops

void CreateShop(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    int64_t owner_id = principal.user_id;
    ParsedWrite<Shop>(
        app, request, std::move(reply), principal,
        [](http::JsonObject& body) -> Result<catalog::ShopDraft> {
          catalog::ShopDraft draft;
          SHRIMP_ASSIGN_OR_RETURN(draft.name, body.String("name", 1, catalog::kShopNameLengthMax));
          SHRIMP_ASSIGN_OR_RETURN(draft.city, body.String("city", 1, catalog::kCityLengthMax));
          SHRIMP_ASSIGN_OR_RETURN(draft.country, body.String("country", 2, 2));
          SHRIMP_ASSIGN_OR_RETURN(draft.currency, body.String("currency", 3, 3));
          SHRIMP_ASSIGN_OR_RETURN(auto description,
                                  body.OptionalString("description", 0,
                                                      catalog::kShopDescriptionLengthMax));
          draft.description = description.value_or("");
          SHRIMP_RETURN_IF_ERROR(body.Finish());
          return draft;
        },
        [&app, owner_id](store::Connection& connection,
                         const catalog::ShopDraft& draft) -> Result<Shop> {
          SHRIMP_ASSIGN_OR_RETURN(Shop shop, catalog::CreateShop(connection, owner_id, draft,
                                                                 app.clock().NowMs()));
          SHRIMP_RETURN_IF_ERROR(app.accounts().PromoteToMerchant(connection, owner_id));
          return shop;
        },
        [](const Shop& shop) { return ShopReply(201, shop); });
  });
}

void UpdateShop(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto shop_id = PathId(*request, "id");
    if (!shop_id.ok()) return reply(ErrorReply(shop_id.error()));
    catalog::Actor actor = ActorOf(principal);
    ParsedWrite<Shop>(
        app, request, std::move(reply), principal,
        [](http::JsonObject& body) -> Result<catalog::ShopPatch> {
          catalog::ShopPatch patch;
          SHRIMP_ASSIGN_OR_RETURN(patch.name,
                                  body.OptionalString("name", 1, catalog::kShopNameLengthMax));
          SHRIMP_ASSIGN_OR_RETURN(patch.city,
                                  body.OptionalString("city", 1, catalog::kCityLengthMax));
          SHRIMP_ASSIGN_OR_RETURN(patch.description,
                                  body.OptionalString("description", 0,
                                                      catalog::kShopDescriptionLengthMax));
          SHRIMP_RETURN_IF_ERROR(body.Finish());
          return patch;
        },
        [&app, actor, id = *shop_id](store::Connection& connection,
                                     const catalog::ShopPatch& patch) {
          return catalog::UpdateShop(connection, actor, id, patch, app.clock().NowMs());
        },
        [](const Shop& shop) { return ShopReply(200, shop); });
  });
}

http::Response GetShop(App& app, const http::Request& request) {
  auto shop_id = PathId(request, "id");
  if (!shop_id.ok()) return ErrorReply(shop_id.error());
  auto shop = app.db().Read(
      [&](store::Connection& connection) { return catalog::LoadShop(connection, *shop_id); });
  if (!shop.ok()) return ErrorReply(shop.error());
  if (!*shop) return ErrorReply(NotFound("shop_not_found", "no shop has this id"));
  http::JsonWriter json;
  WriteShop(json, **shop, [&](http::JsonWriter& out) {
    out.Key("reputation");
    WriteReputation(out, app.reputation(), (*shop)->id, app.clock().NowMs(), true);
  });
  return JsonReply(200, json.Take());
}

http::Response ListShops(App& app, const http::Request& request) {
  auto page = ParsePage(request);
  if (!page.ok()) return ErrorReply(page.error());
  catalog::ShopFilter filter;
  filter.after_id = page->after;
  filter.limit = page->limit;
  if (auto city = request.Query("city"); city && !city->empty()) filter.city = std::string(*city);
  if (auto country = request.Query("country"); country && !country->empty()) {
    filter.country = std::string(*country);
  }
  if (auto owner = request.Query("owner"); owner && !owner->empty()) {
    if (*owner != "me") {
      return ErrorReply(
          InvalidArgument("invalid_query", "owner may only be \"me\"").With("field", "owner"));
    }
    auto principal = RequireUser(app, request);
    if (!principal.ok()) return ErrorReply(principal.error());
    filter.owner_id = principal->user_id;
  }
  auto shops = app.db().Read(
      [&](store::Connection& connection) { return catalog::ListShops(connection, filter); });
  if (!shops.ok()) return ErrorReply(shops.error());
  bool more = static_cast<int64_t>(shops->size()) > filter.limit;
  if (more) shops->resize(filter.limit);
  int64_t now_ms = app.clock().NowMs();
  return PageReply(*shops, more, [&](http::JsonWriter& json, const Shop& shop) {
    WriteShop(json, shop, [&](http::JsonWriter& out) {
      out.Key("reputation");
      WriteReputation(out, app.reputation(), shop.id, now_ms, false);
    });
  });
}

// ------------------------------------------------------------------ products

void CreateProduct(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto shop_id = PathId(*request, "id");
    if (!shop_id.ok()) return reply(ErrorReply(shop_id.error()));
    catalog::Actor actor = ActorOf(principal);
    ParsedWrite<Product>(
        app, request, std::move(reply), principal, ParseProductDraft,
        [&app, actor, id = *shop_id](store::Connection& connection,
                                     const catalog::ProductDraft& draft) {
          return app.products().Create(connection, actor, id, draft, app.clock().NowMs());
        },
        [](const Product& product) { return ProductReply(201, product); });
  });
}

void UpdateProduct(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto product_id = PathId(*request, "id");
    if (!product_id.ok()) return reply(ErrorReply(product_id.error()));
    catalog::Actor actor = ActorOf(principal);
    ParsedWrite<Product>(
        app, request, std::move(reply), principal, ParseProductPatch,
        [&app, actor, id = *product_id](store::Connection& connection,
                                        const catalog::ProductPatch& patch) {
          return app.products().Update(connection, actor, id, patch, app.clock().NowMs());
        },
        [](const Product& product) { return ProductReply(200, product); });
  });
}

void DeleteProduct(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto product_id = PathId(*request, "id");
    if (!product_id.ok()) return reply(ErrorReply(product_id.error()));
    catalog::Actor actor = ActorOf(principal);
    SubmitWrite<Ok>(
        app, request, std::move(reply), IdempotencyScope(principal),
        [&app, actor, id = *product_id](store::Connection& connection) -> Result<Ok> {
          SHRIMP_RETURN_IF_ERROR(app.products().Delete(connection, actor, id, app.clock().NowMs()));
          return Ok{};
        },
        [](const Ok&) {
          http::Response response;
          response.status = 204;
          return response;
        });
  });
}

void AddSku(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto product_id = PathId(*request, "id");
    if (!product_id.ok()) return reply(ErrorReply(product_id.error()));
    catalog::Actor actor = ActorOf(principal);
    ParsedWrite<Product>(
        app, request, std::move(reply), principal, ParseSkuDraft,
        [&app, actor, id = *product_id](store::Connection& connection,
                                        const catalog::SkuDraft& draft) {
          return app.products().AddSku(connection, actor, id, draft, app.clock().NowMs());
        },
        [](const Product& product) { return ProductReply(201, product); });
  });
}

void UpdateSku(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto sku_id = PathId(*request, "id");
    if (!sku_id.ok()) return reply(ErrorReply(sku_id.error()));
    catalog::Actor actor = ActorOf(principal);
    ParsedWrite<Product>(
        app, request, std::move(reply), principal, ParseSkuPatch,
        [&app, actor, id = *sku_id](store::Connection& connection, const catalog::SkuPatch& patch) {
          return app.products().UpdateSku(connection, actor, id, patch, app.clock().NowMs());
        },
        [](const Product& product) { return ProductReply(200, product); });
  });
}

void RetireSku(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto sku_id = PathId(*request, "id");
    if (!sku_id.ok()) return reply(ErrorReply(sku_id.error()));
    catalog::Actor actor = ActorOf(principal);
    SubmitWrite<Product>(
        app, request, std::move(reply), IdempotencyScope(principal),
        [&app, actor, id = *sku_id](store::Connection& connection) {
          return app.products().RetireSku(connection, actor, id, app.clock().NowMs());
        },
        [](const Product& product) { return ProductReply(200, product); });
  });
}

http::Response GetProduct(App& app, const http::Request& request) {
  auto product_id = PathId(request, "id");
  if (!product_id.ok()) return ErrorReply(product_id.error());
  auto viewer = OptionalUser(app, request);
  if (!viewer.ok()) return ErrorReply(viewer.error());
  auto product = app.db().Read([&](store::Connection& connection) {
    return app.products().Get(connection, ActorOf(*viewer), *product_id);
  });
  if (!product.ok()) return ErrorReply(product.error());
  if (!*product) return ErrorReply(NotFound("product_not_found", "no product has this id"));
  return ProductReply(200, **product);
}

Result<catalog::ProductQuery> ParseProductQuery(App& app, const http::Request& request) {
  catalog::ProductQuery query;
  auto limit = QueryInt(request, "limit", 1, kPageSizeMax);
  SHRIMP_RETURN_IF_ERROR(limit.status());
  query.limit = limit->value_or(kPageSizeDefault);
  query.after = std::string(request.Query("after").value_or(""));
  auto text = request.Query("q");
  if (text && !text->empty()) {
    if (text->size() > catalog::kTitleLengthMax) {
      return InvalidArgument("invalid_query", "q is at most 200 characters").With("field", "q");
    }
    query.text = std::string(*text);
  }
  SHRIMP_ASSIGN_OR_RETURN(query.price_min, QueryInt(request, "min_price", 0, kAmountMax));
  SHRIMP_ASSIGN_OR_RETURN(query.price_max, QueryInt(request, "max_price", 0, kAmountMax));
  if (auto currency = request.Query("currency"); currency && !currency->empty()) {
    query.currency = std::string(*currency);
  }
  if (auto city = request.Query("city"); city && !city->empty()) query.city = std::string(*city);
  if (auto country = request.Query("country"); country && !country->empty()) {
    query.country = std::string(*country);
  }
  std::string_view sort = request.Query("sort").value_or("newest");
  if (sort == "price_asc") {
    query.sort = catalog::ProductSort::kPriceAscending;
  } else if (sort == "price_desc") {
    query.sort = catalog::ProductSort::kPriceDescending;
  } else if (sort != "newest") {
    return InvalidArgument("invalid_query", "sort is newest, price_asc or price_desc")
        .With("field", "sort");
  }
  if (auto slug = request.Query("category"); slug && !slug->empty()) {
    SHRIMP_ASSIGN_OR_RETURN(auto category, app.db().Read([&](store::Connection& connection) {
      return catalog::CategoryService::FindBySlug(connection, *slug);
    }));
    if (!category) {
      return InvalidArgument("unknown_category", "no category has this slug")
          .With("field", "category");
    }
    query.category_id = category->id;
  }
  return query;
}

http::Response SearchProducts(App& app, const http::Request& request) {
  auto query = ParseProductQuery(app, request);
  if (!query.ok()) return ErrorReply(query.error());
  auto page = app.db().Read(
      [&](store::Connection& connection) { return app.products().Search(connection, *query); });
  return page.ok() ? ProductPageReply(*page) : ErrorReply(page.error());
}

http::Response ListShopProducts(App& app, const http::Request& request) {
  auto shop_id = PathId(request, "id");
  if (!shop_id.ok()) return ErrorReply(shop_id.error());
  auto viewer = OptionalUser(app, request);
  if (!viewer.ok()) return ErrorReply(viewer.error());
  auto query = ParseProductQuery(app, request);
  if (!query.ok()) return ErrorReply(query.error());
  query->shop_id = *shop_id;
  auto page = app.db().Read([&](store::Connection& connection) -> Result<catalog::ProductPage> {
    SHRIMP_ASSIGN_OR_RETURN(auto owner, catalog::LoadShopOwner(connection, *shop_id));
    if (!owner) return NotFound("shop_not_found", "no shop has this id");
    catalog::Actor actor = ActorOf(*viewer);
    // The shop's merchant manages drafts here too; everyone else sees what is for sale.
    query->include_drafts = actor.is_operator || (!actor.anonymous() && actor.user_id == *owner);
    return app.products().Search(connection, *query);
  });
  return page.ok() ? ProductPageReply(*page) : ErrorReply(page.error());
}

// ------------------------------------------------------------------ images

void UploadImage(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto product_id = PathId(*request, "id");
    if (!product_id.ok()) return reply(ErrorReply(product_id.error()));
    std::string directory = app.options().data_dir + "/images";
    // The file is written before the job (no disk I/O on the writer thread)
    // and removed again if the job refuses it.
    auto saved = catalog::SaveImage(directory, request->Header("content-type"), request->body);
    if (!saved.ok()) return reply(ErrorReply(saved.error()));
    catalog::ProductImage image;
    image.file_name = *saved;
    image.content_type = std::string(catalog::ImageTypeForName(*saved)->content_type);
    image.size_bytes = static_cast<int64_t>(request->body.size());
    catalog::Actor actor = ActorOf(principal);
    std::string path = directory + "/" + *saved;
    SubmitWrite<catalog::ProductImage>(
        app, request,
        [reply = std::move(reply), path](http::Response response) {
          if (response.status >= 300) std::remove(path.c_str());
          reply(std::move(response));
        },
        IdempotencyScope(principal),
        [&app, actor, id = *product_id, image](store::Connection& connection) {
          return app.products().AddImage(connection, actor, id, image, app.clock().NowMs());
        },
        [](const catalog::ProductImage& stored) {
          http::JsonWriter json;
          json.StartObject();
          json.Field("id", stored.id);
          json.Field("url", ImageUrl(stored.file_name));
          json.Field("content_type", stored.content_type);
          json.Field("size_bytes", stored.size_bytes);
          json.EndObject();
          return JsonReply(201, json.Take());
        });
  });
}

http::Response ServeImage(App& app, const http::Request& request) {
  std::string_view name = request.Param("name");
  auto bytes = catalog::ReadImage(app.options().data_dir + "/images", name);
  if (!bytes.ok()) return ErrorReply(bytes.error());
  if (!*bytes) return ErrorReply(NotFound("image_not_found", "no image has this name"));
  http::Response response;
  response.content_type = std::string(catalog::ImageTypeForName(name)->content_type);
  response.body = std::move(**bytes);
  // Names are random and never reused: the bytes behind one never change.
  response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  response.headers.emplace_back("ETag", "\"" + std::string(name) + "\"");
  return response;
}

}  // namespace

void RegisterCatalogRoutes(App& app) {
  auto categories = std::make_shared<catalog::CategoryService>(app.db(), app.writer(), app.clock());
  RegisterCategoryRoutes(app, categories);
  http::Router& router = app.router();
  auto async = [&app](void (*handler)(App&, http::RequestPtr, http::Reply)) {
    return [&app, handler](http::RequestPtr request, http::Reply reply) {
      handler(app, std::move(request), std::move(reply));
    };
  };
  auto sync = [&app](http::Response (*handler)(App&, const http::Request&)) {
    return [&app, handler](const http::Request& request) { return handler(app, request); };
  };
  router.Add(
      "POST", "/api/v1/shops", async(CreateShop),
      {.summary = "Open a shop; the caller becomes its merchant",
       .tag = "catalog",
       .auth = true,
       .idempotent_key = true,
       .request_example =
           R"({"name":"West Lake Tea","city":"Hangzhou","country":"CN","currency":"CNY","description":"Longjing from the hills"})"});
  router.AddSync("GET", "/api/v1/shops", sync(ListShops),
                 {.summary = "Shops by id; ?city=, ?country=, ?owner=me, ?after=, ?limit=",
                  .tag = "catalog"});
  router.AddSync("GET", "/api/v1/shops/{id}", sync(GetShop),
                 {.summary = "One shop", .tag = "catalog"});
  router.Add("PATCH", "/api/v1/shops/{id}", async(UpdateShop),
             {.summary = "Merchant: change name, city or description",
              .tag = "catalog",
              .auth = true,
              .request_example = R"({"description":"Now with oolong"})"});
  router.Add(
      "POST", "/api/v1/shops/{id}/products", async(CreateProduct),
      {.summary = "Merchant: add a product with its SKUs",
       .tag = "catalog",
       .auth = true,
       .idempotent_key = true,
       .request_example =
           R"({"title":"Longjing green tea 250 g","description":"Spring harvest","category":"tea","skus":[{"price":{"amount":8800,"currency":"CNY"},"stock":40,"attrs":{"weight":"250 g"}}]})"});
  router.AddSync("GET", "/api/v1/shops/{id}/products", sync(ListShopProducts),
                 {.summary =
                      "A shop's products (its merchant also sees drafts); filters as /products",
                  .tag = "catalog"});
  router.AddSync("GET", "/api/v1/products", sync(SearchProducts),
                 {.summary =
                      "Published products; ?q=, ?category=, ?min_price=, ?max_price=, ?currency=, "
                      "?city=, ?country=, ?sort=newest|price_asc|price_desc, ?after=, ?limit=",
                  .tag = "catalog"});
  router.AddSync("GET", "/api/v1/products/{id}", sync(GetProduct),
                 {.summary = "A product with its SKUs, stock and images", .tag = "catalog"});
  router.Add("PATCH", "/api/v1/products/{id}", async(UpdateProduct),
             {.summary = "Merchant: change title, description, category or status",
              .tag = "catalog",
              .auth = true,
              .request_example = R"({"status":"draft"})"});
  router.Add("DELETE", "/api/v1/products/{id}", async(DeleteProduct),
             {.summary = "Merchant: delete a product (past orders keep it)",
              .tag = "catalog",
              .auth = true});
  router.Add(
      "POST", "/api/v1/products/{id}/skus", async(AddSku),
      {.summary = "Merchant: add a SKU",
       .tag = "catalog",
       .auth = true,
       .request_example =
           R"({"price":{"amount":15800,"currency":"CNY"},"stock":10,"attrs":{"weight":"500 g"}})"});
  router.Add("PATCH", "/api/v1/skus/{id}", async(UpdateSku),
             {.summary = "Merchant: change a SKU's price, attributes or stock",
              .tag = "catalog",
              .auth = true,
              .request_example = R"({"stock":25})"});
  router.Add("DELETE", "/api/v1/skus/{id}", async(RetireSku),
             {.summary = "Merchant: stop selling a SKU", .tag = "catalog", .auth = true});
  router.Add("POST", "/api/v1/products/{id}/images", async(UploadImage),
             {.summary =
                  "Merchant: upload an image (raw body; Content-Type image/png, image/jpeg or "
                  "image/webp; at most 5 MiB)",
              .tag = "catalog",
              .auth = true,
              .body_bytes_max = kImageUploadBytesMax});
  router.AddSync("GET", "/images/{name}", sync(ServeImage),
                 {.summary = "A product image, cacheable for a year", .tag = "catalog"});
}

}  // namespace shrimp::api
