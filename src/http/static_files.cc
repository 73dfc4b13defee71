#include "http/static_files.h"

#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <utility>

namespace shrimp::http {
namespace {

// Vite puts a content hash in every name under assets/, so a changed file is
// a new URL and the old one may be cached for as long as browsers allow.
constexpr std::string_view kImmutableCache = "public, max-age=31536000, immutable";
// index.html names the current hashed assets, so it must always be revalidated.
constexpr std::string_view kNoCache = "no-cache";
constexpr std::string_view kShortCache = "public, max-age=3600";

// Scripts come only from this origin; inline styles are allowed because
// components set style attributes (e.g. widths of bars).
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kContentTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
}};

Response NotFound() { return ErrorResponse(404, "not_found", "no such file"); }

}  // namespace

std::string_view ContentTypeFor(std::string_view file_name) {
  size_t dot = file_name.rfind('.');
  if (dot != std::string_view::npos) {
    std::string extension;
    for (char c : file_name.substr(dot)) {
      extension += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (const auto& [known, type] : kContentTypes) {
      if (extension == known) return type;
    }
  }
  return "application/octet-stream";
}

bool IsSafeFileName(std::string_view file_name) {
  if (file_name.empty() || file_name.size() > 255 || file_name.front() == '.') return false;
  for (char c : file_name) {
    bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
    if (!plain) return false;
  }
  return true;
}

Response StaticFiles::Index() const {
  Response response = Serve(root_ + "/index.html", "index.html", kNoCache);
  if (response.status == 200) {
    response.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
    response.headers.emplace_back("Referrer-Policy", "same-origin");
  }
  return response;
}

Response StaticFiles::Asset(std::string_view file_name) const {
  if (!IsSafeFileName(file_name)) return NotFound();
  return Serve(root_ + "/assets/" + std::string(file_name), file_name, kImmutableCache);
}

Response StaticFiles::RootFile(std::string_view file_name) const {
  if (!IsSafeFileName(file_name) || file_name == "index.html") return NotFound();
  return Serve(root_ + "/" + std::string(file_name), file_name, kShortCache);
}

Response StaticFiles::Serve(const std::string& path, std::string_view file_name,
                            std::string_view cache_control) const {
  std::error_code ec;
  // Only regular files: a directory or a device under the root is not content.
  if (!std::filesystem::is_regular_file(path, ec) || ec) return NotFound();
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return NotFound();
  if (size > kStaticFileBytesMax) {
    return ErrorResponse(500, "internal", "static file is larger than allowed");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return NotFound();
  Response response;
  response.body.resize(size);
  file.read(response.body.data(), static_cast<std::streamsize>(size));
  if (!file) return ErrorResponse(500, "internal", "cannot read static file");
  response.content_type = std::string(ContentTypeFor(file_name));
  response.headers.emplace_back("Cache-Control", std::string(cache_control));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace shrimp::http
