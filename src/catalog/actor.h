// Actor: who is asking the catalogue for something. Anonymous readers have
// user_id 0. The api/ layer builds it from the request's session.
#pragma once

#include <cstdint>

namespace shrimp::catalog {

struct Actor {
  int64_t user_id = 0;       // 0: anonymous
  bool is_operator = false;  // operators run the marketplace and see everything

  bool anonymous() const { return user_id == 0; }
};

}  // namespace shrimp::catalog
