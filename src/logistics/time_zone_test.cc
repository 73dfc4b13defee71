#include "logistics/time_zone.h"

#include <gtest/gtest.h>

namespace shrimp::logistics {
namespace {

int64_t Utc(const char* iso) {
  auto parsed = ParseIsoMinutes(iso);
  EXPECT_TRUE(parsed.ok()) << iso;
  return parsed.ok() ? *parsed : 0;
}

TEST(TimeZone, OffsetsComeFromTzdataIncludingDaylightSaving) {
  auto paris = TimeZone::Find("Europe/Paris");
  ASSERT_TRUE(paris.ok());
  EXPECT_EQ(paris->OffsetAt(Utc("2026-01-15T12:00:00Z")), 60);
  EXPECT_EQ(paris->OffsetAt(Utc("2026-07-15T12:00:00Z")), 120);
  auto shanghai = TimeZone::Find("Asia/Shanghai");
  ASSERT_TRUE(shanghai.ok());
  EXPECT_EQ(shanghai->OffsetAt(Utc("2026-07-15T12:00:00Z")), 480);
  auto kathmandu = TimeZone::Find("Asia/Kathmandu");
  ASSERT_TRUE(kathmandu.ok());
  EXPECT_EQ(kathmandu->OffsetAt(Utc("2026-07-15T12:00:00Z")), 345);
  EXPECT_FALSE(TimeZone::Find("Mars/Olympus").ok());
  EXPECT_EQ(TimeZone::Find("Mars/Olympus").error().code, "unknown_time_zone");
}

TEST(TimeZone, SkippedAndRepeatedWallClockTimes) {
  auto paris = TimeZone::Find("Europe/Paris");
  ASSERT_TRUE(paris.ok());
  // 2026-03-29: 02:00 -> 03:00. 02:30 does not exist: it maps to the jump (01:00 UTC).
  int64_t skipped_local = Utc("2026-03-29T02:30:00Z");  // as a wall-clock count
  EXPECT_EQ(paris->ToUtc(skipped_local), Utc("2026-03-29T01:00:00Z"));
  // 2026-10-25: 03:00 -> 02:00. 02:30 happens twice: the first is 00:30 UTC.
  int64_t repeated_local = Utc("2026-10-25T02:30:00Z");
  EXPECT_EQ(paris->ToUtc(repeated_local), Utc("2026-10-25T00:30:00Z"));
  // Ordinary times round-trip.
  int64_t noon = Utc("2026-06-01T12:00:00Z");
  EXPECT_EQ(paris->ToUtc(paris->ToLocal(noon)), noon);
}

TEST(TimeZone, IsoParsingAndFormatting) {
  EXPECT_EQ(Utc("2026-11-14T10:30:00+01:00"), Utc("2026-11-14T09:30:00Z"));
  EXPECT_EQ(Utc("2026-11-14T09:30Z"), Utc("2026-11-14T09:30:00.123Z"));
  EXPECT_EQ(FormatIsoMinutes(Utc("2026-11-14T09:30:00Z")), "2026-11-14T09:30:00Z");
  EXPECT_EQ(FormatIsoMinutes(Utc("2026-11-14T09:30:00Z"), 60, false), "2026-11-14T10:30:00+01:00");
  EXPECT_EQ(FormatIsoMinutes(Utc("2026-11-14T09:30:00Z"), -300, false),
            "2026-11-14T04:30:00-05:00");
  for (const char* bad : {"", "2026-11-14", "2026-11-14T09:30:00", "2026-13-01T00:00:00Z",
                          "2026-02-30T00:00:00Z", "2026-11-14T24:00:00Z", "x026-11-14T09:30:00Z",
                          "2026-11-14T09:30:00+1:00", "2026-11-14T09:30:00Zjunk"}) {
    auto parsed = ParseIsoMinutes(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, "invalid_time");
  }
  EXPECT_EQ(IsoWeekday(0), 4);  // 1970-01-01 was a Thursday
  EXPECT_EQ(IsoWeekday(-1), 3);
  EXPECT_EQ(IsoWeekday(Utc("2026-11-29T00:00:00Z") / kMinutesPerDay), 7);
}

}  // namespace
}  // namespace shrimp::logistics
