# Builds the fuzz targets with clang in their own tree; run by the ctest test
# `fuzz_build`, which the fuzz runs need (a fixture). Fails with a message
# saying what is missing, so the fuzz tests never silently disappear.
#   cmake -DCLANGXX=... -DSOURCE_DIR=<repo>/fuzz -DBINARY_DIR=<build>/fuzz [-DSHRIMP_WERROR=ON]
#         -P build.cmake
if(NOT CLANGXX OR NOT EXISTS "${CLANGXX}")
  message(FATAL_ERROR "fuzz: clang++ not found; the fuzz tests need clang and libFuzzer "
                      "(Debian: clang libclang-rt-dev; run scripts/setup)")
endif()
set(launcher "")
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(launcher "-DCMAKE_CXX_COMPILER_LAUNCHER=${CCACHE_PROGRAM}")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${BINARY_DIR} -G Ninja
          -DCMAKE_CXX_COMPILER=${CLANGXX} -DSHRIMP_WERROR=${SHRIMP_WERROR} ${launcher}
  RESULT_VARIABLE configured)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "fuzz: configuring ${SOURCE_DIR} with ${CLANGXX} failed (see above)")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} RESULT_VARIABLE built)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "fuzz: building the fuzz targets failed (see above)")
endif()
# libFuzzer adds what it finds to the first corpus directory: a working copy
# in the build tree, so the seeds in the source tree stay as committed.
file(MAKE_DIRECTORY ${BINARY_DIR}/corpus/http_request_fuzz ${BINARY_DIR}/corpus/json_body_fuzz
     ${BINARY_DIR}/artifacts)
