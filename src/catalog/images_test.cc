#include "catalog/images.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/test_server.h"

namespace shrimp::catalog {
namespace {

std::string Png() { return std::string("\x89PNG\r\n\x1a\n", 8) + std::string(32, 'x'); }

TEST(ImagesTest, DetectsTypesFromSignatures) {
  EXPECT_EQ(DetectImageType(Png())->content_type, "image/png");
  EXPECT_EQ(DetectImageType("\xff\xd8\xff\xe0 rest of a jpeg")->extension, "jpg");
  EXPECT_EQ(DetectImageType(std::string_view("RIFF\x10\0\0\0WEBPVP8 ", 16))->content_type,
            "image/webp");
  EXPECT_FALSE(DetectImageType("GIF89a.............").has_value());
  EXPECT_FALSE(DetectImageType("").has_value());
}

TEST(ImagesTest, OnlyGeneratedNamesAreServed) {
  EXPECT_TRUE(IsImageFileName("0123456789abcdef0123456789abcdef.png"));
  EXPECT_FALSE(IsImageFileName("../0123456789abcdef0123456789abcd.png"));
  EXPECT_FALSE(IsImageFileName("0123456789abcdef0123456789abcdef.exe"));
  EXPECT_FALSE(IsImageFileName("0123456789ABCDEF0123456789abcdef.png"));
  EXPECT_FALSE(IsImageFileName(".png"));
}

TEST(ImagesTest, SavesAndReadsBack) {
  std::string dir = testing::MakeTempDir();
  auto name = SaveImage(dir, "image/png", Png());
  ASSERT_TRUE(name.ok()) << name.error().message;
  EXPECT_TRUE(IsImageFileName(*name));
  auto read = ReadImage(dir, *name);
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read->has_value());
  EXPECT_EQ(**read, Png());
}

TEST(ImagesTest, RejectsWrongTypeAndOversize) {
  std::string dir = testing::MakeTempDir();
  EXPECT_EQ(SaveImage(dir, "image/jpeg", Png()).error().code, "image_type_mismatch");
  EXPECT_EQ(SaveImage(dir, "text/html", Png()).error().code, "unsupported_image_type");
  EXPECT_EQ(SaveImage(dir, "image/png", "").error().code, "image_empty");
  std::string big = Png() + std::string(kImageBytesMax, 'x');
  EXPECT_EQ(SaveImage(dir, "image/png", big).error().code, "image_too_large");
}

}  // namespace
}  // namespace shrimp::catalog
