// The web app (storefront, merchant console, operator view), served by the
// same server as the API so `shrimp serve` needs nothing in front of it.
//
//   GET /                 index.html (no-cache)
//   GET /assets/{file}    the content-hashed bundles Vite builds (immutable)
//   GET /<anything else>  client routes such as /shops/12 answer index.html and
//                         the app routes in the browser; a single-segment name
//                         with an extension (/favicon.svg) is a root file.
//
// Paths under /api/, /assets/ and /images/ never fall back to index.html: a
// missing API route or file must stay a 404 that a client can see.
#include "api/app.h"
#include "http/static_files.h"

namespace shrimp::api {
namespace {

bool IsClientRoute(std::string_view path) {
  for (std::string_view reserved : {"/api/", "/assets/", "/images/"}) {
    if (path.starts_with(reserved)) return false;
  }
  return true;
}

http::Response Fallback(const http::StaticFiles& files, const http::Request& request) {
  std::string_view path = request.path;
  std::string_view last = path.substr(path.rfind('/') + 1);
  bool single_segment = path.find('/', 1) == std::string_view::npos;
  if (last.find('.') != std::string_view::npos) {
    // A file name, not a client route: serve it from the root if it exists.
    if (single_segment) return files.RootFile(last);
    return http::ErrorResponse(404, "not_found", "no such file");
  }
  return files.Index();
}

}  // namespace

void RegisterWebRoutes(App& app) {
  const std::string& web_dir = app.options().web_dir;
  if (web_dir.empty()) return;
  auto files = std::make_shared<const http::StaticFiles>(web_dir);
  http::Router& router = app.router();
  router.AddSync("GET", "/", [files](const http::Request&) { return files->Index(); },
                 {.summary = "The web app (index.html)", .tag = "web"});
  router.AddSync("GET", "/assets/{file}",
                 [files](const http::Request& request) {
                   return files->Asset(request.Param("file"));
                 },
                 {.summary = "A content-hashed web app file", .tag = "web"});
  router.SetGetFallback(IsClientRoute, [files](const http::Request& request) {
    return Fallback(*files, request);
  });
}

}  // namespace shrimp::api
