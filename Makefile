# The two commands a newcomer needs:
#   make run   installs what is missing, builds, and serves the demo marketplace
#   make test  installs, builds, and runs every test suite
BUILD_DIR ?= build
DATA_DIR ?= data
PORT ?= 8080
JOBS ?= $(shell nproc)

SANITIZE_DIR ?= build-asan
# Left out of the sanitizer run: the test uses up every file descriptor in the
# test process, and UBSan's runtime then cannot open the pipe it probes memory
# with, so its vptr check reports a false "invalid vptr" inside Boost.Asio.
SANITIZE_SKIP ?= ^Server\.AcceptFailuresBackOffInsteadOfSpinning$$

.PHONY: setup build run test sanitize bench clean format format-check

setup:
	@scripts/setup

build: setup
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@$(BUILD_DIR)/shrimp serve --data $(DATA_DIR) --port $(PORT) --demo --sandbox

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600

# The unit and API suites again, built with ASan + UBSan in their own tree
# ($(SANITIZE_DIR)): -O1 keeps the run fast and the stacks readable, -g1 (line
# tables) is all a report needs and compiles faster than -g. The server the
# API tests start is the sanitized one too. Browser and fuzz suites are left
# out (the fuzz targets are sanitized already, the browser adds nothing here).
sanitize: setup
	@cmake -S . -B $(SANITIZE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" -DSHRIMP_SANITIZE=ON -DSHRIMP_BUILD_WEB=OFF \
	  $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(SANITIZE_DIR) -j $(JOBS) --target shrimp unit_tests api_tests failover_tests
	@cd $(SANITIZE_DIR) && ctest -L "unit|api" -E "$(SANITIZE_SKIP)" --output-on-failure \
	  -j $(JOBS) --timeout 900

# Release build, fresh server, load generator and micro-benchmarks; one table.
bench: setup
	@scripts/bench

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR)

# Formatting: .clang-format; both over every C++ file git knows (src, tests,
# bench, fuzz). format-check changes nothing and lists what differs.
format: setup
	@scripts/check-format --fix

format-check: setup
	@scripts/check-format
