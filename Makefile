# The two commands a newcomer needs:
#   make run   installs what is missing, builds, and serves the demo marketplace
#   make test  installs, builds, and runs every test suite
BUILD_DIR ?= build
DATA_DIR ?= data
PORT ?= 8080
JOBS ?= $(shell nproc)

.PHONY: setup build run test bench clean format format-check

setup:
	@scripts/setup

build: setup
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@$(BUILD_DIR)/shrimp serve --data $(DATA_DIR) --port $(PORT) --demo --sandbox

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600

# Release build, fresh server, load generator and micro-benchmarks; one table.
bench: setup
	@scripts/bench

clean:
	rm -rf $(BUILD_DIR)

# Formatting: .clang-format; both over every C++ file git knows (src, tests,
# bench, fuzz). format-check changes nothing and lists what differs.
format: setup
	@scripts/check-format --fix

format-check: setup
	@scripts/check-format
