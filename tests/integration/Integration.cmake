# Integration tests: the real tshark with the freshly built plugin (tests/integration/run.py).
find_package(Python3 REQUIRED COMPONENTS Interpreter)
find_program(TSHARK tshark REQUIRED)
set(_tests plugin_loads golden_one_pass golden_two_pass verbose json ek wrapped_lines method_specific_text
    filters expert_severity bad_status languages language_auto
    diagnosis diagnosis_experts readers missing_headers phrase_differs public_captures
    overrides_profile overrides_global_personal overrides_option_rows overrides_bad_rows severity_prefs
    stats_tree stats_tree_filter stats_public
    batch_folder batch_merge batch_html batch_interrupt batch_public
    hostile_every_pass hostile_status_codes hostile_undecoded hostile_text hostile_burst hostile_truncated
    state_released header_values readers_modes)
set(_preload)
if(SIPCAT_ASAN_RUNTIME)
  set(_preload --preload ${SIPCAT_ASAN_RUNTIME})
endif()
foreach(t IN LISTS _tests)
  add_test(NAME integration.${t}
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/integration/run.py
            --plugin $<TARGET_FILE:sipcat> --series ${SIPCAT_WS_SERIES} --source ${CMAKE_SOURCE_DIR} ${_preload} ${t})
  set_tests_properties(integration.${t} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
endforeach()
