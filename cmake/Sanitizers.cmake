# SIPCAT_SANITIZE: every target of this build (core, plugin, unit tests) with
# ASan + UBSan. UBSan does not recover, so a finding ends the process and fails
# the test. tshark itself is not instrumented: the integration tests preload the
# ASan runtime (SIPCAT_ASAN_RUNTIME) into it, as a plugin's runtime must come first.
if(SIPCAT_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "SIPCAT_SANITIZE needs GCC or Clang")
  endif()
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # Clang links its runtime statically into executables; the plugin (a module)
    # gets the shared one (see sipcat_sanitize_module), which tshark must preload.
    set(_asan_name libclang_rt.asan-${CMAKE_SYSTEM_PROCESSOR}.so)
  else()
    set(_asan_name libasan.so)
  endif()
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${_asan_name}
                  OUTPUT_VARIABLE SIPCAT_ASAN_RUNTIME OUTPUT_STRIP_TRAILING_WHITESPACE)
  get_filename_component(SIPCAT_ASAN_RUNTIME "${SIPCAT_ASAN_RUNTIME}" REALPATH)
  if(NOT EXISTS "${SIPCAT_ASAN_RUNTIME}")
    message(FATAL_ERROR "SIPCAT_SANITIZE: the ASan runtime ${_asan_name} was not found")
  endif()
  message(STATUS "Sanitized build; tshark will run with LD_PRELOAD=${SIPCAT_ASAN_RUNTIME}")
endif()

# SIPCAT_FUZZERS: coverage for libFuzzer in everything the targets link.
if(SIPCAT_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "SIPCAT_FUZZERS needs clang (CC=clang CXX=clang++); other builds replay the corpus instead")
  endif()
  if(NOT SIPCAT_SANITIZE)
    message(FATAL_ERROR "SIPCAT_FUZZERS needs SIPCAT_SANITIZE=ON")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

function(sipcat_sanitize_module target)
  if(SIPCAT_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    target_link_options(${target} PRIVATE -shared-libsan)
  endif()
endfunction()
