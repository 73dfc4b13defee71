#include "catalog/images.h"

#include <sodium.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace shrimp::catalog {
namespace {

constexpr std::array<ImageType, 3> kTypes = {{
    {"image/png", "png"},
    {"image/jpeg", "jpg"},
    {"image/webp", "webp"},
}};
constexpr size_t kRandomNameBytes = 16;

}  // namespace

std::optional<ImageType> DetectImageType(std::string_view bytes) {
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    return kTypes[0];
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xff\xd8\xff") return kTypes[1];
  if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP") {
    return kTypes[2];
  }
  return std::nullopt;
}

std::optional<ImageType> ImageTypeForName(std::string_view file_name) {
  size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view extension = file_name.substr(dot + 1);
  for (const ImageType& type : kTypes) {
    if (type.extension == extension) return type;
  }
  return std::nullopt;
}

bool IsImageFileName(std::string_view file_name) {
  size_t dot = file_name.find('.');
  if (dot != kRandomNameBytes * 2) return false;
  for (char c : file_name.substr(0, dot)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return ImageTypeForName(file_name).has_value();
}

Result<std::string> SaveImage(const std::string& directory, std::string_view declared_type,
                              std::string_view bytes) {
  if (bytes.size() > kImageBytesMax) {
    return Error{ErrorKind::kTooLarge, "image_too_large", "images are at most 5 MiB", {}};
  }
  if (bytes.size() < kImageBytesMin)
    return InvalidArgument("image_empty", "the body holds no image");
  // Parameters such as "; charset" are not part of the type.
  declared_type = declared_type.substr(0, declared_type.find(';'));
  bool known = false;
  for (const ImageType& type : kTypes) known = known || type.content_type == declared_type;
  if (declared_type == "image/jpg") known = true, declared_type = "image/jpeg";
  if (!known) {
    return InvalidArgument("unsupported_image_type",
                           "Content-Type must be image/png, image/jpeg or image/webp");
  }
  auto detected = DetectImageType(bytes);
  if (!detected || detected->content_type != declared_type) {
    return InvalidArgument("image_type_mismatch",
                           "the bytes are not a " + std::string(declared_type) + " image");
  }
  std::array<unsigned char, kRandomNameBytes> random{};
  randombytes_buf(random.data(), random.size());
  std::array<char, kRandomNameBytes * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
  std::string name = std::string(hex.data()) + "." + std::string(detected->extension);
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) return Internal("cannot create " + directory + ": " + ec.message());
  std::string path = directory + "/" + name;
  std::string temporary = path + ".part";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return Internal("cannot write " + temporary);
  }
  // Rename so a reader never sees half an image.
  std::filesystem::rename(temporary, path, ec);
  if (ec) return Internal("cannot store image: " + ec.message());
  return name;
}

Result<std::optional<std::string>> ReadImage(const std::string& directory,
                                             std::string_view file_name) {
  if (!IsImageFileName(file_name)) return std::optional<std::string>();
  std::ifstream in(directory + "/" + std::string(file_name), std::ios::binary);
  if (!in) return std::optional<std::string>();
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::optional<std::string>(bytes.str());
}

}  // namespace shrimp::catalog
