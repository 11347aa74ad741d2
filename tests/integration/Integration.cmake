# Integration tests: the real tshark with the freshly built plugin, under pytest
# (tests/integration/conftest.py). One ctest test per module test_<topic>.py,
# named integration.<topic>; a module that skipped a test and failed none
# reports "Skipped" (exit 77).
find_package(Python3 REQUIRED COMPONENTS Interpreter)
find_program(TSHARK tshark REQUIRED)

# An interpreter that can import pytest: Debian's python3-pytest serves
# /usr/bin/python3, while a python3 earlier on PATH (pyenv, venv) may lack it.
set(SIPCAT_PYTEST_PYTHON "" CACHE FILEPATH "Python interpreter with pytest, for the integration tests")
if(NOT SIPCAT_PYTEST_PYTHON)
  foreach(_candidate /usr/bin/python3 ${Python3_EXECUTABLE})
    execute_process(COMMAND ${_candidate} -c "import pytest" RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
    if(_rc EQUAL 0)
      set(SIPCAT_PYTEST_PYTHON ${_candidate} CACHE FILEPATH "Python interpreter with pytest, for the integration tests" FORCE)
      break()
    endif()
  endforeach()
endif()
if(NOT SIPCAT_PYTEST_PYTHON)
  message(FATAL_ERROR "No Python interpreter can import pytest (tried /usr/bin/python3 and ${Python3_EXECUTABLE}): "
                      "apt-get install python3-pytest, or give -DSIPCAT_PYTEST_PYTHON=/path/to/python")
endif()
message(STATUS "Integration tests run with pytest under ${SIPCAT_PYTEST_PYTHON}")

set(_preload)
if(SIPCAT_ASAN_RUNTIME)
  set(_preload --preload ${SIPCAT_ASAN_RUNTIME})
endif()
file(GLOB _modules CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/integration/test_*.py)
foreach(_module IN LISTS _modules)
  get_filename_component(_topic ${_module} NAME_WE)
  string(REGEX REPLACE "^test_" "" _topic ${_topic})
  add_test(NAME integration.${_topic}
    COMMAND ${SIPCAT_PYTEST_PYTHON} -m pytest -v ${_module}
            --plugin $<TARGET_FILE:sipcat> --series ${SIPCAT_WS_SERIES} --source ${CMAKE_SOURCE_DIR} ${_preload}
            --skipped-exit 77
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/integration)
  # No __pycache__ written into the source tree.
  set_tests_properties(integration.${_topic} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 1800
    ENVIRONMENT PYTHONDONTWRITEBYTECODE=1)
endforeach()
