# Sanitizers.cmake: the sanitizer and fuzzing builds of the compiler (docs/testing.md, "Fuzzing and
# sanitizers"). Included by compiler/CMakeLists.txt before its targets, so the flags reach the compiler's
# libraries and tools only: the runtimes (runtime-lib, wasi-shim) are freestanding code built by custom
# commands per target and are never sanitized.
#
#   -DW2N_SANITIZE=address,undefined   wasm2native and libw2n_core instrumented with those sanitizers
#   -DW2N_FUZZ=ON                      also (or instead) the libFuzzer target w2n-fuzz-decode: every
#                                      compiler source built with -fsanitize=fuzzer-no-link plus
#                                      W2N_SANITIZE (default address,undefined)
#
# Both need clang (CMAKE_CXX_COMPILER=clang++-19): libFuzzer and the matching sanitizer runtimes come
# from libclang-rt-19-dev. LLVM itself (libLLVM-19.so, the lld archives) stays uninstrumented, which
# AddressSanitizer and UBSan accept: they check the code we build, and intercept malloc everywhere.
set(W2N_SANITIZE "" CACHE STRING
    "Comma-separated clang sanitizers for the compiler tool and its libraries (e.g. address,undefined)")
option(W2N_FUZZ "Build the libFuzzer target w2n-fuzz-decode (clang only; implies W2N_SANITIZE)" OFF)

if(W2N_FUZZ AND W2N_SANITIZE STREQUAL "")
  set(W2N_SANITIZE address,undefined)
endif()

if(NOT W2N_SANITIZE STREQUAL "")
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "W2N_SANITIZE/W2N_FUZZ need clang: configure a separate build dir with "
                        "-DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_C_COMPILER=clang-19")
  endif()
  set(W2N_SANITIZER_FLAGS -fsanitize=${W2N_SANITIZE} -fno-omit-frame-pointer -g)
  if(W2N_SANITIZE MATCHES "undefined")
    # Every UBSan finding stops the program (a sanitizer run must fail, not print and go on). The
    # vptr check needs RTTI, which the compiler is built without (as LLVM is).
    list(APPEND W2N_SANITIZER_FLAGS -fno-sanitize-recover=undefined -fno-sanitize=vptr)
  endif()
  # clang 19 reports libstdc++ 12's own use of the deprecated std::get_temporary_buffer (inside
  # std::stable_sort) as if it were ours; g++, the normal build's compiler, does not.
  list(APPEND W2N_SANITIZER_FLAGS -Wno-deprecated-declarations)
  add_compile_options(${W2N_SANITIZER_FLAGS})
  add_link_options(-fsanitize=${W2N_SANITIZE})
  message(STATUS "wasm2native: compiler built with -fsanitize=${W2N_SANITIZE}")
endif()

if(W2N_FUZZ)
  # Coverage instrumentation for libFuzzer in every compiler source; only the fuzz target links
  # libFuzzer's main (-fsanitize=fuzzer on its link line, compiler/tools/fuzz).
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
