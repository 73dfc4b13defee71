// Names the calling thread for top -H, perf and gdb ("shrimp-writer", ...).
#pragma once

#include <pthread.h>

#include <string>

namespace shrimp {

// Linux keeps 15 bytes of a thread's name: longer names are cut.
inline void NameThisThread(std::string name) {
  if (name.size() > 15) name.resize(15);
  pthread_setname_np(pthread_self(), name.c_str());
}

}  // namespace shrimp
