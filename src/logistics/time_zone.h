// TimeZone: IANA time zones and daylight saving, from Howard Hinnant's
// date/tz library (Debian's libhowardhinnant-date-dev, built with
// USE_OS_TZDB=1, so it reads the system's tzdata in /usr/share/zoneinfo and
// never downloads anything). No offset or DST rule is written by hand here.
//
// Times are whole minutes: UTC minutes since the Unix epoch, and "local
// minutes", the same count on the zone's wall clock.
//
// Only this file's .cc includes date/tz.h: the library's compile
// definitions stay out of every other translation unit.
//
// Thread-safe: a TimeZone is an immutable pointer into the loaded database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace shrimp::logistics {

inline constexpr int64_t kMinutesPerDay = 24 * 60;
inline constexpr int64_t kMinutesPerWeek = 7 * kMinutesPerDay;

class TimeZone {
 public:
  // UTC.
  TimeZone() = default;
  // Errors: unknown_time_zone.
  static Result<TimeZone> Find(std::string_view iana_name);

  // The wall-clock minute in this zone at `utc_minutes`.
  int64_t ToLocal(int64_t utc_minutes) const;
  // The UTC minute of a wall-clock minute. A time that does not exist (the
  // hour skipped when clocks go forward) maps to the instant the clocks
  // jump, and an ambiguous one (the hour repeated when they go back) to its
  // first occurrence: so a 02:30 departure on a spring-forward day leaves at
  // 03:00 local, and one on the autumn day leaves once.
  int64_t ToUtc(int64_t local_minutes) const;
  // The UTC offset at `utc_minutes`, in minutes (e.g. +120 for CEST).
  int64_t OffsetAt(int64_t utc_minutes) const { return ToLocal(utc_minutes) - utc_minutes; }

  const std::string& name() const { return name_; }

 private:
  TimeZone(const void* zone, std::string name) : zone_(zone), name_(std::move(name)) {}
  const void* zone_ = nullptr;  // const date::time_zone*; nullptr: UTC
  std::string name_ = "UTC";
};

// Day of the week of a day count since the epoch: 1 = Monday ... 7 = Sunday (ISO 8601).
inline int IsoWeekday(int64_t days_since_epoch) {
  // 1970-01-01 was a Thursday (4).
  int64_t weekday = (days_since_epoch + 3) % 7;
  if (weekday < 0) weekday += 7;
  return static_cast<int>(weekday) + 1;
}

inline int64_t FloorDiv(int64_t value, int64_t divisor) {
  int64_t quotient = value / divisor;
  if ((value % divisor != 0) && ((value < 0) != (divisor < 0))) quotient -= 1;
  return quotient;
}

// "2026-11-14T09:30:00Z" for a UTC minute; "2026-11-14T10:30:00+01:00" with an offset.
std::string FormatIsoMinutes(int64_t utc_minutes, int64_t offset_minutes = 0, bool utc_z = true);

// Parses an ISO 8601 time with an offset or Z ("2026-11-14T09:30:00Z",
// "2026-11-14T10:30+01:00", seconds optional and dropped). Errors: invalid_time.
Result<int64_t> ParseIsoMinutes(std::string_view text);

}  // namespace shrimp::logistics
