#include "logistics/time_zone.h"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <cstdio>
#include <exception>

namespace shrimp::logistics {
namespace {

using Minutes = std::chrono::minutes;

const date::time_zone* Zone(const void* zone) { return static_cast<const date::time_zone*>(zone); }

}  // namespace

Result<TimeZone> TimeZone::Find(std::string_view iana_name) {
  try {
    const date::time_zone* zone = date::locate_zone(iana_name);
    return TimeZone(zone, std::string(iana_name));
  } catch (const std::exception&) {
    return InvalidArgument("unknown_time_zone", "not an IANA time zone in the system's tzdata: " +
                                                    std::string(iana_name.substr(0, 64)));
  }
}

int64_t TimeZone::ToLocal(int64_t utc_minutes) const {
  if (zone_ == nullptr) return utc_minutes;
  date::sys_time<Minutes> utc{Minutes{utc_minutes}};
  auto info = Zone(zone_)->get_info(utc);
  return utc_minutes + std::chrono::duration_cast<Minutes>(info.offset).count();
}

int64_t TimeZone::ToUtc(int64_t local_minutes) const {
  if (zone_ == nullptr) return local_minutes;
  date::local_time<Minutes> local{Minutes{local_minutes}};
  auto info = Zone(zone_)->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
      // The first of two occurrences is the one at the earlier offset.
      return local_minutes - std::chrono::duration_cast<Minutes>(info.first.offset).count();
    case date::local_info::nonexistent:
      // The gap ends where the second period begins.
      return std::chrono::duration_cast<Minutes>(info.second.begin.time_since_epoch()).count();
  }
  return local_minutes - std::chrono::duration_cast<Minutes>(info.first.offset).count();
}

std::string FormatIsoMinutes(int64_t utc_minutes, int64_t offset_minutes, bool utc_z) {
  int64_t local = utc_minutes + offset_minutes;
  date::sys_days day{date::days(static_cast<int>(FloorDiv(local, kMinutesPerDay)))};
  date::year_month_day ymd{day};
  int64_t minute_of_day = local - FloorDiv(local, kMinutesPerDay) * kMinutesPerDay;
  char text[40];
  if (utc_z && offset_minutes == 0) {
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:00Z", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(minute_of_day / 60),
                  int(minute_of_day % 60));
  } else {
    int64_t magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:00%c%02d:%02d", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(minute_of_day / 60),
                  int(minute_of_day % 60), offset_minutes < 0 ? '-' : '+', int(magnitude / 60),
                  int(magnitude % 60));
  }
  return text;
}

Result<int64_t> ParseIsoMinutes(std::string_view text) {
  Error invalid = InvalidArgument("invalid_time",
                                  "a time is ISO 8601 with an offset, like 2026-11-14T09:30:00Z");
  auto digits = [&](size_t at, size_t count, int& value) {
    if (at + count > text.size()) return false;
    value = 0;
    for (size_t index = at; index < at + count; ++index) {
      if (text[index] < '0' || text[index] > '9') return false;
      value = value * 10 + (text[index] - '0');
    }
    return true;
  };
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() > 40 || !digits(0, 4, year) || text.size() < 16 || text[4] != '-' ||
      !digits(5, 2, month) || text[7] != '-' || !digits(8, 2, day) ||
      (text[10] != 'T' && text[10] != ' ') || !digits(11, 2, hour) || text[13] != ':' ||
      !digits(14, 2, minute)) {
    return invalid;
  }
  size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!digits(at + 1, 2, second)) return invalid;
    at += 3;
    if (at < text.size() && text[at] == '.') {
      at += 1;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') at += 1;
    }
  }
  int64_t offset = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z') && at + 1 == text.size()) {
    offset = 0;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int offset_hours, offset_minutes;
    if (!digits(at + 1, 2, offset_hours) || at + 3 >= text.size() || text[at + 3] != ':' ||
        !digits(at + 4, 2, offset_minutes) || at + 6 != text.size() || offset_hours > 18 ||
        offset_minutes > 59) {
      return invalid;
    }
    offset = (offset_hours * 60 + offset_minutes) * (text[at] == '-' ? -1 : 1);
  } else {
    return invalid;
  }
  date::year_month_day ymd{date::year{year}, date::month{unsigned(month)},
                           date::day{unsigned(day)}};
  if (!ymd.ok() || year < 1970 || year > 2200 || hour > 23 || minute > 59 || second > 60) {
    return invalid;
  }
  int64_t days = date::sys_days{ymd}.time_since_epoch().count();
  return days * kMinutesPerDay + hour * 60 + minute - offset;
}

}  // namespace shrimp::logistics
