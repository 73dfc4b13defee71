// StaticFiles: answers GET requests for the files of a built web app (the
// Vite output in web/dist) from one directory, without ever reading outside
// it. Used by api/web_api.cc; knows nothing about routes.
//
// Only plain file names are served ("index-3f2a.js"): a name with a path
// separator, a leading dot, or a character outside [A-Za-z0-9._-] is refused,
// so no request can climb out of the directory however it is encoded. Files
// are read on every request (the OS caches them), so rebuilding the web app
// needs no server restart. Thread-safe: it holds only immutable paths.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "http/request.h"

namespace shrimp::http {

// Bound on one served file; the web app's chunks are far smaller.
inline constexpr size_t kStaticFileBytesMax = 8 << 20;

// The Content-Type for a file name by its extension; octet-stream if unknown.
std::string_view ContentTypeFor(std::string_view file_name);

// True for a single, plain file name that cannot name a parent or hidden file.
bool IsSafeFileName(std::string_view file_name);

class StaticFiles {
 public:
  // `root` is the directory holding index.html and assets/.
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}

  const std::string& root() const { return root_; }

  // index.html, revalidated on every load so a new build is picked up at once.
  Response Index() const;
  // A content-hashed file from assets/: cached for a year as immutable.
  Response Asset(std::string_view file_name) const;
  // A file at the root (favicon.svg, robots.txt), cached briefly.
  Response RootFile(std::string_view file_name) const;

 private:
  Response Serve(const std::string& path, std::string_view file_name,
                 std::string_view cache_control) const;

  std::string root_;
};

}  // namespace shrimp::http
