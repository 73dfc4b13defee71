// Principal: who is making a request, as authentication found it.
#pragma once

#include <cstdint>
#include <string_view>

namespace shrimp::accounts {

enum class Role { kBuyer, kMerchant, kOperator };
std::string_view RoleName(Role role);

struct Principal {
  int64_t user_id = 0;
  Role role = Role::kBuyer;
  int64_t session_id = 0;
  bool is_operator() const { return role == Role::kOperator; }
};

}  // namespace shrimp::accounts
