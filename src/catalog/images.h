// Product images: the bytes are checked (the type is read from the file's
// own signature, never trusted from the client), stored under
// <data>/images/ with a random name, and served back by that name.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace shrimp::catalog {

inline constexpr size_t kImageBytesMax = 5u << 20;
inline constexpr size_t kImageBytesMin = 16;

struct ImageType {
  std::string_view content_type;  // "image/png"
  std::string_view extension;     // "png"
};

// The type from the file's signature: PNG, JPEG or WebP; nullopt otherwise.
std::optional<ImageType> DetectImageType(std::string_view bytes);

// The type for a served file's extension; nullopt for anything else.
std::optional<ImageType> ImageTypeForName(std::string_view file_name);

// True for a name SaveImage could have produced: 32 hex digits, a dot, a
// known extension. Nothing else is ever opened.
bool IsImageFileName(std::string_view file_name);

// Validates `bytes` against `declared_type` (the request's Content-Type) and
// writes them to `directory` under a fresh random name, which it returns.
// Errors: image_too_large (kTooLarge), image_empty, unsupported_image_type,
// image_type_mismatch.
Result<std::string> SaveImage(const std::string& directory, std::string_view declared_type,
                              std::string_view bytes);

// Reads a stored image; nullopt when it does not exist.
Result<std::optional<std::string>> ReadImage(const std::string& directory,
                                             std::string_view file_name);

}  // namespace shrimp::catalog
