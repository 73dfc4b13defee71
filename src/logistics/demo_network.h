// The demo delivery network: 135 cities in China, Europe and South-East Asia
// (and the other cities the demo shops are in), regional hubs, cross-border
// gateways at Hangzhou, Hong Kong, Kuala Lumpur, Liège, Dubai and Moscow,
// and three carriers running express and standard services.
//
// Deterministic: the same network every time (no randomness, no clock), so
// promises in the demo, the tests and the benchmarks are reproducible.
// `shrimp logistics export-demo DIR` writes it in the file format.
#pragma once

#include "logistics/network.h"

namespace shrimp::logistics {

Network DemoNetwork();

}  // namespace shrimp::logistics
