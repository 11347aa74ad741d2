# Fuzz targets for the plain C++ part (tests/fuzz/targets). With SIPCAT_FUZZERS
# (clang) they are libFuzzer binaries, run by tests/fuzz/run-libfuzzer; in every
# other build each is linked with replay_main.cpp and replays its committed seed
# corpus (tests/fuzz/corpus/<target>) as a test.
set(SIPCAT_FUZZ_TARGETS fuzz_warning_header fuzz_sip_message fuzz_sip_text fuzz_catalogue fuzz_override_row fuzz_diagnoser fuzz_silence)
foreach(t IN LISTS SIPCAT_FUZZ_TARGETS)
  if(SIPCAT_FUZZERS)
    add_executable(${t} ${CMAKE_CURRENT_LIST_DIR}/targets/${t}.cpp)
    target_link_options(${t} PRIVATE -fsanitize=fuzzer)
  else()
    add_executable(${t} ${CMAKE_CURRENT_LIST_DIR}/targets/${t}.cpp ${CMAKE_CURRENT_LIST_DIR}/replay_main.cpp)
    add_test(NAME fuzz.replay.${t} COMMAND ${t} ${CMAKE_CURRENT_LIST_DIR}/corpus/${t})
  endif()
  target_link_libraries(${t} PRIVATE sipcat_builtin)
  sipcat_warnings(${t})
endforeach()
