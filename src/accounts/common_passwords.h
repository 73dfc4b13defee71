// The compiled-in list of common passwords (see common_passwords.cc).
#pragma once

#include <span>
#include <string_view>

namespace shrimp::accounts {

// Lower-case entries, unsorted, without duplicates. Immutable.
std::span<const std::string_view> CommonPasswords();

}  // namespace shrimp::accounts
