// Country codes: ISO 3166-1 alpha-2, upper case ("CN", "FR").
#pragma once

#include <string_view>

namespace shrimp {

// True for an officially assigned ISO 3166-1 alpha-2 code, upper case.
bool IsCountryCode(std::string_view code);

}  // namespace shrimp
